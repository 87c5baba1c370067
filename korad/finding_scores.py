"""Agreement between two sets of findings labels: per-observation and macro F1.

A label counts as a true positive only when both sides give the observation the same polarity;
a label on one side only, or with another polarity, is a false positive for the side that has it
and a false negative for the other. Used to score the labeler against hand labels and, in eval,
answers against reference answers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from korad.lexicon import OBSERVATIONS


@dataclass(frozen=True)
class Scores:
    """Per-observation F1 (observations that occur on either side only) and their mean."""

    per_observation: dict[str, float]
    support: dict[str, int]

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
                tp=tp, fp=fp, fn=fn, support=ref.get(observation) is not None
            )
    ordered = [o for o in observations if o in counts]
    per_observation = {o: _f1(counts[o]["tp"], counts[o]["fp"], counts[o]["fn"]) for o in ordered}
    return Scores(per_observation, {o: counts[o]["support"] for o in ordered})


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
