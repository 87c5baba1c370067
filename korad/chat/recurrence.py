"""Recurrence asked ("암 재발했어요?", "재발 소견 있나요?"): the report's own sentence about recurrence answers it.

A follow-up report after cancer treatment says whether the disease came back in words of its own ("재발
의심 소견 없음", "No evidence of recurrent disease", "findings suspicious for local recurrence"), not as
the change of one finding; that sentence is quoted, its polarity read from its own words.
"""

from __future__ import annotations

import re

from korad.text import sentence_spans

RECURRENCE_ASKED = re.compile(r"재발|recur", re.IGNORECASE)
_RECURRENCE_SAID = re.compile(r"재발|recurren", re.IGNORECASE)
_DENIED = re.compile(
    r"재발[가-힣\s]{0,12}(?:없|無|\(-\)|배제|아님|않)|\bno\b[\w\s,-]{0,40}recurren|without[\w\s,-]{0,30}recurren"
    r"|recurren\w*[\w\s]{0,20}(?:is|was)?\s*not\s+(?:seen|identified|evident|demonstrated)",
    re.IGNORECASE,
)
_HEDGED = re.compile(
    r"의심|가능성|배제\s*(?:할\s*수\s*없|못|불가)|suspicious|concerning|possible|cannot be excluded|not excluded"
    r"|\bmay\b|\bcould\b",
    re.IGNORECASE,
)


def recurrence_reading(report: str) -> tuple[str, str] | None:
    """(reading, sentence): the report's statement about recurrence read as "denied", "hedged" or "stated";
    None when the report says nothing of recurrence."""
    for start, end in sentence_spans(report or ""):
        sentence = " ".join(report[start:end].split())
        if not _RECURRENCE_SAID.search(sentence):
            continue
        if _DENIED.search(sentence):
            return "denied", sentence
        return ("hedged" if _HEDGED.search(sentence) else "stated"), sentence
    return None
