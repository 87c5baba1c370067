"""Agreement between two sets of findings labels: per-observation and macro F1.

A label counts as a true positive only when both sides give the observation the same polarity;
a label on one side only, or with another polarity, is a false positive for the side that has it
and a false negative for the other. Used to score the labeler against hand labels and, in eval,
answers against reference answers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
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


def finding_f1(
    reference: Iterable[Mapping[str, str]],
    predicted: Iterable[Mapping[str, str]],
    observations: Iterable[str] = OBSERVATIONS,
) -> Scores:
    """F1 of ``predicted`` labels against ``reference`` labels, pair by pair."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    support: Counter[str] = Counter()
    for ref, pred in zip(reference, predicted, strict=True):
        for observation in observations:
            r, p = ref.get(observation), pred.get(observation)
            support[observation] += r is not None
            if r is not None and r == p:
                tp[observation] += 1
                continue
            if p is not None:
                fp[observation] += 1
            if r is not None:
                fn[observation] += 1
    per_observation = {o: 2 * tp[o] / (2 * tp[o] + fp[o] + fn[o]) for o in observations if tp[o] + fp[o] + fn[o]}
    return Scores(per_observation, {o: support[o] for o in per_observation})
