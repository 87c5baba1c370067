"""Bootstrap statistics: confidence intervals of a mean and paired significance between models."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Interval:
    mean: float
    low: float
    high: float
    n: int

    def __str__(self) -> str:
        return f"{self.mean:.3f} [{self.low:.3f}, {self.high:.3f}]" if self.n else "n/a"


def bootstrap_ci(values, confidence: float = 0.95, resamples: int = 2000, seed: int = 0) -> Interval:
    """The mean of ``values`` with a percentile bootstrap interval (NaN values are left out)."""
    data = np.asarray([v for v in values if v is not None and not np.isnan(v)], dtype=float)
    if data.size == 0:
        return Interval(float("nan"), float("nan"), float("nan"), 0)
    rng = np.random.default_rng(seed)
    means = data[rng.integers(0, data.size, size=(resamples, data.size))].mean(axis=1)
    alpha = (1 - confidence) / 2
    low, high = np.quantile(means, [alpha, 1 - alpha])
    return Interval(float(data.mean()), float(low), float(high), int(data.size))


@dataclass(frozen=True)
class PairedTest:
    difference: float
    """mean(a - b) over the questions both have."""
    p_value: float
    n: int


def paired_bootstrap(a, b, resamples: int = 5000, seed: int = 0) -> PairedTest:
    """Two-sided paired bootstrap test of mean(a - b) = 0 over positions where both are present.

    The differences are centred (the null hypothesis) and resampled; the p-value is the share of
    resampled means at least as far from 0 as the observed one.
    """
    pairs = [(x, y) for x, y in zip(a, b, strict=True) if x is not None and y is not None and not np.isnan(x + y)]
    if not pairs:
        return PairedTest(float("nan"), float("nan"), 0)
    diffs = np.array([x - y for x, y in pairs], dtype=float)
    observed = diffs.mean()
    if np.allclose(diffs, diffs[0]):
        return PairedTest(float(observed), 1.0 if observed == 0 else 1 / (resamples + 1), len(diffs))
    rng = np.random.default_rng(seed)
    centred = diffs - observed
    means = centred[rng.integers(0, diffs.size, size=(resamples, diffs.size))].mean(axis=1)
    p_value = (np.sum(np.abs(means) >= abs(observed)) + 1) / (resamples + 1)
    return PairedTest(float(observed), float(p_value), len(diffs))
