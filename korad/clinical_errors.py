"""Clinical errors of an answer against its report, counted by type (the GREEN idea, read in Korean).

One list of error types for the rule-based count (``korad.chat.grounding``), the ``korad_grounding``
metric module and the judge rubric that asks for the same counts, so the three can be compared.
"""

from __future__ import annotations

from dataclasses import dataclass

from korad.chat.grounding import Contradiction, check_answer
from korad.details import DetailContradiction
from korad.findings import Findings

ERROR_TYPES = (
    "false_finding",
    "denied_finding",
    "wrong_side",
    "wrong_severity",
    "wrong_size",
    "wrong_change",
    "wrong_device_position",
    "unsupported_recommendation",
)
"""Error types, in the order tables show them. ``false_finding``: the answer states a finding the report
does not; ``denied_finding``: it denies one the report states; ``wrong_*``: it states a detail of a
reported finding differently; ``unsupported_recommendation``: it gives a next step the report does not."""

ERROR_TYPES_KO = {
    "false_finding": "없는 소견을 있다고 함",
    "denied_finding": "있는 소견을 없다고 함",
    "wrong_side": "좌우가 다름",
    "wrong_severity": "정도가 다름",
    "wrong_size": "크기가 다름",
    "wrong_change": "변화 방향이 다름",
    "wrong_device_position": "기구 위치가 다름",
    "unsupported_recommendation": "판독문에 없는 권고",
}


@dataclass(frozen=True)
class ClinicalError:
    """One error: its ``kind`` (one of ``ERROR_TYPES``), the observation, and the report's ``evidence``."""

    kind: str
    observation: str
    evidence: str


def _kind(contradiction: Contradiction | DetailContradiction) -> str:
    if isinstance(contradiction, DetailContradiction):
        return f"wrong_{contradiction.kind}"
    return "false_finding" if contradiction.claimed == "positive" else "denied_finding"


def clinical_errors(report: str, answer: str, report_findings: Findings | None = None) -> list[ClinicalError]:
    """The clinical errors of ``answer`` against ``report``, as the grounding check finds them."""
    grounding = check_answer(report, answer, report_findings)
    return [ClinicalError(_kind(c), c.observation, c.evidence) for c in grounding.contradictions]


def error_counts(errors: list[ClinicalError]) -> dict[str, int]:
    """Counts per error type, every type present (0 when none)."""
    counts = dict.fromkeys(ERROR_TYPES, 0)
    for error in errors:
        counts[error.kind] += 1
    return counts
