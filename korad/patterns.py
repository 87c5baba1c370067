"""One fast regular expression over many named lists of patterns (the labeler's vocabularies).

``alternation`` joins patterns in priority order: at one place of the text the first pattern that
matches wins, and ``match.lastgroup`` (through ``group_name``) names its list. English patterns
must stand as whole words; Korean ones may start inside a word (particles attach: "기흉은").

Python's engine tries every alternative at every place, which made the labeler slow with a few
hundred patterns. So the alternatives are bucketed by the character they can start with: at a
place only the bucket of its character is tried. Matching is case-sensitive on lowercased text
(``lower``), which keeps the engine's fast literal checks.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]

HANGUL = re.compile(r"[가-힣]")


def lower(text: str) -> str:
    """``text`` in lower case, one character for one (offsets stay valid)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _first_chars(items: list, start: int = 0) -> set[str] | None:
    """The characters a parsed pattern can start with; None when any (or unknown)."""
    for index in range(start, len(items)):
        op, av = items[index]
        if op in (sre.ASSERT, sre.ASSERT_NOT, sre.AT):
            continue  # zero-width: the next item consumes the first character
        if op is sre.LITERAL:
            return {chr(av)}
        if op is sre.IN:
            chars: set[str] = set()
            for kind, value in av:
                if kind is sre.LITERAL:
                    chars.add(chr(value))
                elif kind is sre.RANGE and value[1] - value[0] < 64:
                    chars.update(chr(c) for c in range(value[0], value[1] + 1))
                elif kind is sre.CATEGORY and value is sre.CATEGORY_DIGIT:
                    chars.update("0123456789")
                else:
                    return None
            return chars
        if op is sre.SUBPATTERN:
            inner = list(av[3])
            found = _first_chars(inner)
            if found is None or _can_be_empty(inner):
                return None if found is None else _union(found, _first_chars(items, index + 1))
            return found
        if op is sre.BRANCH:
            result: set[str] = set()
            for branch in av[1]:
                branch_items = list(branch)
                found = _first_chars(branch_items)
                if found is None:
                    return None
                if _can_be_empty(branch_items):
                    found = _union(found, _first_chars(items, index + 1))
                    if found is None:
                        return None
                result |= found
            return result
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            low, _, item = av
            found = _first_chars(list(item))
            if found is None:
                return None
            return _union(found, _first_chars(items, index + 1)) if low == 0 else found
        return None
    return None


def _union(a: set[str] | None, b: set[str] | None) -> set[str] | None:
    return None if a is None or b is None else a | b


def _can_be_empty(items: list) -> bool:
    for op, av in items:
        if op in (sre.ASSERT, sre.ASSERT_NOT, sre.AT):
            continue
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and av[0] == 0:
            continue
        if op is sre.SUBPATTERN and _can_be_empty(list(av[3])):
            continue
        if op is sre.BRANCH and any(_can_be_empty(list(b)) for b in av[1]):
            continue
        return False
    return True


def first_chars(pattern: str) -> set[str] | None:
    """The characters ``pattern`` can start with (lower case), None when any or unknown."""
    found = _first_chars(list(_parser.parse(pattern)))
    return None if found is None else {c.lower() for c in found}


class Alternation:
    """Named lists of patterns matched as one alternation, in priority order (see the module doc)."""

    def __init__(self, groups: list[tuple[str, list[str] | tuple[str, ...]]]) -> None:
        english: list[tuple[str, str]] = []
        korean: list[tuple[str, str]] = []
        for name, patterns in groups:
            for pattern in patterns:
                (korean if HANGUL.search(pattern) else english).append((name, pattern))
        self._english = _buckets(english, r"(?![a-z0-9])")
        self._korean = _buckets(korean, "")
        english_starts = "".join(re.escape(c) for c in self._english if c)
        korean_starts = "".join(re.escape(c) for c in self._korean if c)
        starts = []
        if None in self._english:
            starts.append(r"(?<![a-z0-9])(?=[a-z0-9])")
        elif english_starts:
            starts.append(rf"(?<![a-z0-9])(?=[{english_starts}])")
        if None in self._korean:
            starts.append(r"(?=[\s\S])")
        elif korean_starts:
            starts.append(rf"(?=[{korean_starts}])")
        self._starts = re.compile("|".join(starts) or r"(?!)")

    def _match_at(self, text: str, position: int) -> re.Match[str] | None:
        char = text[position]
        if position == 0 or not text[position - 1].isascii() or not text[position - 1].isalnum():
            bucket = self._english.get(char) or self._english.get(None)
            if bucket is not None:
                match = bucket.match(text, position)
                if match:
                    return match
        bucket = self._korean.get(char) or self._korean.get(None)
        return bucket.match(text, position) if bucket is not None else None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """The matches from left to right, not overlapping (as ``re.finditer``)."""
        end = 0
        for start in self._starts.finditer(text):
            position = start.start()
            if position < end:
                continue
            match = self._match_at(text, position)
            if match:
                end = match.end()
                yield match

    def search(self, text: str) -> re.Match[str] | None:
        """The first match, or None."""
        return next(self.finditer(text), None)


def _buckets(named: list[tuple[str, str]], suffix: str) -> dict[str | None, re.Pattern[str]]:
    """First character -> one regex of the patterns that can start with it, in priority order.

    Key None holds the patterns whose first character is unknown (tried where no bucket fits).
    """
    starts = [(name, pattern, first_chars(pattern)) for name, pattern in named]
    chars = sorted({c for _, _, found in starts if found for c in found})
    buckets: dict[str | None, re.Pattern[str]] = {}
    for key in [*chars, None]:
        alternatives = [
            f"(?P<{name}__{i}>{pattern})"
            for i, (name, pattern, found) in enumerate(starts)
            if found is None or (key is not None and key in found)
        ]
        if alternatives:
            buckets[key] = re.compile(f"(?:{'|'.join(alternatives)}){suffix}")
    return buckets


def alternation(groups: list[tuple[str, list[str] | tuple[str, ...]]]) -> Alternation:
    """One matcher over named lists of patterns, for lowercased text; see ``group_name``."""
    return Alternation(groups)


def group_name(match: re.Match[str]) -> str:
    """The name of the list whose pattern made ``match``."""
    return match.lastgroup.split("__", 1)[0]  # type: ignore[union-attr]
