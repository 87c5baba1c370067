"""A size the report gives with the size it had before ("now 14 mm, previously 11 mm", "3.5 cm로 이전(2.8 cm)보다
증가", "increased from 2.1 to 2.6 cm"): both told, so that "얼마나 커졌어요?" gets the numbers."""

from __future__ import annotations

import re

from korad.chat.answers.wording import Reply, cite, finding_name, yes_no
from korad.chat.questions import Question, is_open
from korad.glossary import korean_name
from korad.sections import reported_text
from korad.text import sentence_spans

_SIZE = r"(\d+(?:\.\d+)?(?:\s*[x×]\s*\d+(?:\.\d+)?)*)\s*(cm|mm|센티|밀리)?(?![가-힣A-Za-z])"
_SIZE_WITH_UNIT = r"(\d+(?:\.\d+)?(?:\s*[x×]\s*\d+(?:\.\d+)?)*)\s*(cm|mm|센티|밀리)"
_AGO = r"(?:\d+\s*(?:년|개월|달|주|일|years?|months?|weeks?|days?)\s*)?"  # "2년 전 1.5 cm에 비해"
_BEFORE = r"(?:previously|prior|formerly|was|이전|과거|전|종전)"
_PATTERNS = (
    # "measures 3.1 cm, previously 4.2 cm", "14 mm (previously 11 mm)", "3.5 cm로 이전(2.8 cm)보다"
    (
        re.compile(
            _SIZE_WITH_UNIT + r"[^.\d]{0,20}?\(?\s*" + _AGO + _BEFORE + r"[\s:(]*(?:measur\w+\s+)?" + _SIZE, re.I
        ),
        "now",
    ),
    # "from 2.1 to 2.6 cm", "2.1 cm에서 2.6 cm로", "2.1 → 2.6 cm"
    (re.compile(r"from\s+" + _SIZE + r"\s+to\s+" + _SIZE, re.I), "before"),
    (re.compile(_SIZE + r"\s*(?:에서|->|→|⇒)\s*" + _SIZE), "before"),
)
_UNIT = {"센티": "cm", "밀리": "mm"}


def size_change(sentence: str) -> tuple[str, str] | None:
    """(before, now) sizes with their units from ``sentence``, None when it gives no earlier size."""
    for pattern, first in _PATTERNS:
        match = pattern.search(sentence or "")
        if not match:
            continue
        a, a_unit, b, b_unit = match.groups()
        unit = _UNIT.get(b_unit or a_unit or "", b_unit or a_unit)
        if unit is None:
            continue
        a_unit = _UNIT.get(a_unit or "", a_unit) or unit
        b_unit = _UNIT.get(b_unit or "", b_unit) or unit
        first_size, second_size = f"{a} {a_unit}", f"{b} {b_unit}"
        return (second_size, first_size) if first == "now" else (first_size, second_size)
    return None


_ONE_SIZE = re.compile(_SIZE_WITH_UNIT + r"(?![가-힣A-Za-z])", re.IGNORECASE)
_LARGEST = re.compile(r"\b(?:largest|biggest|dominant|index\s+(?:nodule|lesion|mass))\b|가장\s*큰|제일\s*큰|최대", re.I)
"""A sentence about the largest of several ("The largest, in the left lower lobe, measures 3.1 cm")."""


def _sentences(report: str) -> list[str]:
    text = reported_text(report) if report else ""
    return [" ".join(text[start:end].split()) for start, end in sentence_spans(text)]


def first_size(sentence: str) -> str | None:
    """The first size with its unit in ``sentence`` ("3.1 cm"), None when it gives none."""
    found = _ONE_SIZE.search(sentence or "")
    if not found:
        return None
    return f"{found[1]} {_UNIT.get(found[2], found[2])}"


def largest_after(report: str, sentence: str) -> str | None:
    """The report's sentence just after ``sentence`` when it sizes the largest of the findings it names ("Numerous
    nodules ... The largest, in the left lower lobe, measures 3.1 cm"), else None."""
    said = _sentences(report)
    wanted = " ".join((sentence or "").split())
    for i, each in enumerate(said[:-1]):
        if wanted and (wanted in each or each in wanted):
            following = said[i + 1]
            return following if _LARGEST.search(following) and first_size(following) else None
    return None


def size_told(report: str, words: list[str]) -> tuple[str, str, str] | None:
    """(sentence, size before, size now) from the first sentence of the report that names one of ``words`` and
    gives its earlier size ("Lt. 상엽 공동의 크기 감소 (3.2 cm -> 1.5 cm)"), else None."""
    patterns = [re.compile(re.escape(w), re.IGNORECASE) for w in words if w]
    for sentence in _sentences(report):
        if any(p.search(sentence) for p in patterns):
            sizes = size_change(sentence)
            if sizes:
                return sentence, *sizes
    return None


def _millimetres(size: str) -> float:
    number = float(re.match(r"\d+(?:\.\d+)?", size).group())
    return number * 10 if size.endswith("cm") else number


def size_told_answer(question: Question, report: str) -> Reply | None:
    """How a finding the labeler did not read changed in size, from the report's sentence that names it with both
    sizes ("공동 얼마나 줄었어?": "3.2 cm에서 1.5 cm로 줄었다"); None when no sentence gives them."""
    words = [w for o in question.observations for w in (korean_name(o), o.lower())]
    told = size_told(report, words)
    if not told:
        return None
    sentence, before, now = told
    smaller, larger = _millimetres(now) < _millimetres(before), _millimetres(now) > _millimetres(before)
    moved = "줄었다고" if smaller else "커졌다고" if larger else "변화 없다고"
    name = finding_name(question.observations[0])
    lead = ""
    if question.direction in ("better", "worse", "stable") and not is_open(question.text):
        holds = {"better": smaller, "worse": larger, "stable": not smaller and not larger}[question.direction]
        lead = f"{yes_no(holds, question.negated)}, "
    return Reply(f"{lead}판독문에 {name}의 크기가 {before}에서 {now}로 {moved} 적혀 있습니다.{cite(sentence)}")
