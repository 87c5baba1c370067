"""The ``grounded`` backend: answers about a report without any model, from the report's own labels.

It reads the question (``korad.chat.questions``) and answers from the labeler's findings and their
details (side, size, severity, change, device position) and the report's own recommendations,
quoting the report's sentence:

- presence ("기흉이 있나요?", "폐에 물이 찼나요?", "기흉은 없죠?") and normality ("정상인가요?", "이상이 있나요?");
- side, size, severity, change against the prior study, device position, next steps;
- summary ("요약해 주세요") and meaning ("무기폐가 무슨 뜻인가요?", from the Korean glossary).

Every yes/no answer starts with the word ``yes_no`` gives for the question as asked, so "흉수가
없나요?" on a report without effusion is answered "네". Anything else gets a short statement of what
it can answer. The answer's claims go to the grounding check as data (``GroundedBackend.claims``),
never re-read from the prose. It is the default backend, so the Space works with no model.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from typing import Any

from korad.chat.acuity import (
    CHRONIC_DISEASES,
    CONGESTION,
    chronic,
    congestion_only,
    is_old,
    leaves_normal,
    no_acute_statement,
    not_acute,
    workup_advised,
)
from korad.chat.appearance import appearance_changes, residual_note, sided_appearance, something_left
from korad.chat.latest import earlier_line, latest_first
from korad.chat.measures import size_change
from korad.chat.nothing_new import nothing_new_sentence
from korad.chat.protocol import ChatBackend, ChatRequest
from korad.chat.questions import (
    DEVICES,
    FORMS,
    TREATMENT,
    Question,
    asks_absence,
    asks_normal,
    ctr_asked,
    is_open,
    read_question,
)
from korad.chat.quotes import changed_sentence, graded_sentence
from korad.chat.readings import main_readings
from korad.chat.recurrence import RECURRENCE_ASKED, recurrence_reading
from korad.chat.triage import urgent
from korad.details import (
    LOCATION_KO,
    POSITION_KO,
    SIDE_KO,
    Detail,
    change_ko,
    describe_ko,
    greater_side,
    line_kinds,
    removed,
    severity_ko,
    size_ko,
)
from korad.devices import Placement, kind_of_site, name_ko, placements
from korad.findings import Findings, Label, label
from korad.glossary import TERMS, Term, find_terms, korean_name
from korad.lexicon import SEVERITIES
from korad.sections import parse_sections, reported_text
from korad.text import HANGUL, HANGUL_RE, sentence_spans

_PIECE = re.compile(r"\S+\s*")

NO_REPORT = "판독문이 없습니다. 먼저 흉부 X선 판독문을 붙여 넣거나 예시 판독문을 골라 주세요."
CANNOT_ANSWER = (
    "이 질문은 판독문만으로는 답할 수 없습니다. 모델 없이 판독문을 읽는 이 모드에서는 소견이 있는지, 어느 쪽인지, "
    "크기와 정도, 이전과 비교한 변화, 관이나 기구의 위치, 판독문의 권고 사항, 판독문 요약, 정상인지, 용어의 뜻을 "
    "물어볼 수 있습니다."
)
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

LARGE_MM = 30.0
"""Size from which a lesion is called large (a "mass", by the Fleischner Society's glossary)."""
SMALL_MM = 10.0
"""Size under which a lesion is called small (sub-centimetre)."""
_STABLE_REPORT = re.compile(
    r"\b(?:no\s+(?:significant\s+|definite\s+|appreciable\s+|substantial\s+)?(?:interval\s+)?change"
    r"|not\s+(?:significantly\s+|substantially\s+)?changed|(?:unchanged|stable)\s+(?:since|from|compared)"
    r"|(?:unchanged|stable)\s+(?:appearance|exam(?:ination)?|study|chest)|similar\s+to\s+(?:the\s+)?prior"
    r"|(?:little|minimal|slight)\s+(?:interval\s+)?change|(?:essentially|grossly)\s+unchanged)\b"
    r"|변화\s*(?:가\s*)?없|이전과\s*(?:비슷|동일|유사)|(?:큰\s*|별\s*)?(?:차이|변동)(?:가|는|이)?\s*없",
    re.IGNORECASE,
)
"""A statement that the study is unchanged ("No interval change", "이전과 비슷함")."""


def whole_study_unchanged(report: str) -> str | None:
    """The report's sentence saying the whole study is unchanged: a "no change" sentence that names no
    finding ("좌상엽 결절, 이전과 비교하여 변화 없음" is about the nodule, not about the pneumonia), else None."""
    text = reported_text(report)
    for start, end in sentence_spans(text):
        sentence = text[start:end]
        if _STABLE_REPORT.search(sentence) and not any(o != "No Finding" for o in label(sentence)):
            return " ".join(sentence.split())
    return None


_NONE_WRITTEN = re.compile(
    r"^\W*(?:none|n/?a|no prior|not available|unavailable|없음|없습니다|없다|해당\s*없음|-+)"
    r"(?:\s+(?:available|found|on file|for comparison))?\W*$",
    re.IGNORECASE,
)
"""A comparison field's sentence that says only "none" ("None.", "N/A", "없음"): read in that field alone,
where "None." can mean nothing but "no prior study"."""
_NO_PRIOR = re.compile(
    r"\bno (?:prior|previous|old|comparison|comparable) (?:chest )?"
    r"(?:studies|study|exams?|examinations?|films?|images?|imaging|radiographs?|cxrs?)"
    r"(?: (?:are |is |were |was )?(?:available|on file|for comparison))?"
    r"|\bcomparisons?\s*[:：]\s*(?:none|n/?a|not available|unavailable|없음)\b"
    r"|\bwithout (?:a )?(?:prior|previous) (?:studies|study|exams?|films?|radiographs?) for comparison"
    r"|(?:비교할|이전|과거)\s*(?:검사|영상|사진|study|film|촬영)(?:(?!변화|차이|비교)[가-힣\s]){0,6}없(?!던|었던)"
    r"|비교\s*(?:[:：]\s*)?(?:대상|검사|영상)?\s*(?:이|가)?\s*없",
    re.IGNORECASE,
)
"""A sentence anywhere in a report that says there is no prior study ("No prior studies available for
comparison.", "... Comparison: None.", "비교할 이전 검사 없음")."""


def no_prior(report: str) -> str | None:
    """The report's statement that it has no prior study to compare with ("COMPARISON: None.",
    "Comparison: None available.", "No prior studies available for comparison", "비교할 이전 검사 없음"),
    else None. The one reading of it: the chat's change answers and the clinical error count use it.

    The comparison field is read sentence by sentence ("COMPARISON: Outside films requested. None
    available."); a bare "None" counts only there, never as a report's findings ("FINDINGS: None.")."""
    if not report:
        return None
    comparison = (parse_sections(report).get("comparison") or "").strip()
    if any(
        _NONE_WRITTEN.search(comparison[start:end]) or _NO_PRIOR.search(comparison[start:end])
        for start, end in sentence_spans(comparison)
    ):
        return f"Comparison: {comparison}"
    match = _NO_PRIOR.search(reported_text(report))
    return _sentence_around(report, match) if match else None


def particle(word: str, with_final: str, without_final: str) -> str:
    """The Korean particle that fits ``word`` (이/가, 은/는, 을/를, 과/와), by its last syllable."""
    hangul = HANGUL_RE.findall(word)
    if not hangul:
        return with_final
    return with_final if (ord(hangul[-1]) - ord(HANGUL[0])) % 28 else without_final  # 28 finals per initial+vowel


def yes_no(holds: bool, negated: bool = False) -> str:
    """The first word of a yes/no answer, for the question as asked.

    ``holds`` is the truth of what the question asks in its positive form ("there is an effusion",
    "it got worse", "the report is normal"); a question asked in the negative ("흉수가 없나요?")
    is answered "네" when the positive form does not hold. The one place every yes/no answer of the
    grounded backend gets its first word.
    """
    return "네" if holds != negated else "아니요"


_ENGLISH_NAMES: dict[str, str] = {"Pleural Other": "pleural thickening", "Support Devices": "support devices"}
"""Observations whose label is no report word ("Pleural Other"): the English term shown instead."""
_CONGESTION_NAME = ("폐울혈", "pulmonary vascular congestion")
_REPORT_NAMES: ContextVar[dict[str, tuple[str, str]] | None] = ContextVar("report_names", default=None)
"""The names the current report gives its findings (Korean, English), where they differ from the
labels: vascular congestion is filed under "Edema" but is 폐울혈, never 폐부종. Set by ``reply``."""


def report_names(findings: Findings) -> dict[str, tuple[str, str]]:
    """The Korean and English names of the report's findings that differ from their labels' names."""
    names: dict[str, tuple[str, str]] = {}
    if congestion_only(findings):
        written = next(
            (
                m.group().lower()
                for d in findings.details
                if d.observation == "Edema"
                if (m := re.search(r"(?:pulmonary |vascular |venous )+congestion", d.text, re.I))
            ),
            _CONGESTION_NAME[1],
        )
        names["Edema"] = (_CONGESTION_NAME[0], written)
    pleural = next(
        (d.text for d in findings.details if d.observation == "Pleural Other" and d.status != "negative"), ""
    )
    said = re.search(r"(?:pleural|apical) (?:thickening|plaques?|calcifications?|cap|scarring)", pleural, re.I)
    if said:
        names["Pleural Other"] = (korean_name("Pleural Other"), said.group().lower())
    return names


def _korean(observation: str) -> str:
    return (_REPORT_NAMES.get() or {}).get(observation, (korean_name(observation), ""))[0]


def _named(observation: str) -> str:
    korean, english = (_REPORT_NAMES.get() or {}).get(observation, ("", ""))
    english = english or _ENGLISH_NAMES.get(observation, observation.lower())
    return f"{korean or korean_name(observation)}({english})"


def _subject(observation: str, particles: tuple[str, str] = ("이", "가")) -> str:
    return f"{_named(observation)}{particle(_korean(observation), *particles)}"


def _first_sentence(text: str) -> str:
    return re.split(r"(?<=[.])\s", text, maxsplit=1)[0]


_CONGESTION_MEANING = (
    "폐의 혈관에 피가 몰려 있다는 뜻으로, 심장에 부담이 있을 때 보입니다. 폐에 물이 찬 폐부종과는 다르며, "
    "판독문은 폐부종이라고 하지 않았습니다."
)
_OLD_FRACTURE_MEANING = "예전에 부러졌다가 이미 붙은(치유된) 흔적으로, 새로 부러진 뼈가 아닙니다."


def _explanation(observation: str) -> str | None:
    if observation in (_REPORT_NAMES.get() or {}) and observation == "Edema":
        return _CONGESTION_MEANING
    term = next((t for t in TERMS if t.observation == observation), None)
    return _first_sentence(term.explanation) if term else None


def _details_of(findings: Findings, observation: str) -> list[Detail]:
    return [d for d in findings.details if d.observation == observation or PARENTS.get(d.observation) == observation]


def status(findings: Findings, observation: str) -> Label | None:
    """The report's status of ``observation``: its label, else the strongest status of its details."""
    if observation in findings.labels:
        return findings.labels[observation]
    statuses = [d.status for d in _details_of(findings, observation)]
    return max(statuses, key=_RANK.__getitem__) if statuses else None


def evidence(findings: Findings, observation: str) -> str | None:
    """The report's sentence (or mention) behind the status of ``observation``."""
    if observation in findings.evidence:
        return findings.evidence[observation]
    found = _details_of(findings, observation)  # the mention behind the label: positive > uncertain > negative
    found = sorted(found, key=lambda d: ("positive", "uncertain", "negative").index(d.status))
    return _sentence(findings, found[0]) if found else None


def _quote(text: str | None) -> str:
    return f" 판독문: “{' '.join(text.split())}”" if text else ""


@dataclass
class Reply:
    """A grounded answer: its text and what it asserts, as the report's own labels."""

    text: str
    claims: dict[str, Label] = field(default_factory=dict)


def _claims(findings: Findings, observations: list[str]) -> dict[str, Label]:
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


def _context_observations(request: ChatRequest, question: Question, findings: Findings) -> list[str]:
    """The findings a follow-up question is about: named in it, else in the latest earlier question
    that named one, else the report's positive findings."""
    if question.observations:
        return resolve(findings, question.observations)
    for earlier, _ in reversed(request.history):
        named = read_question(earlier).observations
        if named:
            return resolve(findings, named)
    found = positive(findings)
    if question.kind not in ("position", "removal"):  # "심한가요?" is about the findings, not the tubes
        found = [o for o in found if o not in DEVICES] or found
    return sorted(found, key=lambda o: -_weight(findings, o, question.kind))[:3]


def _weight(findings: Findings, observation: str, kind: str) -> float:
    """How much a finding tells for an unnamed size or severity question ("몇 cm예요?", "심한가요?"): its size,
    its grade; the findings that tell more are answered first (0 for other kinds: the report's order)."""
    details = _details_of(findings, observation)
    if kind == "size":
        return max((d.size_mm or 0 for d in details), default=0)
    if kind == "severity":
        return max((SEVERITIES.index(d.severity) + 1 for d in details if d.severity), default=0)
    return 0


def positive(findings: Findings, statuses: tuple[str, ...] = ("positive",)) -> list[str]:
    """The report's findings with one of ``statuses`` (no "No Finding"), CheXpert first, then the details'."""
    found = [o for o, label in findings.labels.items() if label in statuses and o != "No Finding"]
    for detail in findings.details:
        if detail.status in statuses and detail.observation not in found and detail.observation not in findings.labels:
            found.append(detail.observation)
    return [o for o in found if not any(PARENTS.get(other) == o for other in found)]


def _attributes(findings: Findings, observation: str) -> str:
    """The present mentions' details in Korean, in parentheses ("" when the report gives none)."""
    if observation in DEVICES:
        return _device_attributes(findings, observation)
    said = "; ".join(
        filter(
            None,
            (
                # a device type under "삽입된 의료기구" is named, so its side and position stay its own
                f"{korean_name(d.observation)}: {described}" if d.observation != observation else described
                for d in _details_of(findings, observation)
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


ACUTE: frozenset[str] = frozenset({"Pneumothorax", "Pleural Effusion", "Consolidation", "Pneumonia", "Edema"})
"""Acute findings that a normal report ("No acute cardiopulmonary process") excludes where it does not name them."""
IMPLIED_BY_ABSENCE: dict[str, tuple[str, str]] = {
    "Pneumonia": ("Consolidation", ""),
    "Cardiomegaly": ("Enlarged Cardiomediastinum", r"cardi|heart|심장|심음영"),
}
"""A finding -> the finding whose stated absence excludes it, when its sentence matches the pattern
(no consolidation: no pneumonia on the radiograph; a normal cardiomediastinal silhouette: a heart of
normal size)."""
CLEAR_LUNGS = re.compile(
    r"\blungs? (?:are|is|remain) (?:otherwise )?clear|\bclear lungs"
    r"|(?:양\s*)?폐야?[는은가이]?\s*(?:청명|깨끗)"
    r"|폐야(?:에|에는|에서)?\s*(?:특이|특별한|활동성)\s*(?:소견|이상|병변)(?:은|이|는)?\s*(?:없|관찰되지|보이지)",
    re.IGNORECASE,
)
""""Lungs are clear" / "폐야 청명" / "양측 폐야에 특이 소견 없음": no airspace disease, though none is named."""
CLEARED_BY_CLEAR_LUNGS: frozenset[str] = frozenset(
    {"Pneumonia", "Consolidation", "Lung Opacity", "Atelectasis", "Edema"}
)
INACTIVE: frozenset[str] = frozenset({"Old Tuberculosis", "Granuloma", "Scarring"})
"""Findings that are the healed trace of an old disease: asked whether they are active, the answer is no."""
_ACTIVE = re.compile(
    r"활동성|활동\s*중|활동(?:하|해|을|적)|active|전염|옮기나|옮을|옮나|옮아|옮는|재발|재활성|도졌|도진|도지"
    r"|다시\s*(?:생|활동|나빠|심해|걸|번지|퍼)",
    re.IGNORECASE,
)
LESIONS: frozenset[str] = frozenset({"Nodule", "Mass", "Lung Lesion"})
_MALIGNANCY = re.compile(r"암|악성|종양|cancer|malignan|tumou?r", re.IGNORECASE)
"""A question whether a lesion is cancer: a radiograph shows a lesion, never its nature."""
_DIAGNOSIS_FORM = re.compile(r"(?:인가요|인지|이에요|인가|이죠|인거죠|인 거죠)\s*\??\s*$")
"""A question in the form "결핵인가요?" asks about the disease now, not about its healed trace."""
_BONES: tuple[tuple[str, str], ...] = (
    (r"clavic|쇄골|빗장뼈", "쇄골"),
    (r"(?<![a-z])ribs?(?![a-z])|늑골|갈비", "늑골"),
    (r"vertebra|spine|spinal|(?<![A-Za-z])[TL]\d{1,2}(?!\d)|척추|흉추|요추|등뼈|허리뼈", "척추"),
    (r"scapul|견갑|어깨뼈", "견갑골"),
    (r"humer|상완|팔뼈", "상완골"),
    (r"stern(?!otomy)|흉골|복장뼈|가슴뼈", "흉골"),
)
"""Bones a chest radiograph shows -> their Korean names, to say which bone a fracture is in."""


def _bone_named(sentence: str) -> str:
    """The bone named in ``sentence`` in Korean ("쇄골"), "" when none."""
    return next((ko for pattern, ko in _BONES if re.search(pattern, sentence, re.IGNORECASE)), "")


def _bone(sentence: str) -> str:
    """The bone named in ``sentence`` with a trailing space ("쇄골 "), "" when none or it is the label's own."""
    found = _bone_named(sentence)
    return f"{found} " if found and found not in ("늑골", "척추") else ""


_BONE_OF = {"Rib Fracture": "늑골", "Vertebral Fracture": "척추"}


TUBERCULOSIS: frozenset[str] = frozenset({"Tuberculosis", "Old Tuberculosis"})
FRACTURES: frozenset[str] = frozenset({"Fracture", "Rib Fracture", "Vertebral Fracture"})
def _granuloma_only(findings: Findings) -> bool:
    """Whether every lesion the report states is a granuloma (healed inflammation, benign by definition)."""
    lesions = [
        d.observation
        for d in findings.details
        if d.status == "positive" and d.observation in ("Nodule", "Mass", "Lung Lesion", "Granuloma")
    ]
    return bool(lesions) and set(lesions) == {"Granuloma"}


_BENIGN = re.compile(r"\bbenign\b|양성\s*(?:병변|결절|가능성|으로|일)|likely (?:a )?granuloma", re.IGNORECASE)
"""A report's reading of a lesion as benign ("likely benign", "양성 가능성 높음")."""
_CANCER_WORDS = r"(?:malignan\w*|neoplas\w*|carcinoma|cancer|metasta\w*|lymphoma)"
_SUSPECTED_MALIGNANCY = re.compile(
    r"(?:malignan\w*|neoplas\w*|carcinoma|cancer|metasta\w*|lymphoma|악성|폐암|전이|종양)[^.\n]{0,25}"
    r"(?:의심|가능성|배제|suspect\w*|possib\w*|likely|cannot be excluded|not excluded)"
    r"|(?:suspicious|concerning|worrisome|worrying)\s+for\s+(?:a\s+)?"
    + _CANCER_WORDS
    + r"|(?:possible|probable|likely|r/o|rule out)\s+(?:[a-z]+\s+){0,2}"
    + _CANCER_WORDS,
    re.IGNORECASE,
)
"""The report's suspicion of a malignancy ("malignancy 의심", "concerning for neoplasm", "폐암 가능성")."""
INCIDENTAL: frozenset[str] = frozenset({"Granuloma"})
"""Findings that do not make a study abnormal for the patient: a calcified granuloma is benign by definition."""


_NO_NEW = re.compile(
    r"\bno (?:new|additional|other new|newly (?:developed|appearing))\b"
    r"|새로\s*(?:생긴|운|이\s*생긴|나타난)?[^.\n]{0,25}(?:없|않)"
    r"|신규\s*(?:병변|소견)?[^.\n]{0,15}(?:없|않)",
    re.IGNORECASE,
)
"""A negation of new findings only ("No new consolidation", "새로 생긴 병변 없음"): an old one may be there."""


def presence_line(findings: Findings, observation: str, question: Question, report: str = "") -> str:
    """Whether the report states ``observation``, answered as asked, quoting its sentence.

    An acute finding that a normal report does not name is answered as absent, saying so (and why).
    """
    said = status(findings, observation)
    if said is None:
        basis, pattern = IMPLIED_BY_ABSENCE.get(observation, ("", ""))
        if (
            basis
            and status(findings, basis) == "negative"
            and re.search(pattern, evidence(findings, basis) or "", re.I)
        ):
            new = "새로 생긴 " if _NO_NEW.search(evidence(findings, basis) or "") else ""
            return (
                f"{yes_no(False, question.negated)}, 판독문에 {_named(observation)}에 대한 직접적인 언급은 없지만, "
                f"{new}{_subject(basis)} 없다고 적혀 있습니다.{_quote(evidence(findings, basis))}"
            )
        if observation in DEVICES:  # reports list the tubes, lines and devices they see
            return (
                f"{yes_no(False, question.negated)}, 판독문에는 {_subject(observation)} 있다고 적혀 있지 않습니다. "
                "판독문은 보이는 관이나 기구를 적기 때문에, 이 사진에는 없는 것으로 보입니다."
            )
        clear = CLEAR_LUNGS.search(reported_text(report)) if report else None
        nothing_acute = no_acute_statement(report)
        if observation in ACUTE and nothing_acute:
            return (
                f"{yes_no(False, question.negated)}, 판독문에 {_named(observation)}에 대한 직접적인 언급은 없지만, "
                f"급성 이상 소견이 없다고 적혀 있습니다.{_quote(nothing_acute)}"
            )
        if observation in TUBERCULOSIS:
            trace = next(
                (o for o in ("Old Tuberculosis", "Granuloma", "Scarring") if status(findings, o) == "positive"), None
            )
            if trace or nothing_acute or clear:
                said_trace = (
                    f" 판독문의 {_named(trace)}은(는) 예전 감염(결핵 등)이 나은 흔적으로,"
                    " 활동성 결핵을 뜻하지 않습니다."
                    f"{_quote(evidence(findings, trace))}"
                    if trace
                    else _quote(nothing_acute or (clear and _sentence_around(report, clear)))
                )
                return (
                    f"{yes_no(False, question.negated)}, 판독문에는 활동성 결핵을 시사하는 소견이 적혀 있지 않습니다."
                    f"{said_trace} 결핵 여부는 증상과 객담 검사 등으로 담당 의료진이 판단합니다."
                )
        others = _lesion_readings(report) if observation in LESIONS and _MALIGNANCY.search(question.text) else []
        if others:  # "암인가요?" on "hilar lymphadenopathy, sarcoidosis suspected"
            return (
                "확실하지 않습니다. 판독문에 종괴나 결절은 적혀 있지 않지만, 다음 내용이 적혀 있습니다: "
                + " ".join(f"{word.korean}: “{sentence}”" for word, sentence in others)
                + " 암인지 아닌지는 X선 판독문만으로 알 수 없고 추가 검사로 확인합니다. 담당 의료진과 상의하세요."
            )
        if observation in LESIONS and (nothing_acute or clear or findings.labels.get("No Finding") == "positive"):
            basis = nothing_acute or (clear and _sentence_around(report, clear)) or evidence(findings, "No Finding")
            normal = " 이상 소견이 없다고 적혀 있습니다." if is_normal(findings, None, report) else ""
            if not _MALIGNANCY.search(question.text):  # "결절 있어요?": not named, and the report says why
                said = (
                    "이상 소견이 없다고 적혀 있습니다."
                    if normal
                    else "급성 이상 소견이 없다고 적혀 있습니다."
                    if nothing_acute
                    else "폐가 깨끗하다고 적혀 있습니다."
                    if clear
                    else "다음과 같이 적혀 있습니다."
                )
                return f"판독문에는 {_subject(observation)} 따로 적혀 있지 않고, {said}{_quote(basis)}"
            return (
                f"{yes_no(False, question.negated)}, 판독문에는 X선에서 종괴나 결절이 보인다는 내용이 없습니다."
                f"{normal}{_quote(basis)} 다만 흉부 X선만으로 모든 병을 배제할 수는 없으니, "
                "증상이 있으면 담당 의료진과 상의하세요."
            )
        if observation == "Pneumonia" and status(findings, "Consolidation") in ("positive", "uncertain"):
            return (
                f"확실하지 않습니다. 판독문에 폐렴이라고 적혀 있지는 않지만, 폐렴에서도 보일 수 있는 "
                f"{_subject('Consolidation')} 있다고 적혀 있습니다{_attributes(findings, 'Consolidation')}."
                f"{_quote(evidence(findings, 'Consolidation'))} 폐렴인지는 증상과 검사 결과를 함께 보고 담당 의료진이 "
                "판단합니다."
            )
        if observation in CLEARED_BY_CLEAR_LUNGS and clear:
            return (
                f"{yes_no(False, question.negated)}, 판독문에 {_named(observation)}에 대한 직접적인 언급은 없지만, "
                f"폐가 깨끗하다고 적혀 있습니다.{_quote(_sentence_around(report, clear))}"
            )
        if (
            observation in ACUTE
            and findings.labels.get("No Finding") == "positive"
            and is_normal(findings, None, report)
        ):
            return (
                f"{yes_no(False, question.negated)}, 판독문에 {_named(observation)}에 대한 직접적인 언급은 없지만, "
                "급성 이상 소견이 없는 정상 소견으로 적혀 있습니다."
            )
    quote = _quote(evidence(findings, observation))
    asks_active = _ACTIVE.search(question.text) or (
        observation == "Old Tuberculosis" and _DIAGNOSIS_FORM.search(question.text)
    )
    if said == "positive" and observation in LESIONS and _MALIGNANCY.search(question.text):
        in_sentence = _BENIGN.search(evidence(findings, observation) or "")
        elsewhere = None if in_sentence or not report else _BENIGN.search(reported_text(report))
        reading = " 판독문은 양성(benign)일 가능성이 높다고 적었습니다." if in_sentence or elsewhere else ""
        if elsewhere:
            reading += _quote(_sentence_around(report, elsewhere))
        suspected = _SUSPECTED_MALIGNANCY.search(reported_text(report)) if report and not reading else None
        if suspected:
            around = _sentence_around(report, suspected)
            same = " ".join(around.split()) == " ".join((evidence(findings, observation) or "").split())
            reading = " 판독문은 악성(암)일 가능성을 의심한다고 적었습니다." + ("" if same else _quote(around))
        if not suspected and _granuloma_only(findings):
            return (
                f"{yes_no(False, question.negated)}, 판독문은 이 병변을 육아종(granuloma)으로 적었습니다"
                f"{_attributes(findings, observation)}. 육아종은 대개 과거의 염증(감염)이 남긴 흔적으로, 암을 "
                f"뜻하는 소견이 아닙니다.{quote} 담당 의료진과 상의하세요."
            )
        return (
            f"확실하지 않습니다. 판독문에 {_subject(observation)} 있다고 적혀 있지만"
            f"{_attributes(findings, observation)}, 암인지는 X선 판독문만으로 알 수 없고 CT나 조직 검사 등으로 "
            f"확인합니다.{quote}{reading} 담당 의료진과 상의하세요."
        )
    if said in ("positive", "uncertain") and observation == "Edema" and "Edema" in (_REPORT_NAMES.get() or {}):
        if CONGESTION.search(question.text) or re.search(r"피가?\s*몰", question.text):  # "폐에 피가 몰렸나요?"
            lead = yes_no(True, question.negated)
            return f"{lead}, 판독문에 {_subject(observation)} 있다고 적혀 있습니다.{quote} {_CONGESTION_MEANING}"
        said_so = "있다고" if said == "positive" else "있을 가능성이 있다고"
        denied = next((d for d in findings.details if d.observation == "Edema" and d.status == "negative"), None)
        # Congestion may come before edema: "no" only where the report rules edema out ("no frank edema").
        lead = f"{yes_no(False, question.negated)}, " if denied else "확실하지 않습니다. "
        if denied:
            quote = _quote(
                " / ".join(dict.fromkeys([evidence(findings, observation) or "", _sentence(findings, denied)]))
            )
        # "no overt edema" is said in as many words: the edema is not there
        ruled_out = "은 없다고 적혀 있고, 대신" if denied else "이 아니라"
        return (
            f"{lead}판독문에는 폐에 물이 찬 폐부종(pulmonary edema){ruled_out} "
            f"{_subject(observation)} {said_so} 적혀 있습니다{_attributes(findings, observation)}.{quote} "
            "폐울혈은 폐의 혈관에 피가 몰려 있다는 뜻으로, 심장에 부담이 있을 때 보입니다."
            + ("" if denied else " 폐부종이 있는지 없는지는 따로 적혀 있지 않습니다.")
        )
    if said == "positive" and observation in FRACTURES and chronic(findings, observation):
        bone = _bone(evidence(findings, observation) or "")
        return (
            f"{yes_no(True, question.negated)}, 판독문에는 오래된(치유된) "
            f"{bone}{_subject(observation)} 있다고 적혀 있습니다"
            f"{_attributes(findings, observation)}."
            f"{quote} {_OLD_FRACTURE_MEANING} 새로 생긴(급성) 골절은 적혀 있지 않습니다."
        )
    if said == "positive" and observation in INACTIVE and asks_active:
        return (
            f"{yes_no(False, question.negated)}, 판독문에 {_subject(observation)} 있다고 적혀 있지만, "
            f"이는 예전 병의 흔적으로 활동성 병변을 뜻하지 않습니다.{quote}"
        )
    if said == "positive":
        meaning = _explanation(observation)
        bone = _bone(evidence(findings, observation) or "") if observation in FRACTURES else ""
        return (
            f"{yes_no(True, question.negated)}, 판독문에 {bone}{_subject(observation)} 있다고 적혀 있습니다."
            + _attributes(findings, observation)
            + quote
            + (f" {meaning}" if meaning else "")
        )
    if said == "negative":
        taken_out = next((d for d in _details_of(findings, observation) if removed(d)), None)
        if taken_out is not None:
            return (
                f"{yes_no(False, question.negated)}, 판독문에 {_subject(taken_out.observation)} 제거되었다고 적혀 "
                f"있습니다.{_quote(_sentence(findings, taken_out))}"
            )
        if _NO_NEW.search(evidence(findings, observation) or ""):  # "No new consolidation": an old one may be there
            return (
                f"{yes_no(False, question.negated)}, 판독문에는 새로 생긴 {_subject(observation)} 없다고 적혀 있습니다."
                f"{quote} 이전부터 있던 것이 있는지는 따로 적혀 있지 않습니다."
            )
        return f"{yes_no(False, question.negated)}, 판독문에는 {_subject(observation)} 없다고 적혀 있습니다.{quote}"
    if said == "uncertain":
        possible = [d for d in _details_of(findings, observation) if d.status == "uncertain"]
        where = ", ".join(dict.fromkeys(w for d in possible if (w := _where(d))))
        return (
            f"확실하지 않습니다. 판독문은 {f'{where}에 ' if where else ''}{_possibility(observation, quote)}.{quote} "
            "추가 검사나 담당 의료진의 설명이 필요할 수 있습니다."
        )
    return f"판독문에 {_named(observation)}에 대한 언급이 없어, 이 판독문으로는 확인할 수 없습니다."


_CTR = re.compile(
    r"(?:\bCTR|C/T ratio|cardio-?thoracic ratio|심흉곽비|심장\s*흉곽\s*비)\s*"
    r"(?:[:=]|is|of|was|measures|는|은|이|가)?\s*"
    r"(?:about |approximately |approx\.? |약\s*)?(0?\.\d+|\d{2}(?:\.\d+)?\s*%)",
    re.IGNORECASE,
)
_CTR_ASKED = re.compile(r"(?<![A-Za-z])CTR(?![A-Za-z])|심흉곽비|cardiothoracic", re.IGNORECASE)
CTR_LIMIT = 0.5
"""The cardiothoracic ratio above which the heart is called enlarged on a PA radiograph."""


def cardiothoracic_ratio(report: str) -> tuple[float, str] | None:
    """The report's cardiothoracic ratio (CTR 0.58, "CTR 58%") with its sentence, else None."""
    match = _CTR.search(reported_text(report)) if report else None
    if not match:
        return None
    value = match.group(1).replace(" ", "")
    ratio = float(value[:-1]) / 100 if value.endswith("%") else float(value)
    return ratio, _sentence_around(report, match)


def ctr_line(report: str) -> str:
    """The report's CTR in plain Korean ("" when it gives none)."""
    found = cardiothoracic_ratio(report)
    if not found:
        return ""
    ratio, sentence = found
    verdict = (
        f"{CTR_LIMIT}보다 커서 심장이 커진(심비대) 것으로 봅니다"
        if ratio > CTR_LIMIT
        else f"{CTR_LIMIT} 이하로 정상 범위입니다"
    )
    return (
        f"판독문의 CTR(심흉곽비: 가슴 폭에 대한 심장 폭의 비율)은 {ratio:g}로, {verdict}"
        f"(흉부 정면 사진에서 {CTR_LIMIT}가 기준).{_quote(sentence)}"
    )


def recurrence_answer(question: Question, report: str) -> Reply | None:
    """"재발했어요?" from the report's own sentence about recurrence (None when it has none)."""
    found = recurrence_reading(report)
    if found is None:
        return None
    reading, sentence = found
    asks_none = asks_absence(question.text)
    if reading == "hedged":
        return Reply(
            f"확실하지 않습니다. 판독문은 재발 가능성을 언급(의심)할 뿐 확정하지 않았습니다.{_quote(sentence)} "
            "확인은 추가 검사와 담당 의료진의 판단으로 합니다."
        )
    said = "재발을 의심할 소견이 없다고" if reading == "denied" else "재발이 있다고"
    return Reply(f"{yes_no(reading == 'stated', asks_none)}, 판독문에 {said} 적혀 있습니다.{_quote(sentence)}")


def ctr_answer(findings: Findings, question: Question, report: str) -> Reply:
    """The value asked by "CTR?" / "심흉곽비는?": the report's ratio and what it means, else what it says of the
    heart's size (that answer says the ratio is not written)."""
    line = ctr_line(report)
    if line:
        return Reply(line, _claims(findings, ["Cardiomegaly"]))
    return presence_answer(findings, replace(question, kind="presence", observations=("Cardiomegaly",)), report)


def _possibility(observation: str, quote: str) -> str:
    """How the report weighs an uncertain finding: borderline, else a possibility."""
    if re.search(r"borderline|경계", quote, re.I):
        return f"{_subject(observation)} 경계선(borderline) 수준이라고 적었습니다"
    return f"{_named(observation)}의 가능성을 언급합니다"


LOOKALIKES: dict[str, str] = {"Emphysema": "피하기종"}
"""A finding -> the ``REPORT_WORDS`` finding whose name sounds like it (폐기종 / 피하기종): asked about the
first on a report that names only the second, the answer says which one the report means."""


def _lookalike(findings: Findings, observation: str, report: str) -> str:
    korean = LOOKALIKES.get(observation)
    if not korean or status(findings, observation) is not None:
        return ""
    said = next(((w, sentence) for w, sentence in report_words_found(report) if w.korean == korean), None)
    if said is None:
        return ""
    word, sentence = said
    return (
        f" 다만 판독문에는 이름이 비슷한 {word.korean}{particle(word.korean, '이', '가')} 적혀 있습니다"
        f"(판독문: “{sentence}”). {word.explanation} {korean_name(observation)}과는 다른 소견입니다."
    )


_AIR_ELSEWHERE: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), korean)
    for pattern, korean in (
        (
            r"pneumomediastin\w*|mediastinal (?:air|emphysema)|종격동\s*(?:기종|공기|내\s*공기)",
            "종격동 기종(양쪽 폐 사이 가운데 공간의 공기)",
        ),
        (
            r"subcutaneous (?:emphysema|air|gas)|soft[- ]tissue (?:emphysema|air|gas)|피하\s*(?:기종|공기)",
            "피하기종(피부 밑의 공기)",
        ),
        (r"pneumopericardi\w*|심낭\s*(?:기종|공기)", "심낭 기종(심장을 싼 막 안의 공기)"),
        (
            r"pneumoperitone\w*|free (?:intraperitoneal |intra-abdominal )?air"
            r"|(?:복강\s*내?\s*)?(?:유리\s*공기|자유\s*공기)",
            "복강 내 공기(배 안의 공기)",
        ),
    )
)
"""Air outside the lungs that a pneumothorax question may be after ("기흉 있어요?" with pneumomediastinum)."""


def _air_elsewhere(observation: str, report: str) -> str:
    """For a pneumothorax the report denies or does not name: the air it names elsewhere, quoted ("" for none)."""
    if observation != "Pneumothorax" or not report:
        return ""
    text, named = reported_text(report), {}
    for pattern, korean in _AIR_ELSEWHERE:
        for start, end in sentence_spans(text):
            sentence = " ".join(text[start:end].split())
            found = pattern.search(sentence)
            if not found:
                continue
            before = re.split(r"[,;]|\band\b|\bbut\b", sentence[: found.start()], flags=re.I)[-1]
            if _DENIED.search(before) or re.match(r"[^.,;]{0,8}(?:없|않)", sentence[found.end() :]):
                continue
            named.setdefault(sentence, []).append(korean)
            break
    if not named:
        return ""
    said = "; ".join(f"{', '.join(names)} (판독문: “{sentence}”)" for sentence, names in named.items())
    # not "기흉과는 다른": the answer names no pneumothorax it does not mean (the grounding check reads it)
    return f" 다만 판독문에는 이와 다른 소견인, 폐 밖의 다른 곳의 공기가 적혀 있습니다: {said}."


def _bone_fracture(findings: Findings, bone: str, question: Question) -> Reply | None:
    """The answer about a fracture of ``bone`` ("쇄골"), from the fractures whose sentence names it; when none
    does but another bone's fracture is written, says so and names it; None when no fracture is written."""
    fractures = [d for d in findings.details if d.observation in FRACTURES and d.status != "negative"]
    if not fractures:
        return None
    hits = [d for d in fractures if _bone_named(_sentence(findings, d)) == bone]
    if not hits:
        others = "; ".join(
            dict.fromkeys(
                f"{_bone_named(_sentence(findings, d)) or '뼈'} 골절: “{_sentence(findings, d)}”" for d in fractures
            )
        )
        return Reply(
            f"{yes_no(False, question.negated)}, 판독문에 {bone} 골절은 적혀 있지 않습니다. 다른 뼈에 대해서는 다음과 "
            f"같이 적혀 있습니다: {others}",
            _claims(findings, [d.observation for d in fractures]),
        )
    lines = []
    for detail in hits:
        sentence = _sentence(findings, detail)
        side = SIDE_KO.get(detail.side or "")
        where = f"{side} " if side else ""
        if detail.status == "uncertain":
            lines.append(f"확실하지 않습니다. 판독문은 {where}{bone} 골절의 가능성을 언급합니다.{_quote(sentence)}")
        elif is_old(detail.observation, sentence):
            lines.append(
                f"{yes_no(True, question.negated)}, 판독문에는 {where}{bone}의 오래된(치유된) 골절이 있다고 적혀 "
                f"있습니다.{_quote(sentence)} {_OLD_FRACTURE_MEANING}"
            )
        else:
            said = f"판독문에 {where}{bone} 골절이 있다고 적혀 있습니다."
            lines.append(f"{yes_no(True, question.negated)}, {said}{_quote(sentence)}")
    return Reply("\n".join(dict.fromkeys(lines)), _claims(findings, [d.observation for d in hits]))


def presence_answer(findings: Findings, question: Question, report: str = "") -> Reply:
    """Whether each asked finding is there; a bone named in the question ("갈비뼈", "척추") is answered for
    that bone first, never with another bone's fracture alone."""
    observations = resolve(findings, question.observations)
    lines = []
    main = question.observations[0] if question.observations else None
    if main in FORMS and status(findings, main) is None:  # "긴장성 기흉이에요?" where only a pneumothorax is
        answered = _form_unsaid(findings, question, main, report)
        if answered:
            return answered
    bone = _bone_named(question.text) if main in FRACTURES else ""
    if bone and bone not in _BONE_OF.values():  # "쇄골 부러졌어요?": that bone's fracture, never a rib's for it
        answered = _bone_fracture(findings, bone, question)
        if answered:
            return answered
    broken = [d for d in findings.details if d.observation in FRACTURES and d.status != "negative"]
    bones = list(dict.fromkeys(_bone_named(_sentence(findings, d)) for d in broken))
    if main in FRACTURES and not bone and len(bones) > 1 and all(bones):  # "뼈 부러졌어요?": each bone's
        answers = [_bone_fracture(findings, b, question) for b in bones]
        texts = [a.text for a in answers if a]
        return Reply(
            "\n".join(texts[:1] + [_LEAD.sub("", t) for t in texts[1:]]),
            _claims(findings, [d.observation for d in broken]),
        )
    if (
        main in _BONE_OF
        and status(findings, main) is None
        and any(status(findings, o) is not None for o in observations)
        and not any(_bone_named(evidence(findings, o) or "") == _BONE_OF[main] for o in observations)
    ):
        lines.append(
            f"판독문에는 {_named(main)}에 대한 언급이 없습니다. 다만 다른 뼈에 대해서는 다음과 같이 적혀 있습니다:"
        )
    for observation in observations:
        ctr = ctr_line(report) if observation == "Cardiomegaly" else ""
        found = cardiothoracic_ratio(report) if ctr else None
        if ctr and found and status(findings, observation) is None:
            lines.append(f"{yes_no(found[0] > CTR_LIMIT, question.negated)}, {ctr}")
            continue
        if observation == "Cardiomegaly" and not ctr and _CTR_ASKED.search(question.text):
            ctr = "판독문에 CTR(심흉곽비) 수치는 적혀 있지 않습니다."
        lines.append(
            presence_line(findings, observation, question, report)
            + (f" {ctr}" if ctr else "")
            + _lookalike(findings, observation, report)
            + (_air_elsewhere(observation, report) if status(findings, observation) != "positive" else "")
        )
    if lines and lines[0].endswith("적혀 있습니다:"):  # other bones: facts, not the answer to the bone asked
        lines[1:] = [_LEAD.sub("", line) for line in lines[1:]]
    return Reply("\n".join(lines), _claims(findings, observations))


_SHIFT = re.compile(
    r"[^.\n]*(?:mediastinal shift|shift of the (?:mediastinum|heart)"
    r"|(?:종격동|심장)\s*(?:의\s*)?(?:이동|전위|편위|밀림))[^.\n]*",
    re.IGNORECASE,
)
_NO_SHIFT = re.compile(
    r"\b(?:no|without)\b[^.]*shift|(?:이동|전위|편위|밀림)\s*(?:은|는|이|가)?\s*(?:없|보이지\s*않|관찰되지\s*않)",
    re.IGNORECASE,
)


def _form_unsaid(findings: Findings, question: Question, form: str, report: str) -> Reply | None:
    """A specific form asked ("긴장성 기흉", "흡인성 폐렴") where the report names only the finding: the form is not
    written; a pneumothorax's mediastinal shift, when the report tells it, says whether it acts as a tension one."""
    finding = FORMS[form]
    if status(findings, finding) in (None, "negative"):
        return None  # no pneumothorax at all: the finding's own answer says so
    unsaid = f"판독문에 {_named(form)}에 대한 언급은 없습니다."
    line = _LEAD.sub("", presence_line(findings, finding, replace(question, observations=(finding,)), report))
    claims = _claims(findings, [finding])
    shift = _SHIFT.search(reported_text(report)) if form == "Tension Pneumothorax" and report else None
    if shift and _NO_SHIFT.search(shift.group()):
        said = "긴장성 기흉에서 보이는 종격동 이동(심장과 가운데 구조물이 반대쪽으로 밀림)은 없다고 적혀 있습니다."
        lead = yes_no(False, question.negated)
        return Reply(f"{lead}, {unsaid} {said}{_quote(shift.group().strip())}\n{line}", claims)
    if shift:
        said = "다만 종격동 이동이 있다고 적혀 있어, 담당 의료진의 즉각적인 확인이 필요할 수 있습니다."
        return Reply(f"확실하지 않습니다. {unsaid} {said}{_quote(shift.group().strip())}\n{line}", claims)
    return Reply(f"{unsaid} {line}", claims)


_POSTOP = re.compile(
    r"(?:expected|usual|typical|anticipated)\s+(?:post-?operative|post-?surgical)[^.]*"
    r"|post-?(?:operative|surgical)\s+(?:changes?|appearance|state|status)|\bs/p\b[^.]*|status post[^.]*"
    r"|수술\s*후\s*(?:변화|상태|소견|예상)[^.]*",
    re.IGNORECASE,
)
"""The report's statement about the operation ("Expected postoperative appearance", "S/P CABG", "수술 후 변화")."""
_EXPECTED = re.compile(r"expected|usual|typical|anticipated|예상", re.IGNORECASE)


def fitness_answer(findings: Findings, question: Question, report: str) -> Reply:
    """ "수술해도 괜찮을까요?" / "수술 후 괜찮은 상태인가요?": what the report shows now (acute findings or their
    absence, the report's word on the operation, old findings), never a 네/아니요 about the patient."""
    found = _abnormal(findings, ("positive",), None, report)
    uncertain = _abnormal(findings, ("uncertain",), None, report)
    misplaced = _misplaced(findings)
    chronic_found = _chronic_found(findings, None, report)
    nothing_acute = no_acute_statement(report)
    parts = []
    said_postop = list(_POSTOP.finditer(reported_text(report))) if report else []
    postop = next((m for m in said_postop if _EXPECTED.search(m.group())), said_postop[0] if said_postop else None)
    if postop:
        said = "수술 후 예상되는 범위의 모습이라고" if _EXPECTED.search(postop.group()) else "수술 후 변화가 있다고"
        parts.append(f"판독문은 {said} 적었습니다.{_quote(_sentence_around(report, postop))}")
    if found:
        names = ", ".join(f"{_named(o)}{_attributes(findings, o)}" for o in found)
        parts.append(f"판독문에 적힌 소견: {names}.")
    if uncertain:
        parts.append(f"{', '.join(_named(o) for o in uncertain)}의 가능성이 언급되어 있습니다.")
    if misplaced:
        names = ", ".join(korean_name(d.observation) for d in misplaced)
        parts.append(f"{names}의 위치가 적절하지 않다고 적혀 있습니다.")
    if not found and not uncertain and not misplaced:
        parts.append(f"판독문상 급성(새로 생긴) 이상 소견은 없습니다.{_quote(nothing_acute)}")
    elif nothing_acute:
        parts.append(f"판독문은 급성 이상은 없다고 적었습니다.{_quote(nothing_acute)}")
    note = _chronic_note(findings, chronic_found).strip()
    if note:
        parts.append(note)
    parts.append(
        "수술을 해도 되는지, 수술 후 경과가 괜찮은지는 판독문만으로 정할 수 없고 진찰과 다른 검사 결과를 함께 보고 "
        "담당 의료진이 판단합니다."
    )
    return Reply(" ".join(parts), _claims(findings, found + uncertain + chronic_found))


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


def _abnormal(findings: Findings, statuses: tuple[str, ...], scope: str | None = None, report: str = "") -> list[str]:
    """The findings that make the study abnormal and are not old: not devices, not findings that leave a
    study normal (``leaves_normal``), not the old and chronic ones (``_chronic_found``)."""
    chronic_found = _chronic_found(findings, scope, report)
    found = [
        o
        for o in positive(findings, statuses)
        if o not in DEVICES | INCIDENTAL and not leaves_normal(findings, o, report) and o not in chronic_found
    ]
    return [o for o in found if o in LUNG_FINDINGS] if scope == "lungs" else found


def _chronic_found(findings: Findings, scope: str | None = None, report: str = "") -> list[str]:
    """The report's old and chronic findings that keep the study from being normal though they are not acute
    (old healed fracture, atherosclerosis, scarring, emphysema ...)."""
    found = [
        o
        for o in positive(findings)
        if o not in DEVICES | INCIDENTAL and not_acute(findings, o) and not leaves_normal(findings, o, report)
    ]
    return [o for o in found if o in LUNG_FINDINGS] if scope == "lungs" else found


def _benign_found(findings: Findings, scope: str | None = None, report: str = "") -> list[str]:
    """The report's findings that leave the study normal (calcified granuloma, minimal pleural thickening ...)."""
    found = [
        o for o in positive(findings) if o not in DEVICES and (o in INCIDENTAL or leaves_normal(findings, o, report))
    ]
    return [o for o in found if o in LUNG_FINDINGS | INCIDENTAL] if scope == "lungs" else found


def _finding_named(findings: Findings, observation: str) -> str:
    """A finding's Korean name with its details, a fracture with its bone ("늑골 골절(fracture) (좌측)")."""
    bone = _bone_named(evidence(findings, observation) or "") if observation == "Fracture" else ""
    return f"{bone + ' ' if bone else ''}{_named(observation)}{_attributes(findings, observation)}"


def _chronic_named(findings: Findings, observation: str) -> str:
    old = "오래된 " if observation in FRACTURES and chronic(findings, observation) else ""
    return f"{old}{_finding_named(findings, observation)}"


def _names(findings: Findings, observations: list[str], old: bool = True) -> str:
    """The findings named for an answer, fractures called old (``old``) where the answer does not say so."""
    return ", ".join(_chronic_named(findings, o) if old else _finding_named(findings, o) for o in observations)


def _chronic_note(findings: Findings, chronic_found: list[str]) -> str:
    if not chronic_found:
        return ""
    names = _names(findings, chronic_found)
    return (
        f" 다만 오래되었거나 만성적인 소견으로 {names}{particle(names, '이', '가')} 적혀 있으며, "
        "새로 생긴 문제는 아닙니다."
    )


def _misplaced(findings: Findings, scope: str | None = None) -> list[Placement]:
    """The devices out of place, as ``korad.devices.placements`` reads them (none for the lungs alone)."""
    if scope == "lungs":
        return []
    return [p for p in placements(findings.details, findings.recommendations) if p.position == "malpositioned"]


def is_normal(findings: Findings, scope: str | None = None, report: str = "") -> bool:
    """A clinician's "normal" (the convention of docs/chat.md): nothing positive or uncertain but devices in
    place and findings that leave a study normal (``leaves_normal``), no old or chronic finding that does not,
    and no work-up advised; ``scope="lungs"`` looks at the lungs and pleura only."""
    return (
        not _abnormal(findings, ("positive", "uncertain"), scope, report)
        and not _chronic_found(findings, scope, report)
        and not _misplaced(findings, scope)
        and not (scope is None and workup_advised(findings))
    )


ORGANS: tuple[tuple[str, str, frozenset[str]], ...] = (
    (r"흉막|늑막", "흉막", frozenset({"Pleural Effusion", "Pleural Other", "Pneumothorax"})),
    (r"뼈|척추|허리|갈비|늑골|쇄골", "뼈", FRACTURES | {"Scoliosis"}),
    (r"대동맥|혈관", "대동맥", frozenset({"Aortic Atherosclerosis", "Aortic Tortuosity"})),
    (r"횡격막", "횡격막", frozenset({"Hiatal Hernia"})),
)
"""A body part named in a normality question ("흉막에 이상이 있나요?") -> its Korean name and the findings
there: what it asks about, old or new."""


def organ_answer(findings: Findings, question: Question, organ: str, kinds: frozenset[str], report: str) -> Reply:
    """ "흉막에 이상이 있나요?" / "뼈는 괜찮나요?": the findings of that part only, old ones said as old; a part
    the report says nothing of is said to be not written."""
    present = [o for o in positive(findings, ("positive", "uncertain")) if o in kinds or PARENTS.get(o) in kinds]
    denied = [o for o, said in findings.labels.items() if said == "negative" and o in kinds]
    benign = [o for o in present if leaves_normal(findings, o, report)]
    shown = [o for o in present if o not in benign]
    claims = _claims(findings, present + denied)
    spine = [s for w, s in report_words_found(report) if w.korean == _SPINE.korean] if organ == "뼈" else []
    if spine and not shown:  # degenerative change of the spine: mild leaves the bones normal (docs/chat.md)
        mild = bool(_MILD_WORDS.search(spine[0]))
        lead = yes_no(not mild if question.direction == "abnormal" else mild, question.negated)
        verdict = " 나이에 따른 흔한 변화로 정상으로 보는 범위입니다." if mild else ""
        return Reply(
            f"{lead}, 판독문에는 뼈의 이상으로 {_SPINE.korean}만 적혀 있습니다."
            f"{_quote(spine[0])} {_SPINE.explanation}{verdict}",
            claims,
        )
    if not present and not denied:
        return Reply(f"판독문에는 {organ}에 대한 내용이 적혀 있지 않아, 이 판독문으로는 확인할 수 없습니다.", claims)
    holds = bool(shown)  # something is there: "이상이 있다" holds
    lead = yes_no(holds if question.direction == "abnormal" else not holds, question.negated)
    if not shown:
        names = ", ".join(_named(o) for o in denied)
        text = f"{lead}, 판독문에 {organ}의 이상은 적혀 있지 않습니다."
        if denied:
            quote = _quote(evidence(findings, denied[0]))
            text += f" {names}{particle(names, '은', '는')} 없다고 적혀 있습니다.{quote}"
        if benign:
            names = _names(findings, benign)
            text += f" {names}{particle(names, '은', '는')} 정상으로 보는 범위의 소견입니다."
        return Reply(text, claims)
    uncertain = [o for o in shown if status(findings, o) == "uncertain"]
    names = _names(findings, [o for o in shown if o not in uncertain])
    parts = [f"판독문에 {names} 소견이 있습니다.{_quote(evidence(findings, shown[0]))}"] if names else []
    if uncertain:
        parts.append(f"{', '.join(_named(o) for o in uncertain)}의 가능성이 언급되어 있습니다.")
    if all(not_acute(findings, o) for o in shown):
        parts.append("모두 오래되었거나 만성적인 소견으로, 새로 생긴 문제는 아닙니다.")
    lead = lead if names else "확실하지 않습니다"
    return Reply(f"{lead}, " + " ".join(parts) + " 자세한 의미는 담당 의료진과 상의하세요.", claims)


def _old_words(observations: list[str]) -> str:
    """How old findings are called: healed (a fracture, old tuberculosis), old (a trace), chronic (a disease)."""
    if all(o in FRACTURES | {"Old Tuberculosis"} for o in observations):
        return "오래된(치유된)"
    if not CHRONIC_DISEASES.intersection(observations):
        return "오래된"
    return "만성적인" if CHRONIC_DISEASES.issuperset(observations) else "오래되었거나 만성적인"


_NO_ACUTE_WRITTEN = "급성(새로 생긴) 이상은 적혀 있지 않습니다."
_WITHIN_NORMAL = "정상으로 보는 범위의 소견입니다."


def _only_old_answer(
    findings: Findings, question: Question, chronic_found: list[str], nothing_acute: str | None
) -> str:
    """A study that is not normal only for old or chronic findings: both said, as asked (docs/chat.md)."""
    names = _names(findings, chronic_found, old=False)
    old = _old_words(chronic_found)
    said = f"(“{' '.join(nothing_acute.split())}”)" if nothing_acute else ""
    if question.direction == "abnormal":
        acute = f"급성(새로 생긴) 이상은 없다고 적혀 있습니다{said}." if said else _NO_ACUTE_WRITTEN
        return (
            f"{yes_no(True, question.negated)}, 다만 급성 이상은 아닙니다: {old} 소견으로 {names}"
            f"{particle(names, '이', '가')} 적혀 있습니다. {acute}"
        )
    acute = f"급성(새로 생긴) 이상은 없다고 적혀 있고{said}" if said else "급성(새로 생긴) 이상은 적혀 있지 않고"
    return f"{yes_no(False, question.negated)}, 완전히 정상은 아닙니다. {acute}, {old} {names} 소견이 있습니다."


LASTING: frozenset[str] = frozenset({"Cardiomegaly", "Nodule", "Mass", "Lung Lesion"})
"""Findings that are no acute problem unless the report calls them new or worse (an acute question)."""
_OTHERWISE = re.compile(r"otherwise|그\s*외|이외|외에는|나머지", re.IGNORECASE)
"""A "nothing acute" statement about the rest ("Otherwise no acute process"): the findings before it count."""


def _acute_found(findings: Findings, statuses: tuple[str, ...], report: str) -> list[str]:
    """The report's findings that are acute (new) problems: not old, chronic or lasting ones."""
    return [
        o
        for o in _abnormal(findings, statuses, None, report)
        if o not in LASTING or any(d.change in ("new", "worse") for d in _details_of(findings, o))
    ]


def acute_answer(findings: Findings, question: Question, report: str) -> Reply:
    """ "급한 이상은 없나요?" / "급성 소견 있나요?": from the report's "nothing acute" statement and its acute
    findings (a misplaced device and the urgent findings always count); old findings are named as not acute."""
    nothing_acute = no_acute_statement(report)
    trusted = bool(nothing_acute) and not _OTHERWISE.search(nothing_acute or "")
    acute = [] if trusted else _acute_found(findings, ("positive",), report)
    acute += [u.observation for u in urgent(findings) if u.observation not in acute and u.observation not in DEVICES]
    maybe = [] if trusted else _acute_found(findings, ("uncertain",), report)
    misplaced = _misplaced(findings)
    holds = bool(acute or misplaced)
    claims = _claims(findings, acute + maybe)
    if holds:
        parts = []
        if acute:
            names = ", ".join(f"{_named(o)}{_attributes(findings, o)}" for o in acute)
            quote = _quote(evidence(findings, acute[0]))
            parts.append(f"판독문에 급성 이상으로 볼 수 있는 소견이 있습니다: {names}.{quote}")
        if misplaced:
            names = ", ".join(korean_name(d.observation) for d in misplaced)
            parts.append(f"{names}의 위치가 적절하지 않다고 적혀 있습니다.")
        lead = yes_no(question.direction == "abnormal", question.negated)
        return Reply(f"{lead}, " + " ".join(parts) + " 자세한 의미는 담당 의료진과 상의하세요.", claims)
    others = [o for o in _abnormal(findings, ("positive",), None, report) if o not in acute]
    old = _chronic_found(findings, None, report)
    claims.update(_claims(findings, others + old))
    if trusted:  # the report itself calls them not acute
        others, old = others + old, []
    note = ""
    if others:
        names = _names(findings, others)
        kind = "급성은 아닌 소견으로 " if trusted else ""
        note = f" 다만 {kind}{names}{particle(names, '이', '가')} 적혀 있습니다."
    if old:
        names = _names(findings, old, old=False)
        note += (
            f" {_old_words(old)} 소견으로 {names}{particle(names, '이', '가')} 적혀 있으며, 새로 생긴 문제는 아닙니다."
        )
    if maybe:
        return Reply(
            f"확실하지 않습니다. 급성 이상일 수 있는 {', '.join(_named(o) for o in maybe)}의 가능성이 언급되어 "
            f"있습니다.{_quote(evidence(findings, maybe[0]))}{note} 자세한 의미는 담당 의료진과 상의하세요.",
            claims,
        )
    lead = yes_no(question.direction != "abnormal", question.negated)
    said = (
        f" 판독문에 급성 이상이 없다고 적혀 있습니다.{_quote(nothing_acute)}"
        if trusted
        else " 판독문에 급성 이상으로 볼 소견(기흉, 폐렴, 흉수 등)은 적혀 있지 않습니다."
    )
    return Reply(f"{lead}, 급성(새로 생긴) 이상은 없습니다.{said}{note}", claims)


def _normal_words(question: Question, scope: str | None) -> str:
    """A normal study said with the words a patient looks for: 정상 and 급성 이상 없음 (docs/chat.md)."""
    if scope == "lungs":
        return "폐는 정상 소견입니다. 폐에 급성 이상이나 특별한 이상 소견은 없습니다."
    if question.direction == "abnormal":  # "이상이 있나요?" → "아니요, ... 이상 소견은 없습니다"
        return "판독문상 특별한 이상 소견은 없습니다. 정상 소견이며, 급성 이상 소견도 없습니다."
    return "판독문상 정상 소견입니다. 급성 이상이나 특별한 이상 소견은 없습니다."


def normality_answer(findings: Findings, question: Question, report: str = "") -> Reply:
    """Whether the report (or the lungs) is normal, answered as asked ("정상인가요?" / "이상이 있나요?").

    Findings that leave a study normal (calcified granuloma, minimal apical pleural thickening ...) are named
    after a normal answer; old and chronic ones (old healed fracture, atherosclerosis, emphysema ...) make the
    study not normal, and the answer says both: nothing acute, and the old finding (docs/chat.md)."""
    scope = question.scope
    if scope == "acute":
        return acute_answer(findings, question, report)
    if scope in ("left", "right"):  # "왼쪽은 괜찮아요?": that side only
        return side_view_answer(findings, question, report)
    organ = next(((name, kinds) for pattern, name, kinds in ORGANS if re.search(pattern, question.text)), None)
    if organ:  # "흉막에 이상이 있나요?" asks whether anything is there, old or new, in that part
        return organ_answer(findings, question, *organ, report)
    nothing_acute = no_acute_statement(report)
    if scope == "lungs":  # "폐는 괜찮아요?": the report's "Lungs are clear" says it best
        nothing_acute = lungs_clear_sentence(report) or nothing_acute
    chronic_found = _chronic_found(findings, scope, report)
    benign = _benign_found(findings, scope, report)
    normal = is_normal(findings, scope, report)
    lead = yes_no(normal if question.direction == "normal" else not normal, question.negated)
    found = _abnormal(findings, ("positive",), scope, report)
    uncertain = _abnormal(findings, ("uncertain",), scope, report)
    misplaced = _misplaced(findings, scope)
    workup = [] if scope == "lungs" else workup_advised(findings)
    claims = _claims(findings, found + uncertain + chronic_found)
    if normal:
        devices = positive(findings) if scope is None else []
        extra = " 다만 삽입된 관이나 의료기구가 보입니다." if any(o in DEVICES for o in devices) else ""
        if "No Finding" in findings.labels and scope is None:
            claims["No Finding"] = findings.labels["No Finding"]
        claims.update(_claims(findings, benign))
        if benign or nothing_acute:
            names = _names(findings, benign)
            note = f" 다만 {names}{particle(names, '이', '가')} 적혀 있으며, {_WITHIN_NORMAL}" if benign else ""
            return Reply(f"{lead}, {_normal_words(question, scope)}{_quote(nothing_acute)}{note}{extra}", claims)
        return Reply(f"{lead}, {_normal_words(question, scope)}{extra}", claims)
    if chronic_found and not found and not uncertain and not misplaced:
        text = _only_old_answer(findings, question, chronic_found, nothing_acute)
        if benign:  # "a calcified granuloma" beside an old fracture: named, as within normal
            names = _names(findings, benign)
            text += f" 그 밖의 {names}{particle(names, '은', '는')} 정상으로 보는 범위의 소견입니다."
        claims.update(_claims(findings, benign))
        if workup:
            text += f" 판독문은 추가 검사를 권고합니다.{_quote(workup[0])}"
        return Reply(text + " 자세한 의미는 담당 의료진과 상의하세요.", claims)
    # A work-up advised: not normal ("정상인가요?" 아니요), but what it will find is not known ("이상이 있나요?").
    settled_lead = found or misplaced or chronic_found or (workup and question.direction == "normal")
    if not found and not misplaced and not uncertain and workup:  # nothing named but a work-up is advised
        lead = lead if settled_lead else "확실하지 않습니다"
        return Reply(
            f"{lead}, 판독문에 뚜렷한 이상 소견은 적혀 있지 않지만 추가 검사를 권고합니다.{_quote(workup[0])}"
            " 자세한 의미는 담당 의료진과 상의하세요.",
            claims,
        )
    if not settled_lead:
        lead = "확실하지 않습니다. 뚜렷한 이상 소견은 없지만"  # only possibilities: neither yes nor no
    parts = []
    if found:
        parts.append(f"판독문에 {', '.join(_named(o) for o in found)} 소견이 있습니다.")
    if uncertain:
        parts.append(f"{', '.join(_named(o) for o in uncertain)}의 가능성이 언급되어 있습니다.")
    if misplaced:
        names = ", ".join(korean_name(d.observation) for d in misplaced)
        parts.append(f"{names}의 위치가 적절하지 않다고 적혀 있습니다.")
    if nothing_acute:
        parts.append(f"판독문은 급성 이상은 없다고 적었습니다.{_quote(nothing_acute)}")
    if workup:
        parts.append(f"판독문은 추가 검사를 권고합니다.{_quote(workup[0])}")
    return Reply(
        f"{lead}, "
        + " ".join(parts)
        + _chronic_note(findings, chronic_found)
        + " 자세한 의미는 담당 의료진과 상의하세요.",
        claims,
    )


def _attribute_targets(findings: Findings, observations: list[str]) -> list[tuple[str, list[Any]]]:
    return [(o, [d for d in _details_of(findings, o) if d.status != "negative"]) for o in observations]


def _not_present(findings: Findings, observations: list[str], question: Question, report: str) -> Reply | None:
    """The answer when none of the asked findings is present (an attribute of nothing)."""
    if not observations and is_normal(findings, None, report):  # "어디가 더 안 좋아요?" on a normal report
        normal = normality_answer(findings, Question(question.text, "normality", (), False, "normal"), report)
        return Reply(_LEAD.sub("", normal.text), normal.claims)
    if not observations:
        return Reply("판독문에서 이 질문에 해당하는 소견을 찾지 못했습니다. 어떤 소견에 대해 묻는지 알려 주세요.")
    if any(status(findings, o) in ("positive", "uncertain") for o in observations):
        return None
    presence = Question(question.text, "presence", tuple(observations), False)
    return presence_answer(findings, presence, report)


def _sentence(findings: Findings, detail: Detail) -> str:
    """The report's sentence holding ``detail``'s mention (the mention itself when none is found)."""
    if detail.sentence:
        return detail.sentence
    return next((m.sentence for m in findings.mentions if detail.text and detail.text in m.sentence), detail.text)


def _sentence_around(report: str, match: re.Match[str]) -> str:
    """The sentence of ``report`` around ``match`` (searched in ``reported_text(report)``)."""
    text = reported_text(report)
    starts = [m.end() for m in _SENTENCE_END.finditer(text, 0, match.start())]
    end = _SENTENCE_END.search(text, match.end())
    return text[(starts[-1] if starts else 0) : (end.start() + 1 if end else len(text))].strip()


_SENTENCE_END = re.compile(r"\.(?!\d)|\n")
"""The end of a sentence: a full stop that is not a decimal point ("4.2 cm"), or a line break."""


def _where(detail: Detail) -> str:
    """Side and location in Korean: "좌측 상부"."""
    return " ".join(filter(None, [SIDE_KO.get(detail.side or ""), *(LOCATION_KO[x] for x in detail.location)]))


def side_answer(findings: Findings, observations: list[str], question: Question, report: str) -> Reply:
    """Which side (and where) each asked finding is, from its details."""
    if question.scope == "describe":  # "왼쪽 흉수는요?": that side's finding described
        return side_detail_answer(findings, observations, question, report)
    absent = _not_present(findings, observations, question, report)
    if absent:
        return absent
    lines = []
    for observation, found in _attribute_targets(findings, _sided_readings(findings, observations, question)):
        sided = [d for d in found if d.side or d.location]
        seen_as = [] if any(d.side for d in sided) else sided_appearance(findings, observation)
        if seen_as:  # "폐렴 어느쪽?" on "bilateral opacities, consistent with pneumonia": the opacities' side
            where = ", ".join(dict.fromkeys(_where(d) for d in seen_as))
            shown = seen_as[0].observation
            lines.append(
                f"{_subject(observation, ('은', '는'))} {_named(shown)}{particle(korean_name(shown), '으로', '로')} "
                f"보이며, 그 음영이 {where}에 있다고 적혀 있습니다.{_quote(_sentence(findings, seen_as[0]))}"
            )
            continue
        if not sided:
            quote = _quote(evidence(findings, observation))
            lines.append(f"판독문에는 {_named(observation)}의 좌우 위치가 적혀 있지 않습니다.{quote}")
            continue
        where = ", ".join(dict.fromkeys(_where(d) for d in sided))
        quote = _quote(_sentence(findings, sided[0]))
        sentence = f"{_subject(observation, ('은', '는'))} {where}에 있다고 적혀 있습니다.{quote}"
        if question.direction:
            sides = {d.side for d in sided}
            holds = question.direction in sides or ("bilateral" in sides and question.direction != "bilateral")
            if question.direction == "one":  # "한쪽만 있어요?"
                holds = sides in ({"left"}, {"right"})
            sentence = f"{yes_no(holds, question.negated)}, {sentence}"
        lines.append(sentence)
    return Reply("\n".join(lines), _claims(findings, observations))


def _sided_readings(findings: Findings, observations: list[str], question: Question) -> list[str]:
    """The readings of the words a side question names that it is answered for (``main_readings``): "물 어느
    쪽이 더 많아요" is the effusion the report gives a side, not the congestion it does not."""
    if not question.observations:  # the report's findings stand in for an unnamed one: all of them
        return observations
    return main_readings(observations, lambda o: any(d.side for d in _details_of(findings, o)), question.text)


_MORE_SAID = {True: ("많은지", "많다고"), False: ("심한지", "심하다고")}


def _greater_in(findings: Findings, sided: list[Detail]) -> tuple[str, str] | None:
    """The side the report says has more of a finding, with the sentence that says so.

    A comparison written in the report ("right greater than left", "우측이 더 많음"), else two
    mentions of the two sides whose severity or size differ ("large right and small left effusions")."""
    for detail in sided:
        sentence = _sentence(findings, detail)
        side = greater_side(detail.text) or greater_side(sentence)
        if side:
            return side, sentence
    by_side = {d.side: d for d in sided if d.side in ("left", "right")}
    if len(by_side) == 2:  # "large right pleural effusion. small left pleural effusion."
        amount = {
            side: (d.size_mm or 0, SEVERITIES.index(d.severity) if d.severity else -1) for side, d in by_side.items()
        }
        if amount["left"] != amount["right"]:
            more = max(amount, key=amount.__getitem__)
            return more, " / ".join(dict.fromkeys(_sentence(findings, by_side[s]) for s in ("right", "left")))
    return None


def worse_side_answer(findings: Findings, observations: list[str], question: Question, report: str) -> Reply:
    """Which side has more of each asked finding ("어느 쪽이 더 많아요?"): only what the report compares."""
    absent = _not_present(findings, observations, question, report)
    if absent:
        return absent
    targets = _attribute_targets(findings, _sided_readings(findings, observations, question))
    if not question.observations:  # "어느 쪽이 더 심해요?" after no finding named: the findings with a side
        targets = [(o, found) for o, found in targets if any(d.side for d in found)] or targets
        # those the report compares side to side answer it; a one-sided finding compares nothing
        targets = [(o, f) for o, f in targets if _greater_in(findings, [d for d in f if d.side])] or targets
    amount = "많" in question.text
    lines = []
    for observation, found in targets:
        sided = [d for d in found if d.side]
        quote = _quote(_sentence(findings, sided[0]) if sided else evidence(findings, observation))
        if not sided:
            lines.append(f"판독문에는 {_named(observation)}의 좌우 위치가 적혀 있지 않습니다.{quote}")
            continue
        sides = {d.side for d in sided}
        greater = _greater_in(findings, sided)
        holds: bool | None = None
        if greater and greater[0] in ("left", "right"):
            side = SIDE_KO[greater[0]]
            holds = question.direction == greater[0]
            line = f"{_subject(observation, ('은', '는'))} {side}이 더 {_MORE_SAID[amount][1]} 적혀 있습니다." + _quote(
                greater[1]
            )
        elif greater:
            line = f"{_subject(observation, ('은', '는'))} 양쪽이 비슷하다고 적혀 있습니다.{_quote(greater[1])}"
            holds = False if question.direction else None
        elif sides in ({"left"}, {"right"}):
            (only,) = sides
            holds = question.direction == only
            line = (
                f"{_subject(observation, ('은', '는'))} {SIDE_KO[only]}에만 있다고 적혀 있어, 한쪽만 해당합니다"
                f"(비교할 반대쪽 소견이 없습니다).{quote}"
            )
        else:
            line = (
                f"판독문에는 {_named(observation)}{particle(korean_name(observation), '이', '가')} 양측에 있다고 "
                f"적혀 있지만, 어느 쪽이 더 {_MORE_SAID[amount][0]}는 나와 있지 않습니다"
                f"(좌우를 비교한 내용이 없습니다).{quote}"
            )
        if question.direction and holds is not None:
            line = f"{yes_no(holds, question.negated)}, {line}"
        lines.append(line)
    return Reply("\n".join(lines), _claims(findings, observations))


def urgency_answer(findings: Findings) -> Reply:
    """Whether the report holds findings that call for prompt care (``korad.chat.triage``), quoted; never
    a verdict of its own on the patient."""
    found = urgent(findings)
    if found:
        lines = [f"- {u.reason}.{_quote(u.evidence)}" for u in found]
        return Reply(
            "판독문에 빠른 확인이 필요할 수 있는 소견이 있습니다:\n"
            + "\n".join(lines)
            + "\n담당 의료진에게 바로 연락하세요. 증상이 심하면 응급실을 찾으세요.",
            _claims(findings, [u.observation for u in found]),
        )
    others = _abnormal(findings, ("positive", "uncertain"))
    said = (
        f" 다만 {', '.join(_named(o) for o in others)} 소견이 적혀 있으니 의미는 담당 의료진과 상의하세요."
        if others
        else ""
    )
    return Reply(
        "판독문에는 급히 조치해야 할 소견(예: 기흉, 많거나 늘어나는 흉수, 위치가 잘못된 관)은 적혀 있지 않습니다."
        + said
        + " 증상이 심하거나 갑자기 나빠지면 판독문과 관계없이 바로 진료를 받으세요.",
        _claims(findings, others),
    )


_ONE_SIDE = (
    ("left", re.compile(r"왼쪽|좌측|(?<![가-힣])좌(?=\s)|\bleft\b|\blt\b", re.I)),
    ("right", re.compile(r"오른쪽|우측|(?<![가-힣])우(?=\s)|\bright\b|\brt\b", re.I)),
)
"""A side a question names for one device ("왼쪽 흉관 뺐어요?")."""
_KEPT = frozenset({"Sternotomy Wires", "Surgical Clips", "Pacemaker", "Loop Recorder", "Stent"})
"""Hardware left in for good: not among the tubes and lines a "관 뺐어요?" asks about."""
_ALL_REMOVED = re.compile(r"(?<![가-힣])(?:다|모두|전부|싹|모든|전부\s*다)\s*(?:[가-힣]+\s+)?(?:뺐|빼|뽑|제거|발거|없)")
"""A question whether every device was taken out ("관 다 뺐어요?", "튜브 모두 제거됐나요?")."""


def _sided_subject(detail: Detail) -> str:
    """The device as a subject, with its side when it has one ("좌측 흉관(chest tube)이")."""
    side = SIDE_KO.get(detail.side or "") if detail.observation in _SIDED_DEVICES else None
    return f"{side} {_subject(detail.observation)}" if side else _subject(detail.observation)


def removal_answer(findings: Findings, observations: list[str], question: Question) -> Reply:
    """Whether the devices asked about were taken out ("관을 뺐나요?"), from the removed devices' details."""
    named = [o for o in observations if o in DEVICES and o != "Support Devices"]
    devices = [d for d in findings.details if d.observation in DEVICES]
    if named:
        devices = [d for d in devices if d.observation in named]
    side = next((side for side, words in _ONE_SIDE if words.search(question.text)), None)
    if side and any(d.side == side for d in devices):  # "왼쪽 흉관 뺐어요?": that one
        devices = [d for d in devices if d.side == side]
    taken_out = [d for d in devices if removed(d)]
    gone = {(d.observation, d.sentence) for d in taken_out}  # "기관내관 발관 상태": the tube named is the one out
    still = [
        d
        for d in devices
        if d.status == "positive" and (named or d.observation not in _KEPT) and (d.observation, d.sentence) not in gone
    ]
    still = list({(d.observation, d.side): d for d in reversed(still)}.values())[::-1]  # once per device
    claims = _claims(findings, named or ["Support Devices"])
    if still and _ALL_REMOVED.search(question.text):  # "관 다 뺐어요?" while a line remains: not all of them
        lines = [f"{_subject(d.observation)} 아직 있다고 적혀 있습니다.{_quote(_sentence(findings, d))}" for d in still]
        lines += [f"{_subject(d.observation)} 제거되었습니다.{_quote(_sentence(findings, d))}" for d in taken_out]
        return Reply(f"{yes_no(False, question.negated)}, 모두 제거된 것은 아닙니다. " + "\n".join(lines), claims)
    if taken_out:
        lines = [f"{_sided_subject(d)} 제거되었다고 적혀 있습니다.{_quote(_sentence(findings, d))}" for d in taken_out]
        lines += [f"다만 {_sided_subject(d)} 아직 있다고 적혀 있습니다.{_quote(_sentence(findings, d))}" for d in still]
        return Reply(f"{yes_no(True, question.negated)}, 판독문에 " + "\n".join(lines), claims)
    if still:
        lines = [f"{_sided_subject(d)} 아직 있다고 적혀 있습니다.{_quote(_sentence(findings, d))}" for d in still]
        return Reply(f"{yes_no(False, question.negated)}, 판독문에는 " + "\n".join(lines), claims)
    what = _named(named[0]) if named else "관이나 기구"
    return Reply(f"판독문에 {what}를 제거했다는 언급이 없어, 이 판독문으로는 확인할 수 없습니다.", claims)


_ONE_EACH = re.compile(r"각각?\s*(?:1|한|하나)\s*개|one (?:on )?each side|one (?:on the )?(?:right|left) and one", re.I)


def _how_many(placement: Placement) -> tuple[int, bool]:
    """(how many, whether that is only the least): the report's number, else one a side, more for a plural."""
    if placement.count:
        return placement.count, False
    if placement.side == "bilateral":  # "bilateral chest tubes", "양측 흉관": one a side at least
        return 2, not any(_ONE_EACH.search(s) for s in placement.sentences)
    return (2, True) if placement.plural else (1, False)


def count_answer(findings: Findings, observations: list[str], question: Question) -> Reply:
    """How many devices the report names ("흉관 몇 개?": "2개: 우측 2개"), each with its side and quote; a
    number the report does not give is said to be at least what its words show ("bilateral": 2 or more)."""
    named = [o for o in observations if o in DEVICES and o != "Support Devices"]
    if named == ["Pacemaker"] and _LEADS_ASKED.search(question.text):  # "심박조율기 선 몇 개야": its leads
        return leads_answer(findings)
    devices = [p for p in placements(findings.details) if p.observation != "Support Devices"]
    if named:
        devices = [p for p in devices if p.observation in named]
    elif not re.search(r"기구|장치|기계|device", question.text, re.IGNORECASE):
        devices = [p for p in devices if p.observation not in _KEPT]  # "관이 몇 개?": the tubes and lines
    claims = _claims(findings, named or ["Support Devices"])
    if not devices:
        what = _named(named[0]) if named else "관이나 기구"
        taken_out = [d for d in findings.details if d.observation in (named or DEVICES) and removed(d)]
        if taken_out:
            quote = _quote(_sentence(findings, taken_out[0]))
            gone = f"판독문에 {_subject(taken_out[0].observation)} 제거되었다고 적혀 있어, 남아 있는 것은 없습니다."
            return Reply(gone + quote, claims)
        return Reply(f"판독문에 {what}에 대한 언급이 없습니다.", claims)
    lines, total, least, quoted = [], 0, False, set()
    for p in devices:
        number, at_least = _how_many(p)
        total, least = total + number, least or at_least
        amount = f"{number}개 이상" if at_least else f"{number}개"
        if p.side == "bilateral" and not p.count:
            amount = "좌우 양쪽에 하나 이상씩(2개 이상)" if at_least else "좌우 양쪽에 하나씩(2개)"
        quote = "" if p.sentences[0] in quoted else _quote(p.sentences[0])
        quoted.add(p.sentences[0])
        lines.append(f"- {_device_name(p)}: {amount}.{quote}")
    what = korean_name(named[0]) if len(named) == 1 else "관이나 기구"
    head = f"판독문에 적힌 {what}{particle(what, '은', '는')} 모두 {total}개{' 이상' if least else ''}입니다"
    if least:
        head += "(정확한 개수는 적혀 있지 않음)"
    if question.direction:  # "관 세 개 맞아요?": the number asked against the report's
        guess = int(question.direction)
        if least and guess > total:
            head = "확실하지 않습니다. " + head
        else:
            head = f"{yes_no(guess == total, question.negated)}, " + head
    return Reply(head + ":\n" + "\n".join(lines), claims)


def size_answer(findings: Findings, observations: list[str], question: Question, report: str) -> Reply:
    """How big each asked finding is: its size, else its amount; "큰가요?" is yes from 3 cm, no under 1 cm."""
    absent = _not_present(findings, observations, question, report)
    if absent:
        return absent
    lines = []
    targets = _attribute_targets(findings, observations)
    if not question.observations and any(d.size_mm for _, found in targets for d in found):
        targets = [(o, found) for o, found in targets if any(d.size_mm for d in found)]  # "몇 cm예요?"
    for observation, found in targets:
        sized = [d for d in found if d.size_mm]
        graded = [d for d in found if d.severity]
        holds: bool | None = None
        if sized:
            largest = max(sized, key=lambda d: d.size_mm)
            said, shown = f"{size_ko(largest.size_mm)} 크기입니다.", largest
            if largest.size_mm >= LARGE_MM:
                holds, said = True, said + " 3 cm 이상으로 큰 편입니다(종괴(mass)로 부르는 크기)."
            elif largest.size_mm < SMALL_MM:
                holds, said = False, said + " 1 cm보다 작은 크기입니다."
            else:
                said += " 1 cm 이상 3 cm 미만의 크기입니다."
        elif graded:
            shown = max(graded, key=lambda d: SEVERITIES.index(d.severity))
            said = f"크기는 수치로 적혀 있지 않고, {severity_ko(shown)}(으)로 적혀 있습니다."
            holds = True if shown.severity == "severe" else False if shown.severity in ("minimal", "mild") else None
        else:
            quote = _quote(evidence(findings, observation))
            lines.append(f"판독문에는 {_named(observation)}의 크기가 적혀 있지 않습니다.{quote}")
            continue
        if question.direction == "small" and holds is not None:
            holds = not holds
        lead = f"{yes_no(holds, question.negated)}, " if question.direction and holds is not None else ""
        lines.append(f"{lead}{_named(observation)}: {said}{_quote(_sentence(findings, shown))}")
    return Reply("\n".join(lines), _claims(findings, observations))


_SEVERITY_SAID = {
    "minimal": "아주 경미한(아주 적은) 편입니다",
    "mild": "심하지 않은 경미한(적은) 편입니다",
    "moderate": "중간 정도(중등도)입니다",
    "severe": "심한(많은) 편입니다",
}


_GRAVITY_WORDS: tuple[tuple[str, str], ...] = (
    (r"non-?displaced|비전위", "어긋나지 않은(비전위)"),
    (r"(?<!non)(?<!non-)displaced|전위", "뼈가 어긋난(전위된)"),
    (r"\bmultiple\b|\bseveral\b|\d+(?:st|nd|rd|th)?\s*(?:-|through|to|~)\s*\d+|다발성|여러", "여러 개"),
    (r"\bacute\b|급성", "급성"),
    (r"\btension\b|긴장성", "긴장성"),
)
"""Words that tell how bad an ungraded finding is ("acute displaced fractures of the 5th-7th ribs")."""


def _gravity(sentence: str) -> str:
    return ", ".join(dict.fromkeys(k for pattern, k in _GRAVITY_WORDS if re.search(pattern, sentence, re.IGNORECASE)))


def severity_answer(findings: Findings, observations: list[str], question: Question, report: str) -> Reply:
    """How bad each asked finding is; "심한가요?" is yes for severe, no for minimal or mild, neither for moderate.

    Every finding asked about (or, unnamed, every finding the report holds) is weighed: the answer is 아니요
    only when all of them are graded minimal or mild, 네 when one is severe, and states the facts otherwise."""
    absent = _not_present(findings, observations, question, report)
    if absent:
        return absent
    lines, verdicts = [], []
    for observation, found in _attribute_targets(findings, observations):
        graded = [d for d in found if d.severity]
        ctr = ctr_line(report) if observation == "Cardiomegaly" else ""  # "심장 크기는 어느 정도예요?": the CTR
        if not graded and ctr:
            lines.append(f"{_named(observation)}: {ctr}")
            verdicts.append(None)
            continue
        if not graded:
            sentence = _sentence(findings, found[0]) if found else evidence(findings, observation)
            words = _gravity(sentence or "")
            said = (
                f"판독문에 {words}(으)로 적혀 있고, 정도(경미한지, 심한지)는 따로 적혀 있지 않습니다"
                if words
                else ("판독문에는 정도(경미한지, 심한지)가 적혀 있지 않습니다")
            )
            lines.append(f"{_named(observation)}: {said}.{_quote(sentence)}")
            verdicts.append(None)
            continue
        worst = max(graded, key=lambda d: SEVERITIES.index(d.severity))
        holds = {"minimal": False, "mild": False, "moderate": None, "severe": True}[worst.severity]
        verdicts.append(holds)
        lines.append(
            f"{_subject(observation, ('은', '는'))} {_SEVERITY_SAID[worst.severity]}"
            f"(판독문: {severity_ko(worst)}).{_quote(graded_sentence(report, worst, _sentence(findings, worst)))}"
            + (f" {ctr}" if ctr else "")
        )
    holds = True if True in verdicts else False if verdicts and all(v is False for v in verdicts) else None
    if question.direction == "mild" and holds is not None:
        holds = not holds
    lead = f"{yes_no(holds, question.negated)}, " if holds is not None and question.direction else ""
    tail = " 얼마나 심각한지는 증상과 함께 담당 의료진이 판단합니다." if len(lines) > 1 and holds is None else ""
    return Reply(lead + "\n".join(lines) + tail, _claims(findings, observations))


def _change_words(detail: Detail) -> str:
    """The change in Korean (a device that is gone was removed, not healed)."""
    return change_ko(detail) or ""


_CHANGE_HOLDS = {
    "worse": {"new", "worse"},
    "new": {"new"},
    "better": {"better", "resolved"},
    "resolved": {"resolved"},
    "stable": {"stable"},
    "old": {"stable", "worse", "better"},
    "any": {"new", "worse", "better", "resolved"},
}


_SIDE_WORDS = (("left", r"왼쪽|좌측|좌폐|왼"), ("right", r"오른쪽|우측|우폐|오른"))


def _side_asked(question: str) -> str | None:
    """The one side a question names ("왼쪽 물은 ..." -> "left"), None when it names none or both."""
    named = [side for side, pattern in _SIDE_WORDS if re.search(pattern, question)]
    return named[0] if len(named) == 1 and not re.search(r"양쪽|양측|둘\s*다", question) else None


def _main_reading(findings: Findings, changes: list[Detail], observations: list[str], text: str) -> list[Detail]:
    """The changes of the finding a question asks about: an everyday word read as several findings ("물 찬 거":
    an effusion, else edema) is answered for its main reading that has a change; findings the question names
    in the report's words ("흉수와 부종") all stay."""
    if len(set(observations)) < 2:
        return changes
    kept = main_readings(observations, lambda o: any(d in changes for d in _details_of(findings, o)), text)
    return [d for d in changes if any(d in _details_of(findings, o) for o in kept)]


def change_answer(findings: Findings, observations: list[str], question: Question, report: str) -> Reply:
    """Better or worse than the prior study, from each finding's change (or the report's "no change")."""
    present = positive(findings, ("positive", "uncertain")) + [
        d.observation for d in findings.details if d.change == "resolved"
    ]
    targets = observations or [o for o in present if o not in DEVICES]  # "좋아졌나요?" is about the findings
    changes = [d for o in dict.fromkeys(targets) for d in _details_of(findings, o) if d.change]
    side = _side_asked(question.text)
    if side and any(d.side == side for d in changes):  # "왼쪽 물은 원래 있던 거예요?": that side's finding
        changes = [d for d in changes if d.side == side]
    wanted = _CHANGE_HOLDS[question.direction or "any"]
    changes = _main_reading(findings, changes, observations, question.text)
    earlier: list[Detail] = []
    if question.direction not in ("new", "old"):  # new since the prior study stays new however it went on
        changes, earlier = latest_first(report, changes)  # an addendum's change holds over the body's
    changes.sort(key=lambda d: d.change not in wanted)  # what the question asks about first
    claims = _claims(findings, list(dict.fromkeys(targets)))
    seen_as = None
    if not changes and observations:  # "폐렴 좋아졌어요?" told as "GGO, 이전 대비 호전됨": the opacity's course
        changes, seen_as = appearance_changes(findings, list(dict.fromkeys(targets)))
    nothing_new = nothing_new_sentence(report) if question.direction == "new" and not observations else None
    if nothing_new:
        nothing_new = f"판독문에 새로 생긴 소견은 없다고 적혀 있습니다.{_quote(nothing_new)}"
    if changes:
        holds = any(d.change in wanted for d in changes)
        if question.direction == "stable":
            holds = all(d.change == "stable" for d in changes)
        if nothing_new and not holds:  # "새로 생긴 거 있어?": the report's "새로운 병변 없음" first
            return Reply(f"{yes_no(False, question.negated)}, {nothing_new}", claims)
        if question.direction == "new" and not holds:  # "어떤 게 새로 생겼어요?" on findings that only grew
            changes_said = "판독문에 새로 생겼다고 적힌 소견은 없습니다. 적힌 변화는 다음과 같습니다.\n"
        else:
            changes_said = ""
        lines = [
            f"{_named(d.observation)}: {_change_said(findings, d)}{f' ({where})' if (where := _where(d)) else ''}"
            f"{_from_to(said)}.{_quote(said)}"
            for d in changes[:4]
            if (said := changed_sentence(report, d, _sentence(findings, d)))
        ]
        lines += [
            earlier_line(f"{_named(d.observation)}: {_change_words(d)}.{_quote(_sentence(findings, d))}")
            for d in earlier
        ]
        if seen_as:
            lines.append(f"(판독문은 {_named(seen_as)}의 경과를 그 소견이 보이는 음영의 변화로 적었습니다.)")
        said = {d.change for d in changes if d.observation not in DEVICES}
        if said & {"better", "resolved"} and question.direction in ("better", "resolved", "any"):  # better is not gone
            left = residual_note(report, {d.observation for d in changes}, {_sentence(findings, d) for d in changes})
            lines += [left] if left else []
            remains = bool(left) or any(something_left(_sentence(findings, d)) for d in changes)
            holds = holds and not (remains and question.direction == "resolved")  # "다 나았어요?": some is left
        if question.direction in ("better", "worse") and said & {"better", "resolved"} and said & {"new", "worse"}:
            # "좋아지고 있나요?" when one finding improved and another got worse: neither yes nor no
            return Reply("일부 소견은 좋아졌고 일부 소견은 나빠졌습니다.\n" + "\n".join(lines), claims)
        return Reply(f"{yes_no(holds, question.negated)}, " + changes_said + "\n".join(lines), claims)
    if nothing_new and not changes:  # "새로 생긴 거 있어?" on "No new lesion."
        return Reply(f"{yes_no(False, question.negated)}, {nothing_new}", claims)
    stable = whole_study_unchanged(report)
    if stable and (not observations or any(status(findings, o) == "positive" for o in observations)):
        holds = question.direction == "stable"
        return Reply(
            f"{yes_no(holds, question.negated)}, 판독문에는 이전 검사와 비교해 변화가 없다고 적혀 있습니다."
            + _quote(stable),
            claims,
        )
    if observations and all(status(findings, o) in (None, "negative") for o in observations):
        gone = question.direction == "resolved"  # "결절 없어졌어요?" asks about its absence: 네 when none is seen
        presence = Question(question.text, "presence", tuple(observations), question.negated != gone)
        return presence_answer(findings, presence, report)
    healed = [o for o in observations if (o in INACTIVE or chronic(findings, o)) and status(findings, o) == "positive"]
    again = re.search(r"다시|재발|또|새로", question.text)
    if healed and question.direction in ("worse", "new") and again:  # "결핵이 다시 생겼나요?" on healed tuberculosis
        quote = _quote(evidence(findings, healed[0]))
        return Reply(
            f"{yes_no(False, question.negated)}, 판독문에는 {_subject(healed[0])} "
            "예전 병의 흔적(오래된 소견)으로 적혀 있고, "
            f"새로 생기거나 나빠졌다는 내용은 없습니다.{quote}",
            claims,
        )
    if no_prior(report):
        return Reply(
            "판독문에는 비교할 이전 검사가 없다고 적혀 있어, 이전과 비교한 변화는 적혀 있지 않습니다(이 판독문으로는 "
            "확인할 수 없습니다)." + _quote(no_prior(report)),
            claims,
        )
    old = (
        f" 판독문에 {_subject(healed[0])} 오래된 소견으로 적혀 있습니다.{_quote(evidence(findings, healed[0]))}"
        if healed
        else ""
    )  # "흉막반 나빠졌어요?" on calcified plaques with no comparison: no change written, an old finding
    return Reply(
        "판독문에는 이전 검사와 비교한 변화가 적혀 있지 않아, 이 판독문으로는 확인할 수 없습니다."
        + (old or _said_about(findings, observations)),
        claims,
    )


def _change_said(findings: Findings, detail: Detail) -> str:
    """The change in Korean; "resolved" said as nearly gone when its sentence says some is left ("nearly resolved
    with minimal residual opacity")."""
    if detail.change == "resolved" and something_left(_sentence(findings, detail)):
        return "이전보다 호전되어 거의 사라짐(조금 남아 있음)"
    return _change_words(detail)


def _from_to(sentence: str) -> str:
    """", 이전 4.2 cm → 현재 3.1 cm" when the sentence gives a size with its earlier one ("" otherwise)."""
    sizes = size_change(sentence)
    return f", 이전 {sizes[0]} → 현재 {sizes[1]}" if sizes else ""


def _said_about(findings: Findings, observations: list[str]) -> str:
    """What the report does write of the findings asked, quoted ("결절 없어진거에요?" on "nodule seen on the prior
    CT is not clearly seen on this film; X-ray evaluation limited, CT f/u"): no change, but its own words."""
    asked = next((o for o in observations if _details_of(findings, o)), None)
    if asked is None:
        return ""
    kinds = {asked} | {d.observation for d in _details_of(findings, asked)} | {PARENTS.get(asked, asked)}
    advice = [a for a in findings.recommendations if kinds & set(label(a))]  # "이 결절은 ... CT 추적 권함."
    sentences = list(dict.fromkeys([*(_sentence(findings, d) for d in _details_of(findings, asked)), *advice]))[:3]
    return f" 판독문이 {_named(asked)}에 대해 적은 내용: " + " ".join(f"“{' '.join(s.split())}”" for s in sentences)


def position_answer(findings: Findings, observations: list[str], question: Question) -> Reply:
    """Where the devices asked about are and whether they are in place, from the report's own words.

    A named device ("콧줄", "ETT", "Swan-Ganz") is answered about that device only; when the report
    does not name it, the answer says so (and which devices it does name) and never answers for
    another. Each device gets its place, what is wrong and the report's correction with its amount
    (``korad.devices``). An open question ("ETT tip 위치는?") gets no 네/아니요.
    """
    named = [o for o in observations if o in DEVICES and o != "Support Devices"]
    devices = placements(findings.details, findings.recommendations)
    if any(p.observation != "Support Devices" and p.position for p in devices):
        # "other lines and tubes in appropriate position" after the devices placed one by one says no more
        devices = [p for p in devices if p.observation != "Support Devices" or p.position == "malpositioned"]
    found = _narrowed([p for p in devices if p.observation in named] if named else devices, question.text)
    claims = _claims(findings, named or ["Support Devices"])
    unnamed = [p for p in devices if p.observation == "Support Devices" and kind_of_site(p.site) in named]
    if not found and unnamed:  # "XXXX tube tip in the stomach": the tube whose tip is there
        found = unnamed
        note = f"(판독문은 관의 종류를 적지 않았지만, 끝 위치로 보아 {_named(named[0])}에 대한 내용입니다.)"
        answered = _placed_answer(found, question, claims, devices)
        return Reply(answered.text + "\n" + note, claims)
    if not found:
        return Reply(_device_not_named(findings, named, devices), claims)
    answered = _placed_answer(found, question, claims, devices)
    other_kind = _other_kind_note(found, question.text)
    return Reply(answered.text + other_kind, claims) if other_kind else answered


def _other_kind_note(found: list[Placement], question: str) -> str:
    """A note when the question names a kind of line ("PICC는요?") the report does not write, and the answer is
    about the line of another kind it does write (a right IJ line): said, never passed off as the one asked."""
    asked = line_kinds(question)
    if not asked or not found or any(p.kinds & asked for p in found) or not any(p.kinds for p in found):
        return ""
    if any(line_kinds(sentence) & asked for p in found for sentence in p.sentences):  # "IJ Permcath": dialysis
        return ""
    kinds = ", ".join(_LINE_KINDS_KO[k] for k in sorted(asked) if k in _LINE_KINDS_KO)
    return f"\n(판독문에는 {kinds}에 대한 언급이 없어, 판독문에 적힌 관에 대해 답했습니다.)"


def _placed_answer(
    found: list[Placement], question: Question, claims: dict[str, Label], devices: list[Placement]
) -> Reply:
    """The position answer about the devices ``found`` (``position_answer``)."""
    placed = sorted((p for p in found if p.position), key=lambda p: p.position == "appropriate")
    lines = [f"{_device_name(p)}: {p.describe_ko()}{_quote(p.sentences[0])}" for p in placed]
    lines += [
        f"{_device_name(p)}: {p.describe_ko()}{_quote(p.sentences[0])}"
        if p.site or p.route or p.unchanged or p.unseen
        else f"{_named(p.observation)}: {SIDE_KO[p.side]}에 있다고 적혀 있습니다.{_quote(p.sentences[0])}"
        if p.observation in _KEPT and p.side in SIDE_KO  # "클립은 어디에 있어요?": hardware has a place, no tip
        else f"판독문에 {_named(p.observation)}의 위치에 대한 평가는 적혀 있지 않습니다.{_quote(p.sentences[0])}"
        for p in found
        if not p.position
    ]
    if _AMOUNT_ASKED.search(question.text):  # "ETT 얼마나 빼야 해요?": the amount, or that none is written
        lines += [_amount_note(p) for p in placed if _amount_note(p)]
    lines += _misplaced_others(devices, found)
    if not placed or question.direction == "where":  # no verdict to give, or an open question
        return Reply("\n".join(lines), claims)
    if question.direction == "misplaced":  # "너무 깊나요?" on a tube that is too high: 아니요, and why
        holds = any(p.position == "malpositioned" and not _other_way(p, question.text) for p in placed)
    else:
        holds = all(p.position == "appropriate" for p in placed)
    return Reply(f"{yes_no(holds, question.negated)}, " + "\n".join(lines), claims)


_AMOUNT_ASKED = re.compile(r"얼마나|몇\s*(?:cm|센티|센치|mm)|how (?:much|far)", re.IGNORECASE)


def _amount_note(placement: Placement) -> str:
    """What an amount question learns beyond the placement: no correction advised, or one without its amount."""
    if placement.position == "appropriate":
        return f"판독문은 {_named(placement.observation)}의 위치 조정을 권고하지 않습니다."
    if placement.correction is None or not re.search(r"\d", placement.correction):
        name = korean_name(placement.observation)
        return f"판독문에 {name}{particle(name, '을', '를')} 얼마나(몇 cm) 조정해야 하는지는 적혀 있지 않습니다."
    return ""


def _misplaced_others(devices: list[Placement], answered: list[Placement]) -> list[str]:
    """A note on the devices the question did not ask about that are badly out of place: always named."""
    return [
        f"(참고: 질문하신 것은 아니지만, {_device_name(p)}"
        f"{particle(korean_name(p.observation), '은', '는')} {p.describe_ko()}{_quote(p.sentences[0])})"
        for p in devices
        if p.urgent and p not in answered
    ]


def _other_way(placement: Placement, question: str) -> bool:
    """Whether the device is out of place the other way than the question supposes (too high, asked too deep)."""
    problem = placement.problem or ""
    pull, push = re.search(r"빼|당겨|후퇴", question), re.search(r"(?<!다시 )(?<!다시)넣어|밀어|전진", question)
    if placement.correction and (pull or push) and not (pull and push):  # "ETT 당겨야 돼요?" on one to advance
        return bool((pull and "더 넣도록" in placement.correction) or (push and "빼도록" in placement.correction))
    deep_asked, high_asked = re.search(r"깊|낮", question), re.search(r"얕|높", question)
    if deep_asked and not high_asked:
        return "얕" in problem
    return bool(high_asked and not deep_asked and "깊" in problem)


def _device_name(placement: Placement) -> str:
    """The device's name, with its side when the report gives one ("좌측 중심정맥관(central line)")."""
    side = SIDE_KO.get(placement.side or "") if placement.observation in _SIDED_DEVICES else None
    name = f"{side} {name_ko(placement.observation)}" if side else name_ko(placement.observation)
    kinds = [ko for kind, ko in _LINE_KINDS_KO.items() if kind in placement.kinds]
    return name.replace("(central line)", f"(central line, {' · '.join(kinds)})") if kinds else name


_LINE_KINDS_KO = {
    "picc": "팔로 넣은 PICC",
    "port": "피하 이식 포트",
    "dialysis": "투석용",
    "internal jugular": "내경정맥(IJ)",
    "subclavian": "쇄골하정맥",
    "femoral": "대퇴정맥",
}
"""The kind of a central line in Korean, named with it ("우측 중심정맥관(central line, 팔로 넣은 PICC)")."""


_SIDED_DEVICES = frozenset({"Central Line", "Chest Tube", "Pacemaker"})
"""Devices put in on one side (a tube down the midline takes its side word from where its tip went)."""


_DEVICE_KINDS = re.compile(
    r"\b(?:picc|ij|internal jugular|subclavian|femoral|dialysis|cordis|introducer|dobhoff|[no]gt?)\b"
    r"|쇄골\s*하|내경\s*정맥|대퇴|투석|말초\s*삽입",
    re.IGNORECASE,
)
"""Words that tell one line or tube of a type from another ("PICC" among the central lines)."""


def _narrowed(found: list[Placement], question: str) -> list[Placement]:
    """The devices of ``found`` the question singles out by kind ("PICC 끝이 어디 있어요?" with a PICC and
    an IJ line: the PICC), else all of them."""
    for match in _DEVICE_KINDS.finditer(question):
        word = re.compile(re.escape(match.group()).replace("\\ ", r"\s*"), re.IGNORECASE)
        kind = [p for p in found if any(word.search(s) for s in p.sentences)]
        if 0 < len(kind) < len(found):
            return kind
    asked = line_kinds(question)  # "내경정맥 카테터" asks for the line the report calls "IJ"
    kind = [p for p in found if p.kinds & asked]
    return kind if 0 < len(kind) < len(found) else found


def _device_not_named(findings: Findings, named: list[str], devices: list[Placement]) -> str:
    """The answer when the report does not place the device asked about: removed, not named, or no device at all."""
    if not named:
        return "판독문에 관이나 의료기구에 대한 언급이 없어, 이 판독문으로는 위치를 확인할 수 없습니다."
    taken_out = next((d for d in findings.details if d.observation in named and removed(d)), None)
    if taken_out is not None:
        quote = _quote(_sentence(findings, taken_out))
        return f"판독문에 {_subject(taken_out.observation)} 제거되었다고 적혀 있습니다.{quote}"
    text = f"판독문에 {_named(named[0])}에 대한 언급이 없어, 이 판독문으로는 그 위치를 확인할 수 없습니다."
    generic = next((p for p in devices if p.observation == "Support Devices" and p.position), None)
    others = list(dict.fromkeys(korean_name(p.observation) for p in devices if p.observation != "Support Devices"))
    if generic is not None:
        text += f" 판독문은 관과 기구 전체에 대해 '{POSITION_KO[generic.position]}'이라고만 적고 있습니다."
        text += _quote(generic.sentences[0])
    elif others:
        text += f" 판독문에 적힌 관이나 기구는 {', '.join(others)}입니다."
    return text


ADVICE_WORDS: tuple[tuple[str, str], ...] = (
    (r"follow[- ]?up|\bf/u\b|surveillance", "추적 검사"),
    (r"\bCT\b|computed tomography", "CT 검사"),
    (r"\bMRI\b", "MRI 검사"),
    (r"\bPET\b", "PET 검사"),
    (r"radiograph|x-?ray|\bfilms?\b|\bcxr\b|repeat (?:pa|ap|chest|study)", "X선 재촬영"),
    (r"reposition|withdraw|advanc|pull(?:ed|ing)? back|retract", "관 위치 조정"),
    (r"chest tube|thoracostomy|pigtail", "흉관"),
    (r"\bNG\b|nasogastric|orogastric|\bOG\b|feeding tube|enteric tube|dobhoff", "비위관"),
    (r"\bET\b|\bETT\b|endotracheal|intubat", "기관내관"),
    (r"\bPICC\b|central (?:venous )?(?:line|catheter)|\bCVC\b|\bIJ\b", "중심정맥관"),
    (r"biopsy", "조직 검사"),
    (r"thoracentesis", "흉수 천자(물을 빼는 시술)"),
    (r"drainage", "배액"),
    (r"ultrasound|\bUS\b|sonograph", "초음파 검사"),
    (r"decubitus", "옆으로 누워 찍는 촬영"),
    (r"lateral (?:view|radiograph|film)|(?:pa|ap) and lateral", "측면 촬영"),
    (r"referr|consult|pulmonolog", "전문의 진료"),
    (r"re-?intubat|re-?insert|re-?plac", "재삽입"),
    (r"sputum", "객담 검사"),
    (r"bronchoscop", "기관지 내시경"),
    (r"echocardiogra", "심장 초음파"),
    (r"correlat", "임상 소견과 함께 판단"),
    (r"comparison|prior (?:studies|films|imaging)", "이전 검사와 비교"),
)
"""Words of English advice -> their plain Korean, so that a patient can read what the report advises."""
_NUMBER_WORDS = {
    word: str(n)
    for n, word in enumerate(
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
    )
} | {"a": "1", "an": "1"}
_NUMBER = r"\d+(?:\.\d+)?|" + "|".join(rf"\b{word}\b" for word in _NUMBER_WORDS)
_INTERVAL = re.compile(
    rf"({_NUMBER})(?:\s*(?:-|~|to)\s*({_NUMBER}))?[\s-]*(weeks?|wks?|months?|mos?|years?|days?)\b", re.IGNORECASE
)
_PER = {"annual": "1년", "yearly": "1년", "annually": "1년"}
_INTERVAL_KO = {"w": "주", "m": "개월", "y": "년", "d": "일"}
_YES_NO_ADVICE = re.compile(
    r"뭘|무엇|뭐(?!\s+(?:더|또|좀)\s)|어떤|어떻게|어떡|언제|어디|얼마"
    r"|다음\s*(?:검사|단계|계획|치료|진료)\s*(?:[은는이가]|은요|는요)?\s*[?？.]*\s*$"  # "다음 검사?": which one
)
"""A wh-question about advice ("다음에 뭘 해야 하나요?"); "뭐 더 검사해야 돼요?" ("anything more?") is a yes/no one."""


def advice_in_korean(advice: str) -> str:
    """The key words of an English or mixed recommendation in Korean ("" for all-Korean advice or none found)."""
    if not re.search(r"[A-Za-z]", advice):  # mixed advice ("Chest tube insertion 고려 바람") has English words too
        return ""
    words = [korean for pattern, korean in ADVICE_WORDS if re.search(pattern, advice, re.IGNORECASE)]
    for number, upper, unit in _INTERVAL.findall(advice):
        number, upper = (_NUMBER_WORDS.get(n.lower(), n) for n in (number, upper))
        words.append(f"{number}{'-' + upper if upper else ''}{_INTERVAL_KO[unit[0].lower()]} 후")
    words += [f"{interval}마다" for word, interval in _PER.items() if re.search(rf"\b{word}\b", advice, re.I)]
    return ", ".join(dict.fromkeys(words))


_NAMED_TESTS = tuple(
    (re.compile(asked, re.IGNORECASE), re.compile(written, re.IGNORECASE), korean)
    for asked, written, korean in (
        (r"(?<![A-Za-z])CT(?![A-Za-z])|씨티", r"(?<![A-Za-z])CT(?![A-Za-z])|computed tomography|씨티", "CT"),
        (r"MRI|엠알", r"MRI|magnetic resonance", "MRI"),
        (r"조직\s*검사|biopsy", r"biops|조직\s*검사", "조직 검사"),
        (r"내시경|bronchoscop", r"bronchoscop|내시경", "기관지 내시경"),
    )
)
"""Tests a question may name ("CT 찍어야 하나요?"): how it asks, how a report writes them, their Korean name."""


_CORRELATION = re.compile(
    r"(?:clinical(?:ly)?\s+)?correlat\w*(?:\s+clinically)?|임상(?:적)?\s*(?:상관\s*관계|소견)?[가-힣\s]{0,8}?(?:대조|상관|참고|비교)",
    re.IGNORECASE,
)
"""Advice to weigh the finding with the patient's condition ("Clinical correlation is recommended",
"임상 소견과 대조 바람")."""
_A_TEST = re.compile(
    r"\bCT\b|MRI|PET|radiograph|x-?ray|film|follow|ultraso|biops|bronch|sputum|echo|repeat|decubitus|lateral"
    r"|추적|재촬영|촬영|초음파|조직|내시경|객담|씨티|삽입|제거|교체|조정|빼|넣",
    re.IGNORECASE,
)
"""A test or a procedure named in advice (what "추가 검사가 필요한가요?" asks about)."""


_IMAGING_ASKED = re.compile(r"찍|촬영|사진|검사|엑스레이|X-?ray|CT|씨티|MRI", re.IGNORECASE)
"""A test named in a question about treatment ("치료 끝나고 또 찍어야 돼요?"): it asks about the test."""


def next_steps_answer(findings: Findings, question: Question, report: str = "") -> Reply:
    """The report's own recommendations, quoted (with their key words in Korean); never one of our own.

    A yes/no question ("추가 검사가 필요한가요?") is answered "네" when the report advises something and
    "아니요" when it advises nothing; a wh-question ("다음에 뭘 해야 하나요?") gets no yes/no word, and a
    question about treatment ("수술해야 하나요?") is said to be the care team's decision.
    """
    advice = findings.recommendations
    lead = "" if _YES_NO_ADVICE.search(question.text) else f"{yes_no(bool(advice), question.negated)}, "
    treatment = TREATMENT.search(question.text) and not _IMAGING_ASKED.search(question.text)
    if treatment:  # treatment is the care team's decision: no yes or no from a report
        lead = "치료나 입원 여부는 판독문만으로는 답할 수 없고 담당 의료진이 결정합니다. "
        bearing = bearing_lines(findings, question, report) if report else []
        if bearing:  # what the report shows that bears on it ("항생제 먹어야 돼요?" on a pneumonia)
            lead += "판독문에 적힌 관련 내용: " + "\n".join(bearing) + "\n"
        if not advice:
            return Reply(lead + "판독문에는 추가 검사나 치료에 대한 권고가 없습니다.")
    if not advice:
        return Reply(
            f"{lead}판독문에는 추가 검사나 추적 관찰에 대한 권고가 없습니다. "
            "추가 검사가 필요한지는 담당 의료진과 상의하세요."
        )
    if lead and not treatment and all(
        _CORRELATION.search(a) and not _A_TEST.search(_CORRELATION.sub("", a)) for a in advice
    ):  # "Clinical correlation is recommended." asks the doctor to weigh it, not for another test
        quoted = " ".join(f"“{' '.join(a.split())}”" for a in dict.fromkeys(advice))
        return Reply(
            f"{yes_no(False, question.negated)}, 판독문에 추가 검사 권고는 없고, 임상 소견(증상, 진찰, 다른 검사 "
            f"결과)과 함께 판단하라고 적혀 있습니다: {quoted} 자세한 계획은 담당 의료진과 상의하세요."
        )
    test = next((t for t in _NAMED_TESTS if t[0].search(question.text)), None)
    if test and lead and not treatment and not any(test[1].search(a) for a in advice):
        # "CT 찍어야 하나요?" on a report that advises a follow-up radiograph: not the test asked about
        lead = f"{yes_no(False, question.negated)}, 판독문에 {test[2]} 권고는 없습니다. "
    parts = []
    for sentence in dict.fromkeys(" ".join(a.split()) for a in advice):
        korean = advice_in_korean(sentence)
        parts.append(f"“{sentence}”" + (f"({korean})" if korean else ""))
    return Reply(f"{lead}판독문은 다음을 권고합니다: {' '.join(parts)} 자세한 계획은 담당 의료진과 상의하세요.")


def summary_answer(report: str, findings: Findings) -> Reply:
    """The impression (or findings) quoted, then the positive and uncertain findings in plain Korean."""
    sections = parse_sections(report)
    conclusion = sections.get("impression") or sections.get("findings")
    lines = []
    if conclusion:
        label = "결론" if sections.get("impression") else "소견"
        lines.append(f"판독문의 {label}: “{' '.join(conclusion.split())}”")
    found, uncertain = positive(findings), positive(findings, ("uncertain",))
    nothing_acute = no_acute_statement(report)
    if nothing_acute and (found or uncertain):
        lines.append("급성(새로 생긴) 이상 소견은 없다고 적혀 있습니다.")
    settled_found = set(_chronic_found(findings, None, report))
    for observation in found:
        old = observation in FRACTURES and chronic(findings, observation)
        meaning = _OLD_FRACTURE_MEANING if old else _explanation(observation)
        tag = " (오래된·만성 소견)" if observation in settled_found and not old else ""
        lines.append(
            f"- {'오래된 ' if old else ''}{_named(observation)}{_attributes(findings, observation)}{tag}"
            + (f": {meaning}" if meaning else "")
        )
    words = [(w, s) for w, s in report_words_found(report) if not (w.observation and status(findings, w.observation))]
    for word, sentence in words:
        possible = " (가능성이 언급됨)" if _HEDGED.search(sentence) else ""
        lines.append(f"- {word.korean}{possible}: {word.explanation}")
    ratio = cardiothoracic_ratio(report)
    if ratio:
        lines.append(f"- CTR(심흉곽비) {ratio[0]:g}: {CTR_LIMIT}보다 크면 심장이 커진 것으로 봅니다.")
    if uncertain:
        lines.append(f"- 가능성이 언급된 소견: {', '.join(_named(o) for o in uncertain)}")
    if not found and not uncertain and not words:
        lines.append("특별한 이상 소견은 없다고 적혀 있습니다.")
    negative = [o for o, label in findings.labels.items() if label == "negative"]
    if negative:
        names = ", ".join(korean_name(o) for o in negative)
        lines.append(f"{names}{particle(names, '은', '는')} 없다고 적혀 있습니다.")
    return Reply("\n".join(lines), _claims(findings, found + uncertain + negative))


def _report_word_reading(word: ReportWord, text: str) -> tuple[str, str] | None:
    """The first sentence of ``text`` that names ``word``, collapsed, and what it says of it: "possible" (hedged
    and not denied), "denied" or "stated"; None when no sentence names it."""
    for start, end in sentence_spans(text):
        sentence = " ".join(text[start:end].split())
        found = word.written.search(sentence)
        if not found:
            continue
        before = re.split(r"[,;]|\band\b|\bbut\b", sentence[: found.start()], flags=re.I)[-1]
        if _HEDGED.search(sentence) and not (_DENIED.search(before) and not _HEDGED.search(before)):
            return sentence, "possible"
        denied = _DENIED.search(before) or re.match(r"[^.,;]{0,8}(?:없|않)", sentence[found.end() :])
        return sentence, "denied" if denied else "stated"
    return None


def _report_word_status(term: Term, report: str) -> str:
    """What the report says of a glossary term outside the labeler's vocabulary (a ``REPORT_WORDS`` diagnosis:
    "r/o NTM", "sarcoidosis vs lymphoma"), as a sentence with its quote; "" when it says nothing."""
    word = next((w for w in REPORT_WORDS if w.written.search(f"{term.korean} {term.english}")), None)
    reading = _report_word_reading(word, reported_text(report)) if word and report else None
    if reading is None:
        return ""
    sentence, said = reading
    quote = f"(판독문: “{sentence}”)."
    if said == "possible":
        return f" 이 판독문에는 {word.korean}의 가능성이 적혀 있습니다{quote}"
    said = "없다고" if said == "denied" else "있다고"
    return f" 이 판독문에는 {word.korean}{particle(word.korean, '이', '가')} {said} 적혀 있습니다{quote}"


def meaning_answer(terms: list[Term], findings: Findings, report: str = "") -> Reply:
    """The glossary explanation of each term asked (at most two), with the report's status of it."""
    parts, claims = [], {}
    for term in terms[:2]:
        text = f"{term.korean}({term.english}): {term.explanation}"
        said = status(findings, term.observation) if term.observation else None
        if term.observation is None:
            text += _report_word_status(term, report)
        if (
            said
            and term.observation == "Edema"
            and "Edema" in (_REPORT_NAMES.get() or {})
            and "울혈" not in term.korean
        ):
            parts.append(text + " 이 판독문에는 폐부종이 아니라 폐울혈(혈관에 피가 몰려 있음)이 적혀 있습니다.")
            continue
        if said and term.observation != "No Finding":
            word = {"positive": "있다고", "negative": "없다고", "uncertain": "가능성이 있다고"}[said]
            text += f" 이 판독문에는 {word} 적혀 있습니다."
            claims[term.observation] = said
        parts.append(text)
    return Reply("\n".join(parts), claims)


@dataclass(frozen=True)
class ReportWord:
    """A finding outside the labeler's vocabulary that patients ask about, found by its words in the report."""

    asked: re.Pattern[str]
    """How a question names it ("피하기종", "등뼈", "유방 수술")."""
    written: re.Pattern[str]
    """How a report writes it ("subcutaneous emphysema", "degenerative changes", "mastectomy")."""
    korean: str
    explanation: str
    lesion: bool = False
    """Whether a lesion question ("암인가요?") may be about it: a cavity, enlarged lymph nodes, sarcoidosis."""
    unseen: str = ""
    """For a diagnosis a chest radiograph cannot rule out (aortic dissection, pulmonary embolism): what to
    say when the report does not name it, instead of a bare "not written"."""
    observation: str = ""
    """The labeler's observation for it, when the vocabulary has one: where the labeler finds it, the summary
    names the labeler's detail and not this word again."""


def _word(
    asked: str,
    written: str,
    korean: str,
    explanation: str,
    lesion: bool = False,
    unseen: str = "",
    observation: str = "",
) -> ReportWord:
    return ReportWord(
        re.compile(asked, re.I), re.compile(written, re.I), korean, explanation, lesion, unseen, observation
    )


REPORT_WORDS: tuple[ReportWord, ...] = (
    _word(
        r"피하\s*기종|피부\s*(?:밑|아래)에?\s*공기|subcutaneous",
        r"subcutaneous (?:emphysema|air|gas)|soft[- ]tissue (?:emphysema|air|gas)|피하\s*(?:기종|공기)",
        "피하기종",
        "피부 밑(가슴 벽 등)에 공기가 들어가 있다는 뜻입니다.",
        observation="Subcutaneous Emphysema",
    ),
    _word(
        r"유방",
        r"mastectom\w*|lumpectom\w*|breast (?:surgery|implants?|prosthes\w*|reconstruction)"
        r"|유방\s*(?:절제|수술|보형물)",
        "유방 수술(유방절제술 등)의 흔적",
        "예전에 받은 유방 수술이 사진에 보인다는 뜻입니다.",
        observation="Mastectomy",
    ),
    _word(
        r"척추|등뼈|허리뼈|허리|흉추|요추|목뼈|디스크|퇴행",
        r"degenerat\w*(?: (?:changes?|disease))?(?: of the (?:thoracic |lumbar )?spine)?|spondylo\w*|osteophyt\w*"
        r"|\bDISH\b|kyphos\w*|퇴행성\s*(?:변화|척추)?|골극|후만",
        "척추의 퇴행성 변화",
        "나이가 들면서 척추뼈 가장자리가 닳거나 뼈가 자라 나오는(골극) 흔한 변화로, 새로 생긴 병은 아닙니다.",
    ),
    _word(
        r"공동|cavit",
        r"cavit\w*|공동(?:성|을|이|\s)",
        "공동(cavity)",
        "폐 병변 안에 빈 공간(구멍)이 생겼다는 뜻으로, 결핵이나 일부 감염, 종양에서 보일 수 있습니다.",
        True,
        observation="Cavity",
    ),
    _word(
        r"림프절|임파선|lymph",
        r"lymphadenopath\w*|lymph nodes?|adenopathy|림프절\s*(?:비대|종대|커)",
        "림프절 비대",
        "폐 사이(종격동)나 폐문의 림프절이 커져 보인다는 뜻으로, 염증이나 다른 병에서 보일 수 있습니다.",
        True,
        observation="Lymphadenopathy",
    ),
    _word(
        r"사르코이드|유육종|sarcoid",
        r"sarcoid\w*|사르코이드\w*|유육종\w*",
        "사르코이드증(sarcoidosis)",
        "몸 여러 곳에 작은 염증 덩어리(육아종)가 생기는 병으로, 암이 아닙니다.",
        True,
    ),
    _word(
        r"박리|dissect",
        r"dissect\w*|(?:대동맥\s*)?박리",
        "대동맥 박리",
        "대동맥 벽의 안쪽 막이 찢어져 벽 사이로 피가 흐르는 응급 질환으로, CT로 확인합니다.",
        unseen="흉부 X선만으로는 대동맥 박리를 배제할 수 없어, 의심되는 증상(갑자기 찢어지는 듯한 가슴이나 등의 "
        "통증 등)이 있으면 CT로 확인합니다. 바로 담당 의료진과 상의하세요.",
    ),
    _word(
        r"색전|혈전|embol",
        r"embol\w*|색전\w*|혈전\w*",
        "폐색전증",
        "폐동맥이 피딱지(혈전) 등으로 막힌 상태로, CT로 확인합니다.",
        unseen="흉부 X선만으로는 폐색전증을 배제할 수 없어, 의심되는 증상(갑작스러운 숨참, 가슴 통증 등)이 있으면 "
        "CT 등으로 확인합니다. 바로 담당 의료진과 상의하세요.",
    ),
    _word(  # "종격동 밀렸어요?", "기관이 한쪽으로 치우쳤나요?", "mediastinal shift 있어요?"
        r"종격동[이가은는도]?\s*(?:(?:한\s*쪽|한쪽|옆|반대\s*쪽)으로\s*)?(?:밀|치우|쏠|편위|이동|전위)"
        r"|기관[이가은는도]?\s*(?:(?:한\s*쪽|한쪽|옆|반대\s*쪽)으로\s*)?(?:밀|치우|쏠|편위)|mediastinal\s*shift|tracheal\s*deviation",
        r"(?:mediastinal|tracheal|cardiomediastinal)\s+(?:shift|deviation|displacement)"
        r"|(?:shift|deviation|displacement)\s+of\s+the\s+(?:mediastinum|trachea|heart)"
        r"|(?:종격동|기관)\s*(?:편위|전위|변위|이동)",
        "종격동 편위(mediastinal shift)",
        "가슴 가운데(종격동: 심장과 기관이 있는 곳)가 한쪽으로 밀려 있다는 뜻입니다.",
    ),
    # diagnoses a report weighs ("sarcoidosis vs lymphoma", "r/o NTM"): "림프종이에요?" is answered from its sentence
    _word(
        r"림프종|임파종|lymphoma",
        r"lymphoma\w*|림프종|임파종",
        "림프종(lymphoma)",
        "림프구(면역 세포)에서 생기는 혈액암의 한 종류로, 조직 검사로 진단합니다.",
        True,
    ),
    _word(
        r"(?<![a-z])ntm(?![a-z])|비\s*결핵|항산균",
        r"(?<![a-z])ntm(?![a-z])|non-?tuberculous|비\s*결핵\s*(?:성\s*)?항산균|mycobacterium avium|\bmac\b",
        "비결핵항산균(NTM) 감염",
        "결핵균이 아닌 항산균에 의한 폐 감염으로, 가래 검사로 확인합니다.",
    ),
    _word(
        r"(?<![a-z])chf(?![a-z])|심부전|heart failure",
        r"(?<![a-z])chf(?![a-z])|(?:congestive )?(?:heart|cardiac) failure|(?:울혈성\s*)?심부전",
        "심부전(heart failure)",
        "심장이 피를 충분히 내보내지 못해 폐나 몸에 물이 고이는 상태로, 증상과 심장 검사로 진단합니다.",
    ),
)
"""Findings beyond the labeler's vocabulary: answered from the report's own sentence, quoted."""
_DENIED = re.compile(r"\b(?:no|nothing|without|negative for|free of)\b|없|않", re.IGNORECASE)
_SPINE = next(w for w in REPORT_WORDS if w.korean == "척추의 퇴행성 변화")
_MILD_WORDS = re.compile(r"\b(?:mild|minimal|slight|minor)\b|경도|경미|약간", re.IGNORECASE)
_HEDGED = re.compile(
    r"suspect|possib|probab|likely|\bmay\b|\bmight\b|\bcould\b|cannot be (?:excluded|ruled out)|not (?:be )?excluded"
    r"|concern|question(?:able)?\b|\br/o\b|rule out|\bvs\.?|versus|의심|가능성|배제|감별|시사"
    r"|(?<!to )\bsuggest(?:s|ive|ing)?\b",  # "findings suggest CHF" weighs it; "nothing to suggest" denies
    re.IGNORECASE,
)
"""A sentence that names a finding as a possibility ("In the setting of suspected aortic dissection, ...")."""


_SIDES_WRITTEN = (
    ("양측", r"\bbilateral|\bboth\b|양측|양쪽"),
    ("좌측", r"\bleft\b|\blt\b\.?|좌측|왼쪽|(?<![가-힣])좌(?=[상중하]|폐|흉)"),
    ("우측", r"\bright\b|\brt\b\.?|우측|오른쪽|(?<![가-힣])우(?=[상중하]|폐|흉)"),
)


def _side_named(sentence: str) -> str:
    """The side a sentence names ("S/P Lt. mastectomy" -> "좌측"), "" when none or both sides are named apart."""
    found = [ko for ko, pattern in _SIDES_WRITTEN if re.search(pattern, sentence, re.IGNORECASE)]
    return found[0] if len(found) == 1 or (found and found[0] == "양측") else ""


def report_word_answer(report: str, question: Question) -> Reply | None:
    """The answer about a finding outside the vocabulary ("피하기종 있나요?"), from the report's sentences that
    name it; None when the question names none of ``REPORT_WORDS``."""
    asked = [w for w in REPORT_WORDS if w.asked.search(question.text)]
    if not asked:
        return None
    text = reported_text(report)
    # "척추는 괜찮아요?" asks whether it is normal; a presence question already holds that in its polarity
    folded = question.kind == "presence" and bool(question.observations)
    negated = question.negated if folded else question.negated != asks_normal(question.text)
    lines = []
    for word in asked:
        reading = _report_word_reading(word, text)
        if reading is None:
            continue
        sentence, said = reading
        if said == "possible":
            lines.append(
                f"확실하지 않습니다. 판독문에 {word.korean}의 가능성이 적혀 있습니다. 판독문: “{sentence}” "
                f"{word.explanation} 담당 의료진과 상의하세요."
            )
            continue
        denied = said == "denied"
        said = "없다고" if denied else "있다고"
        side = _side_named(sentence)
        if side and not denied:
            said = f"{side}에 {said}"
        # a mild degenerative change of the spine is within normal (docs/chat.md): "척추는 괜찮아요?" 네
        mild = word is _SPINE and not denied and _MILD_WORDS.search(sentence)
        lead = yes_no(not (denied or mild), negated)
        said = "경미하게 있다고만" if mild else said
        lines.append(
            f"{lead}, 판독문에 {word.korean}{particle(word.korean, '이', '가')} "
            f"{said} 적혀 있습니다. 판독문: “{sentence}”"
            + ("" if denied else f" {word.explanation}")
            + (" 정상으로 보는 범위입니다." if mild else "")
        )
    if lines:
        return Reply("\n".join(lines))
    names = ", ".join(w.korean for w in asked)
    unseen = " ".join(w.unseen for w in asked if w.unseen)
    if unseen:  # "대동맥 박리인가요?": not written, and not ruled out by a radiograph either
        return Reply(f"판독문에 {names}{particle(names, '은', '는')} 적혀 있지 않습니다. {unseen}")
    return Reply(f"판독문에 {names}에 대한 언급이 없어, 이 판독문으로는 확인할 수 없습니다.")


def report_words_found(report: str) -> list[tuple[ReportWord, str]]:
    """The ``REPORT_WORDS`` the report states (not denies), each with its first sentence."""
    text = reported_text(report) if report else ""
    found = []
    for word in REPORT_WORDS:
        for start, end in sentence_spans(text):
            sentence = " ".join(text[start:end].split())
            if word.written.search(sentence) and not _DENIED.search(sentence):
                found.append((word, sentence))
                break
    return found


def _lesion_readings(report: str) -> list[tuple[ReportWord, str]]:
    """The report's sentences naming what a lesion question may be about beyond a nodule or mass
    (enlarged lymph nodes, sarcoidosis, a cavity), with the word that names them."""
    return [(word, sentence) for word, sentence in report_words_found(report) if word.lesion]


def _report_sentence(report: str, pattern: re.Pattern[str], unless: re.Pattern[str] | None = None) -> str | None:
    """The first sentence of the report's stated part that ``pattern`` finds (and ``unless`` does not), whitespace
    joined, else None."""
    text = reported_text(report) if report else ""
    for start, end in sentence_spans(text):
        if pattern.search(text[start:end]) and not (unless and unless.search(text[start:end])):
            return " ".join(text[start:end].split())
    return None


_COMMUNICATED = re.compile(
    r"\b(?:discussed|communicated|conveyed|relayed|reported|notified|paged|called|telephoned|e-?mailed)\b[^.\n]{0,40}?"
    r"\b(?:with|to)\s+(?:dr\b|xxxx|_{2,}|(?:the\s+)?(?:[\w-]+\s+){0,3}(?:team|physician|clinician|provider|service|doctor|nurse|resident"
    r"|house\s*officer|PA|NP)\b)|(?<!as )\b(?:discussed|communicated|notified|paged)\b"
    r"|\bby (?:tele)?phone\b|\bread[- ]?back\b"
    r"|유선\s*(?:으로\s*)?(?:통보|보고|연락|전달|알림)|(?:통보|연락|전달|보고|노티)\s*(?:함|하였|했|됨|되었|드림|드렸)"
    r"|(?:에게|께)\s*(?:알림|알렸|통보|연락|전달)",
    re.IGNORECASE,
)
"""The report's note that the findings were passed to the care team ("discussed with Dr. ___ by telephone at
10:15", "Findings were communicated to the ordering team", "paged", "담당의에게 유선 통보함")."""


def communicated_answer(report: str, question: Question) -> Reply:
    """Whether the report says its findings were passed to the care team, quoting where it says so."""
    said = _report_sentence(report, _COMMUNICATED)
    if said:
        return Reply(
            f"{yes_no(True, question.negated)}, 판독문에 결과를 담당 의료진에게 알렸다고 적혀 있습니다.{_quote(said)}"
        )
    return Reply(
        f"{yes_no(False, question.negated)}, 판독문에는 결과를 담당 의료진에게 따로 알렸다는 내용이 적혀 있지 "
        "않습니다. 적혀 있지 않다고 해서 전달되지 않았다는 뜻은 아니니, 담당 의료진에게 확인하세요."
    )


_COMPARED_WRITTEN = re.compile(
    r"\bcompar\w*|\bprior\b|\bprevious\w*|\binterval\b|\bsince\b|\bunchanged\b|이전|대비|비교|지난\s*(?:검사|사진)",
    re.IGNORECASE,
)


def compared_answer(report: str, question: Question) -> Reply:
    """Whether the study was compared with a prior one: the report's "no prior", its comparison field or a
    sentence that compares."""
    none = no_prior(report)
    if none:
        return Reply(
            f"{yes_no(False, question.negated)}, 판독문에는 비교할 이전 검사가 없다고 적혀 있어, 이전 검사와 비교하지 "
            f"않았습니다.{_quote(none)}"
        )
    comparison = " ".join((parse_sections(report).get("comparison") or "").split())
    sentence = _report_sentence(report, _COMPARED_WRITTEN)
    if comparison or sentence:
        quoted = " ".join(f"“{q}”" for q in filter(None, (comparison and f"Comparison: {comparison}", sentence)))
        return Reply(f"{yes_no(True, question.negated)}, 판독문은 이전 검사와 비교했습니다. 판독문: {quoted}")
    return Reply(f"{yes_no(False, question.negated)}, 판독문에는 이전 검사와 비교했다는 내용이 적혀 있지 않습니다.")


def _found_lines(findings: Findings, observations: list[str]) -> list[str]:
    """The present findings in plain Korean with their place, one line for each sentence of the report."""
    by_sentence: dict[str, list[str]] = {}
    for observation in observations:
        if status(findings, observation) not in ("positive", "uncertain"):
            continue
        sentence = " ".join((evidence(findings, observation) or "").split())
        by_sentence.setdefault(sentence, []).append(observation)
    lines = []
    for sentence, named in by_sentence.items():
        where = ", ".join(
            dict.fromkeys(
                w
                for o in named
                for d in _details_of(findings, o)
                if d.status != "negative" and " ".join(_sentence(findings, d).split()) == sentence and (w := _where(d))
            )
        )
        possible = all(status(findings, o) == "uncertain" for o in named)
        lines.append(
            ", ".join(_named(o) for o in named)
            + (f" ({where})" if where else "")
            + (" — 가능성으로 적힘" if possible else "")
            + f".{_quote(sentence)}"
        )
    return lines


def bearing_lines(findings: Findings, question: Question, report: str) -> list[str]:
    """What the report shows that bears on a question it cannot decide (a treatment, a symptom's cause): the
    asked findings, else the report's present findings, else its statement that nothing is wrong."""
    asked = resolve(findings, question.observations) if question.observations else []
    if asked:
        return [_LEAD.sub("", presence_line(findings, o, question, report)) for o in asked]
    lines = _found_lines(findings, [o for o in positive(findings, ("positive", "uncertain")) if o not in DEVICES])
    if lines:
        return lines[:4]
    normal = no_acute_statement(report) or _report_sentence(report, CLEAR_LUNGS)
    return [f"이상 소견이 없다고 적혀 있습니다.{_quote(normal)}"] if normal else []


_HEART_ASKED = re.compile(r"심장|heart|cardiac", re.IGNORECASE)


def cause_answer(findings: Findings, question: Question, report: str) -> Reply:
    """A question whether a symptom comes from a finding ("가슴 아픈 게 심장 때문이에요?"): what the report shows
    that bears on it, quoted, and that the cause is the care team's judgement, not the radiograph's."""
    if not question.observations and _HEART_ASKED.search(question.text):
        question = replace(question, observations=("Cardiomegaly",))
    lines = bearing_lines(findings, question, report)
    heart = "심장에 대해 " if question.observations == ("Cardiomegaly",) else ""
    said = f"\n판독문에 {heart}적힌 내용: " + "\n".join(lines) if lines else ""
    return Reply(
        "증상의 원인은 흉부 X선 판독문만으로는 알 수 없습니다. 판독문은 사진에 보이는 소견을 적을 뿐, 증상이 그 소견 "
        f"때문인지는 진찰과 다른 검사 결과를 함께 보고 담당 의료진이 판단합니다.{said}",
        _claims(findings, list(question.observations)),
    )


HEDGE = re.compile(
    r"\br/o\b|rule out|possib|probabl|\bmay\b|might|could|suspic|concern|question|cannot be excluded|not excluded"
    r"|likely|versus|\bvs\b|consider|의심|가능|배제|생각|추정|시사|감별",
    re.IGNORECASE,
)
"""A hedge in a report's sentence ("r/o ILD", "suspicious for pneumonia", "결핵 가능성 배제할 수 없음")."""


_CONFIRMED_ASKED = re.compile(
    r"확진|확정|진단\s*(?:된|됐|받|이\s*된)|definite|confirmed", re.IGNORECASE
)
"""A question whether a finding is a confirmed diagnosis ("ILD 확진이에요?", "폐렴으로 진단된 거예요?"); "확실해요?"
is answered by the presence answer ("확실하지 않습니다. ...")."""


def certainty_answer(findings: Findings, question: Question, report: str) -> Reply | None:
    """Whether the report states a finding for certain ("확진이에요?"): no where it only hedges ("r/o ILD"), yes
    where it states it; from the named finding, else from the report's sentence holding a word of the question
    ("ILD"); None when the question does not ask that or names nothing the report writes."""
    if not _CONFIRMED_ASKED.search(question.text):
        return None
    sentence, name = None, ""
    asked = [o for o in resolve(findings, question.observations) if status(findings, o) in ("positive", "uncertain")]
    if asked:
        sentence, name = evidence(findings, asked[0]) or "", _named(asked[0])
    else:
        for word in re.findall(r"[A-Za-z][A-Za-z-]{1,}", question.text):
            found = _report_sentence(report, re.compile(rf"(?<![A-Za-z]){re.escape(word)}(?![A-Za-z])", re.I))
            if found:
                sentence, name = found, word
                break
    if sentence is None:
        return None
    hedged = bool(HEDGE.search(sentence)) or bool(asked and status(findings, asked[0]) == "uncertain")
    if hedged:
        return Reply(
            f"{yes_no(False, question.negated)}, 확실하지 않습니다. 판독문은 {name}의 가능성을 의심(언급)할 뿐 "
            f"확정하지 않았습니다.{_quote(sentence)} 확진은 추가 검사와 담당 의료진의 판단으로 합니다."
        )
    return Reply(
        f"{yes_no(True, question.negated)}, 판독문에 {name}{particle(name, '이', '가')} 있다고 적혀 있습니다."
        f"{_quote(sentence)} 다만 최종 진단은 증상과 다른 검사 결과를 함께 보고 담당 의료진이 내립니다."
    )


_ORDINALS = {
    word: n
    for n, word in enumerate(
        ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
         "twelfth"],
        start=1,
    )
}
_ORDINAL = r"(?:" + "|".join(_ORDINALS) + r"|\d{1,2}(?:st|nd|rd|th))"
_CARDINALS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
              "ten": 10, "한": 1, "하나": 1, "두": 2, "세": 3, "네": 4, "다섯": 5, "여섯": 6, "일곱": 7, "여덟": 8}
_COUNTED = r"(?:ribs?|rib fractures|fractures|nodules|masses|lesions|늑골|갈비뼈|골절|결절|종괴|병변)"
_COUNT_RANGE = re.compile(
    rf"\b({_ORDINAL})\s*(?:through|to|-|–|~)\s*({_ORDINAL})\b"
    r"|(\d{1,2})\s*[-~–]\s*(\d{1,2})\s*(?:번째?|th)?\s*(?:늑골|갈비|rib)|ribs?\s+(\d{1,2})\s*(?:-|–|~|through|to)\s*(\d{1,2})\b",
    re.IGNORECASE,
)
_COUNT_NUMBER = re.compile(
    # a number before an English noun counts ("two nodules"); before a Korean one it is an ordinal ("제7 늑골")
    rf"\b(one|two|three|four|five|six|seven|eight|nine|ten|\d{{1,2}})(?!\s*(?:mm|cm|x)\b)\s+(?:[\w.-]+\s+){{0,3}}"
    r"(?:ribs?|rib fractures|fractures|nodules|masses|lesions)"
    rf"|(\d{{1,2}}|한|하나|두|세|네|다섯|여섯|일곱|여덟)\s*개의?\s*(?:[가-힣]+\s+)?{_COUNTED}",
    re.IGNORECASE,
)
_ONE = re.compile(
    r"\b(?:an?|single|solitary)\s+(?:[\w.-]+\s+){0,5}?(?:nodule|nodular\s+opacity|mass|lesion|fracture)\b|단일|단발",
    re.IGNORECASE,
)
_LISTED_KO = re.compile(
    r"(?:제?\s*\d{1,2}\s*(?:번\s*)?(?:째\s*)?(?:,|및|와|과)\s*)+제?\s*\d{1,2}\s*(?:번\s*)?(?:째\s*)?(?:늑골|갈비)"
    r"|ribs?\s+(?:\d{1,2}\s*,\s*)*\d{1,2}\s*,?\s*and\s*\d{1,2}\b"  # "ribs 6 and 7"
)
_ONE_RIB_KO = re.compile(r"(?:제\s*(\d{1,2})|(?<![\d.])(\d{1,2})\s*번)\s*(?:째\s*)?(?:늑골|갈비)")
_MANY = re.compile(r"\b(?:multiple|several|numerous|multifocal)\b|여러|다발성|다수", re.IGNORECASE)


def _number(word: str) -> int:
    word = word.lower()
    return int(re.sub(r"\D", "", word)) if re.search(r"\d", word) else _ORDINALS.get(word) or _CARDINALS[word]


def counted_in(sentence: str) -> tuple[int | None, str] | None:
    """How many of a finding a sentence counts, with its words: a range of ribs ("fifth through seventh",
    "5-7번 늑골"), a list ("fifth, sixth, and seventh ribs"), a number ("two nodules", "3개의 늑골"), or "여러 개"
    (None) for "multiple"; None when it counts nothing."""
    ranged = _COUNT_RANGE.search(sentence)
    if ranged:
        low, high = (_number(g) for g in [g for g in ranged.groups() if g][:2])
        if high > low:
            return high - low + 1, f"{low}-{high}번째"
    ordinals = list(dict.fromkeys(_number(m) for m in re.findall(rf"\b{_ORDINAL}\b", sentence, re.IGNORECASE)))
    listed = _LISTED_KO.search(sentence)  # "제5, 6번 늑골"
    ordinals = ordinals or (list(dict.fromkeys(map(int, re.findall(r"\d{1,2}", listed.group())))) if listed else [])
    single = _ONE_RIB_KO.search(sentence)  # "좌측 제7 늑골 골절": one rib, by its number
    ordinals = ordinals or ([int(single.group(1) or single.group(2))] if single else [])
    if len(ordinals) > 1:
        return len(ordinals), f"{', '.join(map(str, ordinals))}번째"
    number = _COUNT_NUMBER.search(sentence)
    if number:
        return _number(number.group(1) or number.group(2)), ""
    if _MANY.search(sentence):
        return None, "여러 개"
    if _ONE.search(sentence) and not re.search(r"\b(?:nodules|masses|lesions|fractures|ribs)\b", sentence, re.I):
        return 1, ""
    if len(ordinals) == 1:
        return 1, f"{ordinals[0]}번째"
    return None


def finding_count_answer(findings: Findings, question: Question, report: str) -> Reply:
    """How many of a finding the report counts ("갈비뼈 몇 개 부러졌어?"), from its sentences; its presence
    when it is not there, and "not written" when it is there but not counted."""
    asked = [o for o in resolve(findings, question.observations) if status(findings, o) in ("positive", "uncertain")]
    if not asked:
        return presence_answer(findings, replace(question, kind="presence"), report)
    observation = asked[0]
    # "Lt. 6, 7번 늑골에 진구성 골절" may be read as a fracture, "늑골 골절" as a rib fracture: the kind and its
    # parent asked both count, the main one first
    kin = [o for o in question.observations if PARENTS.get(observation) == o or PARENTS.get(o) == observation]
    mentions = [d for o in (observation, *kin) for d in _details_of(findings, o) if d.status != "negative"]
    sentences = list(dict.fromkeys(_sentence(findings, d) for d in mentions))
    for sentence in sentences:
        counted = counted_in(sentence)
        if counted is None:
            continue
        number, words = counted
        side = _side_named(sentence)
        said = " ".join(filter(None, (side, words)))
        how_many = f"모두 {number}개" if number and number > 1 else "1개" if number else "여러 개(개수는 안 적힘)"
        return Reply(
            f"판독문에는 {_named(observation)}{particle(_korean(observation), '이', '가')} "
            f"{f'{said}, ' if said else ''}{how_many}라고 적혀 있습니다.{_quote(sentence)}",
            _claims(findings, [observation]),
        )
    return Reply(
        f"판독문에 {_subject(observation)} 있다고 적혀 있지만, 개수는 적혀 있지 않습니다."
        f"{_quote(sentences[0] if sentences else evidence(findings, observation))}",
        _claims(findings, [observation]),
    )


_LEAD = re.compile(r"^(?:네|아니요), ")


def reply(request: ChatRequest) -> Reply:
    """The grounded answer to ``request``; an open question gets its facts without a leading 네/아니요."""
    if not request.report or request.findings is None:
        return Reply(NO_REPORT)
    parts = compound_parts(request.question)
    if parts:  # "응급이에요? 관 넣어야 돼요?": each question answered in turn
        answers = [reply(replace(request, question=part)) for part in parts]
        claims: dict[str, Label] = {}
        for answered in answers:
            claims.update(answered.claims)
        return Reply("\n".join(a.text for a in answers), claims)
    question = read_question(request.question)
    token = _REPORT_NAMES.set(report_names(request.findings))
    try:
        answered = _reply(request, question)
    finally:
        _REPORT_NAMES.reset(token)
    guessed = question.kind == "count" and question.direction  # "흉관 몇 개예요? 두 개?": a number to confirm
    if is_open(question.text) and question.kind not in ("meaning",) and not guessed:
        answered.text = _LEAD.sub("", answered.text)
        answered.text = answered.text[:1].upper() + answered.text[1:]
    return answered


STAND_INS: dict[str, str] = {"Pneumonia": "Consolidation"}
"""A finding a question names -> the finding a report writes for it ("어느 쪽 폐렴이 더 심해요?" on a report
that writes only "Both lower lung consolidation, Rt. > Lt."): a detail question is answered from it, saying so."""
_ATTRIBUTE_KINDS = frozenset({"side", "worse_side", "size", "severity", "change"})


def _stand_in(findings: Findings, observations: list[str]) -> tuple[str, str] | None:
    """(asked, shown) when the only finding asked is absent from the report but its ``STAND_INS`` finding is present."""
    if len(observations) != 1 or status(findings, observations[0]) is not None:
        return None
    shown = STAND_INS.get(observations[0])
    if shown and status(findings, shown) in ("positive", "uncertain"):
        return observations[0], shown
    return None


def _reply(request: ChatRequest, question: Question) -> Reply:
    findings = request.findings
    assert findings is not None
    if question.kind == "meaning":
        return meaning_answer(find_terms(question.text), findings, request.report)
    if question.kind == "next_steps":
        return next_steps_answer(findings, question, request.report)
    if question.kind == "communicated":
        return communicated_answer(request.report, question)
    if question.kind == "compared":
        return compared_answer(request.report, question)
    if question.kind == "cause":
        return cause_answer(findings, question, request.report)
    if ctr_asked(question.text):  # "CTR?": the number first
        return ctr_answer(findings, question, request.report)
    if RECURRENCE_ASKED.search(question.text) and question.kind in ("change", "presence", "other"):
        recurred = recurrence_answer(question, request.report)
        if recurred:
            return recurred
    if question.kind in ("presence", "other"):
        qualified = certainty_answer(findings, question, request.report)
        if qualified:
            return qualified
    if question.kind == "finding_count":
        return finding_count_answer(findings, question, request.report)
    if question.kind == "urgency":
        return urgency_answer(findings)
    if question.kind == "summary":
        return summary_answer(request.report, findings)
    if not any(status(findings, o) for o in question.observations) and question.kind != "next_steps":
        outside = report_word_answer(request.report, question)
        if outside:
            return outside
    if question.kind == "normality":
        return normality_answer(findings, question, request.report)
    if question.kind == "presence":
        return presence_answer(findings, question, request.report)
    if question.kind == "fitness":
        return fitness_answer(findings, question, request.report)
    if question.kind == "other":
        return Reply(CANNOT_ANSWER)
    observations = _context_observations(request, question, findings)
    stand_in = _stand_in(findings, observations) if question.kind in _ATTRIBUTE_KINDS else None
    if stand_in:
        asked, shown = stand_in
        answered = _reply(request, replace(question, observations=(shown,)))
        note = (
            f"\n(판독문에 {_named(asked)}{particle(korean_name(asked), '이라고', '라고')} 적혀 있지는 않아, "
            f"{korean_name(asked)}에서도 보일 수 있는 {_named(shown)}에 대해 답했습니다.)"
        )
        return Reply(answered.text + note, answered.claims)
    if question.kind == "position" and _INSERTION_ASKED.search(question.text) and not placements(findings.details):
        # "관 넣어야 돼요?" with no tube in the report: whether one is needed, i.e. the report's advice
        return insertion_answer(findings, replace(question, kind="next_steps", observations=()), request.report)
    if question.kind == "position":
        return position_answer(findings, observations, question)
    if question.kind == "removal":
        return removal_answer(findings, list(question.observations), question)
    if question.kind == "count":
        return count_answer(findings, list(question.observations), question)
    if question.kind == "change":
        return change_answer(findings, list(question.observations and observations), question, request.report)
    handlers = {"side": side_answer, "worse_side": worse_side_answer, "size": size_answer, "severity": severity_answer}
    return handlers[question.kind](findings, observations, question, request.report)


def answer_question(report: str | None, question: str) -> str:
    """The grounded answer to ``question`` about ``report`` (labels the report)."""
    return reply(ChatRequest.about(report, question)).text


class GroundedBackend(ChatBackend):
    """Answers from the report's findings and the glossary; its claims are the report's own labels."""

    name = "grounded"

    def stream(self, request: ChatRequest) -> Iterator[str]:
        yield from _PIECE.findall(reply(request).text)

    def claims(self, request: ChatRequest, answer: str) -> Findings | None:
        answered = reply(request)
        if answered.text != answer:
            return None  # not this backend's answer (cut short): read it as text
        evidence = {
            o: request.findings.evidence[o]
            for o in answered.claims
            if request.findings and o in request.findings.evidence
        }
        return Findings(labels=dict(answered.claims), evidence=evidence)


# --- one side of the chest asked ("왼쪽은 괜찮아요?", "오른쪽 폐는 어때요?", "왼쪽 흉수는요?") --------------

_SIDE_WORD = {
    "left": r"(?<![A-Za-z])(?:left|lt)(?![A-Za-z])|좌측|좌폐|왼쪽|좌\s*(?:폐|흉)",
    "right": r"(?<![A-Za-z])(?:right|rt)(?![A-Za-z])|우측|우폐|오른쪽|우\s*(?:폐|흉)",
}
_SIDE_CLEAR = re.compile(
    r"\bclear\b|no\s+(?:active|acute|focal|abnormal)|unremarkable|\bnormal\b|특이\s*(?:소견|사항)?\s*(?:없|무)"
    r"|이상\s*(?:소견)?\s*(?:없|무)|깨끗|정상|병변\s*(?:없|무)",
    re.IGNORECASE,
)
_NOT_LATERAL = frozenset(
    {"Cardiomegaly", "Enlarged Cardiomediastinum", "Hiatal Hernia", "Scoliosis", "Vertebral Fracture", "No Finding"}
)
"""Findings that are on no side of the chest (the heart, the spine): not what "왼쪽은 괜찮아요?" asks."""


def _side_sentence(report: str, side: str) -> str:
    """The report's sentence that says ``side`` (its lung) is clear ("Rt. lung clear.", "Lt. 폐야 특이소견 없음.")."""
    for sentence in re.split(r"\n|(?<!\b[LlRr]t\.)(?<=\.)\s+", reported_text(report)):
        named = re.search(_SIDE_WORD[side], sentence, re.IGNORECASE)
        other = re.search(_SIDE_WORD["right" if side == "left" else "left"], sentence, re.IGNORECASE)
        if named and not other and _SIDE_CLEAR.search(sentence[named.end() :]):
            return sentence.strip()
    return ""


def _on_side(findings: Findings, side: str) -> dict[str, list[Detail]]:
    """The report's present findings on ``side`` (or both sides), devices and removed ones left out."""
    found: dict[str, list[Detail]] = {}
    for detail in findings.details:
        if detail.status not in ("positive", "uncertain") or detail.observation in DEVICES | _NOT_LATERAL:
            continue
        if detail.side in (side, "bilateral") and not removed(detail):
            found.setdefault(detail.observation, []).append(detail)
    return found


def _side_line(findings: Findings, observation: str, details: list[Detail]) -> str:
    """"흉수(pleural effusion): 좌측 · 소량 · 이전과 변화 없음 (quote)"."""
    said = describe_ko(details[0]) or _where(details[0])
    return f"{_named(observation)}: {said}.{_quote(_sentence(findings, details[0]))}"


def side_view_answer(findings: Findings, question: Question, report: str) -> Reply:
    """One side of the chest asked: its findings, or that the report writes none there (with its "clear").

    ``question.scope`` is the side; ``direction`` "normal" ("왼쪽은 괜찮아요?"), "abnormal" ("오른쪽에 이상 있어요?")
    or None for an open ask ("오른쪽 폐는 어때요?", "우측은요?"), answered with no 네/아니요. A finding on the other
    side never makes this side not fine; it is named after, as the other side's."""
    side = question.scope or "left"
    other = "right" if side == "left" else "left"
    here = _on_side(findings, side)
    benign = set(_benign_found(findings, None, report))
    abnormal = {o: d for o, d in here.items() if o not in benign}
    there = {o: d for o, d in _on_side(findings, other).items() if o not in here and o not in benign}
    ko, other_ko = SIDE_KO[side], SIDE_KO[other]
    lead = ""
    if question.direction:
        holds = not abnormal if question.direction == "normal" else bool(abnormal)
        lead = f"{yes_no(holds, question.negated)}, "
    if abnormal:
        names = ", ".join(_named(o) for o in abnormal)
        lines = [f"{lead}{ko}에는 {names} 소견이 있다고 적혀 있습니다."]
        lines += [_side_line(findings, o, d) for o, d in abnormal.items()]
    else:
        clear = _side_sentence(report, side)
        if clear:
            lines = [f"{lead}{ko} 폐에는 이상이 없다고 적혀 있습니다.{_quote(clear)}"]
        else:
            lines = [f"{lead}판독문에 {ko}의 이상 소견은 적혀 있지 않습니다."]
        kept = [o for o in here if o in benign]
        if kept:
            names = ", ".join(_named(o) for o in kept)
            lines.append(f"{ko}의 {names}{particle(names, '은', '는')} {_WITHIN_NORMAL}")
    if there:
        names = ", ".join(_named(o) for o in there)
        lines.append(f"반대쪽({other_ko})에는 {names} 소견이 있습니다.")
    return Reply("\n".join(lines), _claims(findings, list(abnormal) + list(there)))


def side_detail_answer(findings: Findings, observations: list[str], question: Question, report: str) -> Reply:
    """A finding asked for one side as a topic ("왼쪽 흉수는요?", "우측 기흉은 어때요?"): its amount, place and
    change on that side, quoted, with no 네/아니요; when it is only on the other side, that is said."""
    side = question.direction or "left"
    ko = SIDE_KO.get(side, side)
    lines = []
    for observation in observations:
        details = [
            d
            for d in findings.details
            if d.observation == observation and d.status in ("positive", "uncertain") and not removed(d)
        ]
        here = [d for d in details if d.side in (side, "bilateral")]
        if here:
            lines.append(_side_line(findings, observation, here))
        elif details and any(d.side for d in details):
            where = ", ".join(dict.fromkeys(_where(d) for d in details if d.side))
            lines.append(
                f"판독문에 {ko} {_named(observation)}{particle(korean_name(observation), '은', '는')} 적혀 있지 않고, "
                f"{where}에 있다고 적혀 있습니다.{_quote(_sentence(findings, details[0]))}"
            )
        elif details:
            lines.append(
                f"판독문에 {_named(observation)}의 좌우는 적혀 있지 않습니다.{_quote(_sentence(findings, details[0]))}"
            )
        else:
            topic = particle(korean_name(observation), "은", "는")
            lines.append(f"판독문에 {ko} {_named(observation)}{topic} 적혀 있지 않습니다.")
    return Reply("\n".join(lines), _claims(findings, observations))


# --- the leads of a pacemaker ("심박조율기 선 몇 개야") -------------------------------------------------------

_LEADS_ASKED = re.compile(r"선|리드|줄|전극|lead|wire", re.IGNORECASE)
_CHAMBERS = (
    ("우심방", r"right\s+atri\w*|(?<![A-Za-z])RA(?![A-Za-z])|우심방"),
    ("우심실", r"right\s+ventric\w*|(?<![A-Za-z])RV(?![A-Za-z])|우심실"),
    (
        "관상정맥동(좌심실)",
        r"coronary\s+sinus|left\s+ventric\w*|(?<![A-Za-z])(?:LV|CS)(?![A-Za-z])|관상\s*정맥동|좌심실",
    ),
)
_LEAD_KINDS = (
    (re.compile(r"biventricular|\bBiV\b|\bCRT|양심실|three[- ]lead|triple[- ]lead", re.I), 3),
    (re.compile(r"dual[- ]chamber|dual[- ]lead|two[- ]lead|이중\s*(?:방|챔버)|dual", re.I), 2),
    (re.compile(r"single[- ]chamber|single[- ]lead|one[- ]lead|단일\s*(?:방|챔버|리드)", re.I), 1),
)
_LEAD_NUMBER = re.compile(
    r"\b(one|two|three|1|2|3)\s+(?:\w+\s+)?leads?\b|(한|두|세|[1-3])\s*개의?\s*(?:리드|lead|유도선|전극)", re.I
)
_NUMBERS = {"one": 1, "two": 2, "three": 3, "한": 1, "두": 2, "세": 3}


def leads_answer(findings: Findings) -> Reply:
    """How many leads a pacemaker has: a number written ("two leads"), else its kind ("dual-chamber": 2,
    "biventricular": 3, "single-chamber": 1), with the chambers the leads end in; otherwise not written."""
    sentences = [m.sentence for m in findings.mentions if m.observation == "Pacemaker" and m.sentence]
    sentences += [d.sentence for d in findings.details if d.observation == "Pacemaker" and d.sentence]
    sentences = list(dict.fromkeys(sentences))
    claims = _claims(findings, ["Pacemaker"])
    if not sentences:
        return Reply("판독문에 심장박동기(pacemaker)에 대한 언급이 없습니다.", claims)
    for sentence in sentences:
        said = _LEAD_NUMBER.search(sentence)
        number = None
        if said:
            word = (said[1] or said[2]).lower()
            number = _NUMBERS.get(word) or int(word)
        number = number or next((n for pattern, n in _LEAD_KINDS if pattern.search(sentence)), None)
        chambers = [name for name, pattern in _CHAMBERS if re.search(pattern, sentence)]
        if number is None and len(chambers) > 1:
            number = len(chambers)
        if number:
            where = f" ({', '.join(chambers)}에 끝이 있음)" if chambers else ""
            return Reply(f"판독문상 심장박동기의 선(리드)은 {number}개입니다{where}.{_quote(sentence)}", claims)
    unsaid = "판독문에 심장박동기가 있다고 적혀 있지만, 선(리드)의 개수는 적혀 있지 않습니다."
    return Reply(f"{unsaid}{_quote(sentences[0])}", claims)


# --- several questions at once ("응급이에요? 관 넣어야 돼요?") ---------------------------------------------

_INSERTION_ASKED = re.compile(r"(?:넣어|삽입해|꽂아|박아)야|(?:넣|삽입|꽂)(?:을|는)\s*(?:거|건|것)")
_COMPOUND_KINDS = frozenset({"urgency", "next_steps", "position", "removal", "normality", "presence", "change"})


def compound_parts(text: str) -> list[str]:
    """The questions of a message that asks two or more different things, each ending in "?" ("응급이에요?
    관 넣어야 돼요?"); [] for one question, or for a question and its guess ("흉관 몇 개예요? 두 개?")."""
    parts = [p.strip() for p in re.findall(r"[^?？]+[?？]", " ".join((text or "").split()))]
    if len(parts) < 2 or re.sub(r"[^?？]+[?？]", "", text or "").strip():
        return []
    read = [read_question(p) for p in parts]
    if any(q.kind not in _COMPOUND_KINDS or (q.kind == "count") for q in read):
        return []
    if len({(q.kind, q.observations) for q in read}) < len(read):
        return []
    if not any(q.kind in ("urgency", "next_steps") for q in read):
        return []
    return parts


def insertion_answer(findings: Findings, question: Question, report: str) -> Reply:
    """"관 넣어야 돼요?" on a report with no tube: the care team's decision; the report's advice quoted, and
    whether it advises a tube (never a 네 from advice about something else)."""
    advice = list(dict.fromkeys(" ".join(a.split()) for a in findings.recommendations))
    head = "관(흉관 등)을 넣을지는 판독문만으로는 정할 수 없고 담당 의료진이 결정합니다."
    bearing = bearing_lines(findings, question, report) if report else []
    if bearing:
        head += " 판독문에 적힌 관련 내용: " + "\n".join(bearing)
    quoted = " ".join(f"“{a}”" + (f"({advice_in_korean(a)})" if advice_in_korean(a) else "") for a in advice)
    if any(re.search(r"tube|drain|catheter|thoracostomy|관\s*삽입|배액|삽관", a, re.I) for a in advice):
        return Reply(f"{head}\n판독문은 다음을 권고합니다: {quoted}")
    said = f" 판독문의 권고는 다음과 같습니다: {quoted}" if advice else ""
    return Reply(f"{head}\n판독문에 관 삽입 권고는 없습니다.{said} 자세한 계획은 담당 의료진과 상의하세요.")


_LUNGS_CLEAR = re.compile(
    r"\b(?:both\s+)?lungs?\b[^.\n]{0,25}?\b(?:are|is|remain|appear)?\s*"
    r"(?:clear|unremarkable|well[- ]expanded and clear)"
    r"|\bclear\s+lungs\b"
    r"|(?:양측\s*)?폐(?:야|실질)?[은는에]?\s*(?:깨끗|특이\s*(?:소견|사항)\s*(?:없|무)|이상\s*(?:소견\s*)?(?:없|무))",
    re.IGNORECASE,
)


def lungs_clear_sentence(report: str) -> str:
    """The report's sentence that calls the lungs clear ("The lungs are clear.", "양측 폐야 특이소견 없음."), or ""."""
    for sentence in re.split(r"\n|(?<!\b[LlRr]t\.)(?<=\.)\s+", reported_text(report)):
        sided = re.search(_SIDE_WORD["left"] + "|" + _SIDE_WORD["right"], sentence, re.IGNORECASE)
        if _LUNGS_CLEAR.search(sentence) and not sided:
            return sentence.strip()
    return ""
