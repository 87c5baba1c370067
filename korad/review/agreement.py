"""Agreement on the 1-4 ratings: quadratic-weighted Cohen's kappa (scikit-learn) and Spearman's rho (SciPy).

``judge_human`` pairs the judge's suggestion with each reviewer's rating of the same record;
``human_human`` pairs every two reviewers on the records both rated. Both per criterion. A judge
that gives every answer the same score gets a ``warning`` instead of a silent kappa of 0 or NaN.
"""

from __future__ import annotations

import itertools
import math

import pandas as pd

from korad.eval.rubric import POINTWISE

LABELS = [1, 2, 3, 4]


def kappa_and_rho(a: list[float], b: list[float]) -> tuple[float, float]:
    """(quadratic-weighted kappa, Spearman rho); NaN where undefined (fewer than two pairs, no variance)."""
    from scipy.stats import spearmanr
    from sklearn.metrics import cohen_kappa_score

    if len(a) < 2:
        return math.nan, math.nan
    if len(set(a) | set(b)) == 1:
        kappa = 1.0  # identical constant ratings: perfect agreement (sklearn would divide by zero)
    else:
        kappa = float(cohen_kappa_score([int(x) for x in a], [int(x) for x in b], labels=LABELS, weights="quadratic"))
    rho = math.nan if len(set(a)) < 2 or len(set(b)) < 2 else float(spearmanr(a, b).statistic)
    return kappa, rho


def judge_human(responses: pd.DataFrame, suggestions: pd.DataFrame) -> pd.DataFrame:
    """Per criterion: n pairs, kappa, rho between the judge and the reviewers (every reviewer's rating)."""
    rows = []
    for criterion in POINTWISE:
        judge = suggestions[suggestions["criterion"] == criterion][["record_id", "value"]]
        human = responses[["record_id", "reviewer", criterion]].dropna()
        pairs = human.merge(judge, on="record_id")
        kappa, rho = kappa_and_rho(pairs["value"].tolist(), pairs[criterion].tolist())
        rows.append(
            {
                "criterion": criterion,
                "n": len(pairs),
                "kappa_quadratic": kappa,
                "spearman": rho,
                "warning": constant_rater(pairs["value"], "the judge"),
            }
        )
    return pd.DataFrame(rows)


def constant_rater(values: pd.Series, who: str) -> str | None:
    """Why agreement cannot be read when ``who`` gave every one of two or more ratings the same value."""
    if len(values) > 1 and values.nunique() == 1:
        return (
            f"{who} gave all {len(values)} ratings the same score ({int(values.iloc[0])}): kappa and rho cannot "
            "measure agreement with a rater who does not discriminate"
        )
    return None


def human_human(responses: pd.DataFrame) -> pd.DataFrame:
    """Per criterion and pair of reviewers: n shared records, kappa, rho."""
    rows = []
    reviewers = sorted(responses["reviewer"].unique())
    for criterion in POINTWISE:
        table = responses.pivot_table(index="record_id", columns="reviewer", values=criterion, aggfunc="first")
        for a, b in itertools.combinations(reviewers, 2):
            both = table[[a, b]].dropna() if a in table and b in table else pd.DataFrame(columns=[a, b])
            kappa, rho = kappa_and_rho(both[a].tolist(), both[b].tolist())
            rows.append(
                {
                    "criterion": criterion,
                    "reviewer_a": a,
                    "reviewer_b": b,
                    "n": len(both),
                    "kappa_quadratic": kappa,
                    "spearman": rho,
                }
            )
    return pd.DataFrame(rows, columns=["criterion", "reviewer_a", "reviewer_b", "n", "kappa_quadratic", "spearman"])
