"""Which findings of a report call for prompt contact with the care team, and when to say so.

The rules, with their reasons, are in ``docs/triage.md``; each rule reads the labeler's status of
a finding and its details (severity, change, device position, the words of the mention):

- pneumothorax: any, unless the report says it is stable, improving or resolved (a known one being
  followed); tension, large, new or increasing ones are named so;
- pleural effusion: large (severe) or increasing;
- consolidation: new or increasing; pneumonia: stated (not only possible) and not improving or stable;
- pulmonary edema: the word edema (not "vascular congestion" alone) and not mild or minimal and not
  stable or improving;
- a device that the report says is out of place (an enteric tube in the airway or coiled in the
  esophagus, an endotracheal tube in a mainstem bronchus, a line tip in the right atrium), named
  with what is wrong (``korad.devices``).

The notice is shown once in a conversation, on the first answer about the report's content (not
under a question about a word's meaning or about something else).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from korad.chat.questions import read_question
from korad.devices import placements
from korad.findings import Findings
from korad.glossary import korean_name

_TENSION = re.compile(r"tension|긴장성", re.IGNORECASE)
_EDEMA_WORD = re.compile(r"edema|oedema|부종", re.IGNORECASE)
_SMALL = ("minimal", "mild")
_LARGE = ("moderate", "severe")
_SETTLED = ("stable", "better", "resolved")
_GROWING = ("new", "worse")
_REPORT_KINDS = frozenset(
    {
        "presence",
        "normality",
        "summary",
        "change",
        "side",
        "worse_side",
        "size",
        "severity",
        "position",
        "removal",
        "next_steps",
        "urgency",
        "cause",
        "finding_count",
    }
)
"""Question kinds that are about the report's content (an urgent notice matters there)."""


@dataclass(frozen=True)
class Urgent:
    """One urgent finding: what, why (in Korean) and the report's sentence."""

    observation: str
    reason: str
    evidence: str


def _details(findings: Findings, observation: str) -> list[Any]:
    return [d for d in findings.details if d.observation == observation and d.status == "positive"]


def _values(details: list[Any], attribute: str) -> set[str]:
    return {getattr(d, attribute) for d in details if getattr(d, attribute, None)}


def _words(findings: Findings, observation: str) -> str:
    """Every mention and sentence of ``observation`` in the report."""
    parts = [m.text + " " + m.sentence for m in findings.mentions if m.observation == observation]
    parts += [d.text for d in _details(findings, observation)]
    return " ".join(parts)


def _pneumothorax(findings: Findings) -> str | None:
    details = _details(findings, "Pneumothorax")
    severity, change = _values(details, "severity"), _values(details, "change")
    if _TENSION.search(_words(findings, "Pneumothorax")):
        return "긴장성 기흉"
    if severity & set(_LARGE):
        return "큰 기흉"
    if change & set(_GROWING):
        return "새로 생기거나 커진 기흉"
    if change & set(_SETTLED):
        return None  # known and stable or improving: being followed
    return "기흉"  # small or of unknown size, with no comparison: it may be new


def _effusion(findings: Findings) -> str | None:
    details = _details(findings, "Pleural Effusion")
    if "severe" in _values(details, "severity"):
        return "많은 양의 흉수"
    if "worse" in _values(details, "change"):
        return "늘어난 흉수"
    return None


def _consolidation(findings: Findings) -> str | None:
    if _values(_details(findings, "Consolidation"), "change") & set(_GROWING):
        return "새로 생기거나 커진 폐경화"
    return None


def _pneumonia(findings: Findings) -> str | None:
    if _values(_details(findings, "Pneumonia"), "change") & set(_SETTLED):
        return None
    return "폐렴"


def _edema(findings: Findings) -> str | None:
    if not _EDEMA_WORD.search(_words(findings, "Edema")):
        return None  # "vascular congestion" alone is not pulmonary edema
    details = _details(findings, "Edema")
    if _values(details, "severity") & set(_SMALL) or _values(details, "change") & set(_SETTLED):
        return None
    return "폐부종"


def _free_air(findings: Findings) -> str | None:
    if _values(_details(findings, "Pneumoperitoneum"), "change") & set(_SETTLED):
        return None  # known and stable or decreasing after an operation: being followed
    return "복강 내 유리 공기(장 천공 가능성)"


RULES = {
    "Pneumothorax": _pneumothorax,
    "Pneumoperitoneum": _free_air,
    "Pleural Effusion": _effusion,
    "Consolidation": _consolidation,
    "Pneumonia": _pneumonia,
    "Edema": _edema,
}
"""Observation -> its rule: the reason in Korean when the report's positive finding is urgent, else None."""


def urgent(findings: Findings | None) -> list[Urgent]:
    """The report's urgent findings, by the rules above."""
    if findings is None:
        return []
    found = []
    for observation, rule in RULES.items():
        details = _details(findings, observation)  # the extra vocabulary has details, no CheXpert label
        if findings.labels.get(observation) == "positive" or details:
            reason = rule(findings)
            if reason:
                evidence = findings.evidence.get(observation) or (details[0].text if details else "")
                found.append(Urgent(observation, reason, evidence))
    for device in placements(findings.details, findings.recommendations):
        if device.position == "malpositioned" and device.observation != "Sternotomy Wires":  # "NGT coiled in the
            # esophagus", "ETT in the right mainstem"; a broken sternal wire is no emergency
            reason = f"위치가 적절하지 않은 {korean_name(device.observation)}"
            reason += f"({device.problem})" if device.problem else ""
            found.append(Urgent(device.observation, reason, device.sentences[0]))
    return found


def urgent_findings(findings: Findings | None) -> dict[str, str]:
    """The report's urgent findings -> their evidence sentences."""
    return {u.observation: u.evidence for u in urgent(findings)}


def urgent_notices(urgent_found: dict[str, str] | list[Urgent]) -> list[str]:
    """One notice for the urgent findings, in Korean (none when there are none)."""
    if not urgent_found:
        return []
    if isinstance(urgent_found, dict):
        names = ", ".join(korean_name(o) for o in urgent_found)
    else:
        names = ", ".join(dict.fromkeys(u.reason for u in urgent_found))
    return [
        f"[긴급] 판독문에 {names} 소견이 있습니다. 빠른 확인과 치료가 필요할 수 있으니 담당 의료진에게 바로 연락하세요."
    ]


def about_the_report(question: str) -> bool:
    """Whether ``question`` asks about the report's content (where an urgent notice matters)."""
    return read_question(question).kind in _REPORT_KINDS


def notice_due(question: str, history: Sequence[tuple[str, str]]) -> bool:
    """Whether this answer carries the urgent notice: it is about the report, and no earlier one was."""
    return about_the_report(question) and not any(about_the_report(q) for q, _ in history)
