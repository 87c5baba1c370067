"""Review items from datasets_builder's QA pairs or from an eval table with judge scores.

An item is a plain dict (``id``, ``fields``, ``metadata``, ``suggestions``, and its ``source`` for the
data-use policy) so that building it
needs no server; ``to_records`` turns items into ``rg.Record``s. QA pairs are keyed by ``qa_id``;
an eval answer by ``qa_id`` and a hash of the model's name, so the id does not name the model and
pushing twice updates the same records instead of adding new ones.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pandas as pd

from korad.artifacts import InputError
from korad.eval.compare import answered, read_table
from korad.eval.inputs import load_questions
from korad.eval.rubric import POINTWISE
from korad.lineage import UNKNOWN_SOURCE


def record_id(qa_id: str, model: str | None = None) -> str:
    if model is None:
        return str(qa_id)
    return f"{qa_id}-{hashlib.sha1(model.encode()).hexdigest()[:10]}"


def _suggestions(scores: pd.DataFrame | None, qa_id: str, model: str) -> list[dict[str, Any]]:
    if scores is None or not len(scores):
        return []
    rows = scores[(scores["qa_id"] == qa_id) & (scores["model"] == model) & scores["criterion"].isin(POINTWISE)]
    return [
        {"question_name": row.criterion, "value": int(row.score), "agent": str(row.judge)}
        for row in rows.itertuples()
        if pd.notna(row.score)
    ]


def _item(qa_id, report, question, answer, task, model, split, suggestions, keyed_by_model, source) -> dict[str, Any]:
    return {
        "source": source or UNKNOWN_SOURCE,
        "id": record_id(qa_id, model if keyed_by_model else None),
        "fields": {"report": report or "(판독문 없음)", "question": question, "answer": answer},
        "metadata": {"qa_id": str(qa_id), "task": task or "unknown", "model": model, "split": split},
        "suggestions": suggestions,
        "qa_id": qa_id,
    }


def items_from_dataset(
    source: str,
    split: str = "test",
    scores: pd.DataFrame | None = None,
    model: str = "teacher",
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Items from a ko-rad-instruct split (a folder or Hub id): the teacher's answers, keyed by qa_id.

    ``scores`` (eval/judge.py's scores.parquet of a table whose model column is ``model``) become
    suggestions.
    """
    rows = load_questions(source, split, limit)
    if any(row["reference"] is None for row in rows):
        raise InputError(source, f"the {split} split is not QA pairs: it has no `answer` column")
    return [
        _item(
            row["qa_id"],
            row["report"],
            row["question"],
            row["reference"],
            row["task"],
            model,
            split,
            _suggestions(scores, row["qa_id"], model),
            keyed_by_model=False,
            source=row.get("source"),
        )
        for row in rows
    ]


def items_from_eval(folder: Path, limit: int | None = None) -> list[dict[str, Any]]:
    """Items from an eval folder: every model's answer (table.parquet) with its judge scores as suggestions."""
    table = read_table(folder / "table.parquet")
    scores_path = folder / "scores.parquet"
    scores = pd.read_parquet(scores_path) if scores_path.exists() else None
    items = [
        _item(
            row["qa_id"],
            row.get("report"),
            row["question"],
            answer,
            row.get("task"),
            model,
            "eval",
            _suggestions(scores, row["qa_id"], model),
            keyed_by_model=True,
            source=row.get("source"),
        )
        for row, model, answer in answered(table)
    ]
    return items[:limit] if limit else items


def to_records(items: list[dict[str, Any]]):
    """``rg.Record``s for ``items``."""
    import argilla as rg

    return [
        rg.Record(
            id=item["id"],
            fields=item["fields"],
            metadata=item["metadata"],
            suggestions=[rg.Suggestion(**s) for s in item["suggestions"]],
        )
        for item in items
    ]
