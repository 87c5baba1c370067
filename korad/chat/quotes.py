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

_HEADER = re.compile(r"^(?:[A-Z][A-Z ]{2,}|결론|판독\s*소견|소견|인상)\s*:\s*")


def graded_sentence(report: str, detail: Detail, quoted: str) -> str:
    """The report's sentence that grades ``detail``'s finding as ``detail.severity``; ``quoted`` (the sentence an
    answer would quote) when it already does, or when no sentence does."""
    if detail.severity is None or _grades(quoted, detail):
        return quoted
    for start, end in sentence_spans(report or ""):
        sentence = _HEADER.sub("", report[start:end].strip())
        if sentence and _grades(sentence, detail):
            return sentence
    return quoted


def _grades(sentence: str, detail: Detail) -> bool:
    return any(
        d.observation == detail.observation and d.severity == detail.severity and d.status != "negative"
        for d in label_report(sentence).details
    )
