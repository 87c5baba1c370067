"""Sentence splitting for English and Korean report text."""

from __future__ import annotations

import re

# A sentence ends at . ! ? 。 (not inside a number such as 2.5 cm, not after "vs" or "Dr") or at a
# line break.
SENTENCE_END = re.compile(r"(?<!\d)(?<!\bvs)(?<!\bDr)[.。!?](?!\d)|\n+", re.IGNORECASE)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, its final punctuation included."""
    spans, start = [], 0
    for match in SENTENCE_END.finditer(text):
        if match.end() > start:
            spans.append((start, match.end()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def sentences(text: str) -> list[str]:
    """The non-empty sentences of ``text``, stripped."""
    return [s for a, b in sentence_spans(text) if (s := text[a:b].strip(" \t\n.。!?")) and re.search(r"\w", s)]
