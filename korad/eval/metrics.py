"""Reference and clinical metrics of a comparison table, computed through korad's `evaluate` modules.

The modules under ``eval/metrics/`` (``korad_text``, ``korad_findings``, ``korad_grounding``) are loaded
with ``evaluate.load`` from the checkout and asked for per-answer values (``use_aggregator=False``):

- ``chrf``, ``rouge_l``, ``bleu`` (``korad_text``) and ``finding_f1`` (``korad_findings``) against the
  reference answer;
- ``contradiction``: the chat's grounding check warns about the answer (a finding of the opposite
  polarity, or a side, severity, size or change told differently);
- ``error_free`` and ``error_<type>`` for each of ``korad.clinical_errors.ERROR_TYPES``
  (``korad_grounding``) against the report, read with the question.

Every metric is computed per (question, model), so the report can bootstrap its intervals.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from korad.chat.grounding import check_answer
from korad.clinical_errors import ERROR_TYPES
from korad.errors import ConfigError
from korad.eval.compare import answered
from korad.text_scores import BLEU_SIGNATURE

MODULES = Path(__file__).resolve().parents[2] / "eval" / "metrics"
"""The folder of the metric modules in the checkout (``eval/metrics/<name>/<name>.py``)."""
REFERENCE_METRICS = ("chrf", "rouge_l", "bleu", "finding_f1")
METRICS = (*REFERENCE_METRICS, "contradiction")
"""The metrics the report shows, in its order."""
CLINICAL_METRICS = ("error_free", *(f"error_{kind}" for kind in ERROR_TYPES))
"""Per-answer clinical error metrics (``korad_grounding``): 1.0 error-free or not, and counts by type."""

__all__ = ["BLEU_SIGNATURE", "CLINICAL_METRICS", "METRICS", "MODULES", "compute_metrics", "contradicts", "load_module"]


@cache
def load_module(name: str):
    """The ``evaluate`` module ``eval/metrics/<name>`` of this checkout (offline: a local path)."""
    import evaluate

    folder = MODULES / name
    if not (folder / f"{name}.py").is_file():
        raise ConfigError(f"metric module {name} not found at {folder}: korad metrics runs from a korad checkout")
    return evaluate.load(str(folder), keep_in_memory=True)


def contradicts(report: str | None, answer: str) -> bool:
    """Whether ``answer`` contradicts ``report`` (the Space's grounding check)."""
    return not check_answer(report, answer).ok


def _per_answer(name: str, answers: list[str], references: list[str], **kwargs: Any) -> dict[str, list[float]]:
    if not answers:
        return {}
    return load_module(name).compute(predictions=answers, references=references, use_aggregator=False, **kwargs)


def _given(value: Any) -> str | None:
    """A text cell, or None when missing (None, or NaN: pandas' missing value in a string column)."""
    return value if isinstance(value, str) and value.strip() else None


def compute_metrics(table: pd.DataFrame) -> pd.DataFrame:
    """One row per (qa_id, model, metric) with its value; unanswered pairs are left out."""
    rows = [
        ({**record, **{key: _given(record.get(key)) for key in ("report", "question", "reference")}}, model, answer)
        for record, model, answer in answered(table)
    ]
    with_reference = [i for i, (record, _, _) in enumerate(rows) if record["reference"]]
    with_report = [i for i, (record, _, _) in enumerate(rows) if record["report"]]
    values: list[dict[str, float]] = [{} for _ in rows]

    answers = [rows[i][2] for i in with_reference]
    references = [rows[i][0]["reference"] for i in with_reference]
    text = _per_answer("korad_text", answers, references)
    findings = _per_answer("korad_findings", answers, references)
    for j, i in enumerate(with_reference):
        values[i].update({metric: text[metric][j] for metric in ("chrf", "rouge_l", "bleu")})
        values[i]["finding_f1"] = findings["finding_f1"][j]

    answers = [rows[i][2] for i in with_report]
    reports = [rows[i][0]["report"] for i in with_report]
    questions = [rows[i][0]["question"] for i in with_report]
    errors = _per_answer("korad_grounding", answers, reports, questions=questions)
    for j, i in enumerate(with_report):
        record, _, answer = rows[i]
        values[i]["contradiction"] = float(contradicts(record["report"], answer))
        values[i]["error_free"] = errors["error_free"][j]
        values[i].update({f"error_{kind}": float(errors[kind][j]) for kind in ERROR_TYPES})

    order = (*METRICS, *CLINICAL_METRICS)
    frame = pd.DataFrame(
        [
            {"qa_id": record["qa_id"], "model": model, "metric": metric, "value": values[i][metric]}
            for i, (record, model, _) in enumerate(rows)
            for metric in order
            if metric in values[i]
        ],
        columns=["qa_id", "model", "metric", "value"],
    )
    frame["value"] = frame["value"].astype(float)
    return frame
