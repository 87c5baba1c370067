"""``korad chat --report FILE [--ask QUESTION]``: questions in Korean about a chest X-ray report, in the terminal.

Interactive by default (streaming, with history; ``/reset`` clears it, ``/quit`` or Ctrl-D ends).
With ``--ask`` it prints one answer and exits, for scripts. Grounding warnings and urgent notices
are printed after each answer, on stderr. The model options also read ``KORAD_<OPTION>``
environment variables (``KORAD_BACKEND``, ``KORAD_MODEL``, ...). Also ``python -m korad.chat``.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from korad.artifacts import InputError, read_text
from korad.chat.backends import make_backend
from korad.chat.conversation import ChatSession, ContextOverflow
from korad.chat.display import terminal_text
from korad.chat.options import BackendSpec
from korad.cli import run
from korad.config import parse
from korad.errors import ConfigError
from korad.text import MAX_REPORT_CHARS

DISCLAIMER = "※ 의료 정보 도우미입니다. 진단과 치료는 담당 의료진과 상의하세요."


_COLLECTIONS = (".jsonl", ".ndjson", ".csv", ".xml", ".json", ".parquet")
"""Suffixes of files that hold reports as records (korad.reports reads most of them), not one report's text."""


def _read_report(path: str) -> str:
    """One report from a UTF-8 text file: not empty, and not longer than any one report is."""
    if Path(path).suffix.lower() in _COLLECTIONS:  # answers would mix its reports, or read its markup
        raise InputError(
            path,
            "a file of reports (korad reports and korad label read it), not one report: "
            "give korad chat one report as a UTF-8 text file",
        )
    text = read_text(path, what="report file (give one report as a UTF-8 text file)").strip()
    if not text:
        raise InputError(path, "the report is empty")
    if len(text) > MAX_REPORT_CHARS:  # a whole export of reports, or not a report: answers would be wrong
        raise InputError(path, f"{len(text):,} characters, longer than one report (at most {MAX_REPORT_CHARS:,})")
    return text


def _answer(session: ChatSession, question: str) -> None:
    out = sys.stdout  # looked up at each answer, not bound once when the module is imported
    pieces = []
    for piece in session.ask(question):
        pieces.append(piece)
        out.write(terminal_text(piece))
        out.flush()
    out.write("\n")
    for message in session.check("".join(pieces)).messages():
        print(terminal_text(message), file=sys.stderr)


@dataclass
class ChatOptions:
    """The terminal chat's own options; the model is a ``BackendSpec``."""

    report: str | None = field(
        default=None, metadata={"help": "a report as a UTF-8 text file (English, Korean or mixed)"}
    )
    source: str | None = field(
        default=None,
        metadata={
            "help": "where the report comes from (e.g. mimic-cxr): credentialed sources only go to allowed endpoints"
        },
    )
    ask: str | None = field(default=None, metadata={"help": "answer this one question and exit (for scripts)"})


def main(argv: Sequence[str] | None = None, prog: str = "korad chat") -> int:
    return run(lambda: chat(*parse((ChatOptions, BackendSpec), argv, prog=prog, description=__doc__)), argv)


def chat(options: ChatOptions, spec: BackendSpec) -> int:
    """One answer (``options.ask``) or the interactive loop."""
    if not options.report:  # the terminal has no way to paste one: every answer would be "no report"
        raise ConfigError("report", options.report, "korad chat needs --report FILE (a report as a UTF-8 text file)")
    if options.ask is not None and not options.ask.strip():
        raise ConfigError("ask", options.ask, "a question in Korean (empty; leave out --ask for the interactive chat)")
    report = _read_report(options.report)
    session = ChatSession(make_backend(spec), report, options.source)
    if options.ask is not None:
        _answer(session, options.ask)
        print(DISCLAIMER, file=sys.stderr)  # the answer alone on stdout, for scripts; the disclaimer always shown
        return 0
    print(f"korad 터미널 채팅 ({session.backend.name}). /reset 대화 초기화, /quit 종료.\n{DISCLAIMER}")
    while True:
        try:
            question = input("\n질문> ").strip()
        except EOFError:
            print()
            return 0
        if question in ("/quit", "/exit"):
            return 0
        if question == "/reset":
            session.history.clear()
            print("대화를 초기화했습니다.")
            continue
        if question:
            try:
                _answer(session, question)
            except ContextOverflow as error:  # one pasted wall of text does not end the conversation
                print(f"error: {error} (ask a shorter question)", file=sys.stderr)


if __name__ == "__main__":
    raise SystemExit(main(prog="python -m korad.chat"))
