"""The report's sentence that says the detail an answer gives.

A finding written twice ("Interstitial edema." in the findings, "mild interstitial edema" in the
impression) is one detail with the grade of either mention; its answer quotes the sentence that holds the
grade it tells ("경미"), not a sentence that never says it.
"""

from __future__ import annotations

import re

from korad.details import Detail
from korad.findings import label_report
from korad.text import sentence_spans

_HEADER = re.compile(r"^(?:[A-Z][A-Z ]{2,}|결론|판독\s*소견|소견|인상|추가\s*판독|추가\s*소견)\s*:\s*")


def without_header(sentence: str) -> str:
    """``sentence`` without the section header it opens with ("IMPRESSION: ...", "결론: ...")."""
    return _HEADER.sub("", sentence.strip())


def graded_sentence(report: str, detail: Detail, quoted: str) -> str:
    """The report's sentence that grades ``detail``'s finding as ``detail.severity``; ``quoted`` (the sentence an
    answer would quote) when it already does, or when no sentence does."""
    return _saying(report, detail, quoted, "severity")


def changed_sentence(report: str, detail: Detail, quoted: str) -> str:
    """The report's sentence that gives ``detail``'s change ("추가 판독: ... 기흉 크기 증가함." for a pneumothorax
    the findings name without one); ``quoted`` when it already does, or when no sentence does."""
    return _saying(report, detail, quoted, "change")


def _saying(report: str, detail: Detail, quoted: str, attribute: str) -> str:
    if getattr(detail, attribute) is None or _says(quoted, detail, attribute):
        return quoted
    for start, end in sentence_spans(report or ""):
        sentence = without_header(report[start:end])
        if sentence and _says(sentence, detail, attribute):
            return sentence
    return quoted


def _says(sentence: str, detail: Detail, attribute: str) -> bool:
    value = getattr(detail, attribute)
    return any(
        d.observation == detail.observation and getattr(d, attribute) == value and d.status != "negative"
        for d in label_report(sentence).details
    )
