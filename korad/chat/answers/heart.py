"""The cardiothoracic ratio (CTR) a report writes, in plain Korean."""

from __future__ import annotations

import re

from korad.chat.answers.facts import sentence_around
from korad.chat.answers.wording import cite
from korad.sections import reported_text

_CTR = re.compile(
    r"(?:\bCTR|C/T ratio|cardio-?thoracic ratio|심흉곽비|심장\s*흉곽\s*비)\s*"
    r"(?:[:=]|is|of|was|measures|는|은|이|가)?\s*"
    r"(?:about |approximately |approx\.? |약\s*)?(0?\.\d+|\d{2}(?:\.\d+)?\s*%)",
    re.IGNORECASE,
)
CTR_LIMIT = 0.5
"""The cardiothoracic ratio above which the heart is called enlarged on a PA radiograph."""


def cardiothoracic_ratio(report: str) -> tuple[float, str] | None:
    """The report's cardiothoracic ratio (CTR 0.58, "CTR 58%") with its sentence, else None."""
    match = _CTR.search(reported_text(report)) if report else None
    if not match:
        return None
    value = match.group(1).replace(" ", "")
    ratio = float(value[:-1]) / 100 if value.endswith("%") else float(value)
    return ratio, sentence_around(report, match)


def ctr_line(report: str) -> str:
    """The report's CTR in plain Korean ("" when it gives none)."""
    found = cardiothoracic_ratio(report)
    if not found:
        return ""
    ratio, sentence = found
    verdict = (
        f"{CTR_LIMIT}보다 커서 심장이 커진(심비대) 것으로 봅니다"
        if ratio > CTR_LIMIT
        else f"{CTR_LIMIT} 이하로 정상 범위입니다"
    )
    return (
        f"판독문의 CTR(심흉곽비: 가슴 폭에 대한 심장 폭의 비율)은 {ratio:g}로, {verdict}"
        f"(흉부 정면 사진에서 {CTR_LIMIT}가 기준).{cite(sentence)}"
    )
