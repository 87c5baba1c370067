"""Which bone a fracture is in, as a sentence names it."""

from __future__ import annotations

import re

_BONES: tuple[tuple[str, str], ...] = (
    (r"clavic|쇄골|빗장뼈", "쇄골"),
    (r"(?<![a-z])ribs?(?![a-z])|늑골|갈비", "늑골"),
    (r"vertebra|spine|spinal|(?<![A-Za-z])[TL]\d{1,2}(?!\d)|척추|흉추|요추|등뼈|허리뼈", "척추"),
    (r"scapul|견갑|어깨뼈", "견갑골"),
    (r"humer|상완|팔뼈", "상완골"),
    (r"stern(?!otomy)|흉골|복장뼈|가슴뼈", "흉골"),
)
"""Bones a chest radiograph shows -> their Korean names, to say which bone a fracture is in."""


def bone_named(sentence: str) -> str:
    """The bone named in ``sentence`` in Korean ("쇄골"), "" when none."""
    return next((ko for pattern, ko in _BONES if re.search(pattern, sentence, re.IGNORECASE)), "")


def bone_prefix(sentence: str) -> str:
    """The bone named in ``sentence`` with a trailing space ("쇄골 "), "" when none or it is the label's own."""
    found = bone_named(sentence)
    return f"{found} " if found and found not in ("늑골", "척추") else ""


BONE_OF_LABEL = {"Rib Fracture": "늑골", "Vertebral Fracture": "척추"}

FRACTURES: frozenset[str] = frozenset({"Fracture", "Rib Fracture", "Vertebral Fracture"})
