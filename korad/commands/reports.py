"""``korad reports INPUT``: read reports in any format korad reads and write the reports artifact.

One JSON line per report (id, source, language, text, sections, findings). Runs append and skip
ids already in the output; rejected reports go to the quarantine file with their reason.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from korad.artifacts import check_artifact, quarantine_path
from korad.cli import run
from korad.config import distinct_output, existing_file, parse, require
from korad.reports import MAX_CHARS, Report, write_reports


@dataclass
class ReportsOptions:
    """Options of the per-report commands (``korad reports``, ``korad label``)."""

    input: str = field(
        metadata={
            "help": "a MIMIC-CXR notes folder, an id,note CSV, a JSONL file with id,text, "
            "Open-i XML (file or folder) or indiana_reports.csv (also the first argument)"
        }
    )
    output: str | None = field(
        default=None,
        metadata={"aliases": ["-o"], "help": "JSONL to append to (ids already in it are skipped); default: stdout"},
    )
    quarantine: str | None = field(
        default=None,
        metadata={"help": "where rejected reports go (default: OUTPUT.quarantine.jsonl; stderr with stdout)"},
    )
    max_chars: int = field(default=MAX_CHARS, metadata={"help": "longest report accepted, in characters"})

    def __post_init__(self) -> None:
        existing_file("input", self.input)
        distinct_output("output", self.output, input=self.input)
        quarantine = self.quarantine or (quarantine_path(self.output) if self.output is not None else None)
        distinct_output("quarantine", quarantine, input=self.input, output=self.output)
        require(self.max_chars >= 1, "max_chars", self.max_chars, "a whole number of at least 1")


def run_per_report(
    argv: Sequence[str] | None,
    prog: str,
    description: str,
    to_record: Callable[[Report], dict[str, Any]],
    stage: str = "reports",
    fields: tuple[str, ...] = (),
) -> int:
    """The shared body of the per-report commands: parse, write one line per report (the stage runner
    prints the ledger, named ``stage``). An existing output must hold records with ``fields``."""

    def body() -> int:
        (options,) = parse((ReportsOptions,), argv, prog=prog, description=description, positional=("input",))
        if options.output is not None:  # a reports artifact given to `korad label` (or back): nothing would be written
            check_artifact(options.output, "id", *fields)
        write_reports(options.input, options.output, to_record, options.max_chars, options.quarantine, stage=stage)
        return 0

    return run(body, argv)


def main(argv: Sequence[str] | None = None, prog: str = "korad reports") -> int:
    return run_per_report(argv, prog, __doc__, Report.to_record, fields=("text", "sections"))
