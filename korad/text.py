"""Report text: the Hangul range, de-identification marks, and sentence splitting (English and Korean)."""

from __future__ import annotations

import re

from korad.patterns import scanning

HANGUL = "\uac00-\ud7a3"
"""The Hangul syllables (가-힣) as the body of a regular-expression class: ``f"[{HANGUL}]"``."""
HANGUL_RE = re.compile(f"[{HANGUL}]")
"""One Hangul syllable."""

MAX_REPORT_CHARS = 100_000
"""The longest report korad reads, in characters: no chest X-ray report is that long (a longer
text is many reports in one file, or not a report)."""


def unix_newlines(text: str) -> str:
    """``text`` with Windows (CRLF) and old Mac (CR) line ends as line feeds, as Python's text mode reads
    files: a carriage return would otherwise stay in sections and evidence."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


DEID_MARK = re.compile(r"_{3,}|X{4,}")
"""A de-identification mark: MIMIC-CXR's ``___`` and Open-i's ``XXXX``."""

# A sentence ends at . ! ? 。 (not inside a number such as 2.5 cm, not after "vs", "Dr" or the sides
# "Rt." and "Lt.", nor "R." and "L." before a lung part) or at a line break, but not where a hard-wrapped
# line (MIMIC-CXR wraps at ~78 characters) goes on in lower case: "No pleural effusion or\n pneumothorax is seen."
# Nor where the line ends on a word no sentence ends on ("tip in the mid\n SVC.", "4 cm above the\n Carina",
# "tip is approximately\n5 cm above the carina").
# The look-behinds come after the mark so that the engine scans for the mark in C.
_GOES_ON = (
    "the", "a", "an", "of", "in", "into", "at", "to", "with", "and", "or", "mid", "lower", "upper", "proximal",
    "distal", "above", "below", "from", "by", "over", "within", "is", "are", "its", "for", "on", "than", "via",
    # "tip is approximately\n5 cm above the carina", "CVC tip\nSVC-RA junction", "measuring\n2.1 cm"
    "approximately", "approx", "about", "measuring", "measures", "tip", "terminates", "projects", "overlying",
)  # fmt: skip
SENTENCE_END = scanning(
    r"[.。!?](?<!\d[.。!?])(?<!\b(?:vs|dr|rt|lt)[.。!?])(?!\d)"
    # "at 8:45 a.m.": the hour's a.m./p.m. goes on
    r"(?!(?<=\d [ap][.])m[.])(?!(?<=\d[ap][.])m[.])"
    # "R. lower lobe", "L. pleural effusion": a side written as one letter
    r"(?!(?<=\b[rl][.]) ?(?:upper|middle|lower|lung|pleural|base|apex|apical|basilar|hemithorax|sided)\b)"
    # (The look-ahead first: most wrapped lines go on in lower case. One look-behind for the words of each length.)
    r"|\n(?:[ \t]*\n)+|\n(?![ \t]*(?-i:[a-z]))"
    + "".join(
        rf"(?<!\b(?:{'|'.join(words)})\n)"
        for length in sorted({len(word) for word in _GOES_ON})
        if (words := [word for word in _GOES_ON if len(word) == length])
    ),
    re.IGNORECASE,
)


def split_spans(text: str, pattern: re.Pattern[str], keep_at_end: bool = True) -> list[tuple[int, int]]:
    """(start, end) of the pieces of ``text`` between matches of ``pattern``.

    ``keep_at_end`` keeps each match at the end of the piece before it (a full stop, a Korean
    connective ending); otherwise the match starts the next piece and is dropped ("but", ";").
    """
    spans, start = [], 0
    for match in pattern.finditer(text):
        cut = match.end() if keep_at_end else match.start()
        if cut > start:
            spans.append((start, cut))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, its final punctuation included."""
    return split_spans(text, SENTENCE_END)


def sentences(text: str) -> list[str]:
    """The non-empty sentences of ``text``, stripped."""
    return [s for a, b in sentence_spans(text) if (s := text[a:b].strip(" \t\n.。!?")) and re.search(r"\w", s)]
