"""The report's own reading of a thing it names, asked as a concern, a meaning, a cause or an alternative.

A radiologist often says what a finding is: "compatible with post-radiation fibrosis", "which may reflect
pulmonary hypertension", "Lt. lower lobectomy 후 변화 - … hemidiaphragm 거상", "활동성 폐결핵 가능성 높음. DDx)
괴사성 폐렴". Questions about that finding are answered from that reading, quoted:

- a concern ("종격동이 치우쳤다는데 위험한 거예요?", "횡격막 올라간 거 문제 있는 거야?"): the report's reading (a change
  after the operation, radiation, an old or common finding), never a verdict of our own;
- a meaning ("폐동맥 커진 건 무슨 의미야?", "심장 뒤에 보이는 건 뭐예요?"): what the report says it is or may be;
- a cause ("그 하얀 부분 방사선 치료 때문에 생긴 거예요?"): 네 when the report gives that cause, else the one it
  gives;
- an alternative ("결핵 말고 다른 가능성은?"): the other diagnoses the report weighs (DDx, vs, 감별);
- a possibility ("뼈로도 퍼졌을 수 있다는 말이에요?"): 네 where the report weighs it.

The thing is found as the question names it: a finding of the vocabulary, else a glossary term (a place: the
mediastinum, the aorta; a finding outside the vocabulary: a metastasis). None when the question asks none of
these or the report gives no reading of the thing (the other answers then answer it).
"""

from __future__ import annotations

import re
from itertools import pairwise

from korad.chat.acuity import CHRONIC_KINDS, OLD_WORDS, no_acute_statement
from korad.chat.answers.facts import details_of, evidence, resolve, sentence_of, status
from korad.chat.answers.fitness import POSTOP_SAID
from korad.chat.answers.meaning import meaning_answer
from korad.chat.answers.related import Mention, asked_terms, mentions, spread_to
from korad.chat.answers.report_words import side_named
from korad.chat.answers.wording import Reply, finding_name, particle, yes_no
from korad.chat.questions import DEVICES, POSSIBILITY_ASKED, Question
from korad.findings import Findings, hedged, label_report
from korad.glossary import TERMS, Term, find_terms, written_pattern
from korad.sections import reported_text
from korad.text import sentence_spans

_CONCERN = re.compile(
    r"위험|문제\s*(?:[가는이]\s*)?(?:있|되|인|야|예|에요|없)|이상(?:하|한|이\s*있|있)|괜찮|심각|나쁜|걱정|안\s*좋|큰일"
)
"""A concern about a thing named ("위험한 거예요?", "문제 있는 거야?", "이상하다는 거예요?", "괜찮은 거예요?")."""
_MEANING = re.compile(
    r"의미|뜻|무슨\s*말|왜|이유|(?:뭐|무엇|뭔)(?:예요|에요|야|인가요|인데|이에요|일까|지)|어떤\s*(?:거|건|것)|\bmean",
    re.IGNORECASE,
)
"""What a thing is or means ("폐동맥 커진 건 무슨 의미야?", "심장 뒤에 보이는 건 뭐예요?")."""
_CAUSE = re.compile(
    r"때문|탓|원인|부작용|(?:으로|(?<!새)로)\s*(?:인해|인한|생긴|온|된)|(?:에서|으로|(?<!새)로)\s*(?:오는|온|생긴)"
)
"""A cause asked ("방사선 때문에", "수술로 인한", "항암제 부작용일 수도"); "새로 생긴" is new, not a cause."""
_ALTERNATIVE = re.compile(
    r"(?:말고|외에(?:는)?|이외에?|빼고|아니면)\s*(?:다른|또|뭐)|다른\s*(?:가능성|병|질환|원인|진단|거|건)|감별"
)
"""Another diagnosis than the one named ("결핵 말고 다른 가능성은?", "폐렴 외에 다른 병일 수도 있어요?",
"감별 진단은?")."""

OPACITIES = ("Consolidation", "Atelectasis", "Pneumonia", "Edema", "Scarring", "Interstitial Lung Disease", "Mass")
"""What a report writes for a white area asked ("그 하얀 부분"), when it writes no "opacity"."""
_READING = re.compile(
    r"\b(?:compatible with|consistent with|in keeping with|suggestive of|suggesting|suggests?|suspicious (?:for|of)"
    r"|concerning for|worrisome for|[\w]+[- ](?:related|induced|associated)"
    r"|(?:may|might|could|likely|probably)\s+(?:reflect|represent|be due to|be related to"
    r"|indicate|relate to)\w*|reflect(?:s|ing)|represent(?:s|ing)|due to|secondary to|related to|attribut\w+ to"
    r"|likely|probabl[ey]|post-?\s?(?:operative|surgical|radiation|treatment|therapy|inflammatory|infectious)"
    r"|status post|s/p"
    r"|(?:after|following)\s+(?:\w+\s+){0,3}\w*(?:ectomy|otomy|plasty|surgery|resection|radiation|therapy))\b"
    r"|시사|의심|가능성|합당|부합|일치|(?:으로|로|에)\s*(?:인한|의한|생각)|때문|(?:수술|절제술?|[A-Za-z]+ectomy|방사선\s*치료|치료)\s*(?:후|뒤)",
    re.IGNORECASE,
)
"""Words by which a report says what a finding is, may be, or comes from."""
_DIFFERENTIAL = re.compile(r"\bDDx\b|differential|\bvs\.?(?=\s)|versus|감별|\bor\b|혹은|또는|r/o", re.IGNORECASE)
"""Words by which a report weighs another diagnosis ("DDx) 괴사성 폐렴", "metastasis vs 2nd primary", "감별 요함")."""

CAUSES: tuple[tuple[str, str], ...] = (
    (r"방사선|(?<![A-Za-z])RT(?![A-Za-z])|radiation", r"radiation|(?<![A-Za-z])RT(?![A-Za-z])|방사선"),
    (r"수술|절제|시술", POSTOP_SAID.pattern + r"|post-?\s?(?:operative|surgical)|수술|절제|ectomy|otomy"),
    (
        r"항암|화학\s*요법|chemo|면역\s*치료|immuno|약물|약제|(?<![가-힣])약(?![가-힣])|스테로이드|steroid",
        r"chemo|immuno|checkpoint|항암|면역|drug|약물|약제|toxicity|steroid|스테로이드",
    ),
    (r"공기|바람|가스|(?<![A-Za-z])air(?![A-Za-z])", r"\bair\b|\bgas\b|emphysema|pneumo\w*|기종|공기|기흉"),
    (r"결핵|(?<![A-Za-z])TB(?![A-Za-z])", r"tubercul|(?<![A-Za-z])TB(?![A-Za-z])|결핵"),
    (r"감염|세균|바이러스|염증|폐렴", r"infect|pneumonia|감염|폐렴|염증|inflammat"),
    (r"담배|흡연", r"smok|흡연|담배"),
    (r"나이|노화|늙", r"degenerat|age-?related|aging|퇴행|노화"),
    (r"심장|심부전", r"cardiac|heart|CHF|심부전|심장"),
    (r"사고|다쳐|다친|외상|부딪", r"trauma|injur|fractur|contusion|외상|골절"),
    (r"암|종양|전이", r"malignan|metasta|tumou?r|cancer|carcinoma|암|종양|전이"),
)
"""A cause a question names ("방사선 치료 때문에") -> how a report writes it."""
_POSTOP_CHANGES = re.compile(
    r"shift|deviat|retract|volume loss|elevat|거상|편위|이동|치우|당겨|부피\s*감소|diaphragm|횡격막|종격|mediastin"
    r"|hilum|hilar|폐문|pleural thickening|흉막\s*비후",
    re.IGNORECASE,
)
"""What an operation on a lung leaves on its side: a shift, a raised diaphragm, a pulled hilum, lost volume."""


_PLACES = frozenset(t.korean for t in TERMS if t.topic == "place")
_TOLD_NAMES = frozenset(t.korean for t in TERMS if t.topic in ("place", "finding") and t.observation is None)
"""The names of the glossary's places and findings outside the vocabulary: a sentence about one that writes the
cause asked answers it ("목 부어오른 거 공기 때문이에요?" on "양측 경부 … 피하기종")."""
"""The names of the places of the chest a question may ask about (the mediastinum, the aorta, the apex)."""
_AFTER_OPERATION = re.compile(
    r"post-?\s?(?:operative|surgical)|수술\s*(?:후|뒤)|술후"
    r"|(?:compatible with|consistent with|related to|due to|from|after|following)\s+(?:the\s+)?"
    r"(?:prior|previous|remote|recent)?\s*(?:\w+\s+){0,3}\w*(?:ectomy|otomy|resection|surgery|operation)",
    re.IGNORECASE,
)
"""A finding read as left by an operation ("atelectasis, likely postoperative", "수술 후 변화", "compatible with
prior left upper lobectomy")."""


def _cause_asked(text: str) -> str | None:
    """How a report writes the cause a question names just before its "때문에" ("방사선 치료 때문에 생긴 거예요?")."""
    marker = _CAUSE.search(text)
    before = text[max(0, marker.start() - 12) : marker.start()] if marker else ""
    return next((written for asked, written in CAUSES if before and re.search(asked, before, re.I)), None)


def _asked(text: str) -> str | None:
    if _ALTERNATIVE.search(text):
        return "alternative"
    if _cause_asked(text):
        return "cause"
    if POSSIBILITY_ASKED.search(text) and re.search(r"(?:말|뜻|얘기|거|건)(?:이에요|예요|인가요|이야|야|죠)", text):
        return "possible"  # "뼈로도 퍼졌을 수 있다는 말이에요?": is that what it says
    if _MEANING.search(text):
        return "meaning"
    if _CONCERN.search(text):
        return "concern"
    return None


def _sentences(findings: Findings, question: Question, report: str) -> list[tuple[str, str]]:
    """(sentence, name) of the report's sentences about the thing asked (not denied), in report order."""
    asked = [o for o in resolve(findings, question.observations) if o not in DEVICES]
    found = [o for o in asked if status(findings, o) in ("positive", "uncertain")]
    if asked == ["Lung Opacity"] and not found:  # "그 하얀 부분": the report's opacity, by whatever name it writes
        found = [o for o in OPACITIES if status(findings, o) in ("positive", "uncertain")][:1]
    said: dict[str, str] = {}
    for observation in found:
        sentences = [sentence_of(findings, d) for d in details_of(findings, observation) if d.status != "negative"]
        for sentence in sentences or [evidence(findings, observation) or ""]:
            if sentence:
                said.setdefault(" ".join(sentence.split()), finding_name(observation))
    if said or (asked and not _CAUSE.search(question.text)):
        return list(said.items())
    terms = [t for t in asked_terms(question.text, ("finding", "place")) if not _names_cause(t, question.text)]
    # "횡격막 올라간 거": the elevation before the diaphragm; "횡격막 밑에": the longer name asked first
    terms.sort(key=lambda t: (t.topic != "finding", -_named_length(t, question.text)))
    terms += [t for t in find_terms(question.text) if t.topic == "" and t.observation is None and t not in terms]
    there = spread_to(question.text)
    for term in terms:
        named: list[Mention] = [m for m in mentions(report, term) if m.reading != "denied"]
        if there:  # "뼈로도 퍼졌을 수": the sentences about that organ
            named = [m for m in named if there.search(m.sentence)]
        for mention in named:
            said.setdefault(mention.sentence, term.korean)
    return list(said.items())


def _named_length(term: Term, text: str) -> int:
    """How long a name of ``term`` in ``text`` is (the more specific term names more of the question)."""
    forms = (re.escape(term.korean), re.escape(term.english), *term.aliases)
    return max((len(m.group()) for f in forms for m in re.finditer(f, text, re.IGNORECASE)), default=0)


def _names_cause(term: Term, text: str) -> bool:
    """Whether a glossary term of the question is only the cause it asks about ("방사선 치료 때문에 생긴 거예요?"), not
    the thing a "거" closes before the cause ("목 부어오른 거 공기 때문이에요?")."""
    found = written_pattern(term).search(text)
    cause = _CAUSE.search(text, found.end()) if found else None
    gap = text[found.end() : cause.start()] if found and cause else ""
    return bool(cause and len(gap) < 12 and not _THING_CLOSED.search(gap))


_THING_CLOSED = re.compile(r"(?<=[가-힣])\s*(?:거|건|게|것)(?:[이가은는]|\s)")
"""The "거" that closes the thing asked about ("목 부어오른 거 …")."""


def _reading(sentence: str) -> re.Match[str] | None:
    return _READING.search(sentence)


def _glossed(sentence: str, skip: str, whole: bool = False) -> str:
    """The glossary's plain Korean for the terms and findings of ``sentence`` from its reading on (all of it when
    ``whole``), not ``skip``."""
    start = None if whole else _reading(sentence)  # from the reading's clause: "반흔으로 생각됨" names it first
    marks = (",", ";", " - ", ":")
    clause = max(sentence.rfind(mark, 0, start.start()) for mark in marks) if start else -1
    tail = sentence[clause + 1 :]
    labeled = label_report(tail)
    labels = {**{d.observation: d.status for d in labeled.details}, **labeled.labels}
    found: list[tuple[int, int, str]] = []
    for term in TERMS:
        if term.korean == skip or term.topic in ("place", "test", "drug", "symptom") or not term.explanation:
            continue
        if (term.observation is None and not term.topic) or written_pattern(term).search("postoperative"):
            continue  # an abbreviation ("DDx") or the operation itself: no diagnosis to explain
        if term.observation and labels.get(term.observation) not in ("positive", "uncertain"):
            continue
        match = written_pattern(term).search(tail)
        if match:
            found.append((match.start(), match.end(), f"{term.korean}({term.english}): {term.explanation}"))
    # the longest name wins ("necrotizing pneumonia" is explained, not "pneumonia" inside it)
    notes = [n for a, b, n in found if not any(c <= a and b <= d and (c, d) != (a, b) for c, d, _ in found)]
    return (" " + " ".join(notes[:2])) if notes else ""


def _postop_nearby(report: str, sentence: str) -> str | None:
    """The report's statement of an operation on the side of ``sentence`` when ``sentence`` is a change an
    operation leaves (a shift, a raised diaphragm): "Stable postoperative appearance after right upper lobectomy"."""
    if not _POSTOP_CHANGES.search(sentence):
        return None
    side = side_named(sentence) or _direction_side(sentence)
    text = reported_text(report)
    for start, end in sentence_spans(text):
        other = " ".join(text[start:end].split())
        if other != sentence and POSTOP_SAID.search(other) and (not side or side_named(other) in (side, "")):
            return other
    return None


def _direction_side(sentence: str) -> str:
    found = re.search(r"\b(left|right)ward|(왼|오른)쪽으로", sentence, re.I)
    if not found:
        return ""
    return "좌측" if (found.group(1) or found.group(2)).lower() in ("left", "왼") else "우측"


def _names_itself(sentence: str, terms: list[Term]) -> bool:
    """Whether the reading of ``sentence`` is a term asked itself ("s/p 무슨 뜻이에요?" on "Status post …")."""
    reading = _reading(sentence)
    spans = [m.span() for t in terms for m in written_pattern(t).finditer(sentence)]
    if not reading:
        return False
    # inside a term's name, or its "s/p" just before it ("s/p MVR")
    return any(a <= reading.start() < b or 0 <= a - reading.end() <= 2 for a, b in spans)


def _next_sentence(report: str, sentence: str) -> str:
    """The sentence after ``sentence`` on the same line of the report ("" when none)."""
    text = reported_text(report)
    spans = [" ".join(text[a:b].split()) for a, b in sentence_spans(text)]
    lines = {" ".join(line.split()) for line in text.splitlines()}
    for first, after in pairwise(spans):
        if first == sentence and any(f"{first} {after}" in line for line in lines):
            return after
    return ""


def _advice_after(findings: Findings, report: str, observations: tuple[str, ...]) -> list[str]:
    """The report's advice sentences that follow a sentence naming one of ``observations`` ("Small pneumoperitoneum,
    likely postoperative. If clinical concern for leak …, correlate with CT."): the advice about that finding."""
    advised = {" ".join(r.split()) for r in findings.recommendations}
    text = reported_text(report)
    spans = [" ".join(text[a:b].split()) for a, b in sentence_spans(text)]
    named = [written_pattern(t) for t in TERMS if t.observation in observations]
    return [after for first, after in pairwise(spans) if after in advised and any(p.search(first) for p in named)]


def _q(sentence: str) -> str:
    return f"“{sentence}”"


def explained_answer(findings: Findings, question: Question, report: str) -> Reply | None:
    """The answer from the report's own reading of the thing asked (see the module docstring); None when the
    question asks no concern, meaning, cause, alternative or possibility of a thing the report reads."""
    asked = _asked(question.text)
    if asked is None or not report or question.kind == "cause" or any(o in DEVICES for o in question.observations):
        return None  # a device asked ("ETT 위치 괜찮아요?"): the position answer; a symptom's cause: the cause one
    glossed = [t for t in find_terms(question.text) if t.topic != "place" and t.explanation]
    said = _sentences(findings, question, report)
    if not said:
        return None
    read = [(s, n) for s, n in said if _reading(s)]
    if asked == "meaning" and glossed:  # "무기폐가 무슨 뜻이에요?": the glossary's meaning, and the report's reading
        read = [(s, n) for s, n in read if not _names_itself(s, glossed)]
        if not read:
            return None
        sentence, name = read[0]
        meant = meaning_answer(find_terms(question.text), findings, report)
        if sentence in meant.text:  # the glossary answer quotes it already ("NTM이 뭐예요?")
            return None
        return Reply(
            f"{meant.text}\n이 판독문은 {name}{particle(name, '을', '를')} 다음과 같이 봅니다: {_q(sentence)}"
            f"{_glossed(sentence, glossed[0].korean)}",
            meant.claims,
        )
    if asked == "alternative":  # in the sentence, or right after it ("… 가능성 높음. DDx) 괴사성 폐렴.")
        weighed = [(f"{s} {after}".strip(), n) for s, n in said for after in ("", _next_sentence(report, s))]
        weighed = [(s, n) for s, n in weighed if _DIFFERENTIAL.search(s)]
        if not weighed:
            return None
        sentence, name = weighed[0]
        return Reply(
            f"판독문은 {name} 외에 다른 가능성도 함께 적었습니다: {_q(sentence)}{_glossed(sentence, name)} "
            "어느 쪽인지는 추가 검사와 담당 의료진의 판단으로 확인합니다."
        )
    if asked == "cause":
        cause = _cause_asked(question.text) or ""
        given = [(s, n) for s, n in read if re.search(cause, s[_reading(s).start() :], re.I)]  # type: ignore[union-attr]
        told = [(s, n) for s, n in said if n in _TOLD_NAMES and cause and re.search(cause, s, re.I)]
        if (
            told and not given
        ):  # "목 부어오른 거 공기 때문이에요?" on "경부 … 피하기종": the cause asked is what it holds
            sentence, name = told[0]
            how = "가능성으로 " if hedged(sentence) else ""
            return Reply(
                f"{yes_no(True, question.negated)}, 판독문에 {name}에 대해 물어보신 것이 {how}적혀 있습니다: "
                f"{_q(sentence)}{_glossed(sentence, name, whole=True)}"
            )
        if given:
            sentence, name = given[0]
            how = "가능성으로" if hedged(sentence) else "변화로"  # "drug-related pneumonitis is a consideration"
            also = "".join(f" {_q(s)}" for s, _ in given[1:2])
            told = f"{name}{particle(name, '을', '를')} 물어보신 원인과 관련된 {how}"
            if any(t.korean == name and re.search(cause, t.english, re.I) for t in TERMS):  # "부작용일 수도": itself
                told = f"{name} 가능성을" if hedged(sentence) else f"{name}{particle(name, '을', '를')}"
            return Reply(
                f"{yes_no(True, question.negated)}, 판독문은 {told} 적었습니다: {_q(sentence)}{also}"
                f"{_glossed(sentence, name)}"
            )
        if not read:  # "폐기종이 담배 때문이에요?" on "Emphysema.": no cause written, the finding and its meaning
            sentence, name = said[0]
            meaning = next((t.explanation for t in TERMS if t.observation and finding_name(t.observation) == name), "")
            return Reply(
                f"판독문에는 원인이 적혀 있지 않습니다. 판독문에 적힌 내용: {_q(sentence)} {meaning} 원인은 진찰과 "
                "병력을 함께 보고 담당 의료진이 판단합니다.".replace("  ", " ")
            )
        sentence, name = read[0]
        return Reply(
            f"판독문에 물어보신 원인은 적혀 있지 않습니다. 판독문은 이 {name}{particle(name, '을', '를')} 다음과 같이 "
            f"적었습니다: {_q(sentence)}{_glossed(sentence, name)} 원인은 담당 의료진과 상의하세요."
        )
    if asked == "possible":
        sentence, name = said[0]
        weighed = hedged(sentence)
        lead = yes_no(True, question.negated)
        how = "가능성(의심)으로" if weighed else "있다고"
        return Reply(f"{lead}, 판독문은 {how} 적었습니다: {_q(sentence)}{_glossed(sentence, '')}")
    if read:
        sentence, name = read[0]
        postop = POSTOP_SAID.search(sentence) or _AFTER_OPERATION.search(sentence)
        if asked == "concern" and not postop and question.observations and question.kind in ("presence", "normality"):
            return None  # "심장에 이상 있어요?" on "cardiomegaly, likely …": a yes or no, the presence answer's
        if asked == "concern" and postop:
            advice = "".join(f" 판독문의 권고: {_q(a)}" for a in _advice_after(findings, report, question.observations))
            return Reply(
                f"판독문은 이 {name}{particle(name, '을', '를')} 수술 후 변화로 적었습니다: {_q(sentence)} 수술 뒤에 "
                f"생기는 변화로 적힌 것이며, 판독문에 새로 생긴 급한 문제로 적혀 있지는 않습니다.{advice} "
                "자세한 의미는 담당 의료진과 상의하세요."
            )
        lasting = next(
            (t for t in TERMS if t.observation in CHRONIC_KINDS and finding_name(t.observation) == name), None
        )
        kind = f" {lasting.explanation}" if lasting and asked == "concern" else ""  # "석회화 육아종 위험해요?"
        if name in _PLACES:  # "폐 꼭대기에 있는 건 뭐예요?": what the report writes there, its findings explained
            return Reply(
                f"판독문에 {name}에 대해 적힌 내용: {_q(sentence)}{_glossed(sentence, name, whole=True)} 자세한 "
                "의미는 담당 의료진과 상의하세요."
            )
        return Reply(
            f"판독문은 {name}{particle(name, '을', '를')} 다음과 같이 봅니다: {_q(sentence)}{kind}"
            f"{_glossed(sentence, name)} 자세한 의미는 담당 의료진과 상의하세요."
        )
    sentence, name = said[0]
    postop = _postop_nearby(report, sentence)
    if postop and asked in ("concern", "meaning"):
        return Reply(
            f"판독문에 {name}에 대해 적힌 내용: {_q(sentence)} 판독문에는 같은 쪽의 수술 후 변화가 함께 적혀 있습니다: "
            f"{_q(postop)} 수술 뒤에 생길 수 있는 변화로, 판독문에 새로 생긴 급한 문제로 적혀 있지는 않습니다. 자세한 "
            "의미는 담당 의료진과 상의하세요."
        )
    labeled = [
        d.observation
        for d in findings.details
        if d.status == "positive" and " ".join(sentence_of(findings, d).split()) == sentence
    ]
    chronic = bool(labeled) and labeled[0] in CHRONIC_KINDS  # "대동맥 구불구불한 게 위험한 거예요?": a change of age
    if asked == "concern" and labeled and (question.kind in ("other", "urgency") or chronic):
        observation = labeled[0]
        explanation = next((t.explanation for t in TERMS if t.observation == observation), "")
        old = " 판독문은 이를 오래된 소견으로 적었습니다." if OLD_WORDS.search(sentence) else ""
        quiet = no_acute_statement(report)
        acute = f" 판독문은 급성 이상은 없다고 적었습니다: {_q(quiet)}" if quiet else ""
        found = finding_name(observation)
        told = f"{name}에 대해 적힌 것은 {found}입니다"
        if found == name:
            told = f"{found}{particle(found, '이', '가')} 적혀 있습니다"
        return Reply(
            f"판독문에 {told}: {_q(sentence)} {explanation}{old}{acute} 자세한 의미는 담당 의료진과 상의하세요."
        )
    if asked == "meaning":  # "심장 뒤에 보이는 건 뭐예요?": what the report places there
        return Reply(f"판독문에 {name}에 대해 적힌 내용: {_q(sentence)}{_glossed(sentence, name)}")
    return None
