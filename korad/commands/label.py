"""``korad label INPUT``: label the 14 CheXpert observations of every report in INPUT.

One JSON line per report: id, findings (observation -> positive/negative/uncertain) and evidence
(observation -> the sentence behind its label). INPUT is any format ``korad reports`` reads.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from korad.commands.reports import run_per_report
from korad.findings import label_report
from korad.reports import Report


def findings_record(report: Report) -> dict[str, Any]:
    """The labels of one report and the sentence behind each."""
    findings = label_report(report.text)
    return {"id": report.id, "findings": findings.labels, "evidence": findings.evidence}


def main(argv: Sequence[str] | None = None, prog: str = "korad label") -> int:
    return run_per_report(argv, prog, __doc__, findings_record)
