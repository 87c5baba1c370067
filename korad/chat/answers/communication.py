"""Whether the report says its findings were passed to the care team, to whom and when."""

from __future__ import annotations

import re

from korad.chat.answers.facts import report_sentence
from korad.chat.answers.wording import Reply, cite, yes_no
from korad.chat.questions import Question

_COMMUNICATED = re.compile(
    r"\b(?:discussed|communicated|conveyed|relayed|reported|notified|paged|called|telephoned|e-?mailed)\b[^.\n]{0,40}?"
    r"\b(?:with|to)\s+(?:dr\b|xxxx|_{2,}|(?:the\s+)?(?:[\w-]+\s+){0,3}(?:team|physician|clinician|provider|service|doctor|nurse|resident"
    r"|house\s*officer|PA|NP)\b)|(?<!\bas )\b(?:discussed|communicated|notified|paged)\b"
    r"|\bby (?:tele)?phone\b|\bread[- ]?back\b"
    r"|유선\s*(?:으로\s*)?(?:통보|보고|연락|전달|알림)|(?:통보|연락|전달|보고|노티|호출)\s*(?:함|하였|했|됨|되었|드림|드렸)"
    r"|(?:에게|께)\s*(?:알림|알렸|통보|연락|전달)",
    re.IGNORECASE,
)
"""The report's note that the findings were passed to the care team ("discussed with Dr. ___ by telephone at
10:15", "Findings were communicated to the ordering team", "paged", "담당의에게 유선 통보함")."""


_RECIPIENTS = (
    ("간호사(RN)", re.compile(r"\bRN\b|\bnurse\b|간호사", re.IGNORECASE)),
    ("담당 의사", re.compile(r"\bdr\b\.?|physician|doctor|의사|담당의|주치의|교수|선생님", re.IGNORECASE)),
    (
        "담당 의료진",
        re.compile(r"\b(?:team|service|clinician|provider|house officer|resident|PA|NP)\b|의료진|팀", re.I),
    ),
)
"""Whom a report's note names as told, in the words an answer uses."""
_SENDER = re.compile(r"\bby\s+(?:dr\.?|doctor)\s*(?:_+|x+|[A-Z][\w.-]*)?", re.IGNORECASE)
"""The one who told ("communicated to the surgery team by Dr. ___"): not a recipient."""
_WHEN = re.compile(
    r"(?<![\d:])(\d{1,2}:\d{2})(?![\d:])(?:\s*([ap])\.?\s*m\b\.?)?|(오전|오후)\s*(\d{1,2})\s*시(?:\s*(\d{1,2})\s*분)?",
    re.IGNORECASE,
)
_BY_PHONE = re.compile(r"\bby (?:tele)?phone\b|telephon\w*|\bcalled\b|유선|전화", re.IGNORECASE)
_BY_PAGER = re.compile(r"\bpag(?:ed|ing)\b|\bbeeped\b|호출|페이징", re.IGNORECASE)


def told(sentence: str) -> tuple[str, str]:
    """Whom the report says it told of its findings and how ("discussed with ___, RN by telephone at 03:10" ->
    "간호사(RN)에게 전화로 "), and when ("03:10", "오후 3:15"); each "" when the sentence does not say."""
    heard = _SENDER.sub("", sentence)
    whom = [name for name, pattern in _RECIPIENTS if pattern.search(heard)]
    if len(whom) > 1 and whom[-1] == "담당 의료진":
        whom.pop()  # "the ICU team, Dr. ___": the doctor names the team already
    how = "전화로 " if _BY_PHONE.search(sentence) else "호출(page)로 " if _BY_PAGER.search(sentence) else ""
    when = _WHEN.search(sentence)
    at = ""
    if when and when[1]:
        at = ({"a": "오전 ", "p": "오후 "}.get((when[2] or "").lower(), "")) + when[1]
    elif when:
        at = f"{when[3]} {when[4]}시" + (f" {when[5]}분" if when[5] else "")
    return (f"{'와 '.join(whom)}에게 " if whom else "") + how, at


def communicated_answer(report: str, question: Question) -> Reply:
    """Whether the report says its findings were passed to the care team, quoting where it says so."""
    said = report_sentence(report, _COMMUNICATED)
    if said:
        whom, when = told(said)  # "누구한테 알렸어요?": the nurse, the doctor; "언제?": the time written
        whom, when = whom or "담당 의료진에게 ", f"({when})" if when else ""
        lead = yes_no(True, question.negated)
        return Reply(f"{lead}, 판독문에 결과를 {whom}알렸다고 적혀 있습니다{when}.{cite(said)}")
    return Reply(
        f"{yes_no(False, question.negated)}, 판독문에는 결과를 담당 의료진에게 따로 알렸다는 내용이 적혀 있지 "
        "않습니다. 적혀 있지 않다고 해서 전달되지 않았다는 뜻은 아니니, 담당 의료진에게 확인하세요."
    )
