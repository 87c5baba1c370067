"""Number words, English and Korean: the one table every count reads ("two chest tubes", "흉관 두 개",
"fifth through seventh ribs", "follow-up in three months")."""

from __future__ import annotations

import re

ENGLISH_CARDINALS: dict[str, int] = {
    word: n
    for n, word in enumerate(
        ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")
    )
}
"""English cardinal words -> their value."""
KOREAN_DETERMINERS: dict[str, int] = {
    **{"한": 1, "두": 2, "세": 3, "네": 4, "다섯": 5, "여섯": 6, "일곱": 7, "여덟": 8, "아홉": 9, "열": 10}
}
"""Korean native numbers as determiners before a counter ("두 개", "세 가닥")."""
KOREAN_ALONE: dict[str, int] = {"하나": 1, "둘": 2, "셋": 3, "넷": 4}
"""Korean native numbers standing alone ("하나", "둘"), where they differ from the determiner ("한", "두")."""
CARDINALS: dict[str, int] = {
    **ENGLISH_CARDINALS,
    "a": 1,  # "in a year"
    "an": 1,
    "single": 1,  # "a single chest tube"
    "a single": 1,
    **KOREAN_DETERMINERS,
    **KOREAN_ALONE,
}
"""Cardinal number words (lowercase English, Korean) -> their value."""
ORDINALS: dict[str, int] = {
    word: n
    for n, word in enumerate(
        (
            *("first", "second", "third", "fourth", "fifth", "sixth"),
            *("seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth"),
        ),
        start=1,
    )
}
"""Ordinal number words -> their value ("fifth rib": 5)."""
ENGLISH_NUMBERS: tuple[str, ...] = tuple(word for word in CARDINALS if word.isascii())
"""The English cardinal words, for patterns that find a number written as a word."""


def number_words(
    low: int, high: int, *, english: bool = False, korean: bool = False, alone: bool = False, digits: bool = True
) -> str:
    """A regular expression (a non-capturing group) for the whole numbers ``low`` to ``high`` as the tables here
    write them: ``english`` words ("two"), ``korean`` determiners ("두"), Korean numbers said ``alone`` ("둘"),
    and ``digits`` ("2"); longer forms first, so "12" is tried before "1".

    >>> re.fullmatch(number_words(1, 3, english=True, korean=True), "두") is not None
    True
    """
    tables = ((ENGLISH_CARDINALS, english), (KOREAN_DETERMINERS, korean), (KOREAN_ALONE, alone))
    chosen = [table for table, wanted in tables if wanted]
    words = {word for table in chosen for word, n in table.items() if low <= n <= high}
    if digits:
        words |= {str(n) for n in range(low, high + 1)}
    return "(?:" + "|".join(sorted(words, key=lambda w: (-len(w), w))) + ")"


def number_of(word: str) -> int | None:
    """The whole number ``word`` says: digits ("5", "5th", "5번"), a cardinal or an ordinal word, English or
    Korean; None when it says none.

    >>> [number_of(w) for w in ("Two", "두", "fifth", "7th", "둘", "many")]
    [2, 2, 5, 7, 2, None]
    """
    word = word.strip().lower()
    if re.search(r"\d", word):
        return int(re.sub(r"\D", "", word))
    return CARDINALS.get(word, ORDINALS.get(word))
