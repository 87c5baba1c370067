"""The report's own recommendations ("추가 검사가 필요한가요?"), with their key words in Korean."""

from __future__ import annotations

import re

from korad.chat.acuity import no_acute_statement
from korad.chat.answers.cause import bearing_lines
from korad.chat.answers.facts import positive, report_sentence
from korad.chat.answers.presence import CLEAR_LUNGS
from korad.chat.answers.wording import Reply, cite, yes_no
from korad.chat.questions import DEVICES, TREATMENT, Question
from korad.findings import Findings
from korad.glossary import named_terms, written_pattern
from korad.numbers import CARDINALS, ENGLISH_NUMBERS

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
    (r"\bBAL\b|bronchoalveolar lavage", "기관지폐포세척(BAL)"),
    (r"isolat", "격리"),
    (r"\bAFB\b", "결핵균(항산균) 검사"),
    (r"arrang|planned|scheduled|will be", "이미 계획된 조치"),
    (r"echocardiogra", "심장 초음파"),
    (r"correlat", "임상 소견과 함께 판단"),
    (r"comparison|prior (?:studies|films|imaging)", "이전 검사와 비교"),
)
"""Words of English advice -> their plain Korean, so that a patient can read what the report advises."""
_NUMBER = r"\d+(?:\.\d+)?|" + "|".join(rf"\b{word}\b" for word in ENGLISH_NUMBERS)
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
        number, upper = (str(CARDINALS[n.lower()]) if n.lower() in CARDINALS else n for n in (number, upper))
        words.append(f"{number}{'-' + upper if upper else ''}{_INTERVAL_KO[unit[0].lower()]} 후")
    words += [f"{interval}마다" for word, interval in _PER.items() if re.search(rf"\b{word}\b", advice, re.I)]
    return ", ".join(dict.fromkeys(words))


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

_TREATMENT_ADVISED: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = tuple(
    (re.compile(asked, re.IGNORECASE), re.compile(advised, re.IGNORECASE))
    for asked, advised in (
        (r"격리|isolat", r"isolat|격리"),
        (r"항생제|antibiotic", r"antibiotic|항생제"),
        (r"이뇨제|diure", r"diure|이뇨"),
        (r"수술|surgery|operat", r"surg|operat|resection|수술|절제"),
        (r"입원|admi|hospitali", r"\badmi|hospitali|입원"),
        (r"산소|oxygen", r"oxygen|산소"),
        (r"시술|procedure", r"procedure|시술"),
    )
)
"""A treatment asked ("격리해야 돼?") -> the words of a report's advice that name that same step ("Airborne
isolation is recommended."): the report advises it, so the answer is "네", the decision still the care team's."""


def _advised_treatment(question: Question, advice: list[str]) -> bool:
    """Whether the report's advice names the very treatment the question asks about."""
    return any(
        asked.search(question.text) and any(advised.search(a) for a in advice) for asked, advised in _TREATMENT_ADVISED
    )


_IMAGING_ASKED = re.compile(r"찍|촬영|사진|검사|엑스레이|X-?ray|CT|씨티|MRI", re.IGNORECASE)
"""A test named in a question about treatment ("치료 끝나고 또 찍어야 돼요?"): it asks about the test."""


def _normal_said(findings: Findings, question: Question, report: str) -> str:
    """ " 판독문은 이상 소견이 없다고 적었습니다: “…”" for a report with no finding (devices aside), else ""."""
    if not report or [o for o in positive(findings, ("positive", "uncertain")) if o not in DEVICES]:
        return ""
    normal = no_acute_statement(report) or report_sentence(report, CLEAR_LUNGS)
    return f" 판독문은 이상 소견이 없다(정상)고 적었습니다.{cite(normal)}" if normal else ""


def next_steps_answer(findings: Findings, question: Question, report: str = "") -> Reply:
    """The report's own recommendations, quoted (with their key words in Korean); never one of our own.

    A yes/no question ("추가 검사가 필요한가요?") is answered "네" when the report advises something and
    "아니요" when it advises nothing; a wh-question ("다음에 뭘 해야 하나요?") gets no yes/no word, and a
    question about treatment ("수술해야 하나요?") is said to be the care team's decision.
    """
    advice = findings.recommendations
    lead = "" if _YES_NO_ADVICE.search(question.text) else f"{yes_no(bool(advice), question.negated)}, "
    treatment = TREATMENT.search(question.text) and not _IMAGING_ASKED.search(question.text)
    if treatment and lead and _advised_treatment(question, advice):
        # "격리해야 돼?" on "Airborne isolation is recommended.": the report advises it; deciding is the team's
        lead = f"{yes_no(True, question.negated)}, "
        treatment = None
    if treatment:  # treatment is the care team's decision: no yes or no from a report
        lead = "치료나 입원 여부는 판독문만으로는 답할 수 없고 담당 의료진이 결정합니다. "
        bearing = bearing_lines(findings, question, report) if report else []
        if bearing:  # what the report shows that bears on it ("항생제 먹어야 돼요?" on a pneumonia)
            lead += "판독문에 적힌 관련 내용: " + "\n".join(bearing) + "\n"
        if not advice:
            return Reply(lead + "판독문에는 추가 검사나 치료에 대한 권고가 없습니다.")
    if not advice:  # on a normal study ("재검 받아야 돼요?"), that it is normal is the reason to tell
        normal = _normal_said(findings, question, report)
        return Reply(
            f"{lead}판독문에는 추가 검사나 추적 관찰에 대한 권고가 없습니다.{normal} "
            "추가 검사가 필요한지는 담당 의료진과 상의하세요."
        )
    if (
        lead
        and not treatment
        and all(_CORRELATION.search(a) and not _A_TEST.search(_CORRELATION.sub("", a)) for a in advice)
    ):  # "Clinical correlation is recommended." asks the doctor to weigh it, not for another test
        quoted = " ".join(f"“{' '.join(a.split())}”" for a in dict.fromkeys(advice))
        return Reply(
            f"{yes_no(False, question.negated)}, 판독문에 추가 검사 권고는 없고, 임상 소견(증상, 진찰, 다른 검사 "
            f"결과)과 함께 판단하라고 적혀 있습니다: {quoted} 자세한 계획은 담당 의료진과 상의하세요."
        )
    tests = named_terms(question.text, ("test",))  # "HRCT 찍어야 돼요?", "물 빼야 돼요?": that test's advice only
    if tests and lead and not treatment and not any(written_pattern(t).search(a) for t in tests for a in advice):
        # "CT 찍어야 하나요?" on a report that advises a follow-up radiograph: not the test asked about
        lead = f"{yes_no(False, question.negated)}, 판독문에 {tests[0].korean} 권고는 없습니다. "
    parts = []
    for sentence in dict.fromkeys(" ".join(a.split()) for a in advice):
        korean = advice_in_korean(sentence)
        parts.append(f"“{sentence}”" + (f"({korean})" if korean else ""))
    return Reply(f"{lead}판독문은 다음을 권고합니다: {' '.join(parts)} 자세한 계획은 담당 의료진과 상의하세요.")


INSERTION_ASKED = re.compile(r"(?:넣어|삽입해|꽂아|박아)야|(?:넣|삽입|꽂)(?:을|는)\s*(?:거|건|것)")


def insertion_answer(findings: Findings, question: Question, report: str) -> Reply:
    """ "관 넣어야 돼요?" on a report with no tube: the care team's decision; the report's advice quoted, and
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
