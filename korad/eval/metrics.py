"""Reference and clinical metrics that work on Korean.

- chrF (sacrebleu): character n-grams, no tokenizer needed;
- ROUGE-L (rouge-score's scorer) over Kiwi morphemes: rouge-score's default tokenizer keeps only
  ``[a-z0-9]`` and turns Hangul into nothing;
- BLEU (sacrebleu, ``tokenize="none"`` over Kiwi morphemes, effective order for sentences);
- finding F1: the findings labeler on the answer and on the reference; F1 over (observation,
  polarity) pairs, "No Finding" left out (it is implied, never stated);
- contradiction: the answer asserts a finding its report negates, or denies one the report states.

Every metric is computed per (question, model), so the report can bootstrap its intervals.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import pandas as pd

from korad.chat.grounding import check_answer
from korad.eval.compare import answered
from korad.finding_scores import label_f1
from korad.findings import label
from korad.lexicon import OBSERVATIONS

REFERENCE_METRICS = ("chrf", "rouge_l", "bleu", "finding_f1")
METRICS = (*REFERENCE_METRICS, "contradiction")
BLEU_SIGNATURE = "sacrebleu BLEU, tokenize=none over Kiwi morphemes (kiwipiepy), effective order"


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
    """chrF (0-1)."""
    from sacrebleu.metrics import CHRF

    return CHRF().sentence_score(answer, [reference]).score / 100


def bleu(answer: str, reference: str) -> float:
    """Sentence BLEU (0-1) over Kiwi morphemes; see ``BLEU_SIGNATURE``."""
    from sacrebleu.metrics import BLEU

    scorer = BLEU(tokenize="none", effective_order=True)
    return scorer.sentence_score(" ".join(morphemes(answer)), [" ".join(morphemes(reference))]).score / 100


SCORED = tuple(o for o in OBSERVATIONS if o != "No Finding")
"""Observations an answer states (``No Finding`` is implied by the others, not stated)."""


def finding_f1(answer: str, reference: str) -> float:
    """F1 of the answer's (observation, polarity) labels against the reference's; 1.0 when neither states any."""
    return label_f1(label(reference), label(answer), SCORED)


def contradicts(report: str | None, answer: str) -> bool:
    """Whether ``answer`` contradicts ``report`` (the Space's grounding check)."""
    return not check_answer(report, answer).ok


def row_metrics(report: str | None, answer: str, reference: str | None) -> dict[str, float | None]:
    """All metrics of one answer (reference metrics are None without a reference)."""
    values: dict[str, float | None] = dict.fromkeys(METRICS)
    if reference:
        values.update(
            chrf=chrf(answer, reference),
            rouge_l=rouge_l(answer, reference),
            bleu=bleu(answer, reference),
            finding_f1=finding_f1(answer, reference),
        )
    if report:
        values["contradiction"] = float(contradicts(report, answer))
    return values


def compute_metrics(table: pd.DataFrame) -> pd.DataFrame:
    """One row per (qa_id, model, metric) with its value; unanswered pairs are left out."""
    rows: list[dict[str, Any]] = []
    for record, model, answer in answered(table):
        values = row_metrics(record.get("report"), answer, record.get("reference"))
        rows.extend(
            {"qa_id": record["qa_id"], "model": model, "metric": metric, "value": value}
            for metric, value in values.items()
            if value is not None
        )
    frame = pd.DataFrame(rows, columns=["qa_id", "model", "metric", "value"])
    frame["value"] = frame["value"].astype(float)
    return frame
