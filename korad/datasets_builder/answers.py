"""Answers stage: grounded Korean answers from the teacher, with the shared chat prompt."""

from __future__ import annotations

from typing import Any

from korad.datasets_builder.prompts import answer_system_prompt
from korad.engine import RequestEngine
from korad.prompts import chat_messages
from korad.stage import Reject


def make_answers(requests: RequestEngine, reports: dict[str, dict[str, Any]], max_sentences: int = 3):
    """The stage's ``process``: one question in, the question with its answer out.

    The teacher sees the report as the trained model will (``korad.prompts.chat_messages``) and,
    in its system prompt, the answer rules: grounded, at most ``max_sentences`` sentences, and
    "판독문에서는 확인할 수 없습니다" when the report cannot answer.
    """

    async def process(question: dict[str, Any]) -> list[dict[str, Any]]:
        report = reports.get(question["id"])
        if report is None:
            raise Reject("unknown report", f"no report with id {question['id']!r} in the reports artifact")
        document = question.get("kind") == "document"
        messages = chat_messages(
            report["text"], question["question"], system_prompt=answer_system_prompt(max_sentences, document)
        )
        result = await requests.complete(messages, temperature=0.2, max_tokens=400)
        answer = result.content.strip()
        if not answer:
            raise Reject("empty answer")
        return [
            {
                **question,
                "answer": answer,
                "answer_teacher": {"endpoint": requests.endpoint.name, "model": requests.endpoint.model},
            }
        ]

    return process
