"""The report's own word that nothing is new ("No new lesion.", "No new focal consolidation.", "새로운 병변 없음").

"새로 생긴 거 있어?" asks about anything new: a report that compares and says nothing new is there answers
it (아니요), even when it names no change of any one finding.
"""

from __future__ import annotations

import re

from korad.chat.answers.quotes import without_header
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


_KEPT = re.compile(
    r"\b(?:stable|unchanged|chronic|again (?:seen|noted)|redemonstrat\w*|persistent|(?<!-)old|healed|long-?standing)\b"
    r"|변화\s*(?:가\s*)?없|만성|진구성|이전과\s*(?:비슷|동일|유사)|지속",
    re.IGNORECASE,
)
_NEW_SAID = re.compile(r"\bnew(?:ly)?\b|새로|새롭게|신규|interval (?:development|appearance)", re.IGNORECASE)


_HISTORY = re.compile(r"\s*(?:indication|history|hx|clinical|reason|임상\s*정보|병력|검사\s*사유)", re.IGNORECASE)
"""A sentence of the request, not of the reading ("Indication: cough for 3 weeks")."""


def kept_sentence(report: str) -> str | None:
    """The report's sentence that calls a finding stable or old ("Stable elevation of the right hemidiaphragm.",
    "진구성 결핵, 변화 없음"), when no sentence calls anything new (a "new" outside the vocabulary is not
    overlooked); None otherwise. "새로 생긴 거 있어?" on such a report: nothing is written as new."""
    found = None
    for start, end in sentence_spans(report or ""):
        sentence = " ".join(report[start:end].split())
        if _NEW_SAID.search(_NOTHING_NEW.sub(" ", sentence)):
            return None
        if found is None and _KEPT.search(sentence) and not _HISTORY.match(sentence):
            found = without_header(sentence)
    return found
