"""Questions stage: Korean instructions about each report, across weighted task types.

The teacher gets the report, the task types chosen for it (a weighted draw seeded by the report
id, so a rerun asks the same) and seed questions as examples. Structured output (JSON schema) is
requested where the endpoint supports it; the reply is parsed leniently either way (code fences,
text around the JSON, a bare list).
"""

from __future__ import annotations

import random
from typing import Any

from korad.datasets_builder.prompts import (
    DEFAULT_TASK_WEIGHTS,
    GENERATION_PROMPT_VERSION,
    QUESTIONS_SCHEMA,
    TASKS,
    questions_messages,
)
from korad.engine import RequestEngine
from korad.language import hangul_share
from korad.replies import parse_json_reply
from korad.stage import Reject


def choose_tasks(report_id: str, n: int, weights: dict[str, float] = DEFAULT_TASK_WEIGHTS, seed: int = 0) -> list[str]:
    """``n`` distinct task types drawn by weight, the same every time for one report id."""
    unknown = set(weights) - set(TASKS)
    if unknown:
        raise ValueError(f"unknown task type(s) {sorted(unknown)}; known: {sorted(TASKS)}")
    rng = random.Random(f"{seed}:{report_id}")
    pool = {task: w for task, w in weights.items() if w > 0}
    chosen = []
    while pool and len(chosen) < n:
        task = rng.choices(list(pool), weights=list(pool.values()))[0]
        chosen.append(task)
        del pool[task]
    return chosen


def teacher_view(report: dict[str, Any]) -> str:
    """What the teacher reads: the original report and, when it was translated, the Korean."""
    text, korean = report["text"], report.get("text_ko")
    if korean and korean != text:
        return f"{text}\n\n[한국어 번역]\n{korean}"
    return text


def make_questions(requests: RequestEngine, n: int, weights: dict[str, float], seed: int = 0):
    """The stage's ``process``: one report in, its questions out (one line each)."""
    params: dict[str, Any] = {"temperature": 0.7, "max_tokens": 200 + 150 * n}
    if requests.endpoint.json_schema:
        params["response_format"] = {"type": "json_schema", "json_schema": QUESTIONS_SCHEMA}
    teacher = {"endpoint": requests.endpoint.name, "model": requests.endpoint.model}

    async def process(report: dict[str, Any]) -> list[dict[str, Any]]:
        tasks = choose_tasks(str(report["id"]), n, weights, seed)
        document = report.get("kind") == "document"
        result = await requests.complete(questions_messages(teacher_view(report), tasks, document), **params)
        try:
            reply = parse_json_reply(result.content)
        except ValueError as error:
            raise Reject("unparseable questions", str(error)) from None
        items = reply.get("questions", []) if isinstance(reply, dict) else reply
        questions, problems = [], []
        for index, item in enumerate(items if isinstance(items, list) else []):
            question = str(item.get("question", "")).strip() if isinstance(item, dict) else ""
            task = item.get("task") if isinstance(item, dict) else None
            if task not in tasks:
                task = tasks[index] if index < len(tasks) else None
            if not question or task is None or not 5 <= len(question) <= 300 or hangul_share(question) < 0.3:
                problems.append(f"item {index} invalid")
                continue
            questions.append((task, question))
        if not questions:
            raise Reject("no valid questions", ", ".join(problems) or "empty list")
        return [
            {
                "id": report["id"],
                "qa_id": f"{report['id']}-q{i}",
                "source": report.get("source", "unknown"),
                "task": task,
                "question": question,
                "kind": report.get("kind", "report"),
                "teacher": teacher,
                "prompt_version": GENERATION_PROMPT_VERSION,
            }
            for i, (task, question) in enumerate(questions)
        ]

    return process
