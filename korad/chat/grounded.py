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
from dataclasses import dataclass, field
from typing import Any

from korad.chat.protocol import ChatBackend, ChatRequest
from korad.chat.questions import DEVICES, Question, read_question
from korad.findings import Findings, Label
from korad.glossary import KOREAN_NAMES, TERMS, Term, find_terms
from korad.sections import parse_sections

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

SIDE_WORDS = {"left": "좌측(왼쪽)", "right": "우측(오른쪽)", "bilateral": "양측(양쪽)"}
SEVERITY_WORDS = {
    "minimal": "아주 경미한 정도",
    "mild": "경미한 정도(소량)",
    "moderate": "중등도",
    "severe": "심한 정도(다량)",
}
CHANGE_WORDS = {
    "new": "이전 검사에 없던 새로 생긴 소견",
    "worse": "이전보다 악화(증가)",
    "better": "이전보다 호전(감소)",
    "stable": "이전과 변화 없음",
    "resolved": "이전에 있던 소견이 소실(없어짐)",
}
LOCATION_WORDS = {
    "upper": "상엽(위쪽)",
    "middle": "중엽(가운데)",
    "lower": "하엽(아래쪽)",
    "apex": "폐첨부(꼭대기)",
    "base": "폐 기저부(아래쪽)",
    "lingula": "설상엽",
    "hilum": "폐문부",
    "perihilar": "폐문 주위",
    "retrocardiac": "심장 뒤쪽",
    "costophrenic": "늑골횡격막각",
}
POSITION_WORDS = {"appropriate": "적절한 위치", "malpositioned": "적절하지 않은 위치(위치 조정이 필요할 수 있음)"}

LARGE_MM = 30.0
"""Size from which a lesion is called large (a "mass", by the Fleischner Society's glossary)."""
SMALL_MM = 10.0
"""Size under which a lesion is called small (sub-centimetre)."""
_STABLE_REPORT = re.compile(
    r"\b(?:no (?:significant |definite |appreciable )?(?:interval )?change|unchanged|stable"
    r"|similar to (?:the )?prior)\b"
    r"|변화\s*(?:가\s*)?없|변화\s*없음|이전과\s*(?:비슷|동일|유사)|큰\s*변화\s*없",
    re.IGNORECASE,
)


def particle(word: str, with_final: str, without_final: str) -> str:
    """The Korean particle that fits ``word`` (이/가, 은/는, 을/를, 과/와), by its last syllable."""
    hangul = [c for c in word if "가" <= c <= "힣"]
    if not hangul:
        return with_final
    return with_final if (ord(hangul[-1]) - 0xAC00) % 28 else without_final


def yes_no(holds: bool, negated: bool = False) -> str:
    """The first word of a yes/no answer, for the question as asked.

    ``holds`` is the truth of what the question asks in its positive form ("there is an effusion",
    "it got worse", "the report is normal"); a question asked in the negative ("흉수가 없나요?")
    is answered "네" when the positive form does not hold. The one place every yes/no answer of the
    grounded backend gets its first word.
    """
    return "네" if holds != negated else "아니요"


def korean_name(observation: str) -> str:
    """The Korean term for an observation (CheXpert or the extra vocabulary)."""
    if observation in KOREAN_NAMES:
        return KOREAN_NAMES[observation]
    term = next((t for t in TERMS if t.observation == observation), None)
    return term.korean if term else observation


def _named(observation: str) -> str:
    return f"{korean_name(observation)}({observation.lower()})"


def _subject(observation: str, particles: tuple[str, str] = ("이", "가")) -> str:
    return f"{_named(observation)}{particle(korean_name(observation), *particles)}"


def _first_sentence(text: str) -> str:
    return re.split(r"(?<=[.])\s", text, maxsplit=1)[0]


def _explanation(observation: str) -> str | None:
    term = next((t for t in TERMS if t.observation == observation), None)
    return _first_sentence(term.explanation) if term else None


def details(findings: Findings) -> list[Any]:
    """The labeler's details of every mention (side, size, severity, change, position)."""
    return list(getattr(findings, "details", ()) or ())


def recommendations(findings: Findings) -> list[str]:
    """The report's advice sentences as written."""
    return list(getattr(findings, "recommendations", ()) or ())


def _details_of(findings: Findings, observation: str) -> list[Any]:
    return [d for d in details(findings) if d.observation == observation or PARENTS.get(d.observation) == observation]


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
    found = _details_of(findings, observation)
    return found[0].text if found else None


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
    """The asked observations to answer about: those the report mentions (a specific finding before
    its CheXpert parent, which it then stands for), else the main reading alone."""
    mentioned = [o for o in observations if status(findings, o) is not None]
    if not mentioned:
        return list(observations[:1])
    kept = [o for o in mentioned if not any(PARENTS.get(other) == o for other in mentioned)]
    return sorted(kept, key=lambda o: -_RANK[status(findings, o)])[:3]


def _context_observations(request: ChatRequest, question: Question, findings: Findings) -> list[str]:
    """The findings a follow-up question is about: named in it, else in the latest earlier question
    that named one, else the report's positive findings."""
    if question.observations:
        return resolve(findings, question.observations)
    for earlier, _ in reversed(request.history):
        named = read_question(earlier).observations
        if named:
            return resolve(findings, named)
    return [o for o in positive(findings)][:3]


def positive(findings: Findings, statuses: tuple[str, ...] = ("positive",)) -> list[str]:
    """The report's findings with one of ``statuses`` (no "No Finding"), CheXpert first, then the details'."""
    found = [o for o, label in findings.labels.items() if label in statuses and o != "No Finding"]
    for detail in details(findings):
        if detail.status in statuses and detail.observation not in found and detail.observation not in findings.labels:
            found.append(detail.observation)
    return [o for o in found if not any(PARENTS.get(other) == o for other in found)]


def describe(detail: Any) -> str:
    """The attributes of one mention in Korean: 좌측(왼쪽) · 경미한 정도(소량) · 이전보다 악화(증가)."""
    parts = []
    if getattr(detail, "side", None):
        parts.append(SIDE_WORDS[detail.side])
    locations = [LOCATION_WORDS[x] for x in getattr(detail, "location", None) or () if x in LOCATION_WORDS]
    if locations:
        parts.append(", ".join(locations))
    if getattr(detail, "size_mm", None):
        parts.append(size_words(detail.size_mm))
    if getattr(detail, "severity", None):
        parts.append(SEVERITY_WORDS[detail.severity])
    if getattr(detail, "change", None):
        parts.append(CHANGE_WORDS[detail.change])
    if getattr(detail, "position", None):
        parts.append(POSITION_WORDS[detail.position])
    return " · ".join(parts)


def size_words(size_mm: float) -> str:
    """A size in millimetres, with centimetres from 1 cm on: "3 mm", "15 mm(1.5 cm)"."""
    text = f"{size_mm:g} mm"
    return f"{text}({size_mm / 10:g} cm)" if size_mm >= 10 else text


ACUTE: frozenset[str] = frozenset({"Pneumothorax", "Pleural Effusion", "Consolidation", "Pneumonia", "Edema"})
"""Acute findings that a normal report ("No acute cardiopulmonary process") excludes where it does not name them."""
IMPLIED_BY_ABSENCE: dict[str, str] = {"Pneumonia": "Consolidation"}
"""A finding -> the finding whose stated absence excludes it (no consolidation: no pneumonia on the radiograph)."""
INCIDENTAL: frozenset[str] = frozenset({"Granuloma"})
"""Findings that do not make a study abnormal for the patient: a calcified granuloma is benign by definition."""


def presence_line(findings: Findings, observation: str, question: Question) -> str:
    """Whether the report states ``observation``, answered as asked, quoting its sentence.

    An acute finding that a normal report does not name is answered as absent, saying so (and why).
    """
    said = status(findings, observation)
    if said is None:
        basis = IMPLIED_BY_ABSENCE.get(observation)
        if basis and status(findings, basis) == "negative":
            return (
                f"{yes_no(False, question.negated)}, 판독문에 {_named(observation)}에 대한 직접적인 언급은 없지만, "
                f"{_subject(basis)} 없다고 적혀 있습니다.{_quote(evidence(findings, basis))}"
            )
        if observation in ACUTE and findings.labels.get("No Finding") == "positive" and is_normal(findings):
            return (
                f"{yes_no(False, question.negated)}, 판독문에 {_named(observation)}에 대한 직접적인 언급은 없지만, "
                "급성 이상 소견이 없는 정상 소견으로 적혀 있습니다."
            )
    quote = _quote(evidence(findings, observation))
    if said == "positive":
        attributes = "; ".join(
            filter(None, (describe(d) for d in _details_of(findings, observation) if d.status == "positive"))
        )
        meaning = _explanation(observation)
        return (
            f"{yes_no(True, question.negated)}, 판독문에 {_subject(observation)} 있다고 적혀 있습니다."
            + (f" ({attributes})" if attributes else "")
            + quote
            + (f" {meaning}" if meaning else "")
        )
    if said == "negative":
        return f"{yes_no(False, question.negated)}, 판독문에는 {_subject(observation)} 없다고 적혀 있습니다.{quote}"
    if said == "uncertain":
        return (
            f"확실하지 않습니다. 판독문은 {_named(observation)}의 가능성을 언급합니다.{quote} "
            "추가 검사나 담당 의료진의 설명이 필요할 수 있습니다."
        )
    return f"판독문에 {_named(observation)}에 대한 언급이 없어, 이 판독문으로는 확인할 수 없습니다."


def presence_answer(findings: Findings, question: Question) -> Reply:
    observations = resolve(findings, question.observations)
    lines = [presence_line(findings, o, question) for o in observations]
    return Reply("\n".join(lines), _claims(findings, observations))


def is_normal(findings: Findings) -> bool:
    """A clinician's "normal": nothing positive or uncertain but devices, and no device out of place."""
    abnormal = [o for o in positive(findings, ("positive", "uncertain")) if o not in DEVICES | INCIDENTAL]
    misplaced = [d for d in details(findings) if getattr(d, "position", None) == "malpositioned"]
    return not abnormal and not misplaced


def normality_answer(findings: Findings, question: Question) -> Reply:
    """Whether the report is normal, answered as asked ("정상인가요?" / "이상이 있나요?")."""
    normal = is_normal(findings)
    holds = normal if question.direction == "normal" else not normal
    lead = yes_no(holds, question.negated)
    found, uncertain = positive(findings), positive(findings, ("uncertain",))
    if not normal and not [o for o in found if o not in DEVICES | INCIDENTAL] and uncertain:
        lead = "확실하지 않습니다. 뚜렷한 이상 소견은 없지만"  # only possibilities: neither yes nor no
    claims = _claims(findings, found + uncertain)
    if normal:
        devices = " 다만 삽입된 관이나 의료기구가 보입니다." if any(o in DEVICES for o in found) else ""
        if "No Finding" in findings.labels:
            claims["No Finding"] = findings.labels["No Finding"]
        return Reply(f"{lead}, 판독문상 특별한 이상 소견은 없습니다.{devices}", claims)
    parts = []
    shown = [o for o in found if o not in DEVICES]
    if shown:
        parts.append(f"판독문에 {', '.join(_named(o) for o in shown)} 소견이 있습니다.")
    if uncertain:
        parts.append(f"{', '.join(_named(o) for o in uncertain)}의 가능성이 언급되어 있습니다.")
    misplaced = [d for d in details(findings) if getattr(d, "position", None) == "malpositioned"]
    if misplaced:
        parts.append(
            f"{', '.join(korean_name(d.observation) for d in misplaced)}의 위치가 적절하지 않다고 적혀 있습니다."
        )
    return Reply(f"{lead}, " + " ".join(parts) + " 자세한 의미는 담당 의료진과 상의하세요.", claims)


def _attribute_targets(findings: Findings, observations: list[str]) -> list[tuple[str, list[Any]]]:
    return [(o, [d for d in _details_of(findings, o) if d.status != "negative"]) for o in observations]


def _not_present(findings: Findings, observations: list[str], question: Question) -> Reply | None:
    """The answer when none of the asked findings is present (an attribute of nothing)."""
    if not observations:
        return Reply("판독문에서 이 질문에 해당하는 소견을 찾지 못했습니다. 어떤 소견에 대해 묻는지 알려 주세요.")
    if any(status(findings, o) in ("positive", "uncertain") for o in observations):
        return None
    presence = Question(question.text, "presence", tuple(observations), False)
    return presence_answer(findings, presence)


def side_answer(findings: Findings, observations: list[str], question: Question) -> Reply:
    absent = _not_present(findings, observations, question)
    if absent:
        return absent
    lines = []
    for observation, found in _attribute_targets(findings, observations):
        sides = list(dict.fromkeys(d.side for d in found if getattr(d, "side", None)))
        quote = _quote(next((d.text for d in found if getattr(d, "side", None)), evidence(findings, observation)))
        if not sides:
            lines.append(f"판독문에는 {_named(observation)}의 좌우 위치가 적혀 있지 않습니다.{quote}")
            continue
        where = ", ".join(SIDE_WORDS[s] for s in sides)
        locations = [
            LOCATION_WORDS[x] for d in found for x in getattr(d, "location", None) or () if x in LOCATION_WORDS
        ]
        if locations:
            where += f" {', '.join(dict.fromkeys(locations))}"
        sentence = f"{_subject(observation, ('은', '는'))} {where}에 있다고 적혀 있습니다.{quote}"
        if question.direction:
            holds = question.direction in sides or ("bilateral" in sides and question.direction != "bilateral")
            sentence = f"{yes_no(holds, question.negated)}, {sentence}"
        lines.append(sentence)
    return Reply("\n".join(lines), _claims(findings, observations))


def size_answer(findings: Findings, observations: list[str], question: Question) -> Reply:
    absent = _not_present(findings, observations, question)
    if absent:
        return absent
    lines = []
    for observation, found in _attribute_targets(findings, observations):
        sizes = [d.size_mm for d in found if getattr(d, "size_mm", None)]
        severities = [d.severity for d in found if getattr(d, "severity", None)]
        text = next((d.text for d in found if getattr(d, "size_mm", None) or getattr(d, "severity", None)), None)
        quote = _quote(text or evidence(findings, observation))
        if sizes:
            largest = max(sizes)
            said = f"{size_words(largest)} 크기입니다."
            holds: bool | None = largest >= SMALL_MM if question.direction == "big" else largest < SMALL_MM
            if question.direction == "big" and SMALL_MM <= largest < LARGE_MM:
                said += " 1 cm가 넘지만 3 cm 미만으로, 종괴(mass)로 부르는 크기보다는 작습니다."
        elif severities:
            worst = max(severities, key=list(SEVERITY_WORDS).index)
            said = f"크기는 수치로 적혀 있지 않고, {SEVERITY_WORDS[worst]}로 적혀 있습니다."
            large = worst in ("moderate", "severe")
            holds = large if question.direction == "big" else not large
        else:
            lines.append(f"판독문에는 {_named(observation)}의 크기가 적혀 있지 않습니다.{quote}")
            continue
        lead = f"{yes_no(holds, question.negated)}, " if question.direction and holds is not None else ""
        lines.append(f"{lead}{_named(observation)}: {said}{quote}")
    return Reply("\n".join(lines), _claims(findings, observations))


def severity_answer(findings: Findings, observations: list[str], question: Question) -> Reply:
    absent = _not_present(findings, observations, question)
    if absent:
        return absent
    lines = []
    for observation, found in _attribute_targets(findings, observations):
        severities = [d.severity for d in found if getattr(d, "severity", None)]
        quote = _quote(next((d.text for d in found if getattr(d, "severity", None)), evidence(findings, observation)))
        if not severities:
            lines.append(f"판독문에는 {_named(observation)}의 정도(경미한지, 심한지)가 적혀 있지 않습니다.{quote}")
            continue
        worst = max(severities, key=list(SEVERITY_WORDS).index)
        holds = worst == "severe" if question.direction == "severe" else worst in ("minimal", "mild")
        lines.append(
            f"{yes_no(holds, question.negated)}, 판독문에는 {_subject(observation, ('이', '가'))} "
            f"{SEVERITY_WORDS[worst]}라고 적혀 있습니다.{quote}"
        )
    return Reply("\n".join(lines), _claims(findings, observations))


_CHANGE_HOLDS = {
    "worse": {"new", "worse"},
    "new": {"new"},
    "better": {"better", "resolved"},
    "resolved": {"resolved"},
    "stable": {"stable"},
    "any": {"new", "worse", "better", "resolved"},
}


def change_answer(findings: Findings, observations: list[str], question: Question, report: str) -> Reply:
    """Better or worse than the prior study, from each finding's change (or the report's "no change")."""
    targets = observations or positive(findings) + [d.observation for d in details(findings) if d.change == "resolved"]
    changes: list[tuple[str, str, str]] = []  # (observation, change, mention)
    for observation in dict.fromkeys(targets):
        for detail in _details_of(findings, observation):
            if getattr(detail, "change", None):
                changes.append((observation, detail.change, detail.text))
    wanted = _CHANGE_HOLDS[question.direction or "any"]
    claims = _claims(findings, list(dict.fromkeys(targets)))
    if changes:
        holds = any(change in wanted for _, change, _ in changes)
        if question.direction == "stable":
            holds = all(change == "stable" for _, change, _ in changes)
        lines = [f"{_named(o)}: {CHANGE_WORDS[c]}.{_quote(text)}" for o, c, text in changes[:4]]
        return Reply(f"{yes_no(holds, question.negated)}, " + "\n".join(lines), claims)
    stable = _STABLE_REPORT.search(parse_sections(report).get("impression") or report)
    if stable and (not observations or any(status(findings, o) == "positive" for o in observations)):
        holds = question.direction == "stable"
        return Reply(
            f"{yes_no(holds, question.negated)}, 판독문에는 이전 검사와 비교해 변화가 없다고 적혀 있습니다.", claims
        )
    if observations and all(status(findings, o) in (None, "negative") for o in observations):
        presence = Question(question.text, "presence", tuple(observations), False)
        return presence_answer(findings, presence)
    return Reply("판독문에는 이전 검사와 비교한 변화가 적혀 있지 않아, 이 판독문으로는 확인할 수 없습니다.", claims)


def position_answer(findings: Findings, observations: list[str], question: Question) -> Reply:
    """Whether the devices asked about are in place, from the report's position statements."""
    asked = [o for o in observations if o in DEVICES] or ["Support Devices"]
    found = [d for o in asked for d in _details_of(findings, o) if d.status == "positive"]
    if not found:
        if any(status(findings, o) == "positive" for o in asked):
            return Reply(
                f"판독문에 {_named(asked[0])}에 대한 언급은 있지만 위치에 대한 평가는 적혀 있지 않습니다."
                + _quote(evidence(findings, asked[0])),
                _claims(findings, asked),
            )
        return Reply(f"판독문에 {_named(asked[0])}에 대한 언급이 없어, 이 판독문으로는 확인할 수 없습니다.")
    placed = [d for d in found if getattr(d, "position", None)]
    if not placed:
        lines = [
            f"판독문에 {_named(d.observation)}의 위치에 대한 평가는 적혀 있지 않습니다.{_quote(d.text)}" for d in found
        ]
        return Reply("\n".join(lines), _claims(findings, asked))
    holds = all(d.position == "appropriate" for d in placed)
    lines = [f"{_named(d.observation)}: {POSITION_WORDS[d.position]}.{_quote(d.text)}" for d in placed]
    return Reply(f"{yes_no(holds, question.negated)}, " + "\n".join(lines), _claims(findings, asked))


def next_steps_answer(findings: Findings) -> Reply:
    """The report's own recommendations, quoted; never one of our own."""
    advice = recommendations(findings)
    if not advice:
        return Reply(
            "판독문에는 추가 검사나 추적 관찰에 대한 권고가 적혀 있지 않습니다. "
            "추가 검사가 필요한지는 담당 의료진과 상의하세요."
        )
    quoted = " ".join(f"“{' '.join(a.split())}”" for a in advice)
    return Reply(f"판독문은 다음을 권고합니다: {quoted} 자세한 계획은 담당 의료진과 상의하세요.")


def summary_answer(report: str, findings: Findings) -> Reply:
    """The impression (or findings) quoted, then the positive and uncertain findings in plain Korean."""
    sections = parse_sections(report)
    conclusion = sections.get("impression") or sections.get("findings")
    lines = []
    if conclusion:
        label = "결론" if sections.get("impression") else "소견"
        lines.append(f"판독문의 {label}: “{' '.join(conclusion.split())}”")
    found, uncertain = positive(findings), positive(findings, ("uncertain",))
    for observation in found:
        attributes = "; ".join(
            filter(None, (describe(d) for d in _details_of(findings, observation) if d.status == "positive"))
        )
        meaning = _explanation(observation) or ""
        lines.append(
            f"- {_named(observation)}" + (f" ({attributes})" if attributes else "") + f": {meaning}".rstrip(": ")
        )
    if uncertain:
        lines.append(f"- 가능성이 언급된 소견: {', '.join(_named(o) for o in uncertain)}")
    if not found and not uncertain:
        lines.append("특별한 이상 소견은 없다고 적혀 있습니다.")
    negative = [o for o, label in findings.labels.items() if label == "negative"]
    if negative:
        names = ", ".join(korean_name(o) for o in negative)
        lines.append(f"{names}{particle(names, '은', '는')} 없다고 적혀 있습니다.")
    return Reply("\n".join(lines), _claims(findings, found + uncertain + negative))


def meaning_answer(terms: list[Term], findings: Findings) -> Reply:
    """The glossary explanation of each term asked (at most two), with the report's status of it."""
    parts, claims = [], {}
    for term in terms[:2]:
        text = f"{term.korean}({term.english}): {term.explanation}"
        said = status(findings, term.observation) if term.observation else None
        if said and term.observation != "No Finding":
            word = {"positive": "있다고", "negative": "없다고", "uncertain": "가능성이 있다고"}[said]
            text += f" 이 판독문에는 {word} 적혀 있습니다."
            claims[term.observation] = said
        parts.append(text)
    return Reply("\n".join(parts), claims)


def reply(request: ChatRequest) -> Reply:
    """The grounded answer to ``request``."""
    if not request.report or request.findings is None:
        return Reply(NO_REPORT)
    findings, question = request.findings, read_question(request.question)
    if question.kind == "meaning":
        return meaning_answer(find_terms(question.text), findings)
    if question.kind == "next_steps":
        return next_steps_answer(findings)
    if question.kind == "summary":
        return summary_answer(request.report, findings)
    if question.kind == "normality":
        return normality_answer(findings, question)
    if question.kind == "presence":
        return presence_answer(findings, question)
    if question.kind == "other":
        return Reply(CANNOT_ANSWER)
    observations = _context_observations(request, question, findings)
    if question.kind == "position":
        return position_answer(findings, observations, question)
    if question.kind == "change":
        return change_answer(findings, list(question.observations and observations), question, request.report)
    handlers = {"side": side_answer, "size": size_answer, "severity": severity_answer}
    return handlers[question.kind](findings, observations, question)


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
