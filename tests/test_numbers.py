"""The one table of number words and the count patterns built from it (korad.numbers.number_words)."""

from __future__ import annotations

import re

import pytest

from korad.chat.answers.counts import counted_in
from korad.numbers import CARDINALS, ORDINALS, number_of, number_words

_UNIVERSE = {*CARDINALS, *ORDINALS, *(str(n) for n in range(100)), *(f"0{n}" for n in range(10)), "열하나", "many"}
"""Every word a number slot of a count pattern might meet."""


def _words(pattern: str) -> set[str]:
    return {w for w in _UNIVERSE if re.fullmatch(pattern, w, re.IGNORECASE)}


# (the slot as it was written inline before, the helper call that now builds it, the words deliberately added)
_SLOTS = [
    (  # counts: "two nodules", "3 ribs"
        r"one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2}",
        number_words(0, 99, english=True),
        {"zero", "eleven", "twelve"},
        {f"0{n}" for n in range(10)},  # "07 ribs": no report writes a count with a leading zero
    ),
    (  # counts: "3개의 늑골", "두 개의 결절"
        r"\d{1,2}|한|하나|두|세|네|다섯|여섯|일곱|여덟",
        number_words(0, 99, korean=True, alone=True),
        {"둘", "셋", "넷", "아홉", "열"},
        {f"0{n}" for n in range(10)},
    ),
    (r"one|two|three|1|2|3", number_words(1, 3, english=True), set(), set()),  # "two leads"
    (r"한|두|세|[1-3]", number_words(1, 3, korean=True), set(), set()),  # "두 개의 리드"
    (r"one|two|three|four|five|[1-5]", number_words(1, 5, english=True), set(), set()),  # "two chest tubes"
    (r"[1-5]|한|두|세|네|다섯", number_words(1, 5, korean=True), set(), set()),  # "흉관 두 개"
    (r"[1-5]|한|두|세|네|다섯|하나|둘|셋|넷", number_words(1, 5, korean=True, alone=True), set(), set()),
    (r"[1-5]", number_words(1, 5), set(), set()),  # "chest tubes x2"
]


@pytest.mark.parametrize(("before", "now", "added", "dropped"), _SLOTS)
def test_each_count_slot_reads_the_same_words_or_deliberately_more(before, now, added, dropped):
    assert _words(now) - _words(before) == added
    assert _words(before) - _words(now) == dropped


def test_number_words_tries_longer_forms_first():
    assert re.match(number_words(1, 12), "12").group() == "12"
    assert re.match(number_words(1, 5, korean=True), "다섯").group() == "다섯"
    assert all(number_of(w) == n for n in range(1, 6) for w in _words(number_words(n, n, english=True, korean=True)))


def test_counts_read_the_wider_words():
    assert counted_in("열 개의 결절이 양폐에 보임") == (10, "")
    assert counted_in("There are eleven small nodules in both lungs.") == (11, "")
