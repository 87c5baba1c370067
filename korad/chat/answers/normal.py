"""What makes a study normal (docs/chat.md): abnormal, old or chronic, benign findings and misplaced devices."""

from __future__ import annotations

from korad.chat.acuity import CHRONIC_DISEASES, chronic, leaves_normal, not_acute, workup_advised
from korad.chat.answers.bones import FRACTURES, bone_named
from korad.chat.answers.facts import attributes_said, evidence, positive
from korad.chat.answers.wording import finding_name, particle
from korad.chat.questions import DEVICES
from korad.devices import Placement, placements
from korad.findings import Findings
from korad.glossary import korean_name

INCIDENTAL: frozenset[str] = frozenset({"Granuloma"})
"""Findings that do not make a study abnormal for the patient: a calcified granuloma is benign by definition."""

LUNG_FINDINGS: frozenset[str] = frozenset(
    {
        "Lung Opacity",
        "Lung Lesion",
        "Edema",
        "Consolidation",
        "Pneumonia",
        "Atelectasis",
        "Pneumothorax",
        "Pleural Effusion",
        "Pleural Other",
        "Emphysema",
        "Nodule",
        "Mass",
        "Scarring",
        "Hyperinflation",
        "Old Tuberculosis",
        "Tuberculosis",
    }
)
"""What "폐는 괜찮은가요?" asks about: the lungs and pleura, not the heart, bones or devices."""


def abnormal_findings(
    findings: Findings, statuses: tuple[str, ...], scope: str | None = None, report: str = ""
) -> list[str]:
    """The findings that make the study abnormal and are not old: not devices, not findings that leave a
    study normal (``leaves_normal``), not the old and chronic ones (``chronic_findings``)."""
    chronic_found = chronic_findings(findings, scope, report)
    found = [
        o
        for o in positive(findings, statuses)
        if o not in DEVICES | INCIDENTAL and not leaves_normal(findings, o, report) and o not in chronic_found
    ]
    return [o for o in found if o in LUNG_FINDINGS] if scope == "lungs" else found


def chronic_findings(findings: Findings, scope: str | None = None, report: str = "") -> list[str]:
    """The report's old and chronic findings that keep the study from being normal though they are not acute
    (old healed fracture, atherosclerosis, scarring, emphysema ...)."""
    found = [
        o
        for o in positive(findings)
        if o not in DEVICES | INCIDENTAL and not_acute(findings, o) and not leaves_normal(findings, o, report)
    ]
    return [o for o in found if o in LUNG_FINDINGS] if scope == "lungs" else found


def benign_findings(findings: Findings, scope: str | None = None, report: str = "") -> list[str]:
    """The report's findings that leave the study normal (calcified granuloma, minimal pleural thickening ...)."""
    found = [
        o for o in positive(findings) if o not in DEVICES and (o in INCIDENTAL or leaves_normal(findings, o, report))
    ]
    return [o for o in found if o in LUNG_FINDINGS | INCIDENTAL] if scope == "lungs" else found


def _finding_named(findings: Findings, observation: str) -> str:
    """A finding's Korean name with its details, a fracture with its bone ("늑골 골절(fracture) (좌측)")."""
    bone = bone_named(evidence(findings, observation) or "") if observation == "Fracture" else ""
    return f"{bone + ' ' if bone else ''}{finding_name(observation)}{attributes_said(findings, observation)}"


def _chronic_named(findings: Findings, observation: str) -> str:
    old = "오래된 " if observation in FRACTURES and chronic(findings, observation) else ""
    return f"{old}{_finding_named(findings, observation)}"


def finding_names(findings: Findings, observations: list[str], old: bool = True) -> str:
    """The findings named for an answer, fractures called old (``old``) where the answer does not say so."""
    return ", ".join(_chronic_named(findings, o) if old else _finding_named(findings, o) for o in observations)


def chronic_note(findings: Findings, chronic_found: list[str]) -> str:
    if not chronic_found:
        return ""
    names = finding_names(findings, chronic_found)
    return (
        f" 다만 오래되었거나 만성적인 소견으로 {names}{particle(names, '이', '가')} 적혀 있으며, "
        "새로 생긴 문제는 아닙니다."
    )


def misplaced_devices(findings: Findings, scope: str | None = None) -> list[Placement]:
    """The devices out of place, as ``korad.devices.placements`` reads them (none for the lungs alone)."""
    if scope == "lungs":
        return []
    return [p for p in placements(findings.details, findings.recommendations) if p.position == "malpositioned"]


def is_normal(findings: Findings, scope: str | None = None, report: str = "") -> bool:
    """A clinician's "normal" (the convention of docs/chat.md): nothing positive or uncertain but devices in
    place and findings that leave a study normal (``leaves_normal``), no old or chronic finding that does not,
    and no work-up advised; ``scope="lungs"`` looks at the lungs and pleura only."""
    return (
        not abnormal_findings(findings, ("positive", "uncertain"), scope, report)
        and not chronic_findings(findings, scope, report)
        and not misplaced_devices(findings, scope)
        and not (scope is None and workup_advised(findings))
    )


def old_words(observations: list[str]) -> str:
    """How old findings are called: healed (a fracture, old tuberculosis), old (a trace), chronic (a disease)."""
    if all(o in FRACTURES | {"Old Tuberculosis"} for o in observations):
        return "오래된(치유된)"
    if not CHRONIC_DISEASES.intersection(observations):
        return "오래된"
    return "만성적인" if CHRONIC_DISEASES.issuperset(observations) else "오래되었거나 만성적인"


WITHIN_NORMAL = "정상으로 보는 범위의 소견입니다."


def possible_said(observations: list[str]) -> str:
    """The findings the report names only as possible, said ("폐렴(pneumonia)의 가능성이 언급되어 있습니다.")."""
    return f"{', '.join(finding_name(o) for o in observations)}의 가능성이 언급되어 있습니다."


def misplaced_said(devices: list[Placement]) -> str:
    """The devices out of place, said ("비위관의 위치가 적절하지 않다고 적혀 있습니다.")."""
    return f"{', '.join(korean_name(d.observation) for d in devices)}의 위치가 적절하지 않다고 적혀 있습니다."
