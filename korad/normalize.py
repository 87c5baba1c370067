"""Fold report text to what a human reads, keeping the way back to the original characters.

A report can carry characters that look the same to a reader but not to a regular expression:
decomposed Hangul (NFD jamo), fullwidth letters and compatibility forms ("㎝"), zero-width and
bidirectional controls, soft hyphens, and Cyrillic or Greek letters that look like Latin ones
("pneumоthorax" with a Cyrillic "о"). ``fold`` applies NFKC, drops the invisible characters and
maps the look-alikes to Latin, and records for every folded character the span of the original
text it came from, so that evidence can quote the report as it was written.

>>> folded = fold("pneum\\u043ethorax\\u200b")
>>> folded.text, folded.original_span(0, len(folded.text))
('pneumothorax', (0, 12))
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Format characters a reader does not see: soft hyphen, Mongolian vowel separator, zero-width
# space/joiners, direction marks and embeddings, word joiner and invisible operators, BOM.
INVISIBLE = "\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff"

# Cyrillic and Greek letters that a reader takes for Latin ones (after NFKC).
LOOKALIKES: dict[str, str] = {
    **dict(zip("аеорсухіјѕԁһӏԛԝӻ", "aeopcyxijsdhlqwf", strict=True)),
    **dict(zip("АВЕКМНОРСТХУІЈЅԚԜ", "ABEKMHOPCTXYIJSQW", strict=True)),
    **dict(zip("οανρικυχϲϳετ", "oavpikuxcjet", strict=True)),
    **dict(zip("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "ABEZHIKMNOPTYX", strict=True)),
    "ı": "i",
}

_TABLE = str.maketrans(LOOKALIKES)
_NEEDS_FOLDING = re.compile(f"[{INVISIBLE}{''.join(LOOKALIKES)}]")
_INVISIBLE_RE = re.compile(f"[{INVISIBLE}]")


def _starts_cluster(char: str) -> bool:
    """Whether NFKC may treat ``char`` on its own (no combining mark, no Hangul vowel or final)."""
    code = ord(char)
    return not (unicodedata.combining(char) or 0x1160 <= code <= 0x11FF or 0xD7B0 <= code <= 0xD7FF)


@dataclass(frozen=True)
class Folded:
    """Folded text and, unless it equals the original, the original span of each character."""

    text: str
    starts: tuple[int, ...] | None = None
    ends: tuple[int, ...] | None = None

    @property
    def changed(self) -> bool:
        return self.starts is not None

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that the folded span [start, end) came from."""
        if self.starts is None or self.ends is None or start >= end:
            return start, end
        return self.starts[start], self.ends[end - 1]


def fold(text: str) -> Folded:
    """NFKC, without invisible characters, with Cyrillic/Greek look-alikes read as Latin letters."""
    if text.isascii() or (unicodedata.is_normalized("NFKC", text) and not _NEEDS_FOLDING.search(text)):
        return Folded(text)
    kept = [i for i, char in enumerate(text) if not _INVISIBLE_RE.match(char)]
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    cluster: list[int] = []

    def flush() -> None:
        if cluster:
            folded = unicodedata.normalize("NFKC", "".join(text[i] for i in cluster)).translate(_TABLE)
            pieces.append(folded)
            starts.extend([cluster[0]] * len(folded))
            ends.extend([cluster[-1] + 1] * len(folded))
            cluster.clear()

    for i in kept:
        if _starts_cluster(text[i]):
            flush()
        cluster.append(i)
    flush()
    return Folded("".join(pieces), tuple(starts), tuple(ends))
