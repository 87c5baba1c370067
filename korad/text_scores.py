"""Korean-aware text overlap: ROUGE-L, chrF and BLEU, per answer and over a corpus.

- chrF (sacrebleu): character n-grams, no tokenizer needed;
- ROUGE-L (rouge-score's scorer) over Kiwi morphemes: rouge-score's default tokenizer keeps only
  ``[a-z0-9]`` and turns Hangul into nothing;
- BLEU (sacrebleu, ``tokenize="none"`` over Kiwi morphemes; effective order for single answers).

Scores are on a 0-1 scale. The ``korad_text`` metric module (``eval/metrics/korad_text``) computes
through ``text_scores``.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

BLEU_SIGNATURE = "sacrebleu BLEU, tokenize=none over Kiwi morphemes (kiwipiepy), effective order for one answer"
TEXT_METRICS = ("rouge_l", "chrf", "bleu")


@cache
def _kiwi():
    from kiwipiepy import Kiwi

    return Kiwi()


def morphemes(text: str) -> list[str]:
    """Kiwi morphemes of ``text`` (lowercased), punctuation left out."""
    return [t.form.lower() for t in _kiwi().tokenize(text) if not t.tag.startswith("S") or t.tag in ("SL", "SN", "SH")]


class KiwiTokenizer:
    """A rouge-score tokenizer (an object with ``tokenize``) that splits Korean into morphemes."""

    def tokenize(self, text: str) -> list[str]:
        return morphemes(text)


@cache
def _rouge():
    from rouge_score import rouge_scorer

    return rouge_scorer.RougeScorer(["rougeL"], tokenizer=KiwiTokenizer())


def rouge_l(answer: str, reference: str) -> float:
    """ROUGE-L F-measure over Kiwi morphemes."""
    return _rouge().score(reference, answer)["rougeL"].fmeasure


def chrf(answer: str, reference: str) -> float:
    """chrF of one answer (0-1)."""
    from sacrebleu.metrics import CHRF

    return _unit(CHRF().sentence_score(answer, [reference]).score)


def _unit(score: float) -> float:
    """A sacrebleu score (0-100) on the 0-1 scale, without float overshoot (100.00000000000004)."""
    return min(max(score / 100, 0.0), 1.0)


def _spaced(text: str) -> str:
    return " ".join(morphemes(text))


def bleu(answer: str, reference: str) -> float:
    """BLEU of one answer (0-1) over Kiwi morphemes; see ``BLEU_SIGNATURE``."""
    from sacrebleu.metrics import BLEU

    scorer = BLEU(tokenize="none", effective_order=True)
    return _unit(scorer.sentence_score(_spaced(answer), [_spaced(reference)]).score)


def text_scores(
    predictions: Sequence[str], references: Sequence[str], aggregate: bool = True
) -> dict[str, float | list[float]]:
    """ROUGE-L, chrF and BLEU of ``predictions`` against ``references``.

    ``aggregate``: ROUGE-L is the mean over answers, chrF and BLEU are sacrebleu's corpus scores;
    otherwise each is the list of per-answer scores.
    """
    if len(predictions) != len(references):
        raise ValueError(f"{len(predictions)} predictions but {len(references)} references")
    if not aggregate:
        return {
            "rouge_l": [rouge_l(p, r) for p, r in zip(predictions, references, strict=True)],
            "chrf": [chrf(p, r) for p, r in zip(predictions, references, strict=True)],
            "bleu": [bleu(p, r) for p, r in zip(predictions, references, strict=True)],
        }
    from sacrebleu.metrics import BLEU, CHRF

    rouge = [rouge_l(p, r) for p, r in zip(predictions, references, strict=True)]
    corpus_bleu = BLEU(tokenize="none").corpus_score(
        [_spaced(p) for p in predictions], [[_spaced(r) for r in references]]
    )
    return {
        "rouge_l": sum(rouge) / len(rouge) if rouge else 0.0,
        "chrf": _unit(CHRF().corpus_score(list(predictions), [list(references)]).score),
        "bleu": _unit(corpus_bleu.score),
    }
