"""Side-by-side answers: every model answers every question; one table with a column per model.

Answers are appended to ``answers.jsonl`` keyed by ``qa_id|model`` as they are made, so an
interrupted run continues where it stopped and a finished pair is never asked again. A failed
generation is quarantined with its reason. The table (``table.parquet`` and ``table.csv``) has
``qa_id, id, task, report, question, reference`` and one ``answer_<model>`` column per model.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd

from korad.artifacts import InputError, read_jsonl, text_lines
from korad.chat.backends import make_backend
from korad.chat.conversation import ContextOverflow, fit_to_context
from korad.chat.formats import raw_format
from korad.chat.options import BackendSpec
from korad.chat.protocol import ChatRequest
from korad.cost import StagePlan
from korad.engine import RequestFailed
from korad.eval.inputs import QUESTION_FIELDS
from korad.lineage import sources_of
from korad.stage import DEFAULT_MAX_FAILED_FRACTION, Reject, run_stage

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


def run_compare(
    questions: list[dict[str, Any]],
    models: dict[str, BackendSpec],
    output: Path,
    max_failed_fraction: float = DEFAULT_MAX_FAILED_FRACTION,
) -> pd.DataFrame:
    """Answer ``questions`` with each model (resuming from ``output/answers.jsonl``); return the table."""
    output.mkdir(parents=True, exist_ok=True)
    for spec in models.values():  # every model, before the first request of any
        spec.check_data_use(sources_of(questions), "compare")
    loaded: dict[str, Any] = {}

    def process(unit: dict[str, Any]) -> list[dict[str, Any]]:
        name, question = unit["model"], by_id[unit["qa_id"]]
        if name not in loaded:  # one model in memory at a time, loaded only when it has work to do
            loaded.clear()
            loaded[name] = make_backend(models[name])
        backend = loaded[name]
        try:
            request = fit_to_context(backend, ChatRequest.about(question["report"], question["question"]))
            answer = backend.generate(request).strip()
        except ContextOverflow as error:
            raise Reject("too long", str(error)) from None
        except Exception as error:  # an endpoint or model failure is this pair's, not the run's
            raise RequestFailed(f"{type(error).__name__}: {error}", "generation failed") from None
        return [{"unit": unit["unit"], "qa_id": question["qa_id"], "model": name, "answer": answer}]

    by_id = {q["qa_id"]: q for q in questions}
    units = [
        {"unit": unit_key(q["qa_id"], name), "model": name, "qa_id": q["qa_id"]} for name in models for q in questions
    ]
    run_stage("answers", units, process, output / "answers.jsonl", key="unit", max_failed_fraction=max_failed_fraction)
    loaded.clear()
    table = assemble_table(questions, list(models), output / "answers.jsonl")
    table.to_parquet(output / "table.parquet", index=False)
    table.to_csv(output / "table.csv", index=False)
    return table


def plan_compare(
    questions: list[dict[str, Any]],
    models: dict[str, BackendSpec],
    output: Path,
    expected_output_tokens: dict[str, int] | None = None,
) -> list[StagePlan]:
    """The dry run of ``run_compare``: the requests each endpoint model would get (local models: the
    generations); the pairs already in ``output/answers.jsonl`` are not counted. Sends and writes nothing."""
    from korad.endpoints import load_endpoints

    done = set()
    answers = output / "answers.jsonl"
    if answers.exists():
        done = {r.get("unit") for _, r in read_jsonl(answers)}
    plans = []
    for name, spec in models.items():
        spec.check_data_use(sources_of(questions), "compare")
        todo = [q for q in questions if unit_key(q["qa_id"], name) not in done]
        if spec.resolved() != "openai":
            plans.append(StagePlan(f"compare {name}", None, units=len(todo), notes=[f"{spec.resolved()} backend"]))
            continue
        endpoint = load_endpoints(spec.endpoints).get(spec.endpoint or "")
        template = raw_format(spec.prompt_format)
        plan = StagePlan("compare", endpoint, expected_output=(expected_output_tokens or {}).get("compare"))
        prompt = f"the {template.name} text prompt" if template else "the chat prompt (korad.prompts)"
        plan.notes.append(f"model {name}: {prompt}, max_tokens = max_new_tokens")
        for question in todo:
            plan.units += 1
            request = ChatRequest(question.get("report"), str(question["question"]), (), None)
            messages = (
                [{"role": "user", "content": template.render(request.report, request.question)}]
                if template
                else request.messages()
            )
            plan.add(messages, {"max_tokens": spec.max_new_tokens})
        plans.append(plan)
    return plans


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
    parquet = path.suffix.lower() == ".parquet"
    try:
        if parquet:
            table = pd.read_parquet(path)
        else:  # read as every korad text file is: UTF-8 (BOM allowed), a bad byte names its line
            table = pd.read_csv(io.StringIO("".join(text_lines(path))), dtype=str, keep_default_na=False)
    except (OSError, ValueError) as error:  # pyarrow's ArrowInvalid and pandas' parser errors are ValueErrors
        kind = "parquet file" if parquet else "CSV table"
        raise InputError(path, f"not a readable {kind} ({' '.join(str(error).split())})") from None
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
