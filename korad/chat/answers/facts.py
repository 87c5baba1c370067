"""What the report says of a finding: its status, evidence sentence, details and their place."""

from __future__ import annotations

import re
from dataclasses import replace

from korad.chat.acuity import congestion_seen
from korad.chat.questions import DEVICES
from korad.details import LOCATION_KO, POSITION_KO, SIDE_KO, Detail, describe_ko
from korad.devices import placements
from korad.findings import Findings, Label
from korad.glossary import korean_name
from korad.sections import reported_text
from korad.text import sentence_spans

_RANK = {"negative": 0, "uncertain": 1, "positive": 2}

PARENTS: dict[str, str] = {
    "Nodule": "Lung Lesion",
    "Mass": "Lung Lesion",
    "Granuloma": "Lung Lesion",
    "Rib Fracture": "Fracture",
    "Vertebral Fracture": "Fracture",
    **{device: "Support Devices" for device in DEVICES if device != "Support Devices"},
}
"""A specific finding -> the CheXpert observation it is a kind of (answered together, the specific first)."""


def details_of(findings: Findings, observation: str) -> list[Detail]:
    return [d for d in findings.details if d.observation == observation or PARENTS.get(d.observation) == observation]


def status(findings: Findings, observation: str) -> Label | None:
    """The report's status of ``observation``: its label, else the strongest status of its details."""
    if observation in findings.labels:
        return findings.labels[observation]
    statuses = [d.status for d in details_of(findings, observation)]
    return max(statuses, key=_RANK.__getitem__) if statuses else None


def evidence(findings: Findings, observation: str) -> str | None:
    """The report's sentence (or mention) behind the status of ``observation``."""
    if observation in findings.evidence:
        return findings.evidence[observation]
    found = details_of(findings, observation)  # the mention behind the label: positive > uncertain > negative
    found = sorted(found, key=lambda d: ("positive", "uncertain", "negative").index(d.status))
    return sentence_of(findings, found[0]) if found else None


def claims_of(findings: Findings, observations: list[str]) -> dict[str, Label]:
    return {o: s for o in observations if (s := status(findings, o)) is not None}


def resolve(findings: Findings, observations: tuple[str, ...] | list[str]) -> list[str]:
    """The asked observations to answer about, in the question's order (main reading first): those the
    report mentions (a specific finding stands for its CheXpert parent), else the main reading alone."""
    if any(o in DEVICES and o != "Support Devices" for o in observations):
        observations = [o for o in observations if o != "Support Devices"]  # the device named, not any device
    mentioned = [o for o in observations if status(findings, o) is not None]
    if not mentioned:
        return list(observations[:1])
    # A parent goes when a child says as much ("결절" for "폐 결절 또는 종괴"); a parent that is surer than its
    # children (a clavicle fracture besides a possible rib fracture) stays.
    return [
        o
        for o in mentioned
        if not any(PARENTS.get(c) == o and _RANK[status(findings, c)] >= _RANK[status(findings, o)] for c in mentioned)
    ][:3]


def positive(findings: Findings, statuses: tuple[str, ...] = ("positive",)) -> list[str]:
    """The report's findings with one of ``statuses`` (no "No Finding"), CheXpert first, then the details'."""
    found = [o for o, label in findings.labels.items() if label in statuses and o != "No Finding"]
    for detail in findings.details:
        if detail.status in statuses and detail.observation not in found and detail.observation not in findings.labels:
            found.append(detail.observation)
    if congestion_seen(findings):  # congestion stated: possible edema, but a finding seen (docs/findings.md)
        if "positive" in statuses and "Edema" not in found:
            found.append("Edema")
        elif "positive" not in statuses:
            found = [o for o in found if o != "Edema"]
    return [o for o in found if not any(PARENTS.get(other) == o for other in found)]


def attributes_said(findings: Findings, observation: str) -> str:
    """The present mentions' details in Korean, in parentheses ("" when the report gives none)."""
    if observation in DEVICES:
        return _device_attributes(findings, observation)
    said = "; ".join(
        filter(
            None,
            (
                # a device type under "삽입된 의료기구" is named, so its side and position stay its own
                f"{korean_name(d.observation)}: {described}" if d.observation != observation else described
                for d in details_of(findings, observation)
                if d.status == "positive" and (described := describe_ko(d))
            ),
        )
    )
    return f" ({said})" if said else ""


_MIDLINE_TUBES = frozenset({"Endotracheal Tube", "Nasogastric Tube", "Tracheostomy Tube"})


def _device_attributes(findings: Findings, observation: str) -> str:
    """The devices' side and position in Korean, in parentheses, as ``korad.devices.placements`` places them
    (the position answer's own reading: a standard site, the report's verdict, where it is now)."""
    said = []
    for p in placements(findings.details, findings.recommendations):
        if observation != "Support Devices" and p.observation != observation:
            continue
        side = None if p.observation in _MIDLINE_TUBES else SIDE_KO.get(p.side or "")  # its tip's side, not its own
        problem = p.problem if p.position == "malpositioned" else None  # "식도가 아니라 기도로 잘못 들어감"
        words = " · ".join(filter(None, (side, POSITION_KO.get(p.position or ""), problem)))
        if words:
            said.append(f"{korean_name(p.observation)}: {words}" if p.observation != observation else words)
    return f" ({'; '.join(said)})" if said else ""


def sentence_of(findings: Findings, detail: Detail) -> str:
    """The report's sentence holding ``detail``'s mention (the mention itself when none is found)."""
    if detail.sentence:
        return detail.sentence
    return next((m.sentence for m in findings.mentions if detail.text and detail.text in m.sentence), detail.text)


def sentence_around(report: str, match: re.Match[str]) -> str:
    """The sentence of ``report`` around ``match`` (searched in ``reported_text(report)``)."""
    text = reported_text(report)
    starts = [m.end() for m in _SENTENCE_END.finditer(text, 0, match.start())]
    end = _SENTENCE_END.search(text, match.end())
    return text[(starts[-1] if starts else 0) : (end.start() + 1 if end else len(text))].strip()


_SENTENCE_END = re.compile(r"\.(?!\d)|\n")
"""The end of a sentence: a full stop that is not a decimal point ("4.2 cm"), or a line break."""


def place_ko(detail: Detail) -> str:
    """Side and location in Korean: "좌측 상부"."""
    return " ".join(filter(None, [SIDE_KO.get(detail.side or ""), *(LOCATION_KO[x] for x in detail.location)]))


def report_sentence(report: str, pattern: re.Pattern[str], unless: re.Pattern[str] | None = None) -> str | None:
    """The first sentence of the report's stated part that ``pattern`` finds (and ``unless`` does not), whitespace
    joined, else None."""
    text = reported_text(report) if report else ""
    for start, end in sentence_spans(text):
        if pattern.search(text[start:end]) and not (unless and unless.search(text[start:end])):
            return " ".join(text[start:end].split())
    return None


def without(findings: Findings, observations: tuple[str, ...]) -> Findings:
    """``findings`` with ``observations`` left out (a device the question sets aside: "PICC 말고 다 괜찮아요?")."""
    left = [d for d in findings.details if d.observation not in observations]
    gone = set(observations) - ({"Support Devices"} if any(d.observation in DEVICES for d in left) else set())
    return replace(
        findings,
        labels={o: v for o, v in findings.labels.items() if o not in gone},
        evidence={o: v for o, v in findings.evidence.items() if o not in gone},
        details=[d for d in left if d.observation not in gone],
        mentions=[m for m in findings.mentions if m.observation not in gone],
    )
