"""What eval reads: the questions to ask, and the models (chat backends) to compare."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

from korad.artifacts import InputError, csv_rows, read_yaml
from korad.chat.options import BACKENDS, BackendSpec
from korad.errors import ConfigError
from korad.local_data import load_any_dataset

QUESTION_FIELDS = ("qa_id", "id", "source", "task", "report", "question", "reference")


def _from_csv(path: Path) -> list[dict[str, Any]]:
    rows = []
    for line, row in csv_rows(path, ("prompt",), ("report", "question")):
        question = (row.get("question") or row.get("prompt") or "").strip()
        if not question:
            raise InputError(path, "empty question", line=line)
        rows.append(
            {
                "qa_id": (row.get("qa_id") or row.get("id") or f"row-{line - 1}").strip(),
                "id": (row.get("id") or f"row-{line - 1}").strip(),
                "source": (row.get("source") or "").strip() or None,
                "task": row.get("task") or None,
                "report": (row.get("report") or "").strip() or None,
                "question": question,
                "reference": (row.get("reference") or row.get("answer") or "").strip() or None,
            }
        )
    return rows


def _from_dataset(source: str, split: str) -> list[dict[str, Any]]:
    try:
        dataset = load_any_dataset(source, split=split)
    except InputError:
        raise
    except Exception as error:  # datasets raises many kinds for a missing or broken source
        raise InputError(source, f"cannot load split {split!r}: {error}") from None
    missing = {"qa_id", "report", "question"} - set(dataset.column_names)
    if missing:
        raise InputError(source, f"the {split} split lacks column(s): {', '.join(sorted(missing))}")
    for number, row in enumerate(dataset, start=1):
        if row["qa_id"] is None or not str(row["qa_id"]).strip():
            raise InputError(source, f"the {split} split's row {number} has an empty qa_id")
    return [
        {
            "qa_id": str(row["qa_id"]),
            "id": str(row.get("id", row["qa_id"])),
            "source": row.get("source"),
            "task": row.get("task"),
            "report": row["report"],
            "question": row["question"],
            "reference": row.get("answer"),
        }
        for row in dataset
    ]


def load_questions(source: str | Path, split: str = "test", limit: int | None = None) -> list[dict[str, Any]]:
    """Questions from a CSV (``prompt``, or ``report`` + ``question``; optional ``reference``/``answer``, ``source``),
    or the ``split`` of a dataset folder or Hub id (ko-rad-instruct's columns)."""
    path = Path(source)
    rows = _from_csv(path) if path.suffix.lower() == ".csv" else _from_dataset(str(source), split)
    seen: set[str] = set()
    for row in rows:
        if row["qa_id"] in seen:
            raise InputError(source, f"duplicate qa_id {row['qa_id']!r}")
        seen.add(row["qa_id"])
    if not rows:
        raise InputError(source, "no questions")
    return rows[:limit] if limit else rows


_SPEC_FIELDS = {f.name for f in dataclasses.fields(BackendSpec)}
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


def load_models(path: str | Path) -> dict[str, BackendSpec]:
    """Models from a YAML file: ``models: {name: {backend, model, adapter, endpoint, endpoints, ...}}``.

    Relative ``endpoints`` paths are read from the YAML file's folder.
    """
    path = Path(path)
    data = read_yaml(path, "models file")
    models = data.get("models") if isinstance(data, dict) else None
    if not isinstance(models, dict) or not models:
        raise InputError(path, "expected a mapping with a non-empty `models:` section")
    specs = {}
    for name, fields in models.items():
        if not _NAME.match(str(name)):
            raise InputError(path, f"model name {name!r}: use letters, digits, '.', '_' or '-'")
        fields = dict(fields or {})
        unknown = set(fields) - _SPEC_FIELDS
        if unknown:
            raise InputError(path, f"model {name!r}: unknown key(s) {', '.join(sorted(unknown))}")
        if fields.get("backend") not in (None, *BACKENDS):
            raise InputError(path, f"model {name!r}: unknown backend {fields['backend']!r} ({', '.join(BACKENDS)})")
        if fields.get("endpoints"):
            fields["endpoints"] = str((path.parent / fields["endpoints"]).resolve())
        try:
            spec = BackendSpec(**fields)
        except ConfigError as error:
            raise ConfigError(f"{path}: models.{name}.{error.field}", error.value, error.allowed) from None
        try:
            spec.resolved()
        except InputError as error:
            raise InputError(path, f"model {name!r}: {error.message}") from None
        specs[str(name)] = spec
    return specs


def select_models(models: dict[str, BackendSpec], names: list[str] | None, where: str) -> dict[str, BackendSpec]:
    """The models named (all when ``names`` is empty); an unknown name is an error."""
    if not names:
        return models
    unknown = [n for n in names if n not in models]
    if unknown:
        raise InputError(where, f"unknown model(s) {', '.join(unknown)}; the file defines: {', '.join(models)}")
    return {n: models[n] for n in names}
