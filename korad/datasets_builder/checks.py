"""Checks of a machine translation against its English source."""

from __future__ import annotations

import re
from collections import Counter

from korad.findings import label
from korad.text import DEID_MARK

# A unit may be followed by a Korean particle ("4 cm에"): Hangul is a word character for \b.
_MEASURE = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*(cm|mm|%|ml|cc|kg|mmhg)?(?![a-z])", re.IGNORECASE)
LATERALITY = {
    "right": (
        re.compile(r"\b(?:right|rt\.?)\b", re.I),
        re.compile(r"우측|오른|우(?:상|중|하)엽|우폐|\bright\b|\brt\b", re.I),
    ),
    "left": (re.compile(r"\b(?:left|lt\.?)\b", re.I), re.compile(r"좌측|왼|좌(?:상|하)엽|좌폐|\bleft\b|\blt\b", re.I)),
    "bilateral": (
        re.compile(r"\b(?:bilateral|bilaterally|both)\b", re.I),
        re.compile(r"양측|양쪽|양 폐|양폐|\bbilateral", re.I),
    ),
}


def translation_problems(source: str, translation: str) -> list[str]:
    """What the translation lost: numbers and units, laterality, de-identification marks, findings.

    An empty list means every check passed.
    """
    problems = []
    wanted = Counter((n, (u or "").lower()) for n, u in _MEASURE.findall(source))
    found = Counter((n, (u or "").lower()) for n, u in _MEASURE.findall(translation))
    missing = wanted - found
    if missing:
        problems.append("numbers: " + ", ".join(f"{n}{' ' + u if u else ''}" for n, u in sorted(missing)) + " missing")
    for side, (in_source, in_translation) in LATERALITY.items():
        if in_source.search(source) and not in_translation.search(translation):
            problems.append(f"laterality: '{side}' in the source, not in the translation")
    if len(DEID_MARK.findall(translation)) < len(DEID_MARK.findall(source)):
        problems.append("de-identification marks: fewer ___ / XXXX than in the source")
    source_labels, translated_labels = label(source), label(translation)
    if source_labels != translated_labels:
        diff = sorted(
            f"{o} {source_labels.get(o, 'absent')}→{translated_labels.get(o, 'absent')}"
            for o in source_labels.keys() | translated_labels.keys()
            if source_labels.get(o) != translated_labels.get(o)
        )
        problems.append("findings: " + ", ".join(diff))
    return problems
