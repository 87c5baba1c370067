"""The details of each finding: side, severity, location, size, change and device position.

``korad.findings.label_report`` finds the mentions of a report; this module reads the words
around each mention (``korad.lexicon.DETAIL_TERMS``) and gives every mention a ``Detail``. Each
detail word of a clause goes to one mention: to the next mention when nothing but modifiers stands
between them ("small left pleural effusion", "좌측 소량의 흉수"), else to the mention before it
("effusion, increased since the prior", "흉수가 증가함"). A change or a position after the last
mention of a clause also holds for the mentions coordinated with it ("ET and NG tubes are in
standard position"), and a diagnosis drawn from a finding shares its side and location
("right lower lobe opacity concerning for pneumonia", "우하엽 경화로 폐렴 의심").

``describe_ko`` renders a detail in Korean for the findings panel; ``detail_contradictions``
compares an answer's details with the report's (the grounding check and the builder's filter).
The vocabulary and its conventions are documented in ``docs/findings.md``.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, replace
from itertools import pairwise
from typing import Any

from korad.glossary import korean_name
from korad.lexicon import (
    DETAIL_TERMS,
    DEVICES,
    INTERPRETATION,
    SEVERITIES,
    SIDE_COMPARISON,
    SIZE,
    SIZE_UNITS,
    WRONG_SITES,
)
from korad.patterns import alternation, scanning
from korad.records import quick_init

_POSITIONED = frozenset(DEVICES) - {"Sternotomy Wires", "Surgical Clips", "Cardiac Assist Device"}
"""Devices whose tip or leads have a position read by the shared words (wires and clips have none; an ECMO
cannula belongs in the inferior vena cava or right atrium, where a line tip is out of place)."""
_WRONG_SITES = {device: re.compile(pattern, re.IGNORECASE) for device, pattern in WRONG_SITES.items()}

_DEVICE_SET = frozenset(DEVICES)
_COILS_BY_DESIGN = frozenset({"Nasogastric Tube", "Chest Tube"})
_BOTH_SIDES = re.compile(
    r"(?:right|left|rt\.?|lt\.?|우측|좌측)\s*(?:and|&|/|및|과|와|,)\s*(?:right|left|rt\.?|lt\.?|우측|좌측)",
    re.IGNORECASE,
)
"""Two sides named together ("right and left chest tubes"): a device on each side."""
_IN_ATRIUM = re.compile(r"right atri(?:um|al)|(?<![a-z])ra(?![a-z])|우심방")
_COILED = re.compile(r"\b(?:coil|loop|curl)(?:ed|ing|s)?\b")
_COILED_IN_PLACE = scanning(
    r"\b(?:coil|loop|curl)(?:ed|ing|s)? (?:\w+ ){0,3}(?:in|within|at|over) the (?:\w+ ){0,2}"
    r"(?:stomach|gastric (?:body|fundus|lumen)|pleural space|hemithorax|(?:lung )?base|apex)"
)
"""A tube whose coil lies where it belongs: an enteric tube looped in the stomach, a pigtail in the pleural space."""

DETAIL_KEYS = ("observation", "status", "side", "severity", "location", "size_mm", "change", "position", "text")
"""The keys of ``Detail.to_dict``, in order."""


@quick_init
@dataclass(frozen=True)
class Detail:
    """One mention of an observation with what the report says about it (None: not said)."""

    observation: str
    status: str
    side: str | None = None
    severity: str | None = None
    location: tuple[str, ...] = ()
    size_mm: float | None = None
    change: str | None = None
    position: str | None = None
    text: str = ""
    sentence: str = field(default="", compare=False, repr=False)
    """The report's sentence holding the mention, as written (for quoting; not part of ``to_dict``)."""

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: ``DETAIL_KEYS``, with ``location`` as a list."""
        record = asdict(self)
        record["location"] = list(self.location)
        return {key: record[key] for key in DETAIL_KEYS}


# --- reading the details of a clause ------------------------------------------------------------

# One group a pattern, longer patterns first: at one place "small to moderate" wins over "small".
_DETAIL_PATTERNS = sorted(
    ((pattern, dict(meaning)) for meaning, patterns in DETAIL_TERMS.items() for pattern in patterns),
    key=lambda item: -len(item[0]),
)
_MEANINGS = {f"d{i}": meaning for i, (_, meaning) in enumerate(_DETAIL_PATTERNS)}
_DETAIL_RE = alternation([(f"d{i}", (pattern,)) for i, (pattern, _) in enumerate(_DETAIL_PATTERNS)])
_MEANINGS_BY_GROUP = _DETAIL_RE.by_group(_MEANINGS)
_SIZE_RE = re.compile(SIZE, re.IGNORECASE)
_DIGIT = re.compile(r"\d")
_ASCII_DIGIT = re.compile("[0-9]")
_NUMBER_UNIT = re.compile(r"(\d+(?:\.\d+)?)\s*(mm|cm|millimet\w*|centimet\w*|밀리\w*|센[티치]\w*)?", re.IGNORECASE)
_INTERPRETATION_RE = alternation([("link", INTERPRETATION)])
_CHANGE_TERMS = [(dict(meaning), patterns) for meaning, patterns in DETAIL_TERMS.items() if meaning[0][0] == "change"]
_CHANGE_RE = alternation([(f"c{i}", tuple(sorted(p, key=len, reverse=True))) for i, (_, p) in enumerate(_CHANGE_TERMS)])
_CHANGE_MEANINGS = {f"c{i}": meaning for i, (meaning, _) in enumerate(_CHANGE_TERMS)}
_CHANGES_BY_GROUP = _CHANGE_RE.by_group(_CHANGE_MEANINGS)
# What may stand between a modifier and the mention it modifies: no verb, no punctuation, no
# conjunction, no particle that closes a Korean noun phrase.
_SEPARATOR = re.compile(
    r"[,;:()]|(?<![a-z])(?:and|or|is|are|was|were|has|have|had|with|which|that|but|from|since|than|to|for|"
    r"versus|vs|compared|previously|now|appears?|seen|noted|likely|possibl\w*|probabl\w*|concerning|"
    r"suspicious|consistent|compatible|represent\w*|suggest\w*|may|could|due|secondary|related|there)(?![a-z])"
    r"|[가-힣](?:가|이|은|는|을|를|로|으로|며|고|나)(?=\s|$)|및|대|보다|비해|비하여|대비|에서|또는"
    r"|(?<![가-힣])(?:이)?후(?![가-힣])",  # "흉관 제거 후 기흉 없음": the removal is the chest tube's
    re.IGNORECASE,
)
_MAX_MODIFIER_GAP = 30
_OF_ANOTHER_NOUN = re.compile(r"\s*[a-z]+(?:\s+[a-z]+)?\s+of\b.{12,}\bwith\b")
"""An amount, then a noun of something else and "with" before the mention ("mild elevation of the right
hemidiaphragm with ...")."""
# Comparison with a prior study: needed before "increased" is read as a change of the heart size
# (else it is the finding itself: "heart size is increased", "심장 크기 증가").
_COMPARISON = re.compile(
    r"compar|prior|previous|since|interval|earlier|이전|전보다|비해|비하여|대비|지난|종전|직전|과거"
    r"|비교(?:하여|해|하면|시|상|했|한)|(?:사진|검사|영상|촬영)보다",  # "2025.06 검사와 비교하여 음영이 약간 증가함"
    re.IGNORECASE,
)
_COMMITTED = re.compile(
    r"consistent with|compatible with|in keeping with|diagnostic of|represent|reflect|으로|로|합당", re.IGNORECASE
)
_BETWEEN = scanning(r"versus|vs|(?<![가-힣])대(?![가-힣])|또는|혹은|\bor\b", re.IGNORECASE)
_ANOTHER_THING = re.compile(r"(?<![a-z])(?:and|with)(?![a-z])|및|(?<=[가-힣])(?:과|와)\s", re.IGNORECASE)
_AROUND_IT = r"(?:(?:주변|주위|인접)(?:의|에)?\s*)?(?:소|미세|다발성)?\s*"
"""Words between coordinated findings that place the second around the first ("경화 및 주변 소결절")."""
_AND = re.compile(
    r"^\s*(?:\(|\)?\s*(?:and|및|과|와|&|(?:을|를)?\s*동반(?:한|된))\s*(?:the|a|an)?\s*" + _AROUND_IT + ")$",
    re.IGNORECASE,
)
"""Between two findings a place before the first holds for: "A 및 B", "A를 동반한 B" (B with A), "A 및 주변 소B",
"공동(cavity)을 동반한 경화" (a gloss in brackets is the same finding)."""
_APPOSITION = re.compile(r"^[^,]*,\s*(?:(?:r/o|[a-z가-힣]+)\s*){0,2}$", re.IGNORECASE)
_DIAGNOSES = frozenset(
    {"Pneumonia", "Edema", "Atelectasis", "Old Tuberculosis", "Tuberculosis", "Interstitial Lung Disease"}
)
"""What a report names after a lesion, with a comma, to explain it ("RLL opacity, pneumonia", "반흔, 진구성 결핵")."""
_COORDINATION = re.compile(
    r"^\s*(?:,|and|및|와|과|or|또는|&|as well as|/)?\s*(?:the|a|an)?\s*" + _AROUND_IT + "$", re.IGNORECASE
)


@dataclass
class Slot:
    """A mention in a clause: where it is, what it names, and the label its cues gave it."""

    start: int
    end: int
    observations: tuple[str, ...]
    status: str | None
    """None for an attribute mention without a descriptor ("heart size"): it takes words, gives no detail."""
    attribute: bool = False
    values: dict[str, list[Any]] = field(default_factory=dict)
    span: tuple[int, int] = (0, 0)
    absorbed: bool = False
    """A lesion the report explains as a diagnosis ("opacity ... consistent with pneumonia"): only the
    diagnosis is a detail (the lesion keeps its label)."""

    def __post_init__(self) -> None:
        self.span = (self.start, self.end)

    def add(self, family: str, value: Any, start: int, end: int) -> None:
        said = self.values.get(family)
        if said is None:
            self.values[family] = [value]
        else:
            said.append(value)
        first, last = self.span
        if start < first or end > last:
            self.span = (min(first, start), max(last, end))


def _size_mm(match: re.Match[str]) -> float:
    """The largest dimension of a size match, in millimetres ("1.2 x 0.8 cm" -> 12)."""
    parts = [(float(n), unit.lower()) for n, unit in _NUMBER_UNIT.findall(match.group())]
    last_unit = next((unit for _, unit in reversed(parts) if unit), "mm")
    return max(n * _unit_mm(unit or last_unit) for n, unit in parts)


def _unit_mm(unit: str) -> float:
    return SIZE_UNITS["cm"] if unit.startswith(("c", "센")) else SIZE_UNITS["mm"]


def _words(clause: str) -> list[tuple[int, int, dict[str, Any]]]:
    """Every detail word of a clause: (start, end, {family: value})."""
    meanings = _MEANINGS_BY_GROUP
    words = [(m.start(), m.end(), meanings[m.lastgroup]) for m in _DETAIL_RE.finditer(clause)]  # type: ignore[index]
    if (_ASCII_DIGIT if clause.isascii() else _DIGIT).search(clause):  # on ASCII text \d is [0-9], checked inline
        words += [(m.start(), m.end(), {"size": _size_mm(m)}) for m in _SIZE_RE.finditer(clause)]
        words.sort(key=lambda w: w[0])
    return _as_prior(clause, _without_side_comparison(clause, words))


_COMPARATIVE = re.compile(r"larg|bigg|great|more|wors|simil|small|less|equal|compar|비슷|동일|유사|커|많|심|더")
"""A change word that may compare the sides (a cheap check before ``_SIDES_COMPARED``)."""
_SIDES_COMPARED = scanning("|".join(p for patterns in SIDE_COMPARISON.values() for p in patterns), re.IGNORECASE)


def _without_side_comparison(clause: str, words: list[tuple[int, int, dict[str, Any]]]):
    """``words`` without the change words that compare the two sides ("left larger than right", "similar
    in size on both sides", "좌측보다 우측이 더 커"): they say which side has more, not what changed."""
    compared = [
        (s, e)
        for s, e, meaning in words
        if len(meaning) == 1
        and "change" in meaning
        and _COMPARATIVE.search(clause, s, e)
        and _compares_sides(clause, s, e)
    ]
    return [w for w in words if (w[0], w[1]) not in compared] if compared else words


def _compares_sides(clause: str, start: int, end: int) -> bool:
    """Whether the word at [start, end) is inside a comparison of the sides (searched near it only)."""
    offset = max(0, start - 30)
    return any(
        offset + m.start() <= start and end <= offset + m.end()
        for m in _SIDES_COMPARED.finditer(clause[offset : end + 30])
    )


_PRIOR_VALUE = re.compile(
    r"(?:previously|formerly|\bprior|[(,]\s*was"
    r"|(?:increas|decreas|improv|wors|reduc|diminish|progress|enlarg|chang)(?:ed|ing) from"
    r"|이전(?:에는|엔|에|의|\s*검사(?:에서는?|상)?)?|종전(?:에는)?|전에는)"
    r"\s*[:(]?\s*(?:measur\w*\s+|of\s+|약\s*)?$",
    re.IGNORECASE,
)
"""What stands before a severity or a size of the prior study ("now moderate, previously small", "2.1 cm,
previously 1.6 cm", "decreased from moderate", "12 mm (이전 9 mm)")."""


_PRIOR_HINT = re.compile(r"previous|formerly|prior|was|from|이전|종전|전에")
"""A cheap first check for ``_PRIOR_VALUE`` (most clauses name no prior value)."""


def _as_prior(clause: str, words: list[tuple[int, int, dict[str, Any]]]):
    """``words`` with a severity or size said of the prior study turned into ``prior_severity``/``prior_size``."""
    if not _PRIOR_HINT.search(clause):
        return words
    marked = []
    for s, e, meaning in words:
        if meaning.keys() <= {"severity", "size"} and _PRIOR_VALUE.search(clause, max(0, s - 30), s):
            meaning = {f"prior_{family}": value for family, value in meaning.items()}
        marked.append((s, e, meaning))
    return marked


def _gap(clause: str, start: int, end: int, words: list[tuple[int, int, dict[str, Any]]]) -> str:
    """The text of [start, end) without the detail words in it."""
    pieces, cursor = [], start
    for a, b, _ in words:
        if b <= start or a >= end:
            continue
        pieces.append(clause[cursor : max(a, cursor)])
        cursor = max(cursor, b)
    if not pieces:
        return clause[start:end]
    pieces.append(clause[cursor:end])
    return " ".join(pieces)


def attach_details(clause: str, slots: list[Slot]) -> None:
    """Give each detail word of ``clause`` to the mention it describes (fills ``slot.values``)."""
    if not slots:
        return
    words = _words(clause)
    if not words:
        return
    tail_words = []
    for start, end, meaning in words:
        target = _target(clause, slots, start, end, words, meaning)
        if target is None:
            continue
        for family, value in meaning.items():
            target.add(family, value, start, end)
        if start >= slots[-1].end and target is slots[-1]:
            tail_words.append((start, end, meaning))
    if len(slots) == 1:
        return
    _share_tail(clause, slots, tail_words, words)
    _share_prefix(clause, slots, words)
    _share_interpretation(clause, slots, words)


_REMOVED_WORD = re.compile(r"remov|extubat|discontinu|withdrawn|pulled|발관|제거|발거|뽑")
_PLACED_THEN = re.compile(r"\s*(?:placement|insertion|삽입)")
_AFTER_WORD = re.compile(r"(?:following|after)\s+(?:(?:the|a|an|left|right|new)\s+)*$")


def _circumstance(clause: str, slot: Slot) -> bool:
    """Whether a mention is named as when something happened ("decreased following chest tube placement",
    "흉관 삽입 후 감소"): then a change word is about the finding, not about it."""
    return bool(_PLACED_THEN.match(clause, slot.end) or _AFTER_WORD.search(clause[: slot.start]))


def _target(clause: str, slots: list[Slot], start: int, end: int, words, meaning: dict[str, Any]) -> Slot | None:
    """The mention a detail word describes (None: a word of some other noun, "volume loss in the upper lobes")."""
    if (
        "change" in meaning
        and _REMOVED_WORD.search(clause, start, end)
        and all(_DEVICE_SET.isdisjoint(s.observations) for s in slots)
    ):
        return None  # "제거 후 기흉은 관찰되지 않음", "no pneumothorax following removal": the device's, said before
    # a change after a device named as when it happened is the finding's; a removal stays the device's
    if "change" in meaning and len(slots) > 1 and not _REMOVED_WORD.search(clause, start, end):
        # "Large hiatal hernia projecting behind the heart, unchanged": a place named by the way ("the heart",
        # a mention that gives no finding) does not take the change of the finding it places
        kept = [slot for slot in slots if not _circumstance(clause, slot) and slot.status is not None]
        slots = kept or slots
    before = after = None
    for slot in slots:
        if slot.start <= start and end <= slot.end:
            return slot
        if slot.end <= start:
            before = slot  # the last one that ends before the word
        if after is None and slot.start >= end:
            after = slot
    if after is not None:
        if before is None:  # no mention before the word: it is the next one's, whatever stands between,
            # unless an amount is said of another noun first ("mild elevation of the right hemidiaphragm with
            # right basilar atelectasis": the elevation is mild)
            if ("severity" in meaning or "size" in meaning) and _OF_ANOTHER_NOUN.match(clause, end, after.start):
                return None
            return after
        gap = _gap(clause, end, after.start, words)
        stripped = gap.strip()  # nothing but spaces ("small left effusion") holds no separator
        if len(stripped) <= _MAX_MODIFIER_GAP and not (stripped and _SEPARATOR.search(gap)):
            return after
    if before is not None:
        if {"change", "position"} & meaning.keys():
            return before
        # "atelectasis and right hilar enlargement", "scarring with volume loss in the upper lobes":
        # after "and" or "with" the words describe another thing.
        gap = _gap(clause, before.end, start, words)
        if not _ANOTHER_THING.search(gap):
            return before
        return before if {"side", "location"} >= meaning.keys() and _place_list(clause, gap, end, words) else None
    return after or slots[0]


_PLACES_SO_FAR = re.compile(r"^\s*(?:in|at|within|involving|over|along)\s+(?:the\s+)?(?:[\s,&]|\b(?:and|the)\b)*$")
_PLACES_END = re.compile(
    r"\s*(?:lobes?|lungs?|zones?|fields?|regions?|segments?|sides?)?\s*(?:$|[,.;:)]|and\b|with\b"
    r"|(?:are|is|were|was|have|has|had|appears?|remains?|persists?|again|seen|noted|since|which|that)\b)"
)


def _place_list(clause: str, gap: str, end: int, words) -> bool:
    """Whether a side or location word after "and" is one more place of the mention before ("granulomas in
    the left hilum and left upper lobe"): only places since a locative "in", and no noun after them."""
    if not _PLACES_SO_FAR.match(gap):
        return False
    for a, b, meaning in words:  # the run of place words this one starts
        if a >= end and not clause[end:a].strip(" -") and {"side", "location"} >= meaning.keys():
            end = b
    return _PLACES_END.match(clause, end) is not None


def _share_tail(clause: str, slots: list[Slot], tail_words, words) -> None:
    """A change or position after the last mention holds for the mentions coordinated with it."""
    shared = [(s, e, m) for s, e, m in tail_words if {"change", "position"} & m.keys()]
    if not shared:
        return
    for i in range(len(slots) - 2, -1, -1):
        gap = _gap(clause, slots[i].end, slots[i + 1].start, words)
        if not _COORDINATION.match(gap):
            break
        for _, _, meaning in shared:
            for family in {"change", "position"} & meaning.keys():
                if family not in slots[i].values:
                    slots[i].add(family, meaning[family], slots[i].start, slots[i].end)


def _share_prefix(clause: str, slots: list[Slot], words) -> None:
    """Side and location written before coordinated findings hold for each ("우상엽에 석회화 결절과
    섬유성 반흔", "Lt. apex에 pleural thickening 및 fibrotic scar")."""
    carried = None  # a slot that took the place: it hands it on ("Lt. 상엽에 공동을 동반한 경화 및 주변 소결절")
    for first, second in pairwise(slots):
        if {"side", "location"} & second.values.keys() or (first.span[0] >= first.start and first is not carried):
            continue
        if _AND.match(_gap(clause, first.end, second.start, words)):
            for family in ("side", "location"):
                if family in first.values:
                    second.values[family] = list(first.values[family])
            carried = second


def _share_interpretation(clause: str, slots: list[Slot], words) -> None:
    """A diagnosis drawn from a finding shares its side, location and change.

    "Right lower lobe opacity concerning for pneumonia", "우하엽 경화로 폐렴 의심", "opacity,
    atelectasis vs. pneumonia": the diagnosis takes what the finding before it says. When the
    report commits to the diagnosis ("opacity ... is consistent with pneumonia", "음영 증가로
    폐부종 소견"), the finding is absorbed into it.
    """
    took = set()  # the diagnoses that took what a finding before them says
    for i in range(1, len(slots)):
        taker = slots[i]
        gap = _gap(clause, slots[i - 1].end, taker.start, words)
        link = _INTERPRETATION_RE.search(gap)
        # "opacity, atelectasis vs. pneumonia", "haziness 증가, pulmonary edema 악화 의심": a diagnosis
        # set after a lesion with a comma explains it.
        apposed = _APPOSITION.match(gap) and (
            taker.status == "uncertain" or set(taker.observations) <= _DIAGNOSES or _CONCLUDED.match(clause, taker.end)
        )
        # "opacity ..., likely a combination of effusion and atelectasis": both diagnoses explain it
        coordinated = i - 1 in took and _BOTH_READINGS.match(gap) and not set(taker.observations) <= _NO_PLACE
        if not link and not apposed and not coordinated:
            continue
        took.add(i)
        giver = next((s for s in reversed(slots[:i]) if {"side", "location"} & s.values.keys()), slots[i - 1])
        families = [f for f in ("side", "location", "change") if f in giver.values and f not in taker.values]
        if "side" in taker.values or "location" in taker.values:
            families = [f for f in families if f == "change"]
        for family in families:
            taker.values[family] = list(giver.values[family])
        committed = link and (_COMMITTED.search(gap) or _KO_VERDICT.match(clause, taker.end))
        if (apposed or committed) and taker.status == "positive":
            for lesion in slots[:i]:
                # An opacity is only what the report sees; a consolidation is a finding of its own.
                if set(lesion.observations) <= {"Lung Opacity"} and lesion.status == "positive":
                    lesion.absorbed = True
        if link and _BETWEEN.search(gap):
            # "atelectasis vs. pneumonia": the first of the two takes what the second was given.
            first = slots[i - 1]
            for family in ("side", "location", "change"):
                if family in taker.values and family not in first.values:
                    first.values[family] = list(taker.values[family])


_BOTH_READINGS = re.compile(r"^\s*(?:,|and|or|and/or|및|또는|혹은|과|와)\s*(?:the|a|an)?\s*$", re.IGNORECASE)
"""Between two diagnoses of one finding ("effusion and atelectasis", "atelectasis and/or pneumonia")."""
_CONCLUDED = re.compile(
    r"\s*(?:으로|로|에|이|가|일)?\s*(?:생각|판단|사료|추정|의심|보임|보입|보이|합당|부합|일치|시사|가능성|해당)"
)
"""A Korean diagnosis named with its verdict after it ("석회화 병변, 진구성 결핵으로 생각됨", "…, 폐렴에 합당")."""
_KO_VERDICT = re.compile(r"\s*(?:으로|로|에|이|가)?\s*(?:소견|생각|판단|사료|합당|부합|일치)")
"""A Korean diagnosis the report commits to ("... 있어 폐부종 소견입니다", "... 보여 폐렴으로 생각됨")."""
_INTERPRETS = scanning(
    r"(?:생각|판단|사료|추정|의심|의증|합당|부합|일치|시사|가능성|감별|배제)"
    r"|\b(?:consistent|compatible|in keeping|likely|probabl[ey]|possibl[ey]|suggest\w*|represent\w*|reflect\w*"
    r"|concerning|suspicious|(?:may|might|could) be|vs|versus|r/o)\b"
)
_NO_PLACE = frozenset({"Cardiomegaly", "Enlarged Cardiomediastinum", "Emphysema", "Hyperinflation", "Edema", *DEVICES})
"""Findings of the whole chest or of a device: they neither give nor take a side and location here (pulmonary
edema has a side only where one is written for it)."""


_CARRIED_CHANGES = frozenset({"new", "worse", "stable"})
_HANGUL_CLAUSE = re.compile("[가-힣]")
_CHANGE_ONLY = frozenset({"Edema"})
"""A diagnosis that takes only the change of the finding a clause before: "bilateral haziness has increased, which
may be edema" says the edema grew, not that it has a side (pulmonary edema has one only where written for it)."""


def explained_across(clause: str, details: list[Detail], earlier: list[Detail]) -> list[Detail]:
    """The details of a clause that reads the finding of the clause before it as a diagnosis ("좌상엽 폐첨부에
    섬유성 반흔이 있으며 오래된 결핵에 합당합니다", "scarring in the left apex, which is likely old TB", "양측 하폐야에
    음영이 증가하였으며 무기폐 vs. 폐렴"): they take its side, location and change when they have none of their own."""
    if not earlier or any(d.side or d.location for d in details) or not _INTERPRETS.search(clause):
        return details
    giver = next((d for d in reversed(earlier) if (d.side or d.location) and d.observation not in _NO_PLACE), None)
    if giver is None:
        return details
    # "…이전보다 증가하였으며 폐부종 가능성": the Korean clause chain reads the diagnosis of the lesion that has grown
    # or stayed (an English clause after a change, "…, which may represent edema", names what it is, not how it
    # changed); a lesion that has cleared leaves a residue the clause reads anew.
    change = giver.change if giver.change in _CARRIED_CHANGES and _HANGUL_CLAUSE.search(clause) else None
    return [
        replace(d, change=d.change or change)
        if d.observation in _CHANGE_ONLY and d.status != "negative"
        else d
        if d.observation in _NO_PLACE or d.status == "negative"
        else replace(d, side=giver.side, location=giver.location, change=d.change or change)
        for d in details
    ]


_ALL_DEVICES = re.compile(
    r"\b(?:lines?|tubes?)\s*(?:and|/|&|,)\s*(?:lines?|tubes?|catheters?|drains?)\b|\b(?:support|monitoring|medical|"
    r"life[- ]support) (?:devices|lines|apparatus)\b|^(?:the )?(?:lines|tubes|devices)\b|(?:관|튜브|라인|기구|장치)들"
    # "관 위치는 이전과 변화 없음", "튜브 위치 모두 동일": the tubes' places, all together
    r"|^\s*(?:관|튜브|라인|tube|line)(?:s)?\s*(?:위치|모두|전부)",
    re.IGNORECASE,
)
"""The devices named all together ("Lines and tubes unchanged.", "Support devices are stable.", "관들은 변화 없음")."""


def share_device_change(details: list[Detail]) -> list[Detail]:
    """A change said of all the devices together holds for each device named without one of its own ("Lines
    and tubes unchanged. ETT 5 cm above the carina.": the endotracheal tube is stable)."""
    together = (d for d in details if d.observation == "Support Devices" and d.status != "negative")
    said = next((d.change for d in together if d.change and _ALL_DEVICES.search(d.text)), None)
    if said is None or said == "resolved":
        return details
    return [
        replace(d, change=said)
        if d.observation in DEVICES and d.observation != "Support Devices" and d.status == "positive" and not d.change
        else d
        for d in details
    ]


_SAME_SIDE = scanning(
    r"\b(?:ipsilateral|on (?:this|that|the same) side|same[- ]sided?)\b|동측|같은\s*쪽|동일\s*측", re.IGNORECASE
)


_BESIDE = re.compile(
    r"(?:adjacent|associated|subjacent|compressive|passive|relaxation)\s+(?:\w+\s+)?$|(?:인접한|인접|압박성|수동성|동반된)\s*$",
    re.IGNORECASE,
)
"""Words that put a collapse next to the finding before it ("effusion with adjacent atelectasis", "압박성 무기폐")."""


def _beside(detail: Detail) -> bool:
    at = detail.sentence.find(detail.text)
    return at > 0 and _BESIDE.search(detail.sentence, max(0, at - 40), at) is not None


def same_side(details: list[Detail]) -> list[Detail]:
    """A finding said to be on the same side ("ipsilateral effusion", "a small effusion on this side",
    "동측 흉수") or next to the one before ("effusion with adjacent atelectasis", "compressive
    atelectasis", "압박성 무기폐") takes the side of the finding before it."""
    if not any(
        d.side is None
        and d.status != "negative"
        and (_SAME_SIDE.search(d.sentence) or (d.observation == "Atelectasis" and _beside(d)))
        for d in details
    ):
        return details
    sided: list[Detail] = []
    last = None  # the last finding (not a device) with one side
    for d in details:
        if (
            d.side is None
            and last
            and d.status != "negative"
            and (
                _SAME_SIDE.search(d.sentence)
                or (d.observation == "Atelectasis" and last.sentence == d.sentence and _beside(d))
            )
        ):
            d = replace(d, side=last.side)
        if d.side in ("left", "right") and d.observation not in DEVICES:
            last = d
        sided.append(d)
    return sided


_NO_PRIOR = scanning(
    r"\bcomparisons?\s*:\s*(?:none|n/?a\b|not available|no prior)"
    r"|\bno (?:prior|previous|old|comparison) "
    r"(?:studies|study|exams?|examinations?|radiographs?|films?|images?|imaging)(?! (?:since|from|of the|dated))"
    r"|비교\s*(?:검사|영상)?\s*:\s*(?:없|none)"
    r"|이전\s*(?:검사|영상|사진|study)(?:가|이|는)?\s*(?:없음|없습니다|없어|없으며|없으므로|없고|없었(?!던))",
    re.IGNORECASE,
)
"""A report read without a prior study ("COMPARISON: None.", "No prior studies available.", "비교: 없음")."""


_COMPARED_ANYWAY = re.compile(
    r"\b(?:since|compared (?:to|with)|in comparison (?:to|with)|relative to) (?:the )?(?:prior|previous|_{2,}|\d)"
    r"|(?:이전|전)\s*(?:검사|영상|사진|study)(?:와|과|에)\s*비(?:교|해)",
    re.IGNORECASE,
)
"""A comparison the report makes all the same ("COMPARISON: None. ... opacities, new since ___.")."""


def without_prior(details: list[Detail], text: str) -> list[Detail]:
    """``details`` with no "new" when the report had no prior study to compare with: "There is a new
    pneumothorax" then says what is seen, not a change (corpora/attributes/CONVENTIONS.md)."""
    if not any(d.change == "new" for d in details):
        return details
    if not _NO_PRIOR.search(text) or _COMPARED_ANYWAY.search(text):
        return details
    return [replace(d, change=None) if d.change == "new" else d for d in details]


_LETTERS = re.compile(r"[a-z]{2,}|[가-힣]{2,}")


def names_something(text: str) -> bool:
    """Whether ``text`` holds a word besides detail words and particles ("전이" yes, "소량의" no)."""
    return _LETTERS.search(_gap(text, 0, len(text), _words(text))) is not None


def changes_in(sentence: str) -> list[str]:
    """The change words of a sentence that names no finding ("It has increased since the prior.")."""
    changes = [_CHANGES_BY_GROUP[m.lastgroup]["change"] for m in _CHANGE_RE.finditer(sentence)]  # type: ignore[index]
    return ["worse" if c == "increase" else c for c in changes]


def words_in(clause: str) -> dict[str, list[Any]]:
    """The detail words of a clause that names no finding ("현재 소량 남아 있습니다"), by family."""
    values: dict[str, list[Any]] = {}
    for _, _, meaning in _words(clause):
        for family, value in meaning.items():
            values.setdefault(family, []).append(value)
    return values


def carry(detail: Detail, values: dict[str, list[Any]]) -> Detail:
    """``detail`` completed by the words of the clause after it (severity, location, size, change, device
    position)."""
    if detail.status == "negative":
        return detail
    update: dict[str, Any] = {}
    if detail.severity is None and values.get("severity") and detail.observation not in DEVICES:
        update["severity"] = values["severity"][-1]
    if detail.change is None and values.get("change"):
        update["change"] = "worse" if values["change"][0] == "increase" else values["change"][0]
    if not detail.location and values.get("location") and detail.observation not in _NO_PLACE:
        # "우측 기흉은 감소하였으며, 현재 폐첨부에 약 1 cm 남아 있습니다": where what remains is
        update["location"] = tuple(dict.fromkeys(values["location"]))
    if detail.size_mm is None and values.get("size") and detail.observation not in DEVICES:
        # "Right upper lobe mass, which measures 3.4 cm", "nodules, the largest measuring 2.1 cm, previously 1.6 cm"
        better = update.get("change", detail.change) == "better"
        update["size_mm"] = min(values["size"]) if better else max(values["size"])
    if values.get("position") and detail.observation in _POSITIONED:
        # "tip below the diaphragm, but the side port is near the GE junction": a later clause's malposition holds.
        said = "malpositioned" if "malpositioned" in values["position"] else values["position"][0]
        if detail.position is None or said == "malpositioned":
            update["position"] = said
    return replace(detail, **update) if update else detail


def carried_apart(detail: Detail, clause: str) -> list[Detail]:
    """A bilateral finding whose next clause gives each side its own amount or change ("양측 흉수가
    증가하였으며, 우측은 중등량, 좌측은 소량입니다") as one detail a side; [] when the clause does not."""
    if detail.side != "bilateral" or detail.status == "negative" or detail.observation in DEVICES:
        return []
    each = said_of_each_side(clause)
    parts = []
    for side, said in each.items():
        own = replace(
            detail,
            side=side,
            severity=None if "severity" in said else detail.severity,
            change=None if "change" in said else detail.change,
        )
        parts.append(carry(own, said))
    return parts


def make_detail(slot: Slot, observation: str, text: str, clause: str, sentence: str = "") -> Detail:
    """The detail of one mention of ``observation`` from the words given to its slot.

    Conventions (docs/findings.md): a plain negation says nothing more ("no left effusion" has no
    side), except what resolved; devices have a position but no severity, size or location; when a
    change goes from one severity to another ("moderate, now small"), the last one holds.
    """
    values, status = slot.values, slot.status or "positive"
    change = _change(observation, status, values["change"], clause, slot.attribute) if "change" in values else None
    if change is None and status != "negative" and observation not in DEVICES:
        change = _against_prior(values)
    if status == "negative" and change != "resolved":
        return Detail(observation, status, text=text, sentence=sentence)
    sides = values.get("side")
    if not sides or len(sides) == 1:
        side = sides[0] if sides else None
    else:
        side = "bilateral" if "bilateral" in sides or {"left", "right"} <= set(sides) else sides[0]
    device = observation in DEVICES
    if device and side == "bilateral" and "bilateral" not in sides and not _BOTH_SIDES.search(text):  # type: ignore[operator]
        side = sides[0]  # type: ignore[index]  # "Lt. subclavian CVC tip이 Rt. brachiocephalic 쪽": where it goes in
    severities = [] if device or status == "negative" else values.get("severity", [])
    severity = (severities[-1] if change in ("worse", "better") else severities[0]) if severities else None
    sizes = [] if device or status == "negative" else values.get("size", [])
    positions = values.get("position", []) if observation in _POSITIONED and status != "negative" else []
    position = "malpositioned" if "malpositioned" in positions else next(iter(positions), None)
    if position == "malpositioned" and observation in _COILS_BY_DESIGN and _COILED_IN_PLACE.search(clause):
        # "enteric tube coiled in the stomach", "pigtail coiled at the right base": where it belongs
        rest = words_in(_COILED.sub(" ", clause)).get("position", [])
        position = "malpositioned" if "malpositioned" in rest else "appropriate"
    if (
        position == "malpositioned"
        and observation == "Central Line"
        and _IN_ATRIUM.search(clause)
        and "dialysis" in line_kinds(f"{text} {clause}")
    ):
        # a tunneled dialysis catheter is meant to end in the right atrium: only other words can fault it
        rest = words_in(_IN_ATRIUM.sub(" ", clause)).get("position", [])
        position = "malpositioned" if "malpositioned" in rest else next(iter(rest), None)
    wrong_site = _WRONG_SITES.get(observation)
    if wrong_site and status != "negative" and wrong_site.search(clause):
        position = "malpositioned"
    return Detail(
        observation=observation,
        status=status,
        side=side,
        severity=severity,
        location=() if device else tuple(dict.fromkeys(values.get("location", []))),
        # "감소 (4.1 cm -> 2.8 cm)", "increased from 1.2 to 1.8 cm": the size now is the smaller or larger one.
        size_mm=(min(sizes) if change == "better" else max(sizes)) if sizes else None,
        change=change,
        position=position,
        text=text,
        sentence=sentence,
    )


_AMOUNT_ON_SIDE = re.compile(r"(\w+)\s+(?:on|in|at)\s+the\s+(right|left)\b(?!\s+(?:lung|hemithorax|base|apex)\w*\s+\w)")
"""An amount given to a side after a bilateral finding ("bilateral effusions, moderate on the right and small on
the left")."""


def amounts_after(text: str) -> tuple[list[str], list[str]]:
    """(sides, severities) of the amounts ``text`` gives each side ("moderate on the right and small on the left"),
    both empty unless it gives the two sides one each."""
    sides, severities = [], []
    for match in _AMOUNT_ON_SIDE.finditer(text.lower()):
        severity = words_in(match.group(1)).get("severity")
        if severity:
            sides.append(match.group(2))
            severities.append(severity[0])
    return (sides, severities) if sorted(sides) == ["left", "right"] else ([], [])


def said_of_each_side(after: str) -> dict[str, dict[str, list[Any]]]:
    """The amount and change the text after a bilateral finding gives each side, side first ("Rt.는 감소,
    Lt.는 이전과 비슷함", "우측은 중등량, 좌측은 소량", "right increased, left unchanged") or the words first
    ("moderate right and small left"): {side: {family: values}} in the order written, for both sides each with
    its own words, else {}."""
    said: list[tuple[str, str | None, Any]] = []  # (family, side, value) in order
    for _, _, meaning in _words(after):
        side = meaning.get("side")
        if side is not None:
            said.append(("side", side, None))
        for family in ("severity", "change"):
            if family in meaning and side is None:
                said.append((family, None, meaning[family]))
    for side_first in (True, False):
        each: dict[str, dict[str, list[Any]]] = {}
        current: dict[str, list[Any]] | None = None
        pending: dict[str, list[Any]] = {}
        for family, side, value in said:
            if family == "side":
                if side not in ("left", "right") or side in each:
                    each = {}
                    break
                current = each[side] = {} if side_first else pending
                pending = {}
            elif side_first and current is not None:
                current.setdefault(family, []).append(value)
            elif not side_first:
                pending.setdefault(family, []).append(value)
        if set(each) == {"left", "right"} and all(each.values()):
            return each
    return {}


def sides_apart(slot: Slot, after: str = "") -> list[Slot]:
    """A mention with an amount for each side ("moderate right and small left pleural effusions", "우측 중등량,
    좌측 소량의 흉수", "bilateral effusions, moderate on the right and small on the left": ``after`` is the text
    of its clause after it) as one mention a side, each with its own amount (the change and the rest shared)."""
    sides = [side for side in slot.values.get("side", []) if side != "bilateral"]  # ("bilateral effusions: ...")
    severities = slot.values.get("severity", [])
    if after and "bilateral" in slot.values.get("side", []) and len(severities) < 2:
        apart_sides, apart_severities = amounts_after(after)
        if apart_sides:
            sides, severities = apart_sides, apart_severities
        else:
            each = said_of_each_side(after)
            if each:
                return [replace(slot, values={**slot.values, "side": [side], **said}) for side, said in each.items()]
    if len(sides) != 2 or set(sides) != {"left", "right"} or len(severities) != 2 or "prior_severity" in slot.values:
        return [slot]
    parts = []
    for side, severity in zip(sides, severities, strict=True):
        part = replace(slot, values={**slot.values, "side": [side], "severity": [severity]})
        parts.append(part)
    return parts


def _against_prior(values: dict[str, list[Any]]) -> str | None:
    """The change a size or a severity tells against the one of the prior study ("measures 2.1 cm,
    previously 1.6 cm": worse; "now small, previously moderate": better; "8 mm (이전 8 mm)": stable)."""
    for family, rank in (("size", float), ("severity", SEVERITIES.index)):
        now, before = values.get(family), values.get(f"prior_{family}")
        if now and before:
            a, b = rank(now[-1]) if family == "severity" else max(now), rank(before[0])
            return "stable" if a == b else "worse" if a > b else "better"
    return None


def _change(observation: str, status: str, changes: list[str], clause: str, attribute: bool) -> str | None:
    if "increase" in changes:
        # "increased opacity", "음영 증가", "heart size is increased": the finding, unless compared; and when
        # another change is said of it ("심장 크기 경도 증가, 이전과 비슷함"), that one is the change.
        finding = attribute or observation == "Lung Opacity"
        compared = not finding or (_COMPARISON.search(clause) and set(changes) == {"increase"})
        changes = [("worse" if compared else None) if c == "increase" else c for c in changes]
        changes = [c for c in changes if c]
    if not changes:
        return None
    if status == "negative":
        # "resolution of the effusion", "기흉은 호전되어 보이지 않음": gone; "no new effusion": no change said.
        return "resolved" if {"resolved", "better"} & set(changes) else None
    # "again seen ... and have progressed", "persistent but decreased": the direction is the change
    moved = [c for c in changes if c != "stable"]
    return moved[0] if moved else changes[0]


def merge_details(details: list[Detail]) -> list[Detail]:
    """One detail per finding: mentions of one observation and status that do not disagree merge."""
    merged: list[Detail] = []
    places: dict[str, list[int]] = {}  # observation -> its places in ``merged`` (only those can combine)
    for detail in details:
        place = places.setdefault(detail.observation, [])
        for i in place:
            combined = _combine(merged[i], detail)
            if combined is not None:
                merged[i] = combined
                break
        else:
            place.append(len(merged))
            merged.append(detail)
    return merged


_LINE_KINDS = tuple(
    (kind, re.compile(pattern, re.IGNORECASE))
    for kind, pattern in (
        ("picc", r"picc|말초\s*삽입"),
        ("port", r"(?<![a-z])(?:chemo[- ]?)?port(?![a-z])|port-?a-?cath|mediport|(?<![가-힣])포트"),
        ("dialysis", r"dialysis|(?<![a-z])hd(?![a-z])|permcath|quinton|trialysis|투석"),
        ("internal jugular", r"(?<![a-z])ij(?![a-z])|internal\s+jugular|내경\s*정맥"),  # a line break may split it
        ("subclavian", r"subclavian|쇄골\s*하"),
        ("femoral", r"femoral|대퇴"),
    )
)
"""Kinds of central venous line a report tells apart: a PICC and an IJ line on one side are two lines."""


def line_kinds(text: str) -> frozenset[str]:
    """The kinds of central line ``text`` names ("PICC 끝" -> {"picc"}; "right IJ dialysis catheter" -> two)."""
    return frozenset(kind for kind, pattern in _LINE_KINDS if pattern.search(text))


def line_kinds_of(detail: Detail) -> frozenset[str]:
    """The kinds of central line a detail's mention names (empty for other devices and for "central line")."""
    return line_kinds(detail.text) if detail.observation == "Central Line" else frozenset()


_BARE_VEIN = re.compile(
    r"\s*(?:(?:right|left|rt\.?|lt\.?|r|l)[\s-]*)?(?:ij|internal jugular|subclavian|femoral)(?![a-z])"
    r"(?!\s*(?:vein\s*)?(?:central|venous|lines?|catheters?|cvcs?|cvls?|introducer|sheath|cordis|port|dialysis|hd)\b)",
    re.IGNORECASE,
)
"""A line mention that is only a vein ("Rt. IJ"): beside another line in its sentence, that line's way in."""


_WIRE_STATE = re.compile(r"intact|fractur|broken|disrupt|unravel|온전|끊어|끊김|파손|골절|이상\s*없", re.IGNORECASE)
"""Words that tell whether sternal wires are whole: the mention that says it is the one quoted."""


def other_lines(kinds: frozenset[str], others: frozenset[str]) -> bool:
    """Whether two central-line mentions name different lines: both name a kind and no kind is shared."""
    return bool(kinds and others and not kinds & others)


def _combine(a: Detail, b: Detail) -> Detail | None:
    """One detail of two mentions of one finding, or None when they tell different findings.

    A positive and an uncertain mention of one finding are the positive one ("possible pneumonia
    ... IMPRESSION: pneumonia"); locations of one zone go together ("LLL" and "retrocardiac").
    """
    if a.observation != b.observation or ("negative" in (a.status, b.status) and a.status != b.status):
        return None
    if other_lines(line_kinds_of(a), line_kinds_of(b)) and not (
        a.sentence == b.sentence and (_BARE_VEIN.match(a.text) or _BARE_VEIN.match(b.text))
    ):  # "right IJ line" and "right PICC" are two; "Hemodialysis catheter, Rt. IJ, tip ..." is one by its vein
        return None
    values = {}
    for name in ("side", "severity", "size_mm", "change", "position"):
        x, y = getattr(a, name), getattr(b, name)
        if x is not None and y is not None and x != y:
            return None
        values[name] = x if x is not None else y
    if a.location and b.location and not _same_zone(a.location, b.location):
        return None
    location = tuple(dict.fromkeys(a.location + b.location))
    status = "positive" if "positive" in (a.status, b.status) else a.status
    # "Pacemaker. The RV lead has migrated ...": quote where its place is said; so for the wires' state
    wires = a.observation == "Sternotomy Wires"
    said_state = wires and _WIRE_STATE.search(b.sentence or "") and not _WIRE_STATE.search(a.sentence or "")
    if said_state or (a.position is None and b.position is not None and a.sentence != b.sentence):
        return Detail(a.observation, status, location=location, text=b.text, sentence=b.sentence, **values)
    return Detail(a.observation, status, location=location, text=a.text, sentence=a.sentence, **values)


_ZONES = (
    {"lower", "base", "retrocardiac", "costophrenic"},
    {"upper", "apex"},
    {"middle", "lingula"},
    {"hilum", "perihilar"},
)


def _same_zone(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    return bool(set(a) & set(b)) or any(set(a) | set(b) <= zone for zone in _ZONES)


_SIDE_COMPARISON = [(side, re.compile("|".join(patterns), re.IGNORECASE)) for side, patterns in SIDE_COMPARISON.items()]


def greater_side(text: str) -> str | None:
    """Which side ``text`` says has more of a bilateral finding: "right", "left", "equal" or None (not said).

    "bilateral effusions, right greater than left", "R>L", "left larger than right", "우측이 더 많음",
    "좌측보다 우측이 심함", "우측 우세"; "symmetric", "양측 비슷" are "equal".
    """
    found = [(match.start(), side) for side, pattern in _SIDE_COMPARISON if (match := pattern.search(text))]
    if found:
        return min(found)[1]
    # "large right and small left effusions", "우측 다량, 좌측 소량의 흉수": each side with its own amount.
    amounts: dict[str, tuple[float, float]] = {}
    for chunk in _SIDE_CHUNK.split(text.lower()):
        values = words_in(chunk)
        sides = set(values.get("side", []))
        if len(sides) == 1 and sides <= {"left", "right"} and (values.get("severity") or values.get("size")):
            severity = SEVERITIES.index(values["severity"][0]) if values.get("severity") else -1
            amounts[sides.pop()] = (max(values.get("size", [0])), severity)
    if len(amounts) == 2 and amounts["left"] != amounts["right"]:
        return max(amounts, key=amounts.__getitem__)
    return None


_SIDE_CHUNK = re.compile(r",|;|\band\b|\bwith\b|및|(?<=[가-힣])(?:과|와)\s")


# --- Korean rendering -------------------------------------------------------------------------

SIDE_KO = {"left": "좌측", "right": "우측", "bilateral": "양측"}
LOCATION_KO = {
    "upper": "상부",
    "middle": "중간 부위",
    "lower": "하부",
    "apex": "폐첨부",
    "base": "기저부",
    "lingula": "설엽",
    "hilum": "폐문부",
    "perihilar": "폐문 주위",
    "retrocardiac": "심장 뒤",
    "costophrenic": "늑골횡격막각",
}
# Fluid, air and lumps are amounts; the other findings are degrees.
_AMOUNTS = frozenset({"Pleural Effusion", "Pneumothorax", "Nodule", "Mass", "Lung Lesion", "Cardiomegaly"})
SEVERITY_KO = {"minimal": "미량", "mild": "소량", "moderate": "중등량", "severe": "다량"}
DEGREE_KO = {"minimal": "아주 경미", "mild": "경미", "moderate": "중등도", "severe": "심함"}
CHANGE_KO = {
    "new": "새로 생김",
    "worse": "이전보다 증가",
    "better": "이전보다 감소",
    "stable": "이전과 변화 없음",
    "resolved": "이전보다 호전되어 사라짐",
}
REMOVED_KO = "제거됨"
DEGREE_CHANGE_KO = {"worse": "이전보다 악화", "better": "이전보다 호전"}
POSITION_KO = {"appropriate": "위치 적절", "malpositioned": "위치 부적절(위치 조정 필요)"}
STATUS_KO = {"negative": "없음", "uncertain": "가능성 있음"}


def severity_ko(detail: Detail) -> str | None:
    """The severity in Korean: an amount for fluid, air and lumps (소량), else a degree (경미)."""
    if detail.severity is None:
        return None
    table = SEVERITY_KO if detail.observation in _AMOUNTS and detail.observation != "Cardiomegaly" else DEGREE_KO
    return table[detail.severity]


def removed(detail: Detail) -> bool:
    """Whether ``detail`` is a device the report says was taken out."""
    return detail.observation in DEVICES and detail.change == "resolved"


def change_ko(detail: Detail) -> str | None:
    """The change in Korean: 증가/감소 for amounts, 악화/호전 for the other findings, 제거됨 for a device."""
    if detail.change is None:
        return None
    if removed(detail):
        return REMOVED_KO  # a device is taken out, not healed
    if detail.observation not in _AMOUNTS and detail.change in DEGREE_CHANGE_KO:
        return DEGREE_CHANGE_KO[detail.change]
    return CHANGE_KO[detail.change]


def size_ko(size_mm: float) -> str:
    """A size as a reader expects it: "3 mm", "1.5 cm"."""
    return f"{size_mm:g} mm" if size_mm < 10 else f"{size_mm / 10:g} cm"


def describe_ko(detail: Detail) -> str:
    """The detail in Korean for the findings panel, e.g. "좌측 · 소량 · 이전보다 증가" ("" when nothing is said)."""
    parts = [
        None if removed(detail) else STATUS_KO.get(detail.status),
        SIDE_KO.get(detail.side or ""),
        " ".join(LOCATION_KO[loc] for loc in detail.location) or None,
        severity_ko(detail),
        size_ko(detail.size_mm) if detail.size_mm is not None else None,
        change_ko(detail),
        POSITION_KO.get(detail.position or ""),
    ]
    return " · ".join(p for p in parts if p)


# --- contradictions between an answer and its report -------------------------------------------

CONTRADICTION_KINDS = ("side", "severity", "size", "change")
SIZE_TOLERANCE = 0.2
"""A size more than this share away from the report's contradicts it."""
_DIRECTION = {"new": "up", "worse": "up", "better": "down", "resolved": "down", "stable": "same"}
_PRESENT = ("positive", "uncertain")


@dataclass(frozen=True)
class DetailContradiction:
    """The answer says ``claimed`` of ``observation``'s ``kind``; the report says ``reported`` in ``evidence``.

    ``claimed`` and ``reported`` are the values of the details (``"left"``, ``"mild"``, ``12.0``, ``"worse"``).
    """

    kind: str
    observation: str
    claimed: str | float
    reported: str | float
    evidence: str

    def message(self) -> str:
        """The warning in Korean, naming both values and quoting the report."""
        name = korean_name(self.observation)
        subject = f"{name}{_particle(name, '이', '가')}"
        if self.kind == "change":
            said, written = _CHANGE_SAID[str(self.claimed)], _CHANGE_SAID[str(self.reported)]
            return f"[경고] 답변은 {subject} {said} 했지만, 판독문에는 {written} 적혀 있습니다: “{self.evidence}”"
        claimed, reported = (
            _value_ko(self.kind, self.observation, self.claimed),
            _value_ko(self.kind, self.observation, self.reported),
        )
        return (
            f"[경고] 답변은 {subject} {claimed}{_copula(claimed)}고 했지만, 판독문에는 "
            f"{reported}{_particle(reported, '으로', '로')} 적혀 있습니다: “{self.evidence}”"
        )

    def describe(self) -> str:
        """One line in English for a quarantine reason (no report text)."""
        return f"answer says {self.observation} {self.kind} {self.claimed} but report {self.reported}"


_CHANGE_SAID = {
    "new": "새로 생겼다고",
    "worse": "이전보다 늘었거나 나빠졌다고",
    "better": "이전보다 줄었거나 좋아졌다고",
    "stable": "이전과 변화가 없다고",
    "resolved": "없어졌다고",
}


def _particle(word: str, with_final: str, without_final: str) -> str:
    if word.endswith(("mm", "cm")):  # read 밀리미터, 센티미터
        return without_final
    hangul = [c for c in word if "가" <= c <= "힣"]
    if not hangul:
        return with_final
    final = (ord(hangul[-1]) - 0xAC00) % 28
    if with_final == "으로" and final == 8:  # ㄹ takes 로
        return without_final
    return with_final if final else without_final


def _copula(word: str) -> str:
    return "이라" if _particle(word, "이", "가") == "이" else "라"


def _value_ko(kind: str, observation: str, value: str | float) -> str:
    if kind == "side":
        return SIDE_KO[str(value)]
    if kind == "severity":
        return severity_ko(Detail(observation, "positive", severity=str(value))) or str(value)
    return size_ko(float(value))


def _disagree(kind: str, claimed: Detail, reported: Detail) -> bool | None:
    """Whether the two details disagree on ``kind`` (None when one of them says nothing)."""
    if kind == "side":
        a, b = claimed.side, reported.side
        return None if a is None or b is None else a != b
    if kind == "severity":
        a, b = claimed.severity, reported.severity
        if a is None or b is None:
            return None
        # Trace and small are the same thing told differently; more than one step is not.
        return {a, b} != {"minimal", "mild"} and a != b
    if kind == "size":
        x, y = claimed.size_mm, reported.size_mm
        return None if x is None or y is None else abs(x - y) > SIZE_TOLERANCE * y
    a, b = claimed.change, reported.change
    return None if a is None or b is None else _DIRECTION[a] != _DIRECTION[b]


def detail_contradictions(claimed: list[Detail], reported: list[Detail]) -> list[DetailContradiction]:
    """Details the answer states differently from every mention of the same finding in the report.

    Only findings both call present (positive or uncertain) are compared, on side, severity
    (trace and small count as one), size (more than 20 % off) and direction of change.
    """
    found = []
    for answer in claimed:
        if answer.status not in _PRESENT:
            continue
        same = [d for d in reported if d.observation == answer.observation and d.status in _PRESENT]
        for kind in CONTRADICTION_KINDS:
            verdicts = [(_disagree(kind, answer, d), d) for d in same]
            if any(v is False for v, _ in verdicts):
                continue
            clash = next((d for v, d in verdicts if v), None)
            if clash is not None:
                field_name = "size_mm" if kind == "size" else kind
                found.append(
                    DetailContradiction(
                        kind, answer.observation, getattr(answer, field_name), getattr(clash, field_name), clash.text
                    )
                )
    return found
