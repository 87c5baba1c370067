"""A conversation about one report: history, the shared prompt layout, trimming to the context."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cached_property
from typing import Any

from korad.chat.backends import ChatBackend
from korad.chat.grounding import Grounding, check_answer
from korad.findings import Findings, label_report
from korad.lineage import sources_of
from korad.prompts import chat_messages


class ContextOverflow(ValueError):
    """The report and the question alone do not fit the model's context."""


def _text(content: Any) -> str:
    """Message content as text: a string, or a list of blocks ({"type": "text", "text": ...})."""
    if isinstance(content, str):
        return content
    if isinstance(content, dict):
        return str(content.get("text") or "")
    if isinstance(content, list | tuple):
        return "".join(_text(block) for block in content)
    return ""


def history_pairs(history: list[Any]) -> list[tuple[str, str]]:
    """(question, answer) pairs from a chat history.

    Accepts the messages format (``{"role", "content"}`` dicts, as Gradio 6 and OpenAI use; content
    may be a string or a list of text blocks; messages with ``metadata`` such as notices are not
    part of the conversation) and (question, answer) pairs.
    """
    pairs: list[tuple[str, str]] = []
    question: str | None = None
    for item in history or []:
        if isinstance(item, list | tuple) and len(item) == 2 and not isinstance(item[0], dict):
            pairs.append((_text(item[0]), _text(item[1])))
            continue
        if not isinstance(item, dict) or item.get("metadata"):
            continue
        role, text = item.get("role"), _text(item.get("content"))
        if role == "user":
            question = text
        elif role == "assistant" and question is not None:
            pairs.append((question, text))
            question = None
    return pairs


def build_messages(
    backend: ChatBackend, report: str | None, question: str, history: list[tuple[str, str]] | None = None
) -> list[dict[str, Any]]:
    """The messages for ``question``: the oldest turns are dropped until they fit ``backend``'s context.

    The report always stays in the first user turn that remains. Raises ``ContextOverflow`` when
    the report and the question alone are too long.
    """
    history = list(history or [])
    while True:
        messages = chat_messages(report, question, history)
        if backend.fits(messages):
            return messages
        if not history:
            raise ContextOverflow("the report and the question are too long for the model's context")
        history.pop(0)


class ChatSession:
    """A conversation with a backend about one report (used by the terminal chat)."""

    def __init__(self, backend: ChatBackend, report: str | None = None, source: str | None = None) -> None:
        """``source`` names where the report comes from (e.g. ``mimic-cxr``): checked by the data-use policy."""
        if report:
            backend.check_data_use(sources_of([{"source": source}]))
        self.backend = backend
        self.report = report
        self.history: list[tuple[str, str]] = []

    def ask(self, question: str) -> Iterator[str]:
        """Stream the answer to ``question``; the turn joins the history once the answer is complete."""
        messages = build_messages(self.backend, self.report, question, self.history)
        pieces: list[str] = []
        for piece in self.backend.stream(messages):
            pieces.append(piece)
            yield piece
        self.history.append((question, "".join(pieces)))

    @cached_property
    def findings(self) -> Findings | None:
        """The report's labels and evidence (labelled once)."""
        return label_report(self.report) if self.report else None

    def check(self, answer: str) -> Grounding:
        """The grounding check of ``answer`` against the report."""
        return check_answer(self.report, answer, self.findings)
