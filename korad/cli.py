"""The ``korad`` command: one subcommand per card folder, each a thin door onto a library function.

    korad label INPUT                  korad compare --config eval/recipes/sample.yaml
    korad build [STAGE] --config datasets_builder/recipes/sample_offline.yaml

Subcommand modules are imported only when run, so ``korad --help`` does not load torch. Every
command prints one line ``error: ...`` on failure and exits with the error's code (2 bad input or
configuration, 3 endpoint or authentication, 4 data-use refusal, 1 anything else); ``--debug``
shows the traceback instead.
"""

from __future__ import annotations

import importlib
import os
import sys
import traceback
from collections.abc import Callable, Sequence

COMMANDS: dict[str, tuple[str, str]] = {
    "reports": ("korad.commands.reports:main", "read reports and write the reports artifact"),
    "label": ("korad.commands.label:main", "label the 14 CheXpert observations of every report"),
    "build": ("korad.commands.build:main", "build the instruction dataset: [STAGE] of ingest ... build, or all"),
    "chat": ("korad.chat.cli:main", "ask questions in Korean about a report, in the terminal"),
    "compare": ("korad.commands.evaluation:compare", "answers of several models to one set of questions"),
    "judge": ("korad.commands.evaluation:judge", "LLM judge of a comparison table"),
    "metrics": ("korad.commands.evaluation:metrics", "reference and clinical metrics of a comparison table"),
    "eval-report": ("korad.commands.evaluation:report", "the evaluation report with intervals and plots"),
    "review": ("korad.commands.review:main", "human review in Argilla: push | pull | agreement"),
    "preference": ("korad.commands.preference:main", "the preference loop (DPO/KTO data): sample, build, review"),
    "publish": ("korad.commands.publish:main", "upload to the Hub: dataset | adapter | merged | space"),
    "merge": ("korad.commands.merge:main", "merge a LoRA adapter into its base model (for vLLM or TGI)"),
    "serve-openai": ("korad.commands.serve:main", "the local OpenAI-compatible server (tests and demos)"),
}
"""Subcommand -> (``module:function`` taking ``(argv, prog)``, one line of help)."""

EXIT_CODES = (
    "exit codes: 0 done, 1 unexpected error, 2 bad input or configuration,\n"
    "            3 endpoint or authentication, 4 data-use refusal"
)


def run(body: Callable[[], int | None], argv: Sequence[str] | None = None) -> int:
    """Run a command's ``body``: a korad error becomes one ``error:`` line and its exit code.

    The traceback is shown only with ``--debug`` in ``argv`` (or ``KORAD_DEBUG=1``).
    """
    from korad.errors import KoradError

    argv = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in argv or os.environ.get("KORAD_DEBUG", "") not in ("", "0")
    try:
        return body() or 0
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader stopped (``korad reports X | head``): no error line, the shell's code
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error when Python flushes
        return 141
    except Exception as error:
        if debug:
            traceback.print_exc()
        print(f"error: {describe(error)}", file=sys.stderr)
        return error.exit_code if isinstance(error, KoradError) else exit_code_of(error)


def describe(error: BaseException) -> str:
    """The one line a command prints for ``error``."""
    from korad.errors import KoradError

    text = " ".join(str(error).split()) or type(error).__name__
    return text if isinstance(error, KoradError) else f"{type(error).__name__}: {text}"


def exit_code_of(error: BaseException) -> int:
    """The exit code of an error that is not a ``KoradError`` (1; 3 for the engine's refused endpoint)."""
    engine = sys.modules.get("korad.engine")
    if engine is not None and isinstance(error, engine.EndpointRejected):
        return 3
    return 1


def dispatch(
    actions: dict[str, Callable[..., int]], argv: Sequence[str] | None, prog: str, description: str | None = None
) -> int:
    """A command with actions (``korad review push``): run ``actions[argv[0]]`` with the rest of ``argv``.

    ``--help`` prints the usage line and ``description`` (the command module's docstring)."""
    from korad.config import UsageError

    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("-h", "--help"):
        print(f"usage: {prog} {{{'|'.join(actions)}}} [options]   ({prog} ACTION --help for its options)")
        if argv and description:
            print("\n" + description.strip())
        return 0 if argv else 2
    if argv[0] not in actions:
        raise UsageError(f"{prog}: unknown action {argv[0]!r}; choose one of {', '.join(actions)}")
    return actions[argv[0]](argv[1:], prog=f"{prog} {argv[0]}")


def usage() -> str:
    width = max(map(len, COMMANDS))
    lines = [
        "usage: korad COMMAND [options]   (korad COMMAND --help for its options)",
        "",
        "Korean questions and answers about chest X-ray reports on the Hugging Face stack.",
        "",
        "commands:",
        *(f"  {name:<{width}}  {text}" for name, (_, text) in COMMANDS.items()),
        "",
        "Every command reads --config FILE.yaml (the command line wins); --debug shows tracebacks.",
        "Training: .venv/bin/accelerate launch train/sft.py --config train/recipes/<recipe>.yaml",
        EXIT_CODES,
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """``korad COMMAND [options]``."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("-h", "--help"):
        print(usage(), file=sys.stdout if argv else sys.stderr)
        return 0 if argv else 2
    name, rest = argv[0], argv[1:]
    if name not in COMMANDS:
        print(f"error: unknown command {name!r}; choose one of {', '.join(COMMANDS)}", file=sys.stderr)
        return 2
    module, function = COMMANDS[name][0].split(":")
    return getattr(importlib.import_module(module), function)(rest, prog=f"korad {name}")


if __name__ == "__main__":
    raise SystemExit(main())
