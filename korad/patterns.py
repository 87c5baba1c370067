"""One fast regular expression over many named lists of patterns (the labeler's vocabularies).

``alternation`` joins patterns in priority order: at one place of the text the first pattern that
matches wins, and ``group_name`` names the list of the pattern that matched. English patterns
must stand as whole words; Korean ones may start inside a word (particles attach: "기흉은").

Python's engine tries every alternative at every place, which made the labeler slow with a few
hundred patterns. So each pattern is rewritten, for each character it can start with, as that
character followed by the rest of the pattern (its derivative, computed on the parse tree of
Python's own regex parser). Every branch of the joined expression then starts with a literal
character, and the engine skips in C over the places where no branch can start. Matching is
case-sensitive on lowercased text (``lower``), which keeps the engine's fast literal checks.
Below the first character the branches are factored the same way, as a trie of their literal
prefixes, so that at a place only the patterns that can go on with the next character are tried.

``scanning`` applies the same rewriting to one ordinary expression that does not start with a
literal (``\\b...``, ``[ \\t]*\\n...``): the engine then skips to where it can start instead of
trying it at every place. Both rewritings are exact: the same matches, spans and groups' names.
A pattern added to a vocabulary goes through them as it is (tests/test_patterns.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import cache
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import TypeVar

HANGUL = re.compile(r"[가-힣]")
T = TypeVar("T")


def lower(text: str) -> str:
    """``text`` in lower case, one character for one (offsets stay valid)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _first_chars(items: list, start: int = 0, spaces: bool = False) -> set[str] | None:
    """The characters a parsed pattern can start with; None when any (or unknown). With ``spaces``, ``\\s``
    stands for the white-space characters (else unknown)."""
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
                elif kind is sre.CATEGORY and value is sre.CATEGORY_SPACE and spaces:
                    chars.update(_spaces())
                else:
                    return None
            return chars
        if op is sre.SUBPATTERN:
            inner = list(av[3])
            found = _first_chars(inner, spaces=spaces)
            if found is None or _can_be_empty(inner):
                return None if found is None else _union(found, _first_chars(items, index + 1, spaces))
            return found
        if op is sre.BRANCH:
            result: set[str] = set()
            for branch in av[1]:
                branch_items = list(branch)
                found = _first_chars(branch_items, spaces=spaces)
                if found is None:
                    return None
                if _can_be_empty(branch_items):
                    found = _union(found, _first_chars(items, index + 1, spaces))
                    if found is None:
                        return None
                result |= found
            return result
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            low, _, item = av
            found = _first_chars(list(item), spaces=spaces)
            if found is None:
                return None
            return _union(found, _first_chars(items, index + 1, spaces)) if low == 0 else found
        return None
    return None


@cache
def _spaces() -> str:
    """Every character ``\\s`` matches (Unicode puts them all below U+3001)."""
    return "".join(re.findall(r"\s", "".join(map(chr, range(0x3001)))))


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


def _needs(items: list, chars: re.Pattern[str]) -> bool:
    """Whether every match of parsed ``items`` holds a character of ``chars``."""
    for op, av in items:
        if op is sre.LITERAL and chars.match(chr(av)):
            return True
        if op is sre.IN and all(
            (kind is sre.LITERAL and chars.match(chr(value)))
            or (kind is sre.RANGE and chars.match(chr(value[0])) and chars.match(chr(value[1])))
            for kind, value in av
        ):
            return True
        if op is sre.SUBPATTERN and _needs(list(av[3]), chars):
            return True
        if op is sre.BRANCH and all(_needs(list(branch), chars) for branch in av[1]):
            return True
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and av[0] > 0 and _needs(list(av[2]), chars):
            return True
    return False


def needs_hangul(pattern: str) -> bool:
    """Whether every match of ``pattern`` holds a Hangul syllable (so text without one cannot match)."""
    return _needs(list(_parser.parse(pattern)), HANGUL)


def first_chars(pattern: str) -> set[str] | None:
    """The characters ``pattern`` can start with (lower case), None when any or unknown."""
    found = _first_chars(list(_parser.parse(pattern)))
    return None if found is None else {c.lower() for c in found}


# --- derivatives: the rest of a pattern once its first character is read ------------------------
#
# For every character c a pattern can start with, the pattern is rewritten as c followed by what
# must match after c (its Brzozowski derivative, on the parse tree of Python's own regex parser).
# The whole vocabulary then becomes one alternation whose branches all start with a literal
# character, which the engine skips over in C at the places no branch can start.

_CATEGORIES = {
    sre.CATEGORY_DIGIT: r"\d",
    sre.CATEGORY_NOT_DIGIT: r"\D",
    sre.CATEGORY_SPACE: r"\s",
    sre.CATEGORY_NOT_SPACE: r"\S",
    sre.CATEGORY_WORD: r"\w",
    sre.CATEGORY_NOT_WORD: r"\W",
}
_AT = {
    sre.AT_BEGINNING: "^",
    sre.AT_END: "$",
    sre.AT_BOUNDARY: r"\b",
    sre.AT_NON_BOUNDARY: r"\B",
    sre.AT_BEGINNING_STRING: r"\A",
    sre.AT_END_STRING: r"\Z",
}


def _unparse(items: list) -> str:
    """A regular expression for parsed ``items`` (the subset of syntax the vocabularies use)."""
    out = []
    for op, av in items:
        if op is sre.LITERAL:
            out.append(re.escape(chr(av)))
        elif op is sre.NOT_LITERAL:
            out.append(f"[^{re.escape(chr(av))}]")
        elif op is sre.ANY:
            out.append(".")
        elif op is sre.IN:
            out.append("[" + "".join(_unparse_set_item(kind, value) for kind, value in av) + "]")
        elif op is sre.SUBPATTERN:
            out.append(f"(?{_group_flags(av[1], av[2])}:{_unparse(list(av[3]))})")
        elif op is sre.BRANCH:
            out.append("(?:" + "|".join(_unparse(list(b)) for b in av[1]) + ")")
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            low, high, item = av
            body = f"(?:{_unparse(list(item))})"
            upper = "" if high is sre.MAXREPEAT else str(high)
            out.append(f"{body}{{{low},{upper}}}" + ("?" if op is sre.MIN_REPEAT else ""))
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            direction, item = av
            kind = ("=" if op is sre.ASSERT else "!") if direction == 1 else ("<=" if op is sre.ASSERT else "<!")
            out.append(f"(?{kind}{_unparse(list(item))})")
        elif op is sre.AT:
            out.append(_AT[av])
        else:
            raise ValueError(f"unsupported regular expression item {op}")
    return "".join(out)


def _group_flags(add: int, remove: int) -> str:
    """The inline flags of a group ("" or "i", "-i"; other flags are not used by the vocabularies)."""
    if (add | remove) & ~re.IGNORECASE:
        raise ValueError("unsupported inline flags")
    return ("i" if add else "") + ("-i" if remove else "")


def _unparse_set_item(kind, value) -> str:
    if kind is sre.NEGATE:
        return "^"
    if kind is sre.LITERAL:
        return re.escape(chr(value))
    if kind is sre.RANGE:
        return f"{re.escape(chr(value[0]))}-{re.escape(chr(value[1]))}"
    if kind is sre.CATEGORY:
        return _CATEGORIES[value]
    raise ValueError(f"unsupported character set item {kind}")


def _derivative(items: list, char: str, fold: bool = False, multiline: bool = False) -> list | None:
    """Parsed items that match what ``items`` matches after ``char`` (None: cannot start with it).

    ``fold``: the items are matched ignoring case (``char`` is in lower case); ``multiline``: ``^`` also
    matches after a line break.
    """
    if not items:
        return None
    (op, av), rest = items[0], list(items[1:])
    if op is sre.LITERAL:
        return rest if chr(av) == char or (fold and chr(av).lower() == char) else None
    if op in (sre.NOT_LITERAL, sre.ANY, sre.IN):
        flags = re.DOTALL | (re.IGNORECASE if fold else 0)
        return rest if re.fullmatch(_unparse([(op, av)]), char, flags) else None
    if op is sre.SUBPATTERN:
        if av[1] or av[2]:
            raise ValueError("flags of a group at the start of a pattern")
        return _derivative(list(av[3]) + rest, char, fold, multiline)
    if op is sre.BRANCH:
        return _either([_derivative(list(b) + rest, char, fold, multiline) for b in av[1]])
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
        low, high, item = av
        if high is not sre.MAXREPEAT and high == 0:
            return _derivative(rest, char, fold, multiline)
        again = [(op, (max(low - 1, 0), high if high is sre.MAXREPEAT else high - 1, item))]
        take = _derivative(list(item) + again + rest, char, fold, multiline)
        if low > 0:
            return take
        skip = _derivative(rest, char, fold, multiline)
        return _either([take, skip] if op is sre.MAX_REPEAT else [skip, take])
    if op is sre.AT and av in _AT_AS_LOOK_BEHIND:
        # "^", "\A", "\b", "\B" before the character: what they say of the character before it, looked behind
        look = _AT_AS_LOOK_BEHIND[av](char, multiline)
        return _derivative([look, *rest], char, fold, multiline)
    if op in (sre.ASSERT, sre.ASSERT_NOT):
        direction, item = av
        if direction == -1:  # a look-behind before the character: look behind it and the character
            after = _derivative(rest, char, fold, multiline)
            return None if after is None else [(op, (-1, [*item, (sre.LITERAL, ord(char))])), *after]
        inner = _derivative(list(item), char, fold, multiline)
        after = _derivative(rest, char, fold, multiline)
        if after is None:
            return None
        if op is sre.ASSERT:
            return None if inner is None else [(op, (1, inner)), *after]
        return after if inner is None else [(op, (1, inner)), *after]
    raise ValueError(f"unsupported regular expression item {op}")


_ANY_CHAR = (sre.IN, [(sre.CATEGORY, sre.CATEGORY_SPACE), (sre.CATEGORY, sre.CATEGORY_NOT_SPACE)])
_WORD_CHAR = (sre.IN, [(sre.CATEGORY, sre.CATEGORY_WORD)])


def _word_boundary(char: str, multiline: bool, boundary: bool = True) -> tuple:
    """``\\b`` (or ``\\B``) before ``char``: the character before is (not) a word character."""
    changes = boundary == (re.match(r"\w", char) is not None)  # a word character after a non-word one
    return (sre.ASSERT_NOT if changes else sre.ASSERT, (-1, [_WORD_CHAR]))


_AT_AS_LOOK_BEHIND = {
    sre.AT_BEGINNING: lambda char, multiline: (
        sre.ASSERT_NOT,
        (-1, [(sre.NOT_LITERAL, ord("\n")) if multiline else _ANY_CHAR]),
    ),
    sre.AT_BEGINNING_STRING: lambda char, multiline: (sre.ASSERT_NOT, (-1, [_ANY_CHAR])),
    sre.AT_BOUNDARY: _word_boundary,
    sre.AT_NON_BOUNDARY: lambda char, multiline: _word_boundary(char, multiline, boundary=False),
}
"""Anchors at the start of a pattern, as the look-behind that says the same before a given character."""


def _either(options: list) -> list | None:
    found = [o for o in options if o is not None]
    if not found:
        return None
    return found[0] if len(found) == 1 else [(sre.BRANCH, (None, found))]


class Alternation:
    """Named lists of patterns matched as one alternation, in priority order (see the module doc)."""

    def __init__(self, groups: list[tuple[str, list[str] | tuple[str, ...]]]) -> None:
        english: list[tuple[str, str]] = []
        korean: list[tuple[str, str]] = []
        for name, patterns in groups:
            for pattern in patterns:
                # A term that can match without Hangul ("aorta(?:의)? calcification") starts a word.
                (korean if needs_hangul(pattern) else english).append((name, pattern))
        # The characters English terms start with (None: any).
        starts = [first_chars(pattern) for _, pattern in english]
        first = "[" + "".join(sorted(re.escape(c) for c in set().union(*starts))) + "]" if all(starts) else None
        # English terms start a word: one check of the character before, then one of the character
        # itself (in Korean text the character before is rarely a Latin letter, and a Hangul
        # syllable would else be tried against every branch), then the branches.
        self._english = (
            re.compile(
                rf"(?<![a-z0-9]){f'(?={first})' if first else ''}(?:{_dispatch(_by_first_char(english))})(?![a-z0-9])"
            )
            if english
            else None
        )
        # Korean terms start anywhere (particles attach): the engine skips in C to their first characters.
        self._korean = re.compile(_dispatch(_by_first_char(korean))) if korean else None
        # Cheap gates: a text without any character an English term starts with, or without Hangul
        # when every Korean term needs one, is not searched with that half at all.
        self._english_gate = re.compile(first) if english and first else None
        self._korean_gate = HANGUL if all(needs_hangul(pattern) for _, pattern in korean) else None
        # What ASCII text is searched with when no Korean term can match it (see ``_halves``).
        self._english_only = self._english if self._korean_gate is not None or self._korean is None else None

    def by_group(self, meanings: Mapping[str, T]) -> dict[str, T]:
        """``meanings`` (list name -> value) keyed by the group that makes a match, ``match.lastgroup``
        (one look-up a match instead of ``meanings[group_name(match)]``)."""
        groups = [
            group for half in (self._english, self._korean) if half is not None for group in half.groupindex
        ]
        return {group: meanings[group.split("__", 1)[0]] for group in groups}

    def _halves(self, text: str) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
        english, korean = self._english, self._korean
        if text.isascii():  # a flag of the string, no scan: no Hangul, and (nearly always) English letters
            return english, None if self._korean_gate is not None else korean
        if english is not None and self._english_gate is not None and self._english_gate.search(text) is None:
            english = None
        if korean is not None and self._korean_gate is not None and self._korean_gate.search(text) is None:
            korean = None
        return english, korean

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """The matches from left to right, not overlapping (English first where both start)."""
        if self._english_only is not None and text.isascii():
            return self._english_only.finditer(text)
        english_re, korean_re = self._halves(text)
        if english_re is None or korean_re is None:
            only = english_re or korean_re
            return only.finditer(text) if only is not None else iter(())
        english = list(english_re.finditer(text))
        korean = list(korean_re.finditer(text))
        if not (english and korean):
            return iter(english or korean)
        found = sorted(english + korean, key=re.Match.start)  # stable: English first where both start
        return iter(_not_overlapping(found))

    def search(self, text: str) -> re.Match[str] | None:
        """The first match, or None."""
        if self._english_only is not None and text.isascii():
            return self._english_only.search(text)
        english_re, korean_re = self._halves(text)
        english = english_re.search(text) if english_re is not None else None
        korean = korean_re.search(text) if korean_re is not None else None
        if english is None or korean is None:
            return english or korean
        return english if english.start() <= korean.start() else korean


def _not_overlapping(matches: list[re.Match[str]]) -> list[re.Match[str]]:
    kept, end = [], 0
    for match in matches:
        if match.start() >= end:
            kept.append(match)
            end = match.end()
    return kept


def _dispatch(branches: dict[str, list[tuple[str, list]]]) -> str:
    """One alternation whose branches each start with their literal first character (see above)."""
    names = _GroupNames()
    return (
        "|".join(f"{re.escape(c)}(?:{_factored(branches[c], names, 1)})" for c in sorted(branches)) or r"(?!)"
    )


def _by_first_char(named: list[tuple[str, str]]) -> dict[str, list[tuple[str, list]]]:
    """First character -> the derivatives of the patterns that can start with it (name, parsed rest), in order."""
    parsed = [(name, list(_parser.parse(pattern))) for name, pattern in named]
    chars = sorted({c for name, pattern in named for c in (first_chars(pattern) or _ALL_FIRST)})
    buckets: dict[str, list[tuple[str, list]]] = {}
    for char in chars:
        for name, items in parsed:
            rest = _derivative(items, char)
            if rest is not None:
                buckets.setdefault(char, []).append((name, rest))
    return buckets


# --- factoring: a trie of the literal prefixes -----------------------------------------------------
#
# The engine tries the branches of an alternation one after the other. Below the first character,
# the branches of a bucket are factored the same way, character by character, as a trie: at each
# place only the branches that can go on with the character there are tried. Reordering branches
# that start with different characters changes no match (at most one of them can go on), so the
# first branch in priority order that matches is still the one found. A branch that can start with
# many characters (``\w+``), with an unknown one, or that can end here stays where it is, in order.

_FANOUT = 4
"""Branches that can start with more characters than this are not factored (each would be copied)."""
_DEPTH = 24
"""Characters factored at most (the trie of a vocabulary is shallow; this bounds its size)."""


class _GroupNames:
    """Unique names for the empty group that ends each branch (a branch copied into two places of the
    trie needs two names): ``<list name>__<number>``, read back by ``group_name``."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, name: str) -> str:
        self.count += 1
        return f"{name}__{self.count}"


def _factored(branches: list[tuple[str, list]], names: _GroupNames, depth: int) -> str:
    """``branches`` (list name, parsed rest) as one alternation in priority order, their common literal
    prefixes factored into a trie (see above)."""
    out: list[str] = []
    run: list[tuple[str, list, dict[str, list | None]]] = []  # in a row, may be reordered by their first character

    def flush() -> None:
        if len(run) == 1:
            out.append(_branch(run[0][0], run[0][1], names))
        elif run:
            for char in sorted(set().union(*(rests for _, _, rests in run))):
                after = [(name, rest) for name, _, rests in run if (rest := rests.get(char)) is not None]
                if after:
                    out.append(f"{re.escape(char)}(?:{_factored(after, names, depth + 1)})")
        run.clear()

    for name, items in branches:
        chars = _first_chars(items) if depth < _DEPTH and items else None
        rests = None
        if chars is not None and len(chars) <= _FANOUT and not _can_be_empty(items):
            try:
                rests = {char: _derivative(items, char) for char in chars}
            except ValueError:  # a construct the derivative does not know: the branch stays as written
                rests = None
        if rests is None:
            flush()
            out.append(_branch(name, items, names))
        else:
            run.append((name, items, rests))
    flush()
    return "|".join(out)


def _branch(name: str, items: list, names: _GroupNames) -> str:
    # The name goes in an empty group at the end: each branch then starts with its own first item
    # (mostly a literal), which the engine checks without entering the branch.
    return f"{_unparse(items)}(?P<{names(name)}>)"


_ALL_FIRST = "abcdefghijklmnopqrstuvwxyz0123456789"


def alternation(groups: list[tuple[str, list[str] | tuple[str, ...]]]) -> Alternation:
    """One matcher over named lists of patterns, for lowercased text; see ``group_name``."""
    return Alternation(groups)


_SCANNING_FLAGS = re.IGNORECASE | re.MULTILINE | re.UNICODE
_MAX_FIRST = 64
"""A pattern that can start with more characters than this is compiled as written (little to skip)."""


def scanning(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, written so that the engine skips in C to where it can start.

    An expression that does not start with a literal character (``\\b...``, ``^\\s*(?:if|...)|...``,
    ``[ \\t]*\\n...``, a choice whose branches start with a character class) is tried at every place of the
    text. Rewritten as its first characters, each followed by the rest of the expression (its
    derivative, as for ``alternation``), it is tried only where one of them stands. Matches, spans and
    search results stay the same. Expressions with capturing groups, other flags than IGNORECASE and
    MULTILINE, or no short list of first characters are compiled as written.
    """
    compiled = re.compile(pattern, flags)
    if compiled.groups or compiled.flags & ~_SCANNING_FLAGS:
        return compiled
    fold, multiline = bool(compiled.flags & re.IGNORECASE), bool(compiled.flags & re.MULTILINE)
    try:
        items = list(_parser.parse(pattern, flags))
        if items and items[0] in ((sre.AT, sre.AT_BEGINNING), (sre.AT, sre.AT_BEGINNING_STRING)):
            return compiled  # tried at the start (of each line) only: nothing to skip
        chars = _first_chars(items, spaces=True)
        if chars is None or _can_be_empty(items):
            return compiled
        if fold:  # one branch a letter in lower case, for letters whose case is plain
            if not all(c.isascii() or (c.lower() == c.upper() and c <= "\uffff") for c in chars):
                return compiled
            chars = {c.lower() for c in chars}
        if len(chars) > _MAX_FIRST:
            return compiled
        variants = _case_variants(frozenset(chars)) if fold else {char: (char,) for char in chars}
        branches = []
        for char in sorted(chars):
            rest = _derivative(items, char, fold, multiline)
            if rest is not None:
                # Ignoring case, each first character is written out in each of its cases and only the rest
                # ignores case: the engine skips only over characters in a set that holds no cased letter.
                body = f"(?i:{_unparse(rest)})" if fold else f"(?:{_unparse(rest)})"
                branches.extend(f"{re.escape(variant)}{body}" for variant in variants[char])
        return re.compile("|".join(branches) or r"(?!)", compiled.flags & _SCANNING_FLAGS & ~re.IGNORECASE)
    except (ValueError, re.error):
        return compiled


@cache
def _every_char() -> str:
    """Every character of the Basic Multilingual Plane (Unicode's case pairs never leave their plane)."""
    return "".join(map(chr, range(0x10000)))


@cache
def _case_variants(chars: frozenset[str]) -> dict[str, tuple[str, ...]]:
    """Each of ``chars`` (of the Basic Multilingual Plane) with every character it matches ignoring case, as the
    engine decides ("k": "k", "K" and the Kelvin sign)."""
    found = set(re.findall("[" + "".join(map(re.escape, sorted(chars))) + "]", _every_char(), re.IGNORECASE))
    return {c: tuple(sorted(x for x in found if re.fullmatch(re.escape(c), x, re.IGNORECASE))) for c in chars}


class Gated:
    """A regular expression searched only in texts that hold one of the strings every match of it holds.

    ``^\\s*(?:ADDENDUM|추가\\s*판독)`` with ``re.MULTILINE`` (or a choice of branches that starts with
    ``^``) is tried at every place of a text; the strings it needs ("addendum", "추가") are found by an
    expression that the engine skips to in C (``scanning``). A text without them is not searched at all.
    Matches are those of the expression as written.
    """

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = re.compile(pattern, flags)
        parsed = _parser.parse(pattern, flags)
        words = _required(list(parsed)) if not parsed.state.flags & re.VERBOSE else None
        self._needs = (
            scanning("|".join(map(re.escape, sorted(words, key=len, reverse=True))), self.pattern.flags & re.IGNORECASE)
            if words
            else None
        )

    def search(self, text: str) -> re.Match[str] | None:
        """The first match in ``text``, or None."""
        if self._needs is not None and self._needs.search(text) is None:
            return None
        return self.pattern.search(text)


def _required(items: list) -> frozenset[str] | None:
    """Strings one of which every match of parsed ``items`` holds, as written (None: none known)."""
    options: list[frozenset[str]] = []  # what each item of the sequence needs (any one of its strings)
    run: list[str] = []  # literal characters in a row

    def flush() -> None:
        if run:
            options.append(frozenset({"".join(run)}))
            run.clear()

    for op, av in items:
        if op is sre.LITERAL:
            run.append(chr(av))
            continue
        flush()
        found: frozenset[str] | None = None
        if op is sre.SUBPATTERN and not (av[1] or av[2]):
            found = _required(list(av[3]))
        elif op is sre.BRANCH:
            branches = [_required(list(branch)) for branch in av[1]]
            found = None if any(b is None for b in branches) else frozenset().union(*branches)  # type: ignore[arg-type]
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and av[0] >= 1:
            found = _required(list(av[2]))
        if found:
            options.append(found)
    flush()
    # The best: strings of at least three characters, as few as possible, then the longest.
    return max(options, key=lambda o: (min(map(len, o)) >= 3, -len(o), min(map(len, o))), default=None)


_NAMES: dict[str, str] = {}


def group_name(match: re.Match[str]) -> str:
    """The name of the list whose pattern made ``match``."""
    group = match.lastgroup
    name = _NAMES.get(group)  # type: ignore[arg-type]
    if name is None:
        name = _NAMES[group] = group.split("__", 1)[0]  # type: ignore[union-attr,index]
    return name
