"""Side-by-side answers: every model answers every question; one table with a column per model.

Answers are appended to ``answers.jsonl`` keyed by ``qa_id|model`` as they are made, so an
interrupted run continues where it stopped and a finished pair is never asked again. A failed
generation is quarantined with its reason. The table (``table.parquet`` and ``table.csv``) has
``qa_id, id, task, report, question, reference`` and one ``answer_<model>`` column per model.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
from tqdm.auto import tqdm

from korad.artifacts import ArtifactWriter, InputError, read_jsonl
from korad.chat.backends import BackendSpec, make_backend
from korad.chat.conversation import ContextOverflow, build_messages
from korad.eval.inputs import QUESTION_FIELDS
from korad.lineage import sources_of

ANSWER_PREFIX = "answer_"


def answer_column(model: str) -> str:
    return f"{ANSWER_PREFIX}{model}"


def model_names(table: pd.DataFrame) -> list[str]:
    """The models of a comparison table, in column order."""
    return [c.removeprefix(ANSWER_PREFIX) for c in table.columns if c.startswith(ANSWER_PREFIX)]


def answered(table: pd.DataFrame) -> Iterator[tuple[dict[str, Any], str, str]]:
    """(row, model, answer) for every question and model of ``table`` with a non-empty answer."""
    for row in table.to_dict("records"):
        for model in model_names(table):
            answer = row.get(answer_column(model))
            if answer and str(answer).strip():
                yield row, model, str(answer)


def unit_key(qa_id: str, model: str) -> str:
    return f"{qa_id}|{model}"


def run_compare(questions: list[dict[str, Any]], models: dict[str, BackendSpec], output: Path) -> pd.DataFrame:
    """Answer ``questions`` with each model (resuming from ``output/answers.jsonl``); return the table."""
    output.mkdir(parents=True, exist_ok=True)
    for spec in models.values():  # every model, before the first request of any
        spec.check_data_use(sources_of(questions), "compare")
    with ArtifactWriter(output / "answers.jsonl", key="unit") as writer:
        for name, spec in models.items():
            todo = [q for q in questions if not writer.is_done(unit_key(q["qa_id"], name))]
            for _ in range(len(questions) - len(todo)):
                writer.skip_done()
            if not todo:
                continue
            backend = make_backend(spec)  # loaded only when it has work to do
            for question in tqdm(todo, desc=f"answers {name}", unit=" question", disable=None):
                unit = unit_key(question["qa_id"], name)
                try:
                    messages = build_messages(backend, question["report"], question["question"])
                    answer = backend.generate(messages).strip()
                except ContextOverflow as error:
                    writer.reject({"unit": unit, "model": name}, f"too long: {error}", where=unit)
                    continue
                except Exception as error:  # an endpoint or model failure is this pair's, not the run's
                    writer.reject({"unit": unit, "model": name}, f"generation failed: {type(error).__name__}", unit)
                    continue
                writer.write({"unit": unit, "qa_id": question["qa_id"], "model": name, "answer": answer})
            del backend
    print(writer.ledger.summary("answers"), file=sys.stderr)
    table = assemble_table(questions, list(models), output / "answers.jsonl")
    table.to_parquet(output / "table.parquet", index=False)
    table.to_csv(output / "table.csv", index=False)
    return table


def assemble_table(questions: list[dict[str, Any]], models: list[str], answers: Path) -> pd.DataFrame:
    """The side-by-side table from the answers artifact (a missing answer is empty)."""
    found = {(r["qa_id"], r["model"]): r["answer"] for _, r in read_jsonl(answers)} if answers.exists() else {}
    rows = []
    for question in questions:
        row = {field: question.get(field) for field in QUESTION_FIELDS}
        for model in models:
            row[answer_column(model)] = found.get((question["qa_id"], model))
        rows.append(row)
    return pd.DataFrame(rows)


def read_table(path: str | Path) -> pd.DataFrame:
    """A comparison table (parquet or CSV); a clear error when it is not one."""
    path = Path(path)
    if not path.exists():
        raise InputError(path, "no such table (make it with eval/compare.py)")
    table = pd.read_parquet(path) if path.suffix == ".parquet" else pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = {"qa_id", "question"} - set(table.columns)
    if missing:
        raise InputError(path, f"not a comparison table: missing column(s) {', '.join(sorted(missing))}")
    if not model_names(table):
        raise InputError(path, f"no answer columns ({ANSWER_PREFIX}<model>)")
    for model in model_names(table):
        column = table[answer_column(model)].fillna("").astype(str).str.strip()
        if (column == "").all():
            raise InputError(path, f"column {answer_column(model)} is empty for every question")
    return table.astype(object).where(table.notna(), None)
