"""The grounding check run on every model answer: does it contradict its report?

The answer is labelled with the findings labeler and compared with the report's labels. An answer
that asserts a finding the report negates, or denies one the report states, gets a warning that
quotes the report's evidence sentence. Urgent positive findings of the report get a notice to
contact the care team.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from korad.details import detail_contradictions
from korad.findings import Findings, contradictions, label_report
from korad.glossary import KOREAN_NAMES

URGENT_OBSERVATIONS: tuple[str, ...] = ("Pneumothorax", "Pneumonia", "Edema")
"""Positive findings that call for prompt contact with the care team."""

_SAID = {"positive": "있다고", "negative": "없다고"}


@dataclass(frozen=True)
class Contradiction:
    """The answer states ``observation`` as ``claimed``; the report says ``reported`` in ``evidence``."""

    observation: str
    claimed: str
    reported: str
    evidence: str

    def message(self) -> str:
        name = KOREAN_NAMES[self.observation]
        return (
            f"[경고] 답변은 {name}({self.observation.lower()}) 소견이 {_SAID[self.claimed]} 했지만, 판독문에는 "
            f"{_SAID[self.reported]} 적혀 있습니다: “{self.evidence}”"
        )


@dataclass(frozen=True)
class Grounding:
    """The result of checking one answer against its report."""

    contradictions: list[Contradiction] = field(default_factory=list)
    urgent: dict[str, str] = field(default_factory=dict)
    """Urgent positive observations of the report -> evidence sentence."""

    @property
    def ok(self) -> bool:
        return not self.contradictions

    def messages(self) -> list[str]:
        """The warnings and notices, in Korean, warnings first."""
        return [c.message() for c in self.contradictions] + urgent_notices(self.urgent)


def urgent_findings(findings: Findings) -> dict[str, str]:
    """The report's urgent positive observations with their evidence sentences."""
    return {
        observation: findings.evidence.get(observation, "")
        for observation in URGENT_OBSERVATIONS
        if findings.labels.get(observation) == "positive"
    }


def urgent_notices(urgent: dict[str, str]) -> list[str]:
    """One notice for the urgent findings, in Korean (none when there are none)."""
    if not urgent:
        return []
    names = ", ".join(KOREAN_NAMES[o] for o in urgent)
    return [
        f"[긴급] 판독문에 {names} 소견이 있습니다. 빠른 확인과 치료가 필요할 수 있으니 담당 의료진에게 바로 연락하세요."
    ]


def check_answer(report: str | None, answer: str, report_findings: Findings | None = None) -> Grounding:
    """Check ``answer`` against ``report`` (pass ``report_findings`` to reuse a labelling)."""
    if not report or not answer.strip():
        return Grounding()
    findings = report_findings or label_report(report)
    answer_findings = label_report(answer)
    found = [
        Contradiction(observation, said, reported, findings.evidence.get(observation, ""))
        for observation, (said, reported) in contradictions(answer_findings.labels, findings.labels).items()
    ]
    # A different side, severity, size or direction of change (korad.details, message in Korean).
    found += detail_contradictions(answer_findings.details, findings.details)  # type: ignore[arg-type]
    return Grounding(found, urgent_findings(findings))
