"""Which bone a fracture is in, as a sentence names it."""

from __future__ import annotations

import re

from korad.findings import hedged

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


_FRACTURE_WORD = re.compile(r"fractur|골절|부러|금이|broken|break", re.IGNORECASE)
_NOT_ASSESSED = re.compile(
    r"not\s+(?:well\s+|fully\s+|adequately\s+|optimally\s+|reliably\s+)?(?:evaluated|assessed)"
    r"|not\s+(?:well|fully|adequately|optimally|reliably|clearly)\s+(?:seen|visuali[sz]ed|imaged|demonstrated)"
    r"|(?:cannot|can\s*not|could\s+not|difficult\s+to|unable\s+to)\s+(?:be\s+)?(?:evaluat|assess)\w*"
    r"|(?:limited|suboptimal)\s+(?:evaluation|assessment|visuali[sz]ation)"
    r"|(?:evaluation|assessment)\s+(?:of\s+(?:the\s+)?[\w\s]{0,30}?)?(?:is\s+|was\s+)?limited"
    r"|obscured|평가\s*(?:가|는|이)?\s*(?:제한|어렵|어려|불가|곤란)|제한적|판단\s*(?:이|하기)?\s*(?:어렵|어려|곤란)"
    r"|확인\s*(?:이|하기)?\s*(?:어렵|어려|곤란)",
    re.IGNORECASE,
)
"""The report's words that a bone could not be judged on this study ("sternum not well evaluated", "평가 제한적")."""


_HARDWARE = re.compile(
    r"stern\w*\s+(?:wires?|sutures?|cerclage|plates?)|(?:흉골|복장뼈)\s*(?:봉합|철사|와이어|고정)\w*", re.IGNORECASE
)
"""Hardware named by the bone it holds ("sternal wires", "흉골 봉합 철사"): not the bone itself."""


def bone_sentence(sentences: list[str], bone: str) -> tuple[str, str] | None:
    """(how, sentence) for the first of ``sentences`` that names ``bone`` (Korean, ``bone_named``) with a fracture
    or with a word that it could not be judged: how is "not_assessed" ("흉골 골절 여부는 평가 제한적"), "hedged"
    ("r/o scapula fracture", ``korad.findings.hedged``); None when no sentence does. A sentence that denies
    the fracture is left to the labeler's reading."""
    for sentence in sentences:
        sentence_bones = _HARDWARE.sub("", sentence)  # "sternal wires ... limited" is not the sternum judged
        if bone_named(sentence_bones) != bone and not _names(sentence_bones, bone):
            continue
        if _NOT_ASSESSED.search(sentence):
            return "not_assessed", sentence
        if _FRACTURE_WORD.search(sentence) and hedged(sentence):
            return "hedged", sentence
    return None


def _names(sentence: str, bone: str) -> bool:
    """Whether ``sentence`` names ``bone`` anywhere (not only as its first bone)."""
    return any(ko == bone and re.search(pattern, sentence, re.IGNORECASE) for pattern, ko in _BONES)
