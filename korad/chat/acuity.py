"""Old, chronic and acute: what a report's findings mean for "is something wrong now?".

Reports name findings that are there but are not a new problem. Some leave the study normal (a
calcified granuloma or calcified nodes, a mildly unfolded aorta, minimal apical pleural thickening, the
wires and clips of an old operation, a mild curvature not carried to the impression: ``leaves_normal``).
Others are old or chronic but keep the study from being normal even under "No acute cardiopulmonary
process" (an old healed fracture, aortic atherosclerosis, old tuberculosis, scarring, pleural plaques,
emphysema, a hiatal hernia, a scoliosis named in the impression: ``not_acute``): the answer then says
both, that nothing acute is seen and what old finding is there. This module says which mentions are
which, finds the report's own "nothing acute" statement and its advice for a work-up, and tells
pulmonary vascular congestion (폐울혈) from edema (폐부종), which the labeler files under the same
CheXpert observation. The convention is written in ``docs/chat.md``.
"""

from __future__ import annotations

import re

from korad.advice import named_steps
from korad.details import Detail
from korad.findings import Findings, hedged, label, label_report
from korad.lexicon import PARENTS
from korad.sections import parse_sections, reported_text
from korad.text import sentence_spans

CHRONIC_KINDS: frozenset[str] = frozenset(
    {
        "Granuloma",
        "Old Tuberculosis",
        "Scarring",
        "Aortic Atherosclerosis",
        "Aortic Tortuosity",
        "Pleural Other",
        "Sternotomy Wires",
        "Surgical Clips",
        "Mastectomy",
        "Axillary Surgery",
    }
)
"""Findings that are chronic by nature: the trace of an old disease or operation, or a change of age."""
CHRONIC_DISEASES: frozenset[str] = frozenset(
    {"Emphysema", "Hyperinflation", "Hiatal Hernia", "Scoliosis", "Interstitial Lung Disease", "Bronchiectasis"}
)
"""Lasting conditions that are not acute, though they are not traces: they keep a study from being normal."""
LEAVE_NORMAL: frozenset[str] = frozenset(
    {"Granuloma", "Aortic Tortuosity", "Sternotomy Wires", "Surgical Clips", "Mastectomy", "Axillary Surgery"}
)
"""Findings that leave a study normal: a calcified granuloma (or calcified nodes), a mildly unfolded or
tortuous aorta, the wires and clips of an old operation."""
_MARKED = frozenset({"moderate", "severe"})
_MINOR_PLEURA = re.compile(r"thicken|cap\b|비후", re.IGNORECASE)
_PLAQUE = re.compile(r"plaque|calcif|석회|fibrothorax|asbestos|석면|유착|\bpleural scarring", re.IGNORECASE)
WORKUP_STEPS: frozenset[str] = frozenset(
    {"ct", "mri", "pet", "echocardiography", "ultrasound", "radiograph", "follow_up", "further_tests"}
    | {"bronchoscopy", "biopsy"}
)
"""Next steps that are a work-up: a study whose report advises one is not normal ("Chest CT recommended")."""

OLD_WORDS = re.compile(
    r"\b(?:old|healed|remote|chronic|ununited|united|sequela[e]?)\b|old[- ]healed|진구성|오래된|陳舊|치유된|만성|과거",
    re.IGNORECASE,
)
"""Words that make a mention old ("old healed fracture", "remote rib fractures", "진구성 골절")."""
FRESH_WORDS = re.compile(
    r"\b(?:acute|new|recent|fresh|healing|displaced|nondisplaced|non-displaced)\b|급성|새로|신규|최근|전위",
    re.IGNORECASE,
)
"""Words that make a mention recent: "acute displaced fractures" is never old."""
AGE_UNKNOWN = re.compile(
    r"\b(?:indeterminate|uncertain|unknown|undetermined|unclear) (?:age|chronicity|acuity)\b"
    r"|\b(?:age|chronicity|acuity) (?:is |remains )?(?:indeterminate|uncertain|unknown|undetermined|unclear)\b"
    r"|\bage[- ]indeterminate\b|\bacute (?:or|vs\.?|versus) (?:sub-?acute|chronic|old|remote)\b"
    r"|\b(?:acute|chronic)(?:ity)? (?:cannot|can ?not|could not) be (?:determined|established|assessed)\b"
    r"|시기\s*(?:미상|불명|불분명|불확실|(?:를|은|는)?\s*알\s*수\s*없)"
    r"|급성\s*(?:또는|혹은|인지|과|와|/)\s*(?:만성|진구성|오래된)|(?:급성|진구성|최근)\s*(?:여부|인지)[^.]{0,12}(?:불분명|불확실|알\s*수\s*없|판단[이가]?\s*어렵|감별[이가]?\s*어렵)",
    re.IGNORECASE,
)
"""Words that say the report cannot tell how old a finding is ("compression deformity of indeterminate age",
"acute or chronic cannot be determined", "시기 미상의 압박 골절")."""
_DATED_KINDS = frozenset({"Fracture", "Rib Fracture", "Vertebral Fracture", "Tuberculosis"})
"""Findings that are chronic only when the report says so ("old fracture")."""

NO_ACUTE = re.compile(
    r"\b(?:no|without) (?:definite |significant |new |other |convincing |superimposed )?"
    r"(?:evidence of |radiographic evidence of )?"
    r"(?:an? )?(?:acute|active) (?:cardiopulmonary |intrathoracic |"
    r"cardiac or pulmonary |pulmonary |lung |chest )?(?:process|findings?|abnormalit(?:y|ies)|disease|"
    r"pathology|changes?|lesions?|infiltrates?)\b"
    r"|\bno acute (?:cardiac or )?(?:cardio)?pulmonary\b"
    # "no new opacity to suggest acute exacerbation", "급성 악화를 시사하는 새로운 음영은 없음": the chronic disease is
    # there, nothing acute on it
    r"|\b(?:no|without)\b(?:(?!\bbut\b|\bwith\b)[^.;,\n]){0,40}"
    r"\b(?:to suggest|suggest(?:ing|ive of)|concerning for|of|for)"
    r" (?:an? |superimposed )?acute (?:exacerbation|process|infection|flare)"
    r"|급성\s*(?:악화|감염|병변|변화)[를을]?\s*(?:시사|의심)(?:하는|할\s*만한|되는)?"
    r"(?:(?!보이(?!지\s*않)|있으|있고|관찰되(?!지\s*않)|및)[^.,\n]){0,15}(?:없|않)"
    r"|급성\s*악화[는은가이]?\s*(?:없|아님|아니|보이지\s*않)"
    r"|\b(?:normal|unremarkable|negative) (?:chest(?: radiograph| x-?ray| film| study)?|study|examination|exam)\b"
    r"|\bno significant (?:cardiopulmonary |intrathoracic )?(?:abnormalit(?:y|ies)|findings?)\b"
    r"|^\W*(?:chest:?\s*)?(?:wnl|within normal limits)\W*$"
    r"|특이\s*(?:이상\s*)?(?:소견|사항|이상)\s*(?:은\s*|이\s*)?(?:없|무|not)|특이\s*소견\s*(?:없음|無)"
    r"|^\W*(?:(?:흉부\s*)?(?:사진|X선|x-?ray)\s*(?:상|에서)?\s*)?이상\s*(?:소견\s*)?(?:은\s*|이\s*)?(?:없음|없습니다|무)"
    r"|^\W*(?:(?:판독\s*)?(?:소견|결론)\s*:\s*)?정상\s*(?:입니다|임)?\s*\.?\s*$"
    r"|(?:흉부\s*)?(?:X선|사진|x-?ray)\s*(?:소견\s*)?정상(?:임|입니다)?\s*\.?\s*$"
    r"|(?:급성|활동성)\s*(?:심폐\s*|폐\s*)?(?:이상\s*|악화\s*|변화\s*)?(?:소견|병변|질환|이상)[은는이가]?\s*(?:없|無|보이지\s*않)"
    # "정상 소견/범위" speaks for the study only as the whole sentence: "심장 크기는 정상 범위" is the heart's
    r"|^\W*(?:\d+\s*[.)]\s*)?(?:(?:판독\s*)?(?:소견|결론)\s*:\s*)?(?:(?:흉부\s*)?(?:X선|사진|x-?ray)\s*(?:소견)?\s*"
    r"(?:은|는|상|에서)?\s*)?정상\s*(?:흉부\s*)?(?:소견|범위|X선|사진)(?:임|입니다|이다|\.|$)"
    r"|정상\s*흉부\s*(?:임|입니다|\.|$)",
    re.IGNORECASE | re.MULTILINE,
)
"""The report's statement that nothing acute is seen ("No acute cardiopulmonary process", "3. No acute
findings", "특이 소견 없음", "활동성 병변 없음", "Normal chest radiograph")."""

CONGESTION = re.compile(r"congesti|울혈|engorge|cephalization|redistribution|재분포", re.IGNORECASE)


def no_acute_statement(report: str) -> str | None:
    """The report's sentence saying that nothing acute is seen (impression first), else None."""
    if not report:
        return None
    sections = parse_sections(report)
    for text in (sections.get("impression") or "", reported_text(report)):
        for start, end in sentence_spans(text):
            sentence = text[start:end]
            if NO_ACUTE.search(sentence):
                return " ".join(sentence.split())
    return None


def is_old(observation: str, text: str) -> bool:
    """Whether a mention of ``observation`` (``text``: its words or sentence) is chronic, not a new problem."""
    if observation in CHRONIC_KINDS:
        return True
    if observation in _DATED_KINDS or observation.endswith("Fracture"):
        return bool(OLD_WORDS.search(text)) and not FRESH_WORDS.search(text)
    return False


def _clause(detail: Detail) -> str:
    """The clause of the detail's sentence that holds its mention ("Old rib fractures, no acute fracture")."""
    sentence = detail.sentence or detail.text
    for clause in re.split(r"[,;]|\bbut\b|\band\b|하나|이나|으나", sentence):
        if detail.text and detail.text in clause:
            return clause
    at = sentence.find(detail.text) if detail.text else -1
    return sentence[max(0, at - 40) : at + len(detail.text) + 40] if at >= 0 else detail.text


def chronic(findings: Findings, observation: str) -> bool:
    """Whether every present mention of ``observation`` in the report is chronic (old, healed, of age)."""
    if observation in CHRONIC_KINDS:
        return True
    present = [
        d
        for d in findings.details
        if (d.observation == observation or PARENTS.get(d.observation) == observation) and d.status != "negative"
    ]
    if not present:
        evidence = findings.evidence.get(observation, "")
        return bool(evidence) and is_old(observation, evidence)
    return all(is_old(d.observation, _clause(d)) for d in present)


def not_acute(findings: Findings, observation: str) -> bool:
    """Whether every present mention of ``observation`` is old or a lasting condition, not a new problem
    (old healed fracture, atherosclerosis, scarring, emphysema, hiatal hernia ...)."""
    return observation in CHRONIC_DISEASES or chronic(findings, observation)


def _present(findings: Findings, observation: str) -> list[Detail]:
    return [d for d in findings.details if d.observation == observation and d.status != "negative"]


def leaves_normal(findings: Findings, observation: str, report: str = "") -> bool:
    """Whether a present finding leaves the study normal (the decided convention, docs/chat.md): a calcified
    granuloma or node, a mildly unfolded/tortuous aorta, wires and clips, minimal or mild pleural thickening
    or an apical cap (never plaques or calcification), a scoliosis the impression does not name."""
    present = _present(findings, observation)
    if observation in LEAVE_NORMAL:
        return not any(d.severity in _MARKED for d in present)
    if observation == "Pleural Other":
        return bool(present) and all(
            d.severity in ("minimal", "mild")
            and _MINOR_PLEURA.search(d.text)
            and not _PLAQUE.search(d.sentence or d.text)
            for d in present
        )
    if observation == "Scoliosis":
        impression = parse_sections(report).get("impression") if report else None
        if impression:
            return "Scoliosis" not in {d.observation for d in label_report(impression).details}
        return bool(present) and all(d.severity in ("minimal", "mild") for d in present)
    return False


def workup_advised(findings: Findings) -> list[str]:
    """The report's advice sentences that ask for a work-up (CT, follow-up imaging, biopsy ...)."""
    return [r for r in findings.recommendations if WORKUP_STEPS.intersection(named_steps(r.lower()))]


_CONGESTION_PHRASE = re.compile(
    r"(?:pulmonary |vascular |venous |interstitial )*(?:vascular |venous )?congestion|(?:폐\s*)?(?:혈관\s*)?울혈"
    r"|vascular engorgement|cephalization|redistribution|(?:(?:상엽|폐)\s*)?(?:혈류|혈관)\s*(?:의\s*)?재분포",
    re.IGNORECASE,
)


def congestion_seen(findings: Findings) -> bool:
    """Whether the report states vascular congestion as seen, not weighed ("mild vascular congestion"): its
    "Edema" is only possible (docs/findings.md), but the congestion itself is a finding present."""
    if findings.labels.get("Edema") != "uncertain" or not congestion_only(findings):
        return False
    seen = [d for d in findings.details if d.observation == "Edema" and d.status != "negative"]
    return not all(hedged(d.sentence or d.text) for d in seen)


def congestion_only(findings: Findings) -> bool:
    """Whether the report's present "Edema" is only vascular congestion (폐울혈): no edema is stated in any
    sentence that holds it once its congestion words are taken out ("congestion, no frank edema")."""
    present = [d for d in findings.details if d.observation == "Edema" and d.status != "negative"]
    # (congestion beside "no overt edema" labels Edema negative, yet the congestion is there: its details)
    if findings.labels.get("Edema") not in ("positive", "uncertain") and not present:
        return False
    texts = [d.text for d in present] or [findings.evidence.get("Edema", "")]
    if not all(CONGESTION.search(t) for t in texts):
        return False
    sentences = {d.sentence or d.text for d in present} or {findings.evidence.get("Edema", "")}
    return not any(label(_CONGESTION_PHRASE.sub(" ", s)).get("Edema") in ("positive", "uncertain") for s in sentences)
