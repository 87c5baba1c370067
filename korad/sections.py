"""Split a chest X-ray report into its sections, from English and Korean headers.

Headers are recognised at the start of a line (``FINDINGS:``, ``FINDINGS`` alone on its line,
``[소견]``, ``■ 결론``) and inline after a sentence (``... stable. IMPRESSION: ...``). Text before the
first header is kept as ``preamble``; de-identification marks (``___``, ``XXXX``) are left alone.
"""

from __future__ import annotations

import re
from functools import lru_cache

from korad.patterns import lower
from korad.text import HANGUL_RE

SECTION_NAMES = (
    "examination",
    "history",
    "indication",
    "technique",
    "comparison",
    "findings",
    "impression",
)
"""The sections of the reports artifact (docs/artifacts.md), in report order."""

# Section name -> header variants. Matching ignores case and the spaces inside Korean headers.
HEADER_VARIANTS: dict[str, tuple[str, ...]] = {
    "examination": (
        "EXAMINATION",
        "EXAM",
        "STUDY",
        "PROCEDURE",
        "FINAL REPORT",
        "TYPE OF EXAMINATION",
        "검사",
        "검사명",
        "검사 종류",
        "검사 부위",
        "촬영 부위",
    ),
    "history": (
        "HISTORY",
        "CLINICAL HISTORY",
        "MEDICAL HISTORY",
        "HX",
        "CLINICAL HX",
        "C/C",
        "CHIEF COMPLAINT",
        "PATIENT HISTORY",
        "CLINICAL INFORMATION",
        "CLINICAL INFO",
        "CLINICAL",  # "Clinical: SICU, s/p Rt. VATS, 수술 후 Rt. 기흉" (ICU shorthand)
        "CLINICAL DATA",
        "CLINICAL DETAILS",
        "CLINICAL NOTES",
        "병력",
        "임상",
        "임상 사항",
        "임상정보",
        "임상 정보",
        "임상 병력",
        "임상 소견",
        "환자 정보",
    ),
    "indication": (
        "INDICATION",
        "INDICATIONS",
        "CLINICAL INDICATION",
        "REASON FOR EXAM",
        "REASON FOR EXAMINATION",
        "REASON FOR STUDY",
        "REASON FOR REQUEST",
        "검사 사유",
        "검사 목적",
        "의뢰 사유",
        "적응증",
    ),
    "technique": (
        "TECHNIQUE",
        "TECHNIQUES",
        "PROCEDURE DETAILS",
        "VIEWS",
        "기법",
        "촬영 기법",
        "검사 기법",
        "촬영 방법",
        "검사 방법",
    ),
    "comparison": (
        "COMPARISON",
        "COMPARISONS",
        "PRIOR STUDIES",
        "PRIOR STUDY",
        "COMPARISON STUDY",
        "비교",
        "비교 검사",
        "비교 영상",
        "이전 검사",
        "과거 검사",
    ),
    "findings": (
        "FINDINGS",
        "FINDING",
        "REPORT",
        "소견",
        "판독소견",
        "판독 소견",
        "검사 소견",
        "영상 소견",
        "판독",
        "판독 내용",
        "검사 결과",
        "RESULT",
        "RESULTS",
    ),
    "impression": (
        "IMPRESSION",
        "IMPRESSIONS",
        "CONCLUSION",
        "CONCLUSIONS",
        "SUMMARY",
        "OPINION",
        "DIAGNOSIS",
        "결론",
        "인상",
        "판독 결과",
        "판독결과",
        "종합 소견",
        "종합소견",
        "진단",
        "결과",
        "의견",
        "판독 의견",
        "종합 의견",
    ),
    # Headers that end the section before them but are none of the seven.
    "other": (
        "NOTIFICATION",
        "RECOMMENDATION",
        "RECOMMENDATIONS",
        "WET READ",
        "ADDENDUM",
        "권고",
        "권고 사항",
        "참고",
        "추가 판독",
        "추가 소견",
        "COMMENT",
        "COMMENTS",
        "NOTE",
        "REMARK",
        "REMARKS",
        "비고",
    ),
}


@lru_cache(maxsize=1024)
def _key(header: str) -> str:
    return re.sub(r"\s+", "", header).lower()


_CANONICAL = {_key(v): name for name, variants in HEADER_VARIANTS.items() for v in variants}


@lru_cache(maxsize=1024)
def _section_of(header: str) -> str:
    """The section a header names (as written, lowercased)."""
    return _CANONICAL[_key(header)]


def _variant_pattern(variant: str) -> str:
    glue = r"\s*" if HANGUL_RE.search(variant) else r"\s+"
    return glue.join(re.escape(part) for part in variant.split())


def _by_first_letter(variants: list[str]) -> str:
    """The variants as one alternation with one branch a first letter (order kept within a branch):
    at a place the engine enters only the branch of its letter instead of trying every variant."""
    branches: dict[str, list[str]] = {}
    for variant in variants:
        pattern = _variant_pattern(variant)
        first = re.escape(variant[0])
        branches.setdefault(first, []).append(pattern[len(first) :])
    return "|".join(f"{first}(?:{'|'.join(rests)})" for first, rests in branches.items())


# Matched case-sensitively on lowercased text (same offsets): the engine then checks each
# alternative's first letter without entering it.
_VARIANTS = sorted((v for vs in HEADER_VARIANTS.values() for v in vs), key=len, reverse=True)
_ALTERNATIVES = _by_first_letter([v.lower() for v in _VARIANTS])
_OPEN = r"[\[<【(■▶●#*\-]"
_CLOSE = r"[\]>】)]"
# A header at the start of a line, followed by a colon, a closing bracket or the end of the line;
# or a header after the end of a sentence on the same line, followed by a colon. Searched in the
# text behind a line break ("\n" + text): the expression then starts with the character before the
# header (a line break, a full stop) as one character class, which the engine scans for in C (a
# leading choice of branches would be tried at every place); a match starts where the header's
# line or its space starts in the text, and ends one character later than in the text.
_HEADER = re.compile(
    rf"[\n.。](?:(?<=\n)[ \t]*{_OPEN}*[ \t]*(?P<line>{_ALTERNATIVES})[ \t]*(?:{_CLOSE}+[ \t]*[:：]?|[:：]|(?=\r?\n|\Z))"
    rf"[ \t]*|(?<=[.。])[ \t]+(?P<inline>{_ALTERNATIVES})[ \t]*[:：][ \t]*)"
)


# Header fields that hold one paragraph (history, indication) or one line (examination, technique,
# comparison): a blank line, or for a one-line field a line break not followed by a wrapped
# lower-case continuation, ends them, and untitled text after it is the findings ("검사: Chest AP
# (portable)\n양측 폐하야에 ...", "INDICATION: ...\n\nEndotracheal tube ...").
_ONE_PARAGRAPH = frozenset({"history", "indication"})
_ONE_LINE = frozenset({"examination", "technique", "comparison"})
_ONE_LINE_HEADERS = frozenset({"hx", "clinicalhx", "c/c"})
"""Abbreviated history headers ("Hx: pneumonia", "C/C: chest pain") head one line, not a paragraph: the
lines after them are the findings of a report that has no other header ("Hx: cough\nRt. lower lobe ...")."""
_BLANK_LINE = re.compile(r"\S[^\S\n]*\n[ \t]*\n")
_LINE_END = re.compile(r"\S[^\S\n]*\n(?![ \t]*[a-z])")


def _add(parts: dict[str, list[str]], name: str, chunk: str, header: str = "") -> None:
    one_line = name in _ONE_LINE or _key(header) in _ONE_LINE_HEADERS
    end = _LINE_END if one_line else _BLANK_LINE if name in _ONE_PARAGRAPH else None
    if end is not None and (found := end.search(chunk)):
        parts.setdefault(name, []).append(chunk[: found.start() + 1])
        name, chunk = "findings", chunk[found.start() + 1 :]
    parts.setdefault(name, []).append(chunk)


def _parts(text: str) -> dict[str, list[str]]:
    """The chunks of text under each section name, in report order."""
    parts: dict[str, list[str]] = {}
    position, current, header = 0, "preamble", ""
    for match in _HEADER.finditer("\n" + lower(text)):
        _add(parts, current, text[position : match.start()], header)
        header = match.group("line") or match.group("inline")
        current = _section_of(header)
        position = match.end() - 1
    _add(parts, current, text[position:], header)
    return parts


def _joined(chunks: list[str] | None) -> str | None:
    """The non-empty chunks of a section, stripped, one a line; None when there are none."""
    return ("\n".join(p for chunk in chunks if (p := chunk.strip())) or None) if chunks else None


def parse_sections(text: str) -> dict[str, str | None]:
    """Return the report's sections: the seven of ``SECTION_NAMES`` plus ``preamble`` and ``other``.

    A section that is absent is ``None``; one that appears more than once is joined with a newline.
    """
    parts = _parts(text)
    return {name: _joined(parts.get(name)) for name in ("preamble", *SECTION_NAMES, "other")}


def body_text(text: str) -> str:
    """The report without its headers: every section's text, in report order."""
    return "\n".join(s for s in parse_sections(text).values() if s)


LABELLED_SECTIONS = ("preamble", "findings", "impression", "other")
"""Sections that describe the current study; history, indication and the like only ask about it."""


def reported_text(text: str) -> str:
    """The part of a report that states what the study shows (findings, impression, untitled text).

    Indication and history ("evaluate for pneumonia") ask a question rather than answer it, so the
    findings labeler reads only this part. A report without headers is returned whole.
    """
    parts = _parts(text)  # the sections' non-empty chunks, one a line (as ``_joined`` joins each section)
    return "\n".join([p for name in LABELLED_SECTIONS for chunk in parts.get(name, ()) if (p := chunk.strip())])
