"""Answers drawn from the report's sentences that speak of what a question names, beyond the question kinds.

A question the reader cannot classify ("폐에 전이된 거예요?", "멍 든 거 있어요?", "식도 터진 거예요?", "가슴 수술한 적
있는 건가요?") still names something: the glossary (``korad.glossary``, the one bilingual term table) maps its
words to report concepts (metastasis, hematoma, esophageal rupture, post-operative change, the diaphragm ...)
and gives the forms a report writes them in. The report's sentences that name them are read as hedged,
denied or stated (``mention_reading``) and the answer quotes them:

- hedged: "확실하지 않습니다. 판독문은 전이 가능성을 말합니다: “…”";
- denied: "아니요, 판독문에는 … 없다고 적혀 있습니다: “…”";
- stated: "네, 판독문에 … 적혀 있습니다: “…”" (a place — the diaphragm, the esophagus — is told, no 네/아니요);
- an open question ("횡격막 어느 쪽이 올라가 있어요?") gets the facts with their side and no 네/아니요;
- "최근에 다친 거예요?" on an old fracture: 아니요, 오래된 (``OLD_WORDS``).

Only when nothing in the report relates does the caller answer that it cannot.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from korad.chat.acuity import FRESH_WORDS, OLD_WORDS
from korad.chat.answers.report_words import mention_reading, side_named
from korad.chat.answers.wording import particle, yes_no
from korad.chat.questions import POSSIBILITY_ASKED, Question, is_open, one_side_asked
from korad.details import SIDE_KO, words_in
from korad.glossary import Term, named_terms, written_pattern
from korad.lexicon import SEVERITIES
from korad.sections import reported_text
from korad.text import sentence_spans


@dataclass(frozen=True)
class Mention:
    """A sentence of the report that names a term, and what it says of it."""

    term: Term
    sentence: str
    reading: str
    """"possible", "denied" or "stated" (``mention_reading``)."""

    @property
    def side(self) -> str:
        return side_named(self.sentence)


def mentions(report: str, term: Term, pattern: re.Pattern[str] | None = None) -> list[Mention]:
    """The sentences of the report's stated part (not its indication) that name ``term`` (by ``pattern``, else
    as a report writes it), in order, each once."""
    pattern = pattern or written_pattern(term)
    text = reported_text(report) if report else ""
    found: dict[str, Mention] = {}
    for start, end in sentence_spans(text):
        sentence = " ".join(text[start:end].split())
        match = next((m for m in pattern.finditer(sentence) if not _advised(term, sentence, m)), None)
        if match and sentence not in found:
            found[sentence] = Mention(term, sentence, mention_reading(sentence, match))
    return list(found.values())


_ADVICE = re.compile(
    r"recommend|advis|consultation|referr|권고|권유|요망|요함|바람|(?:치료|시술|처치|수술)[가-힣\s]{0,6}(?:고려|필요)",
    re.IGNORECASE,
)
"""Words of advice: a clause that holds them speaks of something to do, not of something seen."""


def _advised(term: Term, sentence: str, match: re.Match[str]) -> bool:
    """Whether ``match`` is a finding's word in a clause of advice ("Surgical consultation is recommended"):
    no mention of the finding (a test's word there is the advice it is looked for in)."""
    if term.topic in ("test", "symptom"):  # a symptom's advice ("객혈의 원인 감별을 위해 CT 권유") speaks to it
        return False
    start = max(sentence.rfind(mark, 0, match.start()) for mark in ",;")
    ends = [i for i in (sentence.find(mark, match.end()) for mark in ",;") if i >= 0]
    return bool(_ADVICE.search(sentence[start + 1 : min(ends, default=len(sentence))]))


_RECENT_ASKED = re.compile(r"최근|요즘|방금|얼마\s*전|이번에|새로|갓|금방")
_UNCHANGED = re.compile(
    r"\b(?:stable|unchanged|persistent|again seen)\b|변화\s*없|이전과\s*(?:비슷|같|동일)|지속", re.IGNORECASE
)
"""A finding the report says was there before ("Stable elevation of the right hemidiaphragm")."""
_OLD_ASKED = re.compile(r"예전|오래된|오래\s*전|옛날|과거|원래")
_ANSWERED_TOPICS = ("finding", "event", "test", "place", "symptom", "drug")
_ENGLISH_WORD = re.compile(r"(?<![A-Za-z])[A-Za-z][A-Za-z-]{1,}(?![A-Za-z])")
_NOT_A_TERM = frozenset({"vs", "or", "and", "the", "is", "of", "in", "ok", "cm", "mm"})
_NATURE = (
    (re.compile(r"post-?\s?(?:operative|surgical)|수술\s*후|술후|s/p|status post", re.I), "수술 후 변화로"),
    (OLD_WORDS, "오래된(만성) 소견으로"),
    (_UNCHANGED, "이전과 변화 없는 소견으로"),
)
"""What a sentence calls a finding (its nature): told with a place asked "괜찮아요?"."""


def _quote(mentions_: list[Mention]) -> str:
    return " ".join(f"“{m.sentence}”" for m in mentions_[:2])


def _subject(name: str) -> str:
    return f"{name}{particle(name, '이', '가')}"


def english_terms(text: str) -> list[Term]:
    """Terms made of the English words of a question ("UIP 가능성 있어요?"): the word itself, as a report writes it."""
    return [
        Term(word, word, "", written=(re.escape(word),), topic="finding")
        for word in dict.fromkeys(_ENGLISH_WORD.findall(text))
        if word.lower() not in _NOT_A_TERM
    ]


_CIRCUMSTANCE = re.compile(
    r"\s*(?:전|후|뒤|중)(?:에|에는|인데|이라서?|이고|이니까?|이라고)?(?![가-힣])"
    r"|\s*(?:을|를|이|가)?\s*(?:받|하|했|당했|당하|났|나|있었)[가-힣]?(?:는데|고|서|니까|지만|은\s*(?:뒤|후|다음))"
    r"(?![가-힣])|\s*(?:인데|때문에|예정|하기|하려)"
)
"""A word after a term that makes it when, not what, is asked ("수술 전인데 문제될 만한 거 있어?")."""
_TO_DO = re.compile(r"\s*(?:을|를)?\s*(?:할|해야|받아야|받을|필요|하나요|할까|해도|시켜|하자|하래)")
"""A word after a term that makes it a thing to do, not a thing seen ("수술할 정도예요?", "수술 받아야 해요?")."""
_SIDE_ASKED = re.compile(r"어느|어디|쪽|위치|부위")
_MEANING_ASKED = re.compile(r"뜻|의미|뭐예요|뭐에요|뭔가요|뭐야|무엇|\bmean", re.IGNORECASE)
_TOLD_KINDS = frozenset({"normality", "change", "severity", "size"})
"""Question kinds whose yes or no the report's sentence about a word does not give: it is told, quoted."""


_SPREAD_TO = (
    (r"(?<![가-힣])폐", r"\blungs?\b|pulmonary|(?<![가-힣])(?:양측\s*|양\s*|좌\s*|우\s*)?폐(?!문|동맥|혈관|렴|부종)"),
    (
        r"(?<![가-힣])(?:뼈|골)|갈비뼈|늑골|척추",
        r"\bbon(?:e|es|y)\b|osseous|osteo|skelet|\bribs?\b|vertebra|spine|뼈|(?<![가-힣])골|늑골|척추|흉추",
    ),
    (r"림프절|임파", r"lymph|림프절|임파"),
    (r"(?<![가-힣])간(?=[으로에도까]|\s)", r"\bliver\b|hepatic|(?<![가-힣])간(?![가-힣])"),
    (r"(?<![가-힣])뇌", r"\bbrain\b|뇌"),
    (r"흉막", r"pleura|흉막"),
)
"""An organ a spread is asked to ("폐로 전이됐어요?", "뼈로도 퍼졌을 수 있다는 말이에요?") -> how a report names it."""


def spread_to(text: str) -> re.Pattern[str] | None:
    """How a report names the organ ``text`` asks a spread to ("폐로 전이", "뼈까지 퍼졌"), None when it asks none."""
    for asked, written in _SPREAD_TO:
        if re.search(rf"(?:{asked})[가-힣]{{0,1}}(?:으로|로|에|까지)(?:도|는|만)?\s*(?:[가-힣]+\s+)?(?:전이|퍼)", text):
            return re.compile(written, re.IGNORECASE)
    return None


def asked_terms(text: str, topics: tuple[str, ...]) -> list[Term]:
    """The glossary terms of ``topics`` that ``text`` asks about: named (``named_terms``), and not only as the
    circumstance of the question ("수술 전인데 …", "시술 후 …") or as a thing to do ("수술할 정도예요?")."""
    return [term for term in named_terms(text, topics) if asked_about(text, term)]


def asked_about(text: str, term: Term) -> bool:
    """Whether ``text`` names ``term`` as what it asks about, not only as its circumstance or a thing to do."""
    pattern = re.compile("|".join(f"(?:{a})" for a in (re.escape(term.korean), *term.aliases)), re.IGNORECASE)
    return any(
        not _CIRCUMSTANCE.match(text, m.end()) and not (term.topic != "test" and _TO_DO.match(text, m.end()))
        for m in pattern.finditer(text)
    )


def related_answer(report: str, question: Question, topics: tuple[str, ...] = _ANSWERED_TOPICS) -> str | None:
    """The answer from the report's sentences about what ``question`` names (see the module docstring); None when
    the question names nothing of ``topics`` (nor, for every topic, an English word) that the report relates to;
    "" for a change asked of a word whose age the report does not give (the change answer's to answer)."""
    terms = asked_terms(question.text, topics)
    if topics == _ANSWERED_TOPICS:
        terms += [
            t for t in english_terms(question.text) if not any(written_pattern(n).search(t.korean) for n in terms)
        ]
    if not terms:
        return None
    things = [t for t in terms if t.topic in ("finding", "event")]
    places = [t for t in terms if t.topic in ("place", "test", "drug")]
    for group in (things, [t for t in terms if t.topic == "symptom"], places):
        if group and group[0].topic == "symptom":  # "피 나는 원인이 뭐래요?": its sentences, what bears on it
            borne = _symptom_told(report, group[0], places)
            if borne:
                return borne
            continue
        said = [m for term in group for m in mentions(report, term)]
        if said:  # "뼈로 전이됐어요?": the sentences about that place first
            said.sort(key=lambda m: not any(written_pattern(p).search(m.sentence) for p in places if p not in group))
            there = spread_to(question.text)  # "폐로 전이됐어요?": that organ's sentences only, where there are some
            if there and group is things and any(there.search(m.sentence) for m in said):
                others = [m for m in said if not there.search(m.sentence)]
                elsewhere = f" 다른 곳에 대해서는 이렇게 적혀 있습니다: {_quote(others)}" if others else ""
                return _told([m for m in said if there.search(m.sentence)], question) + elsewhere
            return _told(said, question)
    for term in things:  # "코로나에요?" on "viral pneumonia": not written as such; what bears on it
        near = list({m.sentence: m for p in term.related for m in mentions(report, term, re.compile(p, re.I))}.values())
        if near:
            return (
                f"판독문에 {term.korean}{particle(term.korean, '은', '는')} 적혀 있지 않습니다. "
                f"관련된 내용: {_quote(near)} {term.explanation}"
            )
    named = [t for t in terms if t.explanation and t.topic not in ("symptom", "drug") and not t.everyday]
    if not named:  # a symptom, a drug or "배 고파요" unwritten: nothing said of the report
        return None
    names = ", ".join(t.korean for t in named[:2])
    return f"판독문에 {names}에 대한 언급이 없어, 이 판독문으로는 확인할 수 없습니다."


def _symptom_told(report: str, symptom: Term, places: list[Term]) -> str | None:
    """A symptom asked ("객혈 원인이 뭐래요?", "목 부어오른 거 뭐 때문이에요?"): the report's sentences that name it (an
    advice: "객혈의 원인 감별을 위해 CT 권유"), then its findings that may bear on it (``Term.related``, not denied;
    those at a place asked first), quoted; never a cause of our own. None when the report has neither."""
    own = mentions(report, symptom)
    near: dict[str, Mention] = {}
    for word in symptom.related:
        for m in mentions(report, symptom, re.compile(word, re.IGNORECASE)):
            if m.reading != "denied" and all(m.sentence != o.sentence for o in own):
                near.setdefault(m.sentence, m)
    order = _report_order(report)
    borne = sorted(
        near.values(),
        key=lambda m: (not any(written_pattern(p).search(m.sentence) for p in places), order(m.sentence)),
    )
    if not own and not borne:
        return None
    name = symptom.korean
    said = (
        f"판독문에 {name}에 대해 적힌 내용: {_quote(own)}" if own else f"판독문에 {name}의 원인은 적혀 있지 않습니다."
    )
    bearing = f" 사진에서 {name}{particle(name, '과', '와')} 관련될 수 있는 소견: {_quote(borne)}" if borne else ""
    return f"{said}{bearing} 증상의 원인은 진찰과 다른 검사 결과를 함께 보고 담당 의료진이 판단합니다."


def _report_order(report: str):
    """A key that orders sentences as the report does."""
    text = " ".join((reported_text(report) if report else "").split())
    return lambda sentence: text.find(sentence) % (len(text) + 1)


_GRADE_SAID = {"minimal": "아주 경미한", "mild": "경미한", "moderate": "중간 정도(중등도)의", "severe": "심한"}
"""How a grade of the report reads in an answer to "심해요?"."""


def _graded(said: list[Mention], question: Question) -> str | None:
    """ "기관지 벽 두꺼워진 거 심해?" on "mild peribronchial thickening": the grade its own sentence gives (아니요 for
    minimal or mild, 네 for severe, neither for moderate); None when no sentence grades it."""
    for m in said:
        grades = [g for g in words_in(m.sentence.lower()).get("severity", []) if g in _GRADE_SAID]
        if m.reading == "denied" or not grades:
            continue
        worst = max(grades, key=SEVERITIES.index)
        holds = {"minimal": False, "mild": False, "moderate": None, "severe": True}[worst]
        if holds is not None and question.direction == "mild":  # "경미한 거죠?"
            holds = not holds
        lead = f"{yes_no(holds, question.negated)}, " if holds is not None else ""
        name = m.term.korean
        return (
            f"{lead}판독문에 {name}{particle(name, '은', '는')} {_GRADE_SAID[worst]} 정도로 적혀 있습니다: "
            f"{_quote([m])}"
        )
    return None


def _told(said: list[Mention], question: Question) -> str:
    """The answer from the mentions of the terms asked: open, yes/no by their reading, or by their age."""
    side = SIDE_KO.get(one_side_asked(question.text) or "", "")
    if side and not re.search(r"어느|어디|양쪽|양측", question.text):
        here = [m for m in said if m.side in (side, "양측", "")]
        if not [m for m in here if m.side]:
            there = [m for m in said if m.side]
            if there and not [m for m in here if m.reading != "denied"]:
                name = there[0].term.korean
                return (
                    f"{yes_no(False, question.negated)}, 판독문에 {name}{particle(name, '은', '는')} "
                    f"{there[0].side}에 있다고 적혀 있습니다: {_quote(there)}"
                )
        said = here or said
    said = sorted(said, key=lambda m: {"stated": 0, "possible": 1, "denied": 2}[m.reading])  # stable: place first
    first = said[0]
    name = first.term.korean
    side = first.side if first.reading != "denied" else ""
    aged = _aged(said, question) if first.term.topic == "event" or _RECENT_ASKED.search(question.text) else None
    if aged or question.kind == "change":  # a change asked is the change answer's but for the age written
        return aged or ""
    graded = _graded(said, question) if question.kind == "severity" else None
    if graded:
        return graded
    if is_open(question.text) or first.term.topic in ("place", "test", "drug") or question.kind in _TOLD_KINDS:
        nature = next((words for pattern, words in _NATURE if pattern.search(first.sentence)), "")
        called = f" 판독문은 이를 {nature} 적고 있습니다." if nature and question.kind == "normality" else ""
        if _MEANING_ASKED.search(question.text) and not first.term.explanation:  # "ARDS가 뭐예요?", no entry
            called += " 이 용어의 설명은 준비되어 있지 않으니, 자세한 뜻은 담당 의료진에게 물어보세요."
        where = f"{side} " if side and _SIDE_ASKED.search(question.text) else ""
        return f"판독문에 {where}{name}에 대해 적힌 내용: {_quote(said)}{called}"
    if first.reading == "possible" and POSSIBILITY_ASKED.search(question.text):  # "전이 가능성 있어요?"
        return (
            f"{yes_no(True, question.negated)}, 판독문은 {side + '의 ' if side else ''}{name} 가능성을 말합니다: "
            f"{_quote(said)} {first.term.explanation}"
        ).rstrip()
    if first.reading == "possible":
        return (
            f"확실하지 않습니다. 판독문은 {side + '의 ' if side else ''}{name} 가능성을 말합니다: {_quote(said)} "
            f"{first.term.explanation}"
        ).rstrip()
    if first.reading == "denied":
        return f"{yes_no(False, question.negated)}, 판독문에는 {_subject(name)} 없다고 적혀 있습니다: {_quote(said)}"
    where = f"{side}에 " if side else ""
    return (
        f"{yes_no(True, question.negated)}, 판독문에 {where}{_subject(name)} 있다고 적혀 있습니다: {_quote(said)} "
        f"{first.term.explanation}"
    ).rstrip()


def _aged(said: list[Mention], question: Question) -> str | None:
    """ "최근에 다친 거예요?" on "진구성 골절": 아니요, old; on "acute fractures": 네; None when the report gives no
    age."""
    stated = [m for m in said if m.reading != "denied"]
    old = [m for m in stated if OLD_WORDS.search(m.sentence) and not FRESH_WORDS.search(m.sentence)]
    fresh = [m for m in stated if FRESH_WORDS.search(m.sentence)]
    kept = [m for m in stated if _UNCHANGED.search(m.sentence) and not FRESH_WORDS.search(m.sentence)]
    if kept and not (old or fresh) and _RECENT_ASKED.search(question.text):  # "새로 생긴 거예요?" on "stable"
        return (
            f"{yes_no(False, question.negated)}, 판독문에는 이전과 변화 없는(이전부터 있던) 소견으로 적혀 있습니다: "
            f"{_quote(kept)}"
        )
    if not (old or fresh):
        return None
    if not (_RECENT_ASKED.search(question.text) or _OLD_ASKED.search(question.text)):  # "다쳤어요?": yes, and how old
        if fresh or question.kind != "other":
            return None
        return (
            f"{yes_no(True, question.negated)}, 다만 판독문에는 오래된(진구성, 치유된) 소견으로 적혀 있어, 최근에 생긴 "
            f"것은 아닙니다: {_quote(old)}"
        )
    recent_asked = not _OLD_ASKED.search(question.text)
    if fresh:
        lead = yes_no(recent_asked, question.negated)
        return f"{lead}, 판독문에 새로(급성으로) 생긴 소견이 적혀 있습니다: {_quote(fresh)}"
    return (
        f"{yes_no(not recent_asked, question.negated)}, 판독문에는 오래된(진구성, 치유된) 소견으로 적혀 있어, 최근에 "
        f"생긴 것이 아닙니다: {_quote(old)}"
    )
