"""What every chat backend receives and what it implements: the typed ``ChatRequest`` and ``ChatBackend``.

A backend gets the report, its findings (labelled once per turn, by whoever builds the request),
the question and the earlier turns as fields, never as prompt text to parse back. Model backends
turn the request into chat messages with ``ChatRequest.messages`` (``korad.prompts``: the layout
the model was trained with); the grounded backend reads the fields directly.

This module imports no backend, so the backends and the chat core can all import it.
"""

from __future__ import annotations

import abc
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from korad.findings import Findings, label_report
from korad.prompts import chat_messages


@dataclass(frozen=True)
class ChatRequest:
    """One question about one report, with the conversation so far."""

    report: str | None
    """The report as written (None or blank: no report)."""
    question: str
    history: tuple[tuple[str, str], ...] = ()
    """Earlier (question, answer) turns, oldest first."""
    findings: Findings | None = None
    """The labeler's reading of ``report`` (None when there is no report)."""

    @classmethod
    def about(
        cls,
        report: str | None,
        question: str,
        history: Sequence[tuple[str, str]] = (),
        findings: Findings | None = None,
    ) -> ChatRequest:
        """A request; the report is labelled here unless ``findings`` already holds its labelling."""
        report = report if report and report.strip() else None
        if report and findings is None:
            findings = label_report(report)
        return cls(report, (question or "").strip(), tuple((q, a) for q, a in history), findings if report else None)

    def messages(self) -> list[dict[str, Any]]:
        """The chat messages a model sees (``korad.prompts.chat_messages``: the trained layout)."""
        return chat_messages(self.report, self.question, list(self.history))

    def without_oldest_turn(self) -> ChatRequest:
        """The same request with its oldest history turn dropped."""
        return replace(self, history=self.history[1:])


class ChatBackend(abc.ABC):
    """A chat backend: answers ``request.question`` about ``request.report``."""

    name: str = "backend"
    """A short label for logs and eval tables (e.g. ``transformers:org/model+adapter``)."""

    @abc.abstractmethod
    def stream(self, request: ChatRequest) -> Iterator[str]:
        """Yield the answer in pieces as they are produced."""

    def generate(self, request: ChatRequest) -> str:
        """The whole answer."""
        return "".join(self.stream(request))

    def fits(self, request: ChatRequest) -> bool:
        """Whether the request leaves room for an answer in the model's context."""
        return True

    def check_data_use(self, sources: set[str]) -> None:
        """Refuse (``DataUseError``) before the first request when text of ``sources`` may not go
        where this backend sends it; local backends keep text on this machine."""
        return None

    def claims(self, request: ChatRequest, answer: str) -> Findings | None:
        """What ``answer`` asserts, as structured data, when the backend knows it.

        None (the default, for models) means the grounding check reads the answer's text. A backend
        that answers from the report's own labels returns them here instead, so its prose (quoted
        sentences, example questions) is never re-read as claims.
        """
        return None
