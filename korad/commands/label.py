"""``korad label INPUT``: label the 14 CheXpert observations of every report in INPUT.

One JSON line per report: id, findings (observation -> positive/negative/uncertain), evidence
(observation -> the sentence behind its label), details (side, severity, location, size, change
and position of every mention) and recommendations (the report's advice, as written).
INPUT is any format ``korad reports`` reads.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from korad.commands.reports import run_per_report
from korad.findings import label_report
from korad.reports import Report


def findings_record(report: Report) -> dict[str, Any]:
    """The labels of one report, the sentence behind each, the details and the recommendations."""
    return {"id": report.id, **label_report(report.text).to_record()}


def main(argv: Sequence[str] | None = None, prog: str = "korad label") -> int:
    return run_per_report(argv, prog, __doc__, findings_record, stage="label", fields=("findings", "evidence"))
