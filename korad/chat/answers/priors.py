"""A change asked against one named earlier study ("이틀 전보다는 좋아졌어요?", "입원 때랑 비교하면 어때?",
"compared to yesterday", "수술 전보다 나빠졌어요?").

Reports that compare with two studies write each comparison in its own clause: "Right lower lobe consolidation
is slightly improved compared with 2 days ago, though more extensive than on the admission radiograph." A
question that names one of them is answered from the clause that names it (or, when the other clause names the
other study, from the clause that does not), and the other comparison is told with it. ``prior_asked`` reads
the earlier study a question names; ``change_against`` reads a sentence's change against it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from korad.details import changes_in
from korad.numbers import number_of, number_words

_DAYS = {"하루": 1, "이틀": 2, "사흘": 3, "나흘": 4, "닷새": 5, "엿새": 6, "이레": 7}
"""Korean words that count days themselves ("이틀 전"); other numbers are korad.numbers'."""
_UNITS = {"일": "day", "주": "week", "주일": "week", "달": "month", "개월": "month", "년": "year"}
_KO_AGO = re.compile(
    rf"(?P<n>\d+|{'|'.join(_DAYS)}|{number_words(1, 4, korean=True, digits=False)})"
    r"\s*(?P<unit>주일|개월|일|주|달|년)?\s*(?:전|前)"
)
_EN_AGO = re.compile(
    rf"\b(?P<n>\d+|{number_words(1, 7, english=True, digits=False)}|a)[- ](?P<unit>day|week|month|year)s?"
    r"(?:[- ](?:ago|prior|earlier|before|previously)|\s+(?:study|exam|radiograph|film))",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Prior:
    """An earlier study as named: by an event ("admission", "surgery", "treatment") or by how long ago."""

    event: str = ""
    ago: tuple[int, str] | None = None

    @property
    def korean(self) -> str:
        if self.ago:
            n, unit = self.ago
            return f"{n}{ {'day': '일', 'week': '주', 'month': '개월', 'year': '년'}[unit]} 전 검사"
        return _EVENTS_KO[self.event]


_EVENTS: tuple[tuple[str, str, str], ...] = (
    (
        "yesterday",
        r"어제|전날|전일|\byesterday\b",
        r"\byesterday\b|\bprior day\b|\bprevious day\b|어제|전일|전날",
    ),
    (
        "admission",
        r"입원\s*(?:했을\s*)?(?:때|시|당시|초|첫날)|입원\s*(?:날|한\s*날)|처음\s*(?:입원|왔을)|\badmission\b",
        r"\badmission\b|\badmitting\b|입원\s*(?:시|당시|때)",
    ),
    (
        "surgery",
        r"수술\s*(?:하기\s*)?(?:전|前)|술\s*전|\bpre-?op(?:erative)?\b|\bbefore (?:the )?surgery\b",
        r"\bpre-?op(?:erative)?\b|\bbefore (?:the )?(?:surgery|operation)\b|수술\s*전|술전",
    ),
    (
        "treatment",
        r"(?:치료|RT|방사선\s*치료|항암(?:\s*치료)?|항생제)\s*(?:하기\s*|받기\s*|시작\s*(?:하기\s*)?)?(?:전|前)",
        r"\bpre-?treatment\b|\bbefore (?:the )?(?:treatment|therapy|radiation|RT|chemotherapy)\b"
        r"|(?:치료|RT|방사선\s*치료|항암(?:\s*치료)?)\s*(?:시작\s*)?(?:전|前)",
    ),
)
"""Earlier studies named by an event: (key, how a question names it, how a report names it)."""
_EVENTS_KO = {
    "yesterday": "어제 검사",
    "admission": "입원 당시 검사",
    "surgery": "수술 전 검사",
    "treatment": "치료 전 검사",
}
PRIOR_TALK = re.compile(
    "|".join(
        [
            *(w for _, _, w in _EVENTS),
            _EN_AGO.pattern,
            r"\b(?:compared?|comparison|since|than|prior|previous(?:ly)?|last (?:time|study|film|x-?ray))\b"
            r"(?:\s+(?:to|with))?",
        ]
    ),
    re.IGNORECASE,
)
"""Words that name an earlier study or the comparison with it ("compared to yesterday", "since admission"):
a question's words about when, not about what."""
_CLAUSES = re.compile(
    r",?\s*\b(?:though|although|but|however|whereas|while|yet)\b|;|(?<=[가-힣])(?:나|지만|으나),?\s|,\s*(?:하지만|그러나)",
    re.IGNORECASE,
)
"""Where a sentence turns from one comparison to the other ("improved since ___, but worse than on admission")."""


def _count(word: str) -> int:
    return _DAYS.get(word) or number_of(word) or (1 if word.lower() == "a" else 0)


def prior_asked(text: str) -> Prior | None:
    """The earlier study a question names to compare with, else None ("전보다 좋아졌어요?" names none)."""
    for event, asked, _ in _EVENTS:
        if re.search(asked, text, re.IGNORECASE):
            return Prior(event=event)
    match = _KO_AGO.search(text) or _EN_AGO.search(text)
    if match and _count(match["n"]):
        unit = match["unit"] or "일"
        return Prior(ago=(_count(match["n"]), _UNITS.get(unit, unit.lower())))
    return None


def _names(clause: str, prior: Prior) -> bool:
    """Whether ``clause`` names the earlier study ``prior``."""
    if prior.event:
        return bool(re.search(next(w for e, _, w in _EVENTS if e == prior.event), clause, re.IGNORECASE))
    return any(_ago(m) == prior.ago for m in (*_KO_AGO.finditer(clause), *_EN_AGO.finditer(clause)))


def _ago(match: re.Match[str]) -> tuple[int, str]:
    unit = match["unit"] or "일"
    return _count(match["n"]), _UNITS.get(unit, unit.lower())


def _names_any(clause: str) -> bool:
    return any(re.search(w, clause, re.IGNORECASE) for _, _, w in _EVENTS) or bool(
        _KO_AGO.search(clause) or _EN_AGO.search(clause)
    )


def change_against(sentence: str, prior: Prior) -> tuple[str, str] | None:
    """(change, other) in ``sentence`` against ``prior``: the change of the clause that names it, or, when the
    sentence names other earlier studies only, of the clause that names none; ``other`` is the change the
    sentence gives against another study ("" when none). None when the sentence compares with no named
    study or says no change against it."""
    bounds = [0, *(m.start() for m in _CLAUSES.finditer(sentence)), len(sentence)]
    clauses = [sentence[a:b] for a, b in pairwise(bounds) if sentence[a:b].strip()]
    if not any(_names_any(c) for c in clauses):
        return None
    named = [c for c in clauses if _names(c, prior)]
    ours = named or [c for c in clauses if not _names_any(c)]
    theirs = [c for c in clauses if c not in ours]
    change = next((_first(c) for c in ours if _first(c)), None)
    if change is None:
        return None
    return change, next((_first(c) for c in theirs if _first(c)), None) or ""


def _first(clause: str) -> str | None:
    changes = changes_in(clause.lower())
    return changes[0] if changes else None
