"""Recurrence asked ("암 재발했어요?", "재발 소견 있나요?"): the report's own sentence about recurrence answers it.

A follow-up report after cancer treatment says whether the disease came back in words of its own ("재발
의심 소견 없음", "No evidence of recurrent disease", "findings suspicious for local recurrence"), not as
the change of one finding; that sentence is quoted, its polarity read from its own words.
"""

from __future__ import annotations

import re

from korad.chat.answers.wording import Reply, cite, yes_no
from korad.chat.questions import Question, asks_absence
from korad.findings import hedged
from korad.sections import reported_text
from korad.text import sentence_spans

RECURRENCE_ASKED = re.compile(r"재발|recur", re.IGNORECASE)
_RECURRENCE_SAID = re.compile(r"재발|recurren", re.IGNORECASE)
_DENIED = re.compile(
    r"재발[가-힣\s]{0,12}(?:없|無|\(-\)|배제|아님|않)"
    r"|재발[^.。\n]{0,30}(?:병변|소견|증거|음영)\s*(?:은|는|이|가|도)?\s*(?:없|보이지\s*않|관찰되지\s*않)|\bno\b[\w\s,-]{0,40}recurren|without[\w\s,-]{0,30}recurren"
    r"|recurren\w*[\w\s]{0,20}(?:is|was)?\s*not\s+(?:seen|identified|evident|demonstrated)",
    re.IGNORECASE,
)
_ASKING = re.compile(
    r"\b(?:evaluat\w*|eval|assess\w*|r/o|rul\w* out|check)\s+(?:for\s+)?(?:\w+\s+){0,2}recurren"
    r"|재발\s*(?:여부|유무|확인|평가)",
    re.IGNORECASE,
)
"""A request, not a reading: "Evaluate for recurrence.", "재발 여부 확인 요망"."""


def recurrence_reading(report: str) -> tuple[str, str] | None:
    """(reading, sentence): the report's statement about recurrence read as "denied", "hedged" or "stated";
    None when the report says nothing of recurrence. Only what the study shows counts: an indication
    that asks ("Evaluate for recurrence", "재발 여부 확인") says nothing of it."""
    shown = reported_text(report or "")
    for start, end in sentence_spans(shown):
        sentence = " ".join(shown[start:end].split())
        if not _RECURRENCE_SAID.search(sentence) or _ASKING.search(sentence):
            continue
        if _DENIED.search(sentence):
            return "denied", sentence
        return ("hedged" if hedged(sentence) else "stated"), sentence
    return None


def recurrence_answer(question: Question, report: str) -> Reply | None:
    """ "재발했어요?" from the report's own sentence about recurrence (None when it has none)."""
    found = recurrence_reading(report)
    if found is None:
        return None
    reading, sentence = found
    if reading == "hedged":
        return Reply(
            f"확실하지 않습니다. 판독문은 재발 가능성을 언급(의심)할 뿐 확정하지 않았습니다.{cite(sentence)} "
            "확인은 추가 검사와 담당 의료진의 판단으로 합니다."
        )
    said = "재발을 의심할 소견이 없다고" if reading == "denied" else "재발이 있다고"
    holds = yes_no(reading == "stated", asks_absence(question.text))
    return Reply(f"{holds}, 판독문에 {said} 적혀 있습니다.{cite(sentence)}")
