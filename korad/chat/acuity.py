"""Old, chronic and acute: what a report's findings mean for "is something wrong now?".

Reports name findings that are there but are not a new problem: an old healed rib fracture, a calcified
granuloma, aortic atherosclerosis, degenerative changes of the spine, minimal pleural thickening, the
wires and clips of an old operation. They are findings (asked about, they are answered truthfully, as
old), but when the report calls the study normal ("No acute cardiopulmonary process", "특이 소견 없음")
they do not make it abnormal. This module says which mentions are such chronic findings, finds the
report's own "nothing acute" statement, and tells pulmonary vascular congestion (폐울혈) from edema
(폐부종), which the labeler files under the same CheXpert observation. The rule is written in
``docs/chat.md``.
"""

from __future__ import annotations

import re

from korad.details import Detail
from korad.findings import Findings, label
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
    }
)
"""Findings that are chronic by nature: the trace of an old disease or operation, or a change of age."""

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
_DATED_KINDS = frozenset({"Fracture", "Rib Fracture", "Vertebral Fracture", "Tuberculosis"})
"""Findings that are chronic only when the report says so ("old fracture")."""

NO_ACUTE = re.compile(
    r"\bno (?:evidence of |radiographic evidence of )?(?:an? )?(?:acute|active) (?:cardiopulmonary |intrathoracic |"
    r"cardiac or pulmonary |pulmonary |lung |chest )?(?:process|findings?|abnormalit(?:y|ies)|disease|"
    r"pathology|changes?|lesions?|infiltrates?)\b"
    r"|\bno acute (?:cardiac or )?(?:cardio)?pulmonary\b"
    r"|\b(?:normal|unremarkable|negative) (?:chest(?: radiograph| x-?ray| film| study)?|study|examination|exam)\b"
    r"|특이\s*(?:소견|사항|이상)\s*(?:은\s*|이\s*)?(?:없|무|not)|특이\s*소견\s*(?:없음|無)"
    r"|(?:급성|활동성)\s*(?:심폐\s*|폐\s*)?(?:이상\s*)?(?:소견|병변|질환|이상)[은는이가]?\s*(?:없|無|보이지\s*않)"
    r"|정상\s*(?:흉부\s*)?(?:소견|범위|X선|사진)(?:임|입니다|이다|\.|$)",
    re.IGNORECASE | re.MULTILINE,
)
"""The report's statement that nothing acute is seen ("No acute cardiopulmonary process", "3. No acute
findings", "특이 소견 없음", "활동성 병변 없음", "Normal chest radiograph")."""

CONGESTION = re.compile(r"congesti|울혈|engorge|cephalization|redistribution", re.IGNORECASE)


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


def settled(findings: Findings, observation: str, report: str) -> bool:
    """Whether a chronic finding leaves the study normal: the report calls the study normal ("No acute
    cardiopulmonary process", "특이 소견 없음") or grades the finding minimal ("minimal apical pleural
    thickening"). Asbestos plaques in a report that says nothing of the kind keep it abnormal."""
    if not chronic(findings, observation):
        return False
    if findings.labels.get("No Finding") == "positive" or no_acute_statement(report):
        return True
    graded = [d.severity for d in findings.details if d.observation == observation and d.status != "negative"]
    return bool(graded) and all(severity == "minimal" for severity in graded)


_CONGESTION_PHRASE = re.compile(
    r"(?:pulmonary |vascular |venous |interstitial )*(?:vascular |venous )?congestion|(?:폐\s*)?(?:혈관\s*)?울혈"
    r"|vascular engorgement|cephalization|redistribution",
    re.IGNORECASE,
)


def congestion_only(findings: Findings) -> bool:
    """Whether the report's present "Edema" is only vascular congestion (폐울혈): no edema is stated in any
    sentence that holds it once its congestion words are taken out ("congestion, no frank edema")."""
    if findings.labels.get("Edema") not in ("positive", "uncertain"):
        return False
    present = [d for d in findings.details if d.observation == "Edema" and d.status != "negative"]
    texts = [d.text for d in present] or [findings.evidence.get("Edema", "")]
    if not all(CONGESTION.search(t) for t in texts):
        return False
    sentences = {d.sentence or d.text for d in present} or {findings.evidence.get("Edema", "")}
    return not any(label(_CONGESTION_PHRASE.sub(" ", s)).get("Edema") in ("positive", "uncertain") for s in sentences)
