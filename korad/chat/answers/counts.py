"""How many: devices ("흉관 몇 개?"), a pacemaker's leads, and a finding the report counts ("갈비뼈 몇 개?")."""

from __future__ import annotations

import re
from dataclasses import replace

from korad.chat.answers.bones import BONE_OF_LABEL, bone_named
from korad.chat.answers.devices import DRAINS_ASKED, KEPT_DEVICES, Drain, device_name, drains_in
from korad.chat.answers.facts import PARENTS, claims_of, details_of, evidence, resolve, sentence_of, status
from korad.chat.answers.presence import presence_answer
from korad.chat.answers.report_words import side_named
from korad.chat.answers.wording import Reply, as_subject, cite, finding_name, korean_named, particle, yes_no
from korad.chat.questions import DEVICES, Question
from korad.details import removed
from korad.devices import Placement, placements
from korad.findings import Findings, Label
from korad.glossary import korean_name
from korad.numbers import ORDINALS, number_of, number_words

_ONE_EACH = re.compile(r"각각?\s*(?:1|한|하나)\s*개|one (?:on )?each side|one (?:on the )?(?:right|left) and one", re.I)


def _how_many(placement: Placement) -> tuple[int, bool]:
    """(how many, whether that is only the least): the report's number, else one a side, more for a plural."""
    if placement.count:
        return placement.count, False
    if placement.side == "bilateral":  # "bilateral chest tubes", "양측 흉관": one a side at least
        return 2, not any(_ONE_EACH.search(s) for s in placement.sentences)
    return (2, True) if placement.plural else (1, False)


def count_answer(findings: Findings, observations: list[str], question: Question, report: str = "") -> Reply:
    """How many devices the report names ("흉관 몇 개?": "2개: 우측 2개"), each with its side and quote; a
    number the report does not give is said to be at least what its words show ("bilateral": 2 or more). Drains
    asked ("배액관 몇 개?") count the mediastinal, pericardial and surgical drains the report names with the chest
    tubes."""
    named = [o for o in observations if o in DEVICES and o != "Support Devices"]
    devices = [p for p in placements(findings.details) if p.observation != "Support Devices"]
    if named:
        devices = [p for p in devices if p.observation in named]
    elif not re.search(r"기구|장치|기계|device", question.text, re.IGNORECASE):
        devices = [p for p in devices if p.observation not in KEPT_DEVICES]  # "관이 몇 개?": the tubes and lines
    claims = claims_of(findings, named or ["Support Devices"])
    drains = [d for d in drains_in(report) if not d.removed] if DRAINS_ASKED.search(question.text) or not named else []
    if drains:
        return _with_drains(devices, drains, question, claims)
    if not devices:
        what = finding_name(named[0]) if named else "관이나 기구"
        taken_out = [d for d in findings.details if d.observation in (named or DEVICES) and removed(d)]
        if taken_out:
            quote = cite(sentence_of(findings, taken_out[0]))
            gone = f"판독문에 {as_subject(taken_out[0].observation)} 제거되었다고 적혀 있어, 남아 있는 것은 없습니다."
            return Reply(gone + quote, claims)
        return Reply(f"판독문에 {what}에 대한 언급이 없습니다.", claims)
    lines, total, least, quoted = [], 0, False, set()
    for p in devices:
        number, at_least = _how_many(p)
        total, least = total + number, least or at_least
        amount = f"{number}개 이상" if at_least else f"{number}개"
        if p.side == "bilateral" and not p.count:
            amount = "좌우 양쪽에 하나 이상씩(2개 이상)" if at_least else "좌우 양쪽에 하나씩(2개)"
        quote = "" if p.sentences[0] in quoted else cite(p.sentences[0])
        quoted.add(p.sentences[0])
        lines.append(f"- {device_name(p)}: {amount}.{quote}")
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


def _with_drains(
    devices: list[Placement], drains: list[Drain], question: Question, claims: dict[str, Label]
) -> Reply:
    """The count of the drains asked: the chest tubes placed and the other drains the report names."""
    tubes = [p for p in devices if p.observation == "Chest Tube"] if DRAINS_ASKED.search(question.text) else devices
    lines, total, least = [], 0, False
    for p in tubes:
        number, at_least = _how_many(p)
        total, least = total + number, least or at_least
        lines.append(f"- {device_name(p)}: {number}개{' 이상' if at_least else ''}.{cite(p.sentences[0])}")
    for drain in drains:
        total, least = total + drain.count, least or drain.least
        lines.append(f"- {drain.name}: {drain.count}개{' 이상' if drain.least else ''}.{cite(drain.sentence)}")
    what = "배액관(흉관 포함)" if tubes and DRAINS_ASKED.search(question.text) else "관이나 기구"
    head = f"판독문에 적힌 {what}{particle(what, '은', '는')} 모두 {total}개{' 이상' if least else ''}입니다"
    if question.direction:  # "배액관 세 개 맞아요?"
        guess = int(question.direction)
        lead = "확실하지 않습니다." if least and guess > total else f"{yes_no(guess == total, question.negated)},"
        head = f"{lead} {head}"
    return Reply(head + ":\n" + "\n".join(lines), claims)


_ORDINAL = r"(?:" + "|".join(ORDINALS) + r"|\d{1,2}(?:st|nd|rd|th))"
_COUNTED = r"(?:ribs?|rib fractures|fractures|nodules|masses|lesions|늑골|갈비뼈|골절|결절|종괴|병변)"
_COUNT_RANGE = re.compile(
    rf"\b({_ORDINAL})\s*(?:through|to|-|–|~)\s*({_ORDINAL})\b"
    r"|(\d{1,2})\s*[-~–]\s*(\d{1,2})\s*(?:번째?|th)?\s*(?:늑골|갈비|rib)|ribs?\s+(\d{1,2})\s*(?:-|–|~|through|to)\s*(\d{1,2})\b",
    re.IGNORECASE,
)
_COUNT_NUMBER = re.compile(
    # a number before an English noun counts ("two nodules"); before a Korean one it is an ordinal ("제7 늑골")
    rf"\b({number_words(0, 99, english=True)})(?!\s*(?:mm|cm|x)\b)\s+(?:[\w.-]+\s+){{0,3}}"
    r"(?:ribs?|rib fractures|fractures|nodules|masses|lesions)"
    rf"|({number_words(0, 99, korean=True, alone=True)})\s*개의?\s*(?:[가-힣]+\s+)?{_COUNTED}",
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


def counted_in(sentence: str) -> tuple[int | None, str] | None:
    """How many of a finding a sentence counts, with its words: a range of ribs ("fifth through seventh",
    "5-7번 늑골"), a list ("fifth, sixth, and seventh ribs"), a number ("two nodules", "3개의 늑골"), or "여러 개"
    (None) for "multiple"; None when it counts nothing."""
    ranged = _COUNT_RANGE.search(sentence)
    if ranged:
        low, high = (number_of(g) for g in [g for g in ranged.groups() if g][:2])
        if high > low:
            return high - low + 1, f"{low}-{high}번째"
    ordinals = list(dict.fromkeys(number_of(m) for m in re.findall(rf"\b{_ORDINAL}\b", sentence, re.IGNORECASE)))
    listed = _LISTED_KO.search(sentence)  # "제5, 6번 늑골"
    ordinals = ordinals or (list(dict.fromkeys(map(int, re.findall(r"\d{1,2}", listed.group())))) if listed else [])
    single = _ONE_RIB_KO.search(sentence)  # "좌측 제7 늑골 골절": one rib, by its number
    ordinals = ordinals or ([int(single.group(1) or single.group(2))] if single else [])
    if len(ordinals) > 1:
        return len(ordinals), f"{', '.join(map(str, ordinals))}번째"
    number = _COUNT_NUMBER.search(sentence)
    if number:
        return number_of(number.group(1) or number.group(2)), ""
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
    mentions = [d for o in (observation, *kin) for d in details_of(findings, o) if d.status != "negative"]
    sentences = list(dict.fromkeys(sentence_of(findings, d) for d in mentions))
    bone = BONE_OF_LABEL.get(observation)  # "Rt. 5, 6번째 늑골 골절" read as a fracture is still the ribs'
    parent = [d for d in details_of(findings, PARENTS.get(observation, "")) if d.status != "negative"]
    ribs = [s for d in parent if bone and bone_named(s := sentence_of(findings, d)) == bone]
    sentences += [s for s in dict.fromkeys(ribs) if s not in sentences]
    if ORDINAL_ASKED.search(question.text):  # "몇 번째 갈비뼈예요?": which one, not how many
        return Reply(_which_answer(observation, sentences, question.text), claims_of(findings, [observation]))
    for sentence in sentences:
        counted = counted_in(sentence)
        if counted is None:
            continue
        number, words = counted
        side = side_named(sentence)
        said = " ".join(filter(None, (side, words if number else "")))  # "여러 개" is said once, by how_many
        how_many = f"모두 {number}개" if number and number > 1 else "1개" if number else "여러 개(개수는 안 적힘)"
        return Reply(
            f"판독문에는 {finding_name(observation)}{particle(korean_named(observation), '이', '가')} "
            f"{f'{said}, ' if said else ''}{how_many}라고 적혀 있습니다.{cite(sentence)}",
            claims_of(findings, [observation]),
        )
    return Reply(
        f"판독문에 {as_subject(observation)} 있다고 적혀 있지만, 개수는 적혀 있지 않습니다."
        f"{cite(sentences[0] if sentences else evidence(findings, observation))}",
        claims_of(findings, [observation]),
    )


ORDINAL_ASKED = re.compile(
    r"몇\s*번\s*째|몇\s*번\s*(?:늑골|갈비)|어느\s*(?:갈비뼈|늑골)|어떤\s*(?:갈비뼈|늑골)|which\s+ribs?", re.I
)
"""A question which rib it is ("몇 번째 갈비뼈예요?", "어느 갈비뼈가 부러졌어요?"): an ordinal, not a count."""


_ORDINAL_WORDS = "|".join(ORDINALS)
_CLAUSE_END = re.compile(
    rf"[,;]\s*(?!\d|(?:{_ORDINAL_WORDS})\b|and\s)|\s(?:and|with|while|but|whereas)\s(?!(?:the\s+)?(?:\d|(?:{_ORDINAL_WORDS})\b))"
    r"|\s(?:및|그리고)\s(?!\d)",
    re.IGNORECASE,
)
"""Where a clause of a fracture sentence ends: not inside a list of ribs ("5, 6, 7번째", "fifth and sixth")."""
QUALITIES: tuple[tuple[str, re.Pattern[str], re.Pattern[str]], ...] = (
    (
        "전위(어긋남)",
        re.compile(r"어긋|전위|틀어|벗어|displac|offset|misalign", re.I),
        re.compile(r"(?<!non)(?<!non-)displac|(?<!비)전위|어긋|offset|overrid|angulat|각형성", re.I),
    ),
    ("분쇄(여러 조각)", re.compile(r"분쇄|조각|산산|comminut", re.I), re.compile(r"comminut|분쇄", re.I)),
    ("분절(두 군데 골절)", re.compile(r"분절|segmental|두\s*군데", re.I), re.compile(r"segmental|분절", re.I)),
)
"""A quality a "which rib" question may ask ("어긋난 건 몇 번 갈비뼈야?"): its Korean name, the question's words,
the report's words."""


def _rib_with(quality: re.Pattern[str], sentences: list[str]) -> tuple[str, str] | None:
    """(the ribs the clause with ``quality`` numbers, its sentence) for the first sentence whose clause says it
    ("..., 6번 늑골은 전위 동반", "with displacement of the sixth"); None when no clause numbers them."""
    for sentence in sentences:
        start = 0
        for end in [m.start() for m in _CLAUSE_END.finditer(sentence)] + [len(sentence)]:
            clause = sentence[start:end]
            start = end
            if not quality.search(clause):
                continue
            counted = counted_in(clause)
            if counted and "번째" in counted[1]:
                return counted[1], sentence
            single = re.search(rf"\b({_ORDINAL_WORDS}|\d{{1,2}}(?:st|nd|rd|th))\b", clause, re.I)
            if single:
                return f"{number_of(single.group(1))}번째", sentence
    return None


def _which_answer(observation: str, sentences: list[str], question: str = "") -> str:
    """Which ribs the report numbers ("좌측 5, 6번째 늑골"), those of a quality asked ("어긋난 건 몇 번?": the
    displaced one), or that it does not number them."""
    subject = f"{finding_name(observation)}{particle(korean_named(observation), '이', '가')}"
    asked = next(((name, said) for name, words, said in QUALITIES if words.search(question)), None)
    if asked:
        name, said = asked
        found = _rib_with(said, sentences)
        if found:
            ribs, sentence = found
            side = side_named(sentence)
            where = " ".join(filter(None, (side, ribs)))
            subject = f"{name}{particle(name.split('(')[0], '이', '가')}"
            return f"판독문에 {subject} 있다고 적힌 것은 {where} 늑골입니다.{cite(sentence)}"
        if any(said.search(s) for s in sentences):
            quoted = next(s for s in sentences if said.search(s))
            subject = f"{name}{particle(name.split('(')[0], '이', '가')}"
            return f"판독문에 {subject} 있다고 적혀 있지만, 몇 번째 늑골인지는 적혀 있지 않습니다.{cite(quoted)}"
    for sentence in sentences:
        counted = counted_in(sentence)
        if counted and "번째" in counted[1]:
            number, words = counted
            side = side_named(sentence)
            total = f" (모두 {number}개)" if number and number > 1 else ""
            ribs = " ".join(filter(None, (side, words)))
            return f"판독문에는 {subject} {ribs} 늑골에 있다고 적혀 있습니다{total}.{cite(sentence)}"
    where = side_named(sentences[0]) if sentences else ""
    return (
        f"판독문에 {subject} {f'{where}에 ' if where else ''}있다고 적혀 있지만, 몇 번째 늑골인지는 적혀 있지 않습니다."
        f"{cite(sentences[0]) if sentences else ''}"
    )
