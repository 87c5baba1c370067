"""Whether the report says its findings were passed to the care team."""

from __future__ import annotations

import re

from korad.chat.answers.facts import report_sentence
from korad.chat.answers.wording import Reply, cite, yes_no
from korad.chat.questions import Question

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
    said = report_sentence(report, _COMMUNICATED)
    if said:
        return Reply(
            f"{yes_no(True, question.negated)}, 판독문에 결과를 담당 의료진에게 알렸다고 적혀 있습니다.{cite(said)}"
        )
    return Reply(
        f"{yes_no(False, question.negated)}, 판독문에는 결과를 담당 의료진에게 따로 알렸다는 내용이 적혀 있지 "
        "않습니다. 적혀 있지 않다고 해서 전달되지 않았다는 뜻은 아니니, 담당 의료진에게 확인하세요."
    )
