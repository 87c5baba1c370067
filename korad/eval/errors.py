"""Clinical error counts of the answers, by type: the rule-based count (``korad.clinical_errors``) beside the
judge's (rubric v2), as one long frame (errors.parquet), with per-model tables and their agreement.

A row of the frame is one answer (qa_id, model), one ``source`` (``rules`` or ``judge``) and one error
type, with its ``count``: None where the judge's judgment is missing (never a 0 for a failure).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import pandas as pd

from korad.clinical_errors import ERROR_TYPES, clinical_errors, error_counts
from korad.eval.stats import Interval, bootstrap_ci

ERROR_COLUMNS = ["qa_id", "model", "source", "error_type", "count", "rubric_version"]
SOURCES = ("judge", "rules")


def rule_error_rows(units: list[dict[str, Any]], rubric_version: str) -> list[dict[str, Any]]:
    """The rule-based counts of each unit's ``answer`` against its ``report`` (none without a report)."""
    rows = []
    for unit in units:
        if not unit.get("report"):
            continue
        counts = error_counts(clinical_errors(str(unit["report"]), str(unit["answer"])))
        rows += [
            {
                "qa_id": unit["qa_id"],
                "model": unit["model"],
                "source": "rules",
                "error_type": kind,
                "count": counts[kind],
                "rubric_version": rubric_version,
            }
            for kind in ERROR_TYPES
        ]
    return rows


def per_answer(errors: pd.DataFrame, source: str) -> pd.DataFrame:
    """One row per answer of ``source`` (index qa_id, model), one column per error type; NaN where missing."""
    part = errors[errors["source"] == source]
    wide = part.pivot_table(
        index=["qa_id", "model"], columns="error_type", values="count", aggfunc="first", dropna=False
    )
    wide = wide.reindex(columns=list(ERROR_TYPES)).astype(float)
    answers = part[["qa_id", "model"]].drop_duplicates()
    return wide.reindex(pd.MultiIndex.from_frame(answers))


def error_free(errors: pd.DataFrame, source: str) -> pd.DataFrame:
    """qa_id, model, value: 1.0 for an answer with no error of any type, 0.0 with one, NaN when missing."""
    wide = per_answer(errors, source)
    value = (wide.sum(axis=1, min_count=1) == 0).astype(float).where(wide.notna().all(axis=1))
    return value.rename("value").reset_index()


@dataclass(frozen=True)
class ErrorRow:
    """One model's figures for one error type and source: mean errors per answer, share of answers with one."""

    error_type: str
    source: str
    mean: Interval
    share: Interval


def error_table(errors: pd.DataFrame, model: str) -> list[ErrorRow]:
    """``model``'s rows, per source then error type, with 95% bootstrap intervals over its answers."""
    rows = []
    for source in SOURCES:
        wide = per_answer(errors, source)
        mine = wide[wide.index.get_level_values("model") == model] if len(wide) else wide
        for kind in ERROR_TYPES:
            counts = mine[kind].tolist() if kind in mine else []
            present = [float(c > 0) if not math.isnan(c) else math.nan for c in counts]
            rows.append(ErrorRow(kind, source, bootstrap_ci(counts), bootstrap_ci(present)))
    return rows


@dataclass(frozen=True)
class Agreement:
    """Rules and judge on the presence of one error type, over the answers both counted."""

    error_type: str
    n: int
    rules: int
    """answers the rules find the type in"""
    judge: int
    """answers the judge finds the type in"""
    agreement: float
    """share of answers where both say present or both say absent (NaN when n is 0)"""
    kappa: float
    """Cohen's kappa of presence; NaN where undefined (no answer, or both raters give every answer one
    and the same verdict: the chance agreement is then 1)"""


def presence_kappa(rules: list[bool], judge: list[bool]) -> float:
    """Cohen's kappa of two presence ratings (scikit-learn); NaN where undefined."""
    from sklearn.metrics import cohen_kappa_score

    if not rules or len(set(rules) | set(judge)) == 1:
        return math.nan
    return float(cohen_kappa_score(rules, judge, labels=[False, True]))


def agreement(errors: pd.DataFrame, models: list[str] | None = None) -> list[Agreement]:
    """Per error type, over the answers (of ``models``, default all) both the rules and the judge counted."""
    both = (
        per_answer(errors, "rules")
        .add_suffix("_rules")
        .join(per_answer(errors, "judge").add_suffix("_judge"), how="inner")
    )
    if models is not None:
        both = both[both.index.get_level_values("model").isin(models)]
    rows = []
    for kind in ERROR_TYPES:
        pairs = both[[f"{kind}_rules", f"{kind}_judge"]].dropna()
        rules = [bool(c > 0) for c in pairs[f"{kind}_rules"]]
        judge = [bool(c > 0) for c in pairs[f"{kind}_judge"]]
        agree = sum(r == j for r, j in zip(rules, judge, strict=True)) / len(rules) if rules else math.nan
        rows.append(Agreement(kind, len(rules), sum(rules), sum(judge), agree, presence_kappa(rules, judge)))
    return rows
