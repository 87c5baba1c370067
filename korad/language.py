"""Which language a report is written in: English, Korean, or a mix of both."""

from __future__ import annotations

import re
from typing import Literal

from korad.text import DEID_MARK, HANGUL

Language = Literal["en", "ko", "mixed"]

_HANGUL = re.compile(f"[{HANGUL}\u1100-\u11ff\u3130-\u318f]")  # syllables and jamo
_LATIN = re.compile(r"[A-Za-z]")
# De-identification marks (Open-i "XXXX", MIMIC "___": korad.text.DEID_MARK) say nothing about the language.
# Korean reports keep English terms in parentheses ("기흉(pneumothorax)"): they do not make a
# report mixed.
_PARENTHESES = re.compile(r"\([^()]*\)")

KOREAN_MIN_SHARE = 0.75
ENGLISH_MAX_SHARE = 0.05


def hangul_share(text: str) -> float:
    """Share of Hangul among the Hangul and Latin letters of ``text`` (0.0 when there are none).

    Parenthesised text and de-identification marks are not counted.
    """
    text = _PARENTHESES.sub(" ", DEID_MARK.sub(" ", text))
    hangul = len(_HANGUL.findall(text))
    latin = len(_LATIN.findall(text))
    total = hangul + latin
    return hangul / total if total else 0.0


def detect_language(text: str) -> Language:
    """Classify ``text`` as ``"en"``, ``"ko"`` or ``"mixed"`` by its share of Hangul letters."""
    share = hangul_share(text)
    if share >= KOREAN_MIN_SHARE:
        return "ko"
    if share <= ENGLISH_MAX_SHARE:
        return "en"
    return "mixed"
