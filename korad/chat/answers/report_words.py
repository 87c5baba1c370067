"""Findings outside the labeler's vocabulary (``REPORT_WORDS``), read from the report's own sentences."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from korad.chat.answers.wording import Reply, particle, yes_no
from korad.chat.questions import Question, asks_normal
from korad.details import SIDE_KO, words_in
from korad.findings import hedged
from korad.lexicon import EXTRA_MENTIONS
from korad.patterns import alternation, lower
from korad.sections import reported_text
from korad.text import sentence_spans


def mention_reading(sentence: str, found: re.Match[str]) -> str:
    """What ``sentence`` says of the words ``found`` in it: "possible" (hedged and not denied), "denied" or
    "stated"."""
    before = _clause_before(sentence, found)
    closing = _CLOSING_DENIAL.match(sentence[found.end() :])
    if closing and not re.search(r"확실|배제|단정", closing.group()):  # "전이를 시사하는 결절은 없음": hedge denied
        return "denied"
    if hedged(sentence) and not (_DENIED.search(before) and not hedged(before)):
        return "possible"
    return "denied" if denied_at(sentence, found) else "stated"


def report_word_readings(word: ReportWord, text: str) -> Iterator[tuple[str, str]]:
    """Each sentence of ``text`` that names ``word``, collapsed, with what it says of it (``mention_reading``)."""
    for start, end in sentence_spans(text):
        sentence = " ".join(text[start:end].split())
        found = word.written.search(sentence)
        if found:
            yield sentence, mention_reading(sentence, found)


def _clause_before(sentence: str, found: re.Match[str]) -> str:
    return re.split(r"[,;]|\band\b|\bbut\b", sentence[: found.start()], flags=re.I)[-1]


_CLOSING_DENIAL = re.compile(r"(?:(?!있|보이(?!지)|보임|(?<![가-힣])외\s|이외|제외)[^.,;]){0,24}?(?:없|않|아님)")
"""A Korean clause that closes on a denial of the words before it ("전이를 시사하는 소견 없음", "혈종 및 출혈은
보이지 않음"); not one that states something first ("흉수 있으며 기흉 없음")."""


def denied_at(sentence: str, found: re.Match[str]) -> bool:
    """Whether ``sentence`` denies the words ``found`` in it: a negation in their clause before them ("no ...",
    "without ...") or a Korean clause closing on one after them ("... 없음", "... 시사하는 소견 없음", "... 보이지
    않음", ``_CLOSING_DENIAL``)."""
    return bool(_DENIED.search(_clause_before(sentence, found)) or _CLOSING_DENIAL.match(sentence[found.end() :]))


def report_word_reading(word: ReportWord, text: str) -> tuple[str, str] | None:
    """The first sentence of ``text`` that names ``word`` and what it says of it (``report_word_readings``);
    None when no sentence names it."""
    return next(report_word_readings(word, text), None)


class WrittenAs:
    """How a report writes a report word: the labeler's own terms when the vocabulary has its observation
    (``korad.lexicon.EXTRA_MENTIONS``, matched as the labeler matches them), and words of its own beyond them;
    ``search`` as a compiled pattern's."""

    def __init__(self, pattern: str = "", observation: str = "") -> None:
        self._own = re.compile(pattern, re.IGNORECASE) if pattern else None
        self._terms = alternation([("terms", EXTRA_MENTIONS[observation])]) if observation else None

    def search(self, text: str) -> re.Match[str] | None:
        """The first place ``text`` names the word (offsets into ``text``), else None."""
        own = self._own.search(text) if self._own else None
        term = self._terms.search(lower(text)) if self._terms else None  # lowercasing keeps the offsets
        return min(filter(None, (own, term)), key=lambda m: m.start(), default=None)


@dataclass(frozen=True)
class ReportWord:
    """A finding outside the labeler's vocabulary that patients ask about, found by its words in the report."""

    asked: re.Pattern[str]
    """How a question names it ("피하기종", "등뼈", "유방 수술")."""
    written: WrittenAs
    """How a report writes it ("subcutaneous emphysema", "degenerative changes", "mastectomy")."""
    korean: str
    explanation: str
    lesion: bool = False
    """Whether a lesion question ("암인가요?") may be about it: a cavity, enlarged lymph nodes, sarcoidosis."""
    unseen: str = ""
    """For a diagnosis a chest radiograph cannot rule out (aortic dissection, pulmonary embolism): what to
    say when the report does not name it, instead of a bare "not written"."""
    observation: str = ""
    """The labeler's observation for it, when the vocabulary has one: the report's words for it are the
    labeler's (``WrittenAs``), and where the labeler finds it the summary names the labeler's detail and not
    this word again."""


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
        re.compile(asked, re.I), WrittenAs(written, observation), korean, explanation, lesion, unseen, observation
    )


REPORT_WORDS: tuple[ReportWord, ...] = (
    _word(
        r"피하\s*기종|피부\s*(?:밑|아래)에?\s*공기|subcutaneous",
        "",  # the labeler's words
        "피하기종",
        "피부 밑(가슴 벽 등)에 공기가 들어가 있다는 뜻입니다.",
        observation="Subcutaneous Emphysema",
    ),
    _word(
        r"유방",
        # the labeler's words for a mastectomy, and the other traces of breast surgery
        r"lumpectom\w*|breast (?:surgery|implants?|prosthes\w*|reconstruction)|유방\s*(?:수술|보형물)",
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
    _word(  # "구멍은 이제 없죠?": a cavity in everyday words ("폐에 구멍 났어요?" is a pneumothorax)
        r"공동|cavit"
        r"|(?<!폐에 )(?<!폐에)(?<!식도에 )(?<!식도에)(?<!식도 )(?<!식도)구멍(?!\s*(?:이|가)?\s*(?:나|난|났|뚫|생))",
        "",  # the labeler's words
        "공동(cavity)",
        "폐 병변 안에 빈 공간(구멍)이 생겼다는 뜻으로, 결핵이나 일부 감염, 종양에서 보일 수 있습니다.",
        True,
        observation="Cavity",
    ),
    _word(
        r"림프절|임파선|lymph",
        "",  # the labeler's words
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
        r"|(?:종격동|기관|심장)\s*(?:의\s*)?(?:편위|전위|변위|이동|밀림)",
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
"""A denial in a report's sentence ("No evidence of aortic dissection", "재발 의심 소견 없음")."""
MEDIASTINAL_SHIFT = next(w for w in REPORT_WORDS if w.korean == "종격동 편위(mediastinal shift)")
"""The one reading of a mediastinal shift: its own answer, and a tension pneumothorax's sign (``presence``)."""
SPINE_WORD = next(w for w in REPORT_WORDS if w.korean == "척추의 퇴행성 변화")
MILD_WORDS = re.compile(r"\b(?:mild|minimal|slight|minor)\b|경도|경미|약간", re.IGNORECASE)


_CHANGE_SAID = {
    "worse": "이전보다 악화되었다고",
    "better": "이전보다 호전되었다고",
    "new": "새로 생겼다고",
    "stable": "이전과 변화 없다고",
    "resolved": "사라졌다고",
}
_CLAUSE_BREAK = re.compile(
    r"[,;:()]|\b(?:with|and|consistent with|compatible with|suggest\w*|due to|from|likely|which)\b"
    r"|(?:및|으로|로\s*인한|에\s*의한|동반)(?:\s|$)",
    re.IGNORECASE,
)


def own_clause(sentence: str, found: re.Match[str] | None) -> str:
    """The words of ``sentence`` that are about the match ``found``: from the clause break before it to the one after
    ("Cardiomegaly with bilateral effusions, consistent with worsening CHF" -> "worsening CHF"); the whole
    sentence when there is no match."""
    if found is None:
        return sentence
    breaks = [m for m in _CLAUSE_BREAK.finditer(sentence)]
    start = max((m.end() for m in breaks if m.end() <= found.start()), default=0)
    end = min((m.start() for m in breaks if m.start() >= found.end()), default=len(sentence))
    return sentence[start:end]


def side_named(sentence: str) -> str:
    """The side a sentence names in the labeler's side words (``korad.details.words_in``: "S/P Lt. mastectomy" ->
    "좌측"), "" when none or both sides are named apart."""
    sides = set(words_in(lower(sentence)).get("side", []))
    if "bilateral" in sides:
        return SIDE_KO["bilateral"]
    return SIDE_KO[sides.pop()] if len(sides) == 1 else ""


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
        reading = report_word_reading(word, text)
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
        clause = own_clause(sentence, word.written.search(sentence))
        # "bilateral effusions, from heart failure": the effusions' side is not its own (only narrowed, never added)
        side = side_named(clause) if side_named(sentence) else ""
        if side and not denied:
            said = f"{side}에 {said}"
        changed = words_in(lower(clause)).get("change", []) if not denied else []
        if question.kind == "change" and question.direction in _CHANGE_SAID and not denied:
            # "심부전이 나빠졌나요?": what the report says of its change, not that it is there
            if not changed:
                lines.append(
                    f"확실하지 않습니다. 판독문에 {word.korean}{particle(word.korean, '이', '가')} 있다고 적혀 있지만, "
                    f"이전과 비교한 변화는 적혀 있지 않습니다. 판독문: “{sentence}”"
                )
                continue
            lead = yes_no(changed[0] == question.direction, question.negated)
            lines.append(
                f"{lead}, 판독문에 {word.korean}{particle(word.korean, '이', '가')} {_CHANGE_SAID[changed[0]]} "
                f"적혀 있습니다. 판독문: “{sentence}”"
            )
            continue
        # a mild degenerative change of the spine is within normal (docs/chat.md): "척추는 괜찮아요?" 네
        mild = word is SPINE_WORD and not denied and MILD_WORDS.search(sentence)
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
    """The ``REPORT_WORDS`` the report states or weighs (not denies), each with its first such sentence."""
    text = reported_text(report) if report else ""
    found = []
    for word in REPORT_WORDS:
        said = next((sentence for sentence, said in report_word_readings(word, text) if said != "denied"), None)
        if said is not None:
            found.append((word, said))
    return found


def lesion_readings(report: str) -> list[tuple[ReportWord, str]]:
    """The report's sentences naming what a lesion question may be about beyond a nodule or mass
    (enlarged lymph nodes, sarcoidosis, a cavity), with the word that names them."""
    return [(word, sentence) for word, sentence in report_words_found(report) if word.lesion]
