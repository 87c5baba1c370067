"""A size the report gives with the size it had before ("now 14 mm, previously 11 mm", "3.5 cm로 이전(2.8 cm)보다
증가", "increased from 2.1 to 2.6 cm"): both told, so that "얼마나 커졌어요?" gets the numbers."""

from __future__ import annotations

import re

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
