"""Agreement between two sets of findings labels: per-observation and macro F1.

A label counts as a true positive only when both sides give the observation the same polarity;
a label on one side only, or with another polarity, is a false positive for the side that has it
and a false negative for the other. Used to score the labeler against hand labels and, in eval
(the ``korad_findings`` metric module), answers against reference answers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from korad.findings import label_report
from korad.lexicon import EXTRA_OBSERVATIONS, OBSERVATIONS

SCORED = (*(o for o in OBSERVATIONS if o != "No Finding"), *EXTRA_OBSERVATIONS)
"""Observations an answer is scored on: the 14 CheXpert ones but ``No Finding`` (implied by the others,
never stated), then the extra vocabulary (nodule, emphysema, device types ...)."""
_RANK = {"negative": 0, "uncertain": 1, "positive": 2}


@dataclass(frozen=True)
class Scores:
    """Per-observation F1 (observations that occur on either side only) and their mean."""

    per_observation: dict[str, float]
    support: dict[str, int]
    counts: tuple[int, int, int] = (0, 0, 0)
    """True positives, false positives and false negatives over all observations."""

    @property
    def micro_f1(self) -> float:
        tp, fp, fn = self.counts
        return _f1(tp, fp, fn) if tp + fp + fn else 1.0

    @property
    def macro_f1(self) -> float:
        values = list(self.per_observation.values())
        return sum(values) / len(values) if values else 1.0


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn)


def _count(
    reference: Mapping[str, str], predicted: Mapping[str, str], observations: Iterable[str]
) -> Iterator[tuple[str, int, int, int]]:
    """(observation, tp, fp, fn) of one pair of label sets, for each observation either side labels."""
    for observation in observations:
        r, p = reference.get(observation), predicted.get(observation)
        if r is None and p is None:
            continue
        same = r == p
        yield observation, int(same), int(not same and p is not None), int(not same and r is not None)


def finding_f1(
    reference: Iterable[Mapping[str, str]],
    predicted: Iterable[Mapping[str, str]],
    observations: Iterable[str] = OBSERVATIONS,
) -> Scores:
    """Per-observation F1 of ``predicted`` labels against ``reference`` labels over pairs of reports."""
    observations = tuple(observations)
    counts: dict[str, Counter[str]] = {}
    for ref, pred in zip(reference, predicted, strict=True):
        for observation, tp, fp, fn in _count(ref, pred, observations):
            counts.setdefault(observation, Counter()).update(
                tp=tp, fp=fp, fn=fn, support=int(ref.get(observation) is not None)
            )
    ordered = [o for o in observations if o in counts]
    per_observation = {o: _f1(counts[o]["tp"], counts[o]["fp"], counts[o]["fn"]) for o in ordered}
    totals = tuple(sum(counts[o][key] for o in ordered) for key in ("tp", "fp", "fn"))
    return Scores(per_observation, {o: counts[o]["support"] for o in ordered}, totals)


def label_f1(
    reference: Mapping[str, str], predicted: Mapping[str, str], observations: Iterable[str] = OBSERVATIONS
) -> float:
    """F1 of one text's labels against another's, over all their labels; 1.0 when neither has any.

    >>> label_f1({"Pneumothorax": "negative", "Edema": "positive"}, {"Pneumothorax": "negative"})
    0.6666666666666666
    """
    tp = fp = fn = 0
    for _, t, p, n in _count(reference, predicted, observations):
        tp, fp, fn = tp + t, fp + p, fn + n
    return _f1(tp, fp, fn) if tp + fp + fn else 1.0


def observation_labels(text: str) -> dict[str, str]:
    """The labels of ``text`` over the 14 CheXpert observations and the extra vocabulary.

    An extra observation takes the strongest status of its mentions (positive over uncertain over
    negative), as the CheXpert labels do.
    """
    findings = label_report(text)
    labels = dict(findings.labels)
    for detail in findings.details:
        if detail.observation in EXTRA_OBSERVATIONS:
            current = labels.get(detail.observation)
            if current is None or _RANK[detail.status] > _RANK[current]:
                labels[detail.observation] = detail.status
    return labels


def finding_agreement(predictions: Sequence[str], references: Sequence[str], aggregate: bool = True) -> dict[str, Any]:
    """Finding F1 of answers against reference answers over ``SCORED`` (the ``korad_findings`` module).

    ``aggregate``: ``micro_f1`` (over all labels), ``macro_f1`` (mean over observations either side
    labels), ``per_observation`` F1 and ``support`` (reference labels per observation); otherwise
    ``finding_f1``, the list of per-answer F1 (1.0 when neither side labels anything).
    """
    if len(predictions) != len(references):
        raise ValueError(f"{len(predictions)} predictions but {len(references)} references")
    predicted = [observation_labels(p) for p in predictions]
    reference = [observation_labels(r) for r in references]
    if not aggregate:
        return {"finding_f1": [label_f1(r, p, SCORED) for r, p in zip(reference, predicted, strict=True)]}
    scores = finding_f1(reference, predicted, SCORED)
    return {
        "micro_f1": scores.micro_f1,
        "macro_f1": scores.macro_f1,
        "per_observation": scores.per_observation,
        "support": scores.support,
    }
