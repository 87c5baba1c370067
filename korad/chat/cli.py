"""Terminal chat about a report: ``python -m korad.chat --report FILE [--ask QUESTION]``.

Interactive by default (streaming, with history; ``/reset`` clears it, ``/quit`` or Ctrl-D ends).
With ``--ask`` it prints one answer and exits, for scripts. Grounding warnings and urgent notices
are printed after each answer, on stderr.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from korad.artifacts import InputError
from korad.chat.backends import make_backend
from korad.chat.conversation import ChatSession, ContextOverflow
from korad.chat.options import add_backend_arguments, backend_spec
from korad.errors import KoradError

DISCLAIMER = "※ 의료 정보 도우미입니다. 진단과 치료는 담당 의료진과 상의하세요."


def _read_report(path: str) -> str:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except UnicodeDecodeError as error:
        raise InputError(path, f"not UTF-8 text ({error.reason} at byte {error.start})") from None
    if not text.strip():
        raise InputError(path, "the report is empty")
    return text


def _answer(session: ChatSession, question: str, out=sys.stdout) -> None:
    pieces = []
    for piece in session.ask(question):
        pieces.append(piece)
        out.write(piece)
        out.flush()
    out.write("\n")
    for message in session.check("".join(pieces)).messages():
        print(message, file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m korad.chat",
        description="Ask questions in Korean about a chest X-ray report, in the terminal.",
    )
    parser.add_argument("--report", help="a report as a UTF-8 text file (English, Korean or mixed)")
    parser.add_argument(
        "--source",
        help="where the report comes from (e.g. mimic-cxr): credentialed sources only go to allowed endpoints",
    )
    parser.add_argument("--ask", metavar="QUESTION", help="answer this one question and exit (for scripts)")
    add_backend_arguments(parser)
    args = parser.parse_args(argv)
    try:
        report = _read_report(args.report) if args.report else None
        session = ChatSession(make_backend(backend_spec(args)), report, args.source)
        if args.ask:
            _answer(session, args.ask)
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
                _answer(session, question)
    except ContextOverflow as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except KoradError as error:
        print(f"error: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
