"""How a grounded answer is worded: the reply, its 네/아니요, Korean particles, finding names, quotes."""

from __future__ import annotations

import re
from contextvars import ContextVar
from dataclasses import dataclass, field

from korad.chat.acuity import congestion_only
from korad.details import Detail
from korad.findings import Findings, Label
from korad.glossary import TERMS, korean_name
from korad.text import HANGUL, HANGUL_RE


def particle(word: str, with_final: str, without_final: str) -> str:
    """The Korean particle that fits ``word`` (이/가, 은/는, 을/를, 과/와), by its last syllable."""
    hangul = HANGUL_RE.findall(word)
    if not hangul:
        return with_final
    return with_final if (ord(hangul[-1]) - ord(HANGUL[0])) % 28 else without_final  # 28 finals per initial+vowel


def yes_no(holds: bool, negated: bool = False) -> str:
    """The first word of a yes/no answer, for the question as asked.

    ``holds`` is the truth of what the question asks in its positive form ("there is an effusion",
    "it got worse", "the report is normal"); a question asked in the negative ("흉수가 없나요?")
    is answered "네" when the positive form does not hold. The one place every yes/no answer of the
    grounded backend gets its first word.
    """
    return "네" if holds != negated else "아니요"


_ENGLISH_NAMES: dict[str, str] = {"Pleural Other": "pleural thickening", "Support Devices": "support devices"}
"""Observations whose label is no report word ("Pleural Other"): the English term shown instead."""
_CONGESTION_NAME = ("폐울혈", "pulmonary vascular congestion")
REPORT_NAMES: ContextVar[dict[str, tuple[str, str]] | None] = ContextVar("report_names", default=None)
"""The names the current report gives its findings (Korean, English), where they differ from the
labels: vascular congestion is filed under "Edema" but is 폐울혈, never 폐부종. Set by ``reply``."""


def report_names(findings: Findings) -> dict[str, tuple[str, str]]:
    """The Korean and English names of the report's findings that differ from their labels' names."""
    names: dict[str, tuple[str, str]] = {}
    if congestion_only(findings):
        written = next(
            (
                m.group().lower()
                for d in findings.details
                if d.observation == "Edema"
                if (m := re.search(r"(?:pulmonary |vascular |venous )+congestion", d.text, re.I))
            ),
            _CONGESTION_NAME[1],
        )
        names["Edema"] = (_CONGESTION_NAME[0], written)
    pleural = next(
        (d.text for d in findings.details if d.observation == "Pleural Other" and d.status != "negative"), ""
    )
    said = re.search(r"(?:pleural|apical) (?:thickening|plaques?|calcifications?|cap|scarring)", pleural, re.I)
    if said:
        names["Pleural Other"] = (korean_name("Pleural Other"), said.group().lower())
    return names


_EDEMA_ITSELF = re.compile(r"o?edema|부종", re.IGNORECASE)


def detail_name(detail: Detail) -> str:
    """``finding_name`` of a detail's finding, but edema said in as many words stays 폐부종 in a report whose
    "Edema" is otherwise congestion ("폐울혈 호전됨. 간질성 폐부종은 소실됨": the second is the edema)."""
    if detail.observation == "Edema" and _EDEMA_ITSELF.search(detail.text):
        return f"{korean_name('Edema')}(edema)"
    return finding_name(detail.observation)


def korean_named(observation: str) -> str:
    return (REPORT_NAMES.get() or {}).get(observation, (korean_name(observation), ""))[0]


def finding_name(observation: str) -> str:
    korean, english = (REPORT_NAMES.get() or {}).get(observation, ("", ""))
    english = english or _ENGLISH_NAMES.get(observation, observation.lower())
    return f"{korean or korean_name(observation)}({english})"


def as_subject(observation: str, particles: tuple[str, str] = ("이", "가")) -> str:
    return f"{finding_name(observation)}{particle(korean_named(observation), *particles)}"


def _first_sentence(text: str) -> str:
    return re.split(r"(?<=[.])\s", text, maxsplit=1)[0]


CONGESTION_MEANING = (
    "폐의 혈관에 피가 몰려 있다는 뜻으로, 심장에 부담이 있을 때 보입니다. 폐에 물이 찬 폐부종과는 다르며, "
    "판독문은 폐부종이라고 하지 않았습니다."
)
OLD_FRACTURE_MEANING = "예전에 부러졌다가 이미 붙은(치유된) 흔적으로, 새로 부러진 뼈가 아닙니다."


def explanation_of(observation: str) -> str | None:
    if observation in (REPORT_NAMES.get() or {}) and observation == "Edema":
        return CONGESTION_MEANING
    term = next((t for t in TERMS if t.observation == observation), None)
    return _first_sentence(term.explanation) if term else None


def cite(text: str | None) -> str:
    return f" 판독문: “{' '.join(text.split())}”" if text else ""


@dataclass
class Reply:
    """A grounded answer: its text and what it asserts, as the report's own labels."""

    text: str
    claims: dict[str, Label] = field(default_factory=dict)


YES_NO_LEAD = re.compile(r"^(?:네|아니요), ")
