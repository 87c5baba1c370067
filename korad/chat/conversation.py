"""A conversation about one report: the request of each turn, trimming to the context, the check.

Each turn's ``ChatRequest`` carries the report's findings, labelled once: the backend answers from
it and the grounding check reuses it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from korad.chat.grounding import Grounding, check_answer
from korad.chat.protocol import ChatBackend, ChatRequest
from korad.chat.triage import notice_due
from korad.errors import KoradError
from korad.findings import Findings, label_report
from korad.lineage import sources_of


class ContextOverflow(KoradError, ValueError):
    """The report and the question alone do not fit the model's context (bad input: exit code 2)."""

    exit_code = 2


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


def fit_to_context(backend: ChatBackend, request: ChatRequest) -> ChatRequest:
    """``request`` with its oldest turns dropped until it fits ``backend``'s context.

    The report always stays (in the first user turn that remains). Raises ``ContextOverflow`` when
    the report and the question alone are too long.
    """
    while not backend.fits(request):
        if not request.history:
            raise ContextOverflow("the report and the question are too long for the model's context")
        request = request.without_oldest_turn()
    return request


def check_reply(backend: ChatBackend, request: ChatRequest, answer: str) -> Grounding:
    """The grounding check of ``backend``'s ``answer`` to ``request``, with the urgent notice when it is due."""
    return check_answer(
        request.report,
        answer,
        request.findings,
        claims=backend.claims(request, answer),
        notice=notice_due(request.question, request.history),
    )


class ChatSession:
    """A conversation with a backend about one report (used by the terminal chat)."""

    def __init__(self, backend: ChatBackend, report: str | None = None, source: str | None = None) -> None:
        """``source`` names where the report comes from (e.g. ``mimic-cxr``): checked by the data-use policy."""
        if report:
            backend.check_data_use(sources_of([{"source": source}]))
        self.backend = backend
        self.report = report
        self.findings: Findings | None = label_report(report) if report and report.strip() else None
        """The report's labelling, made once for the whole conversation."""
        self.history: list[tuple[str, str]] = []
        self._last: ChatRequest | None = None

    def request(self, question: str) -> ChatRequest:
        """The request for ``question``, trimmed to the backend's context."""
        return fit_to_context(self.backend, ChatRequest.about(self.report, question, self.history, self.findings))

    def ask(self, question: str) -> Iterator[str]:
        """Stream the answer to ``question``; the turn joins the history once the answer is complete."""
        request = self._last = self.request(question)
        pieces: list[str] = []
        for piece in self.backend.stream(request):
            pieces.append(piece)
            yield piece
        self.history.append((request.question, "".join(pieces)))

    def check(self, answer: str) -> Grounding:
        """The grounding check of ``answer``, the answer to the last question asked."""
        if self._last is None:
            return check_answer(self.report, answer, self.findings)
        return check_reply(self.backend, self._last, answer)
