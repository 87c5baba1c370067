"""The report's own word that nothing is new ("No new lesion.", "No new focal consolidation.", "새로운 병변 없음").

"새로 생긴 거 있어?" asks about anything new: a report that compares and says nothing new is there answers
it (아니요), even when it names no change of any one finding.
"""

from __future__ import annotations

import re

from korad.text import sentence_spans

_NOTHING_NEW = re.compile(
    r"\bno\s+(?:\w+\s+){0,2}new\b|\bwithout\s+(?:\w+\s+){0,2}new\b|\bnothing\s+new\b"
    r"|새로운?\s*(?:[가-힣A-Za-z]+\s*){0,2}(?:없|無|\(-\))|새로\s*생긴\s*(?:[가-힣A-Za-z]+\s*){0,2}없|신규\s*(?:[가-힣]+\s*){0,2}없",
    re.IGNORECASE,
)


def nothing_new_sentence(report: str) -> str | None:
    """The report's sentence that says nothing new is seen, None when it has none."""
    for start, end in sentence_spans(report or ""):
        sentence = " ".join(report[start:end].split())
        if _NOTHING_NEW.search(sentence):
            return sentence
    return None
