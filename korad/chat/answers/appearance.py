"""A disease whose change the report writes as the change of how it looks, and what is left of it.

"코로나 폐렴 좋아졌어요?" on "COVID-19 pneumonia f/u. Bilateral GGO, 이전 대비 호전됨.": the report names
the pneumonia, and tells its course as the course of the ground-glass opacity it is seen as. A change
question about the disease is answered from that opacity's change, saying so. When it is better, what the
report says is still there ("Residual opacity", "약간 남아 있음") is told with it: better is not gone.
"""

from __future__ import annotations

import re

from korad.details import Detail
from korad.findings import Findings, label
from korad.text import sentence_spans

APPEARANCES: dict[str, tuple[str, ...]] = {
    "Pneumonia": ("Consolidation", "Lung Opacity"),
    "Aspiration": ("Consolidation", "Lung Opacity"),
    "Tuberculosis": ("Consolidation", "Lung Opacity"),
}
"""A disease -> the findings a report sees it as, whose change is the disease's course."""

_RESIDUAL = re.compile(
    r"\bresidual\b|\bremain(?:s|ing)?\b|\bpersist(?:s|ent|ing)?\b|잔존|잔여|남아\s*(?:있|보)|남은|지속"
    r"|\bstill\b|여전히|거의\s*(?:다\s*)?(?:소실|사라|없어|흡수|해소)|\b(?:nearly|almost)\s+(?:completely\s+)?resolved",
    re.IGNORECASE,
)
_OPACITIES = {"Lung Opacity", "Consolidation", "Scarring"}
"""What is left of a lung disease that got better: an opacity, a consolidation, a scar."""
_NONE_LEFT = re.compile(
    r"\bno\s+(?:\w+\s+){0,2}(?:residual|remaining|persistent)\b|잔존\s*(?:병변|소견)?\s*(?:없|無)", re.IGNORECASE
)


def something_left(sentence: str) -> bool:
    """Whether ``sentence`` says something is still there ("minimal residual opacity", "약간 남아 있음")."""
    return bool(_RESIDUAL.search(sentence)) and not _NONE_LEFT.search(sentence)


def residual_sentences(report: str, observations: set[str]) -> list[str]:
    """The report's sentences that say one of ``observations`` (or an opacity) is still there ("Residual
    reticular opacity...", "약간의 residual opacity 남아 있음."), not those that say nothing is ("No
    residual pneumothorax.")."""
    wanted = observations | _OPACITIES
    found = []
    for start, end in sentence_spans(report or ""):
        sentence = " ".join(report[start:end].split())
        if something_left(sentence) and wanted & set(label(sentence)):
            found.append(sentence)
    return list(dict.fromkeys(found))


def appearance_changes(findings: Findings, asked: list[str]) -> tuple[list[Detail], str | None]:
    """(changes, disease): when no asked finding has a change of its own, the changes of the first asked
    disease's ``APPEARANCES`` that the report gives one; ([], None) when there is none."""
    for disease in asked:
        seen_as = APPEARANCES.get(disease, ())
        changes = [d for d in findings.details if d.observation in seen_as and d.status != "negative" and d.change]
        if changes:
            return changes, disease
    return [], None


def residual_note(report: str, observations: set[str], quoted: set[str]) -> str:
    """What is still there after a finding got better, quoted ("" when the report says nothing is left or
    only the ``quoted`` sentences say it: their change is then said as nearly gone)."""
    found = residual_sentences(report, observations)
    said = {" ".join(q.split()) for q in quoted}
    left = [s for s in found if s not in said]
    if left:
        return "다만 판독문에 아직 남아 있는 소견이 적혀 있습니다: " + " ".join(f"“{s}”" for s in left[:2])
    return ""


def sided_appearance(findings: Findings, disease: str) -> list[Detail]:
    """The sided mentions of what ``disease`` is seen as ("Worsening bilateral opacities, consistent with
    COVID-19 pneumonia": the pneumonia's side is the opacities'), for a disease the report gives no side."""
    seen_as = APPEARANCES.get(disease, ())
    return [d for d in findings.details if d.observation in seen_as and d.status != "negative" and d.side]
