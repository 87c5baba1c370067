"""Bilingual findings labeler: the 14 CheXpert observations in English, Korean and mixed reports.

>>> from korad.findings import label
>>> label("No pneumothorax, but a small left pleural effusion.")
{'Pneumothorax': 'negative', 'Pleural Effusion': 'positive'}
>>> label("기흉은 없으나 소량의 흉수가 있음. 폐렴 가능성 있음.")
{'Pneumonia': 'uncertain', 'Pneumothorax': 'negative', 'Pleural Effusion': 'positive'}

Rules, not a model: a report is cut into sentences and clauses, each clause is searched for
mentions (``korad.lexicon``) and for negation, uncertainty and affirmation cues; the nearest cue
in the clause decides a mention (English cues before the finding, Korean cues after it). Several
mentions of one observation aggregate as CheXpert does (positive > uncertain > negative), and
"No Finding" is positive when nothing but Support Devices is positive or uncertain. Only the part
of a report that describes the study is read (``korad.sections.reported_text``): an indication
such as "evaluate for pneumonia" is a question, not a finding.

Each mention also gets its details (side, severity, location, size, change, device position;
``korad.details``) and the report's advice sentences are kept as ``recommendations``; the text is
read as a human reads it (``korad.normalize``). A sentence is read once and remembered (real
reports repeat their sentences; ``clear_sentence_cache``). Vocabulary and conventions:
``docs/findings.md``.

Run ``python -m korad.findings INPUT --output OUT.jsonl`` to label every report of a file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from operator import itemgetter
from typing import Any, Literal

from korad.details import (
    Detail,
    Slot,
    attach_details,
    carried_apart,
    carry,
    changes_in,
    describe_ko,
    explained_across,
    line_kinds_of,
    make_detail,
    merge_details,
    names_something,
    other_lines,
    removed,
    same_side,
    share_device_change,
    sides_apart,
    without_prior,
    words_in,
)
from korad.lexicon import (
    ADVICE,
    ATTRIBUTE_MENTIONS,
    CONGESTION,
    CUES,
    DESCRIPTORS,
    DEVICES,
    LESIONS,
    MENTIONS,
    NOT_ADVICE,
    OBSERVATIONS,
    PARENTS,
    PLACEMENT,
    REMOVAL,
)
from korad.normalize import Folded, fold
from korad.patterns import Gated, alternation, group_name, lower, scanning
from korad.records import quick_init
from korad.sections import reported_text
from korad.text import HANGUL_RE, sentence_spans, split_spans

__all__ = ["Detail", "Findings", "Mention", "contradictions", "describe_ko", "label", "label_report"]

Label = Literal["positive", "negative", "uncertain"]
SENTENCE_CACHE = 16_384
"""Sentences kept read (real reports repeat "No pneumothorax." and the like thousands of times)."""
_RANK = {"negative": 0, "uncertain": 1, "positive": 2}
_HANGUL = HANGUL_RE


def _build_mentions() -> tuple[re.Pattern[str], dict[str, tuple[tuple[str, ...], bool]]]:
    """One regex for every mention; group name -> (observations, is_attribute)."""
    owners: dict[tuple[str, bool], list[str]] = {}
    for attribute, table in ((False, MENTIONS), (True, ATTRIBUTE_MENTIONS)):
        for observation, patterns in table.items():
            for pattern in patterns:
                owners.setdefault((pattern, attribute), []).append(observation)
    # Outright mentions before attributes, longer patterns first: at one position the first
    # alternative that matches wins ("heart enlargement" before "heart").
    ordered = sorted(owners.items(), key=lambda item: (item[0][1], -len(item[0][0])))
    groups, meaning = [], {}
    for index, ((pattern, attribute), observations) in enumerate(ordered):
        groups.append((f"m{index}", [pattern]))
        meaning[f"m{index}"] = (tuple(observations), attribute)
    return alternation(groups), meaning


_MENTION_RE, _MENTION_MEANING = _build_mentions()
_MENTION_BY_GROUP = _MENTION_RE.by_group(_MENTION_MEANING)
_CUE_RE = alternation(
    [
        (f"{polarity}_{direction}", sorted(patterns, key=len, reverse=True))
        for (polarity, direction), patterns in CUES.items()
    ]
)
_DESCRIPTOR_RE = alternation([(polarity, list(patterns)) for polarity, patterns in DESCRIPTORS.items()])
_ADVICE_RE = alternation([("advice", list(ADVICE))])
_NOT_ADVICE_RE = scanning("|".join(NOT_ADVICE))
_CHEXPERT = frozenset(OBSERVATIONS)
_ORDER = {name: i for i, name in enumerate(OBSERVATIONS)}
_DEVICES = frozenset(DEVICES)
_PLACEMENT_RE = alternation([("placement", list(PLACEMENT))])
_REMOVAL_RE = alternation([("removal", list(REMOVAL))])

# English connectors start a new clause; Korean connective endings close the clause they end.
# (Each branch starts with its literal and checks what precedes it after, so the engine scans in C.)
_CLAUSE_WORDS = ("but", "however", "although", "though", "whereas", "while", "except", "aside from", "apart from")
_CLAUSE_EN = re.compile(
    r";|,\s*(?=(?:and|with|which|the|there|this|it)\b)|"
    + "|".join(rf"{word}(?<!\w{word})\b" for word in _CLAUSE_WORDS)
    + r"|and (?=there (?:is|are)\b)(?<!\wand )"
)  # matched on lowercased text
_CLAUSE_KO = re.compile(
    "(?:"
    + "|".join(f"{end}(?<=[가-힣]{end})" for end in ("으나", "되나", "보이나", "지만", "는데", "며", "고"))
    + r")(?=[\s,])"
)


@quick_init
@dataclass(frozen=True)
class Mention:
    """One mention of an observation, with the label its clause gives it."""

    observation: str
    label: Label
    text: str
    sentence: str


@dataclass
class Findings:
    """The labels of one report, with the sentence behind each label, and the details of each finding."""

    labels: dict[str, Label] = field(default_factory=dict)
    evidence: dict[str, str] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    details: list[Detail] = field(default_factory=list)
    """One per finding mentioned (side, severity, location, size, change, position), in report order."""
    recommendations: list[str] = field(default_factory=list)
    """The report's advice sentences as written (follow-up, further imaging, placement advised)."""

    def to_record(self) -> dict[str, Any]:
        """The JSON of a findings row: findings, evidence, details, recommendations."""
        return {
            "findings": self.labels,
            "evidence": self.evidence,
            "details": [detail.to_dict() for detail in self.details],
            "recommendations": self.recommendations,
        }


def _clause_spans(sentence: str) -> list[tuple[int, int]]:
    if sentence.isascii() or _HANGUL.search(sentence) is None:  # no Korean connective ending to cut at
        if _CLAUSE_EN.search(sentence) is None:  # most sentences are one clause: one scan in C, no loop
            return [(0, len(sentence))] if sentence else []
        return split_spans(sentence, _CLAUSE_EN, keep_at_end=False)
    return [
        (a + c, a + d)
        for a, b in split_spans(sentence, _CLAUSE_KO)
        for c, d in split_spans(sentence[a:b], _CLAUSE_EN, keep_at_end=False)
    ]


# A negation before a list reaches every finding of it ("No pneumothorax, effusion or consolidation"), but
# not one that a new statement names: after "and the/a" ("No pneumothorax and the effusion has increased")
# or after a comma that starts with an amount, a change or a side ("No pneumothorax, small left effusion").
_NEGATION_ENDS = scanning(
    r"\band (?:the|a|an)\b|,\s*(?:(?:a|an|the)\s+)?(?:small|large|moderate|mild|trace|tiny|minimal|persistent|stable"
    r"|unchanged|new|increased|increasing|decreased|decreasing|worsening|improving|left|right|bilateral|rt\.?|lt\.?)\b"
)
_PLAIN_NEGATIONS = frozenset({"no", "without", "neither", "negative for", "free of", "clear of", "absence of"})
"""The negations a new statement ends ("removal of the ETT and the left chest tube" stays one list)."""
_Cue = tuple[int, int, str, str]
"""A cue found in a clause: start, end, polarity, direction."""
_CUE_KINDS = {f"{polarity}_{direction}": (polarity, direction) for polarity, direction in CUES}
_CUE_BY_GROUP = _CUE_RE.by_group(_CUE_KINDS)


def _cues(clause: str) -> list[_Cue]:
    """The cues of a clause, in order."""
    kinds = _CUE_BY_GROUP
    return [(cue.start(), cue.end(), *kinds[cue.lastgroup]) for cue in _CUE_RE.finditer(clause)]  # type: ignore[index]


_CONGESTION = re.compile("|".join(CONGESTION))
_EXPLICIT_EDEMA = re.compile(r"o?edema|부종|kerley|heart failure|chf|심부전", re.IGNORECASE)
"""What names edema itself, beside congestion (docs/findings.md: congestion alone is Edema uncertain)."""


def _congestion_only(text: str) -> bool:
    """Whether an Edema mention or detail quotes congestion and no edema ("mild vascular congestion")."""
    return _EXPLICIT_EDEMA.search(text) is None


def _edema_as_said(mentions: list[Mention]) -> list[Mention]:
    """Congestion read as possible edema gives way, in the label, where the report speaks of edema itself
    ("Pulmonary vascular congestion; no overt edema" is Edema negative, "congestion and interstitial edema"
    positive). Its details stay: what the report says of the congestion (worse, better) is still said."""
    if not any(m.observation == "Edema" and not _congestion_only(m.text) for m in mentions):
        return mentions
    return [
        m for m in mentions if not (m.observation == "Edema" and m.label == "uncertain" and _congestion_only(m.text))
    ]


_TIP_UNSEEN = scanning(
    r"\btips?\b.*\b(?:not (?:\w+ )?(?:visuali[sz]ed|seen|identified|included|imaged)|obscured)"
    r"|(?:끝|tip|팁)[^.]*(?:보이지\s*않|확인\s*(?:되지\s*않|안\s*됨|불가))"
)
"""A device whose tip is not seen ("Tip of the right PICC is not clearly visualized"): the device is there."""


def _tip_unseen(clause: str, slots: list[Slot]) -> None:
    """A device negated only because its tip is not seen is there (its tip out of view)."""
    if _TIP_UNSEEN.search(clause) is None:
        return
    for slot in slots:
        if slot.status == "negative" and set(slot.observations) <= _DEVICES and not slot.values.get("change"):
            slot.status = "positive"


_TAKEN_OUT_WITH = re.compile(r"(?:interval )?removal of")
_QUALIFIED_ITEM = re.compile(r"(?:진구성|오래된|만성|석회화된?|healed|old)(?:\s|의)")
"""Words that make a list item before a Korean closing negation a statement of its own: an old finding
("진구성 결핵, 활동성 병변 없음"). A side before it does not ("우측 흉수, 기흉 없음" may deny both)."""
_BARE_ITEM = re.compile(
    r"(?:은|는|이나|나|이|가|도|과|와)?(?:\s|[.·/&]|\b(?:and|or)\b"
    r"|(?<![가-힣])(?:은|는|이|가|도|의|및|과|와|등|소견|또는|혹은)(?![가-힣]))*"
)
"""What may follow a finding in a list that a closing negation denies ("기흉, 흉수 없음", "결절 및 종괴, ...")."""


_KIND_OF = re.compile(
    r"(?:malignant|parapneumonic|hemorrhagic|tuberculous|reactive|exudative|infected|악성|부폐렴성|혈성|결핵성|반응성|삼출성)"
    r"\s*$"
)
"""A kind named before a finding's second naming ("malignant effusion 가능성"): the hedge is about the kind."""
_KIND_OF_FLUID = re.compile(r"hemothora|chylothora|empyema|혈흉|농흉|유미흉")
"""A second naming of an effusion that says what the fluid is ("effusion, possibly hemothorax")."""
_EVIDENCE_FOR = re.compile(
    r"\s*(?:소견|음영)?\s*(?:(?:으로|로)\s*(?:보아|미루어|인해|인한|볼\s*때)?|(?:이|가)?\s*(?:있어|보여)(?:서)?)\s*"
)
"""What links a lesion to the diagnosis drawn from it in Korean ("경화로 폐렴 의심", "경화 소견으로 보아 ...",
"경화가 보여 폐렴 의심")."""


def _cue_label(
    clause: str, start: int, end: int, cues: list[_Cue], before: int, after: int, negated: bool
) -> Label:
    """Polarity of the mention at [start, end): the nearest cue that governs it, else positive.

    A hedge after a list reaches back over commas only to the finding next to it ("3.5 cm 종괴,
    폐암 가능성": the mass is not hedged); a negation covers the list ("기흉, 흉수는 없음"): ``negated``
    tells whether the clause holds a negation cue.
    """
    best: tuple[int, Label] | None = None
    for cue_start, cue_end, polarity, direction in cues:
        if direction == "or":
            if negated or not (before <= cue_start and cue_end <= after):
                continue
            direction = "between"
        if cue_end <= start and direction in ("pre", "both", "between"):
            if direction == "between" and cue_end < before:
                continue
            if (
                polarity == "negative"
                and clause[cue_start:cue_end] in _PLAIN_NEGATIONS
                and _NEGATION_ENDS.search(clause, cue_end, start)
            ):
                continue
            if _TAKEN_OUT_WITH.match(clause, cue_start) and re.search(r"\bwith\b", clause[cue_end:start]):
                continue  # "removal of the chest tube with a tiny pneumothorax": the pneumothorax is there
            distance = start - cue_end
        elif cue_start >= end and direction in ("post", "both", "between"):
            if direction == "between" and cue_start > after:
                continue
            if polarity == "uncertain" and after < cue_start and _EVIDENCE_FOR.fullmatch(clause, end, after):
                continue  # "우하엽 경화로 폐렴 의심": the consolidation is seen, the pneumonia suspected from it
            if polarity == "uncertain" and "," in clause[end:cue_start]:
                # "3.5 cm 종괴, 폐암 가능성", "다발성 결절, 전이 가능성": past a comma a hedge is about the
                # thing named there, unless only detail words stand there ("흉수, 소량 의심").
                named_there = clause[clause.rindex(",", end, cue_start) + 1 : cue_start]
                if cue_start > after or names_something(named_there):
                    continue
            if polarity == "negative" and "," in clause[end:cue_start]:
                if _QUALIFIED_ITEM.search(clause, clause.rfind(",", 0, start) + 1, end):
                    continue  # "진구성 결핵, 활동성 병변 없음": an old finding listed before the negation is stated
                # "우측 흉수 소량, 기흉 없음", "Pacemaker 위치 적절, PTX 없음": the finding has its own predicate
                if not _BARE_ITEM.fullmatch(clause, end, min(clause.index(",", end), after)):
                    continue
            distance = cue_start - end
        else:
            continue
        if best is None or distance < best[0]:
            best = (distance, polarity)  # type: ignore[assignment]
    return best[1] if best else "positive"


_COORDINATOR = re.compile(r",|및|(?<=[가-힣])(?:과|와)(?![가-힣])|\band\b|&|/|\bor\b|또는")
"""What joins two coordinated mentions ("heart size and mediastinal contours", "심장 및 종격동")."""


_SO_SEEN = re.compile(r"(?:있|보)(?:어|여)(?:서)?(?![가-힣])")
_SIGN = re.compile("|".join(p for patterns in ATTRIBUTE_MENTIONS.values() for p in patterns))
"""A sign seen and what it shows ("CP angle blunting 있어 effusion 가능성"): its "있어" affirms the sign (a
place that looks changed), not the finding (Kerley B lines are edema itself: "Kerley B lines 있어 폐부종 의심")."""


def _descriptor_label(
    clause: str, mention: re.Match[str], before: int, after: int, cues: list[_Cue], then_finding: bool
) -> Label | None:
    """Polarity of an attribute mention ("heart size") from its descriptor.

    First the text up to the next mention ("heart size is normal"); then, for English, the text
    since the previous one ("normal heart size"); last the rest of the clause, for coordinated
    attributes ("heart size and mediastinal contours are normal", "심장 및 종격동 음영은 정상"), unless
    the next mention is a finding it only places ("종격동 림프절 비대": ``then_finding``, not coordinated).
    A hedge between the mention and a finding descriptor makes it uncertain ("heart size is likely
    enlarged").
    """
    windows = [(mention.end(), after)]
    if mention.group().isascii() or not _HANGUL.search(mention.group()):
        windows.append((before, mention.start()))
    if not then_finding or _COORDINATOR.search(clause, mention.end(), after):
        windows.append((after, len(clause)))
    for start, end in windows:
        match = _DESCRIPTOR_RE.search(clause[start:end])
        if match:
            polarity = group_name(match)
            hedged = any(
                cue[2] == "uncertain" and mention.end() <= cue[0] < start + match.start() for cue in cues
            )
            return "uncertain" if hedged and polarity == "positive" else polarity  # type: ignore[return-value]
    return None


def _removed_devices(clause: str, slots: list[Slot], advice: bool) -> None:
    """A device the clause says was taken out is not there now: negative, its change "resolved"
    ("Interval removal of the left chest tube", "흉관 제거 후", "발관됨"). Advice to take it out
    ("removal of the NG tube is recommended") leaves it in place."""
    if all(_DEVICES.isdisjoint(slot.observations) for slot in slots) or _REMOVAL_RE.search(clause) is None:
        return
    for slot in slots:
        if slot.status is None or not set(slot.observations) <= _DEVICES:
            continue
        listed_after = slot.status == "negative" and _TAKEN_OUT_WITH.search(clause) is not None
        if "resolved" not in slot.values.get("change", ()) and not listed_after:  # "removal of the A and the B"
            continue
        if advice:
            slot.status = "positive"
            slot.values.pop("change", None)
        else:
            slot.status = "negative"
            slot.values["change"] = ["resolved"]


class _Quoter:
    """Quotes the original report for spans of the folded text the labeler reads."""

    def __init__(self, text: str, folded: Folded) -> None:
        self.text, self.folded, self.cursor = text, folded, 0
        self.changed = folded.changed
        self.offset: int | None = 0

    def locate(self, sentence: str) -> None:
        """Find the folded sentence in the folded report (sections are read in report order)."""
        if not self.changed:
            return
        where = self.folded.text.find(sentence, self.cursor)
        if where < 0:
            where = self.folded.text.find(sentence)
        self.offset = where if where >= 0 else None
        if where >= 0:
            self.cursor = where + len(sentence)

    def quote(self, sentence: str, start: int, end: int) -> str:
        """The original text of ``sentence[start:end]``."""
        if not self.changed or self.offset is None:
            return sentence[start:end]
        a, b = self.folded.original_span(self.offset + start, self.offset + end)
        return self.text[a:b]


def _label_clause(
    sentence: str, clause: str, start: int, quoter: _Quoter, advice: bool
) -> tuple[list[Mention], list[Detail]]:
    """Mentions and details of the lowercased ``clause`` found at ``start`` in ``sentence``."""
    found = list(_MENTION_RE.finditer(clause))
    if not found:
        return [], []
    cues = _cues(clause)
    negated = "negative" in map(itemgetter(2), cues)
    # Advice to place a device ("NG tube placement is advised") says the device is not there yet.
    proposed = advice and _PLACEMENT_RE.search(clause) is not None
    slots = []
    last = len(found) - 1
    # Whether a slot names nothing yet, may name a device or a granuloma; the labels given.
    unnamed = devices = granuloma = False
    statuses: set[str | None] = set()
    for i, match in enumerate(found):
        observations, attribute = _MENTION_BY_GROUP[match.lastgroup]  # type: ignore[index]
        if proposed:
            observations = tuple(o for o in observations if o not in _DEVICES)
        begin, end = match.span()
        before = found[i - 1].end() if i else 0
        after = found[i + 1].start() if i < last else len(clause)
        if attribute:
            then_finding = i < last and not _MENTION_BY_GROUP[found[i + 1].lastgroup][1]  # type: ignore[index]
            polarity = _descriptor_label(clause, match, before, after, cues, then_finding)
        else:
            polarity = _cue_label(clause, begin, end, cues, before, after, negated) if cues else "positive"
            if polarity == "positive" and observations == ("Edema",) and _CONGESTION.fullmatch(match.group()):
                polarity = "uncertain"  # congestion alone: possible edema (CheXpert; docs/findings.md)
        status = polarity if observations else None
        unnamed = unnamed or status is None
        devices = devices or not _DEVICES.isdisjoint(observations)
        granuloma = granuloma or "Granuloma" in observations
        statuses.add(status)
        slots.append(Slot(begin, end, observations, status, attribute))
    if unnamed:
        # A descriptor-only mention ("늑골횡격막각") next to an outright one of its finding ("미량의 흉수") is
        # where the finding is, not a second finding.
        named = {o for slot in slots if slot.status is not None for o in slot.observations}
        slots = [slot for slot in slots if slot.status is not None or named.isdisjoint(slot.observations)]
    # A nodule the clause calls a granuloma ("7 mm 결절, 석회화 동반, 육아종으로 생각됨") is the granuloma;
    # one it only may be ("5 mm nodule, possibly a granuloma") stays a nodule seen.
    if granuloma and any("Granuloma" in slot.observations for slot in slots):
        for slot in slots:
            if "Nodule" in slot.observations and any(
                "Granuloma" in later.observations and later.status != "uncertain"
                for later in slots
                if later.start > slot.start
            ):
                slot.observations = tuple("Granuloma" if o == "Nodule" else o for o in slot.observations)
    # A finding named twice in a clause takes the hedge of its second naming ("우측 늑골횡격막각 둔화,
    # 소량의 흉수 가능성": the blunting is the possible effusion), unless affirmed in between. A sign
    # ("blunting", "CTR 0.54") is affirmed by nothing but itself: "둔화가 있어 흉수 의심" says the blunting
    # is there and the effusion possible.
    for slot in slots:
        if slot.status == "uncertain":
            for later in slots:
                # "경계성 심비대 (CTR 0.52)", "possible cardiomegaly, CTR 0.56": the measure of a hedged call
                if later.start > slot.start and later.attribute and later.status == "positive" and (
                    set(later.observations) & set(slot.observations)
                ):
                    later.status = "uncertain"
            for earlier in slots:
                if earlier is slot:
                    break
                if (
                    earlier.status == "positive"
                    and set(earlier.observations) & set(slot.observations)
                    and (
                        earlier.attribute
                        or not any(
                            cue[2] == "positive"
                            and earlier.end <= cue[0] < slot.start
                            and not (
                                _SO_SEEN.match(clause, cue[0]) and _SIGN.search(clause, earlier.start, earlier.end)
                            )
                            for cue in cues
                        )
                    )
                    # "Rt. pleural effusion 새로 생김, parapneumonic effusion 가능성": a change affirms it
                    and not {"new", "worse"} & set(changes_in(clause[earlier.end : slot.start]))
                    # "Lt. effusion, moderate, malignant effusion 가능성": the hedge weighs its kind, not its presence
                    and not _KIND_OF.search(clause, max(0, slot.start - 16), slot.start)
                    # "Calcified nodules, likely granulomas": a thing seen, the hedge weighs what it is
                    and "Granuloma" not in earlier.observations
                    # "Small left effusion, possibly hemothorax": the hedge is about what the fluid is
                    and not _KIND_OF_FLUID.match(clause, slot.start)
                ):
                    earlier.status = "uncertain"
    # Plain negations carry no details: read the detail words only where a finding is present or gone.
    # (A hedge above turns a positive label into an uncertain one: a finding present stays present.)
    if not statuses.isdisjoint(("positive", "uncertain")) or {"resolved", "better"} & set(changes_in(clause)):
        attach_details(clause, slots)
    if devices:
        for slot in slots:
            # "RV lead의 위치 이동, dislodgement 의심": a hedge on where a device is leaves the device there
            if slot.status == "uncertain" and set(slot.observations) <= _DEVICES and "position" in slot.values:
                slot.status = "positive"
        _removed_devices(clause, slots, advice)
        _tip_unseen(clause, slots)
    # A report that folding left as it was is quoted by slicing its sentence.
    quote = quoter.quote if quoter.changed else None
    whole = quote(sentence, 0, len(sentence)) if quote else sentence
    mentions, details = [], []
    for slot in slots:
        if slot.status is None:
            continue
        a, b = slot.span
        if quote:
            written = quote(sentence, start + slot.start, start + slot.end)
            text = quote(sentence, start + a, start + b)
        else:
            written = sentence[start + slot.start : start + slot.end]
            text = sentence[start + a : start + b]
        for observation in slot.observations:
            labelled = observation if observation in _CHEXPERT else PARENTS.get(observation)
            if labelled:
                mentions.append(Mention(labelled, slot.status, written, whole))  # type: ignore[arg-type]
            # "Lung Lesion" is the label of a nodule or a mass; a bare "lesion" is no detail.
            if observation != "Lung Lesion" and not slot.absorbed:
                values = slot.values  # an amount for each side: a detail a side (tried only where one may be)
                may_split = len(values.get("severity", ())) == 2 or "bilateral" in values.get("side", ())
                # (what follows it up to the next finding: "양측 흉수: Rt.는 감소, Lt.는 비슷함, 기흉 없음")
                until = next((later.start for later in slots if later.start >= slot.end), len(clause))
                apart = sides_apart(slot, clause[slot.end : until]) if may_split else ()
                if len(apart) > 1:
                    details.extend([make_detail(part, observation, text, clause, whole) for part in apart])
                else:
                    details.append(make_detail(slot, observation, text, clause, whole))
    return mentions, details


_MEASURED_FROM = scanning(r"(?:에서|부터)\s*[^,.]{0,30}?까지|\bfrom the [a-z ]{1,30}? to\b")
"""A distance measured from a place to another ("apex에서 폐 경계까지 4 cm", "from the apex to the lung margin")."""
# A clause that only supposes ("If there is concern for rib fracture, ...", "기흉이 의심되는 경우"): no finding.
_CONDITIONAL = Gated(r"^\s*(?:if|unless|should there be|in case)\b|(?:인|한|된|될|는|을)\s*경우")
# A clause that offers another reading of the finding before it ("which may represent a nipple shadow").
# ("which could be loculated", "which is likely chronic" tell a property or a cause, not another reading.)
_ALTERNATIVE = re.compile(
    r"^\s*(?:which|that|this|it|these)\s+(?:(?:may|might|could)\s+(?:represent|reflect|be (?:an? )?"
    r"(?:artifact|nipple|summation|overlap|skin fold|vessel|vascular|technical|positional|projectional))"
    r"|(?:possibly|probably|likely)\s+(?:represents?|reflects?))"
)
_LOOK_ALIKE = scanning(
    r"nipple|유두\s*(?:음영|그림자|표지)?|summation|overlap|중첩|skin\s*folds?|피부\s*주름|artifact|인공물|허상",
    re.IGNORECASE,
)
"""What a shadow may be instead of a finding (a nipple, overlapping structures, a skin fold, an artifact)."""
_RELATIVE = re.compile(r"^\s*(?:which|that)\b")
"""A clause about the finding before it ("..., which has increased, ...")."""
# A sentence that offers an artifact as a reading of what it describes ("likely due to AP technique and
# rotation", "may represent early pneumonia versus overlapping soft tissue", "possibly vascular crowding",
# "유두 음영 가능성", "혈관 중첩 가능성"): its findings are uncertain.
_ARTIFACT = re.compile(
    r"(?:likely|probably|possibly|may|might|could|versus|vs\.?|or|rather than|favor\w*)\s+(?:[\w-]+\s+){0,5}?"
    r"(?:(?:ap|portable|supine)?\s*technique|(?:patient )?rotation|projection(?:al)?|positioning"
    r"|(?:overlapping )?soft tissues?|overlap(?:ping)? (?:of )?(?:soft tissue|vessels?|vascular|structures)"
    r"|summation|nipple|skin ?fold"
    r"|vascular crowding|crowding of (?:the )?vessels|artifact\w*)\b"
    r"|(?:유두|피부\s*주름|혈관\s*(?:음영\s*)?중첩|vessel overlap|중첩|촬영\s*(?:기법|자세)|회전)\s*"
    r"(?:에\s*의한|으로\s*인한|일)?\s*(?:음영\s*)?(?:가능성|수\s*있|의심|생각)"
)
_ARTIFACT_WORD = re.compile(
    r"techni|rotat|project|position|soft tissue|overlap|summation|nipple|skin|crowding|artifact"
    r"|유두|주름|중첩|기법|자세|회전"
)
"""A cheap first check for ``_ARTIFACT`` (most sentences name no artifact)."""
# A sentence naming no finding but comparing with the prior study goes on about the finding before it
# ("이전 검사에 비해 개수와 크기 증가.", "Compared to the prior study, it has decreased.").
_COMPARED = scanning(
    r"compared|comparison|since the (?:prior|previous)|이전\s*(?:검사|study|사진|영상)?(?:와|과|에)\s*비"
    # "2시간 전 사진보다 증가함", "2021.05 사진과 비교하여 변화 없음": the prior film named by its date
    r"|(?:사진|검사|영상|촬영|study|film)\s*(?:보다|(?:와|과|에)\s*비(?:교|해|하))"
    # "이전 study에서는 없던 병변.", "새로 생긴 소견임.": the finding before is new
    r"|(?:없던|없었던|않던|않았던|새로\s*생긴|새로운)\s*(?:소견|병변|것)"
)


def _hedged(found: Detail | Mention) -> Any:
    """``found`` as uncertain (a positive finding the report offers another reading of)."""
    if isinstance(found, Mention):
        return replace(found, label="uncertain") if found.label == "positive" else found
    return replace(found, status="uncertain") if found.status == "positive" else found


# A sentence that goes on about the finding before it: "It has increased.", "Unchanged.", "변화 없음."
_CONTINUES = re.compile(r"^(?:it|this|these|they|which|both|all|the findings?)\b|^[^.]{0,16}[.!?。]?$")
_OTHERWISE = re.compile(r"\s*(?:\d+\.\s*)?(?:그\s*외|그\s*밖|나머지|otherwise|elsewhere|the remainder|the rest)")
"""A sentence about the rest ("그 외 이전 검사와 비교하여 변화 없음", "Otherwise unchanged"): not the finding before."""
_OTHER_SUBJECT = re.compile(
    r"피하\s*(?:기종|공기)|subcutaneous|soft[- ]tissue|pneumomediastinum|종격동\s*기종|pericardi|심낭"
    r"|lymph|림프절|임파선"
)
"""A finding outside the vocabulary ("피하기종 약간 증가."): the sentence is about it, not the finding before."""


_TB_TRACES = frozenset({*LESIONS, "Scarring", "Granuloma", "Nodule", "Calcification", "Pleural Other"})
"""What a report reads old or active tuberculosis from: a scar, a calcified nodule, an apical opacity."""
_TB = frozenset({"Old Tuberculosis", "Tuberculosis"})


def _explain_previous(found: list[Detail], previous: list[Detail]) -> list[Detail]:
    """A sentence that only weighs diagnoses takes the side, location and change of the lesion before; so does
    one that only names tuberculosis as what the lesion before is ("우상엽 석회화 결절, 변화 없음. 결핵을 앓은 후
    남은 변화로 생각됩니다.", "apical scar, stable. Old Tbc 의심.")."""
    if not found or any(d.side or d.location for d in found):
        return found
    tb = all(d.observation in _TB for d in found)
    if not tb and any(d.status != "uncertain" for d in found):
        return found
    givers = _TB_TRACES if tb else LESIONS
    lesion = next((d for d in reversed(previous) if d.observation in givers and d.status == "positive"), None)
    if lesion is None:
        return found
    return [replace(d, side=lesion.side, location=lesion.location, change=d.change or lesion.change) for d in found]


_GENERIC = frozenset({"병변", "lesion", "lesions"})
"""Words that name no finding of their own: "이전 study에서는 없던 병변." goes on about the finding before."""


def _only_generic(mentions: list[Mention]) -> bool:
    return bool(mentions) and all(lower(m.text).strip() in _GENERIC for m in mentions)


@quick_init
@dataclass(frozen=True)
class _Sentence:
    """What one sentence says on its own: its advice, mentions and details, and, when it names no
    finding but goes on about the one before ("It has increased.", "변화 없음."), its detail words."""

    recommendation: str | None
    mentions: tuple[Mention, ...]
    details: tuple[Detail, ...]
    continuation: dict[str, list[Any]] | None


_DEVICE_LIST = re.compile(r"[\s,]*(?:(?:and|the|a|an|right|left|rt\.?|lt\.?|bilateral)\b[\s,]*)*")
"""What a clause that only lists devices holds besides their names."""


_ONE_TAKEN_OUT = re.compile(r"\b(?:has|was|is)\b")
"""A removal said of one device ("..., and the chest tube has been removed"): the list before it stays."""


def _without_mentions(clause: str) -> str:
    """``clause`` with its mentions cut out."""
    kept, at = [], 0
    for match in _MENTION_RE.finditer(clause):
        kept.append(clause[at : match.start()])
        at = match.end()
    return "".join(kept) + clause[at:]


def _taken_out(detail: Detail) -> Detail:
    return replace(detail, status="negative", change="resolved", position=None)


def _read_sentence(sentence: str, quoter: _Quoter) -> _Sentence:
    """Read one sentence, clause by clause (its quotes from ``quoter``)."""
    sentence_low = lower(sentence)  # the vocabularies match lowercased text
    advice = _ADVICE_RE.search(sentence_low) is not None and not _NOT_ADVICE_RE.search(sentence_low)
    mentions: list[Mention] = []
    found: list[Detail] = []
    clause_found = 0
    clause_mentioned = 0
    listed = 0  # how many of ``found`` are devices named in a bare list ("ETT, NG tube, and ...")
    for start, end in _clause_spans(sentence_low):
        clause = sentence_low[start:end]
        if _CONDITIONAL.search(clause):  # "If there is concern for rib fracture, ...": no finding stated
            continue
        clause_mentions, clause_details = _label_clause(
            sentence, clause, start, quoter, advice and _ADVICE_RE.search(clause) is not None
        )
        if listed and any(removed(d) for d in clause_details) and not _ONE_TAKEN_OUT.search(clause):
            # "Endotracheal tube, enteric tube, and right IJ line have been removed": the list goes too
            found[-listed:] = [_taken_out(d) for d in found[-listed:]]
        listed = (
            listed + len(clause_details)
            if clause_details
            and clause_details[0].observation in _DEVICES  # (most clauses name no device: no loop)
            and all(d.observation in _DEVICES and d.status == "positive" for d in clause_details)
            and _REMOVAL_RE.search(sentence_low[end:])
            and _DEVICE_LIST.fullmatch(_without_mentions(clause))
            else 0
        )
        mentions.extend(clause_mentions)
        if clause_details and clause_found and _RELATIVE.match(clause):
            # "Right lower lobe opacity, which has progressed, likely pneumonia": the change is the opacity's too
            said = words_in(clause[: _MENTION_RE.search(clause).start()]).get("change")  # type: ignore[union-attr]
            if said:
                found[-clause_found:] = [carry(d, {"change": said}) for d in found[-clause_found:]]
        if clause_details:
            clause_details = explained_across(clause, clause_details, found)
            found.extend(clause_details)
            clause_found, clause_mentioned = len(clause_details), len(clause_mentions)
        elif clause_found and not clause_mentions and not _MENTION_RE.search(clause):
            if _ALTERNATIVE.search(clause):
                # "nodular opacity ..., which may represent a nipple shadow": the finding may be something else.
                found[-clause_found:] = [_hedged(d) for d in found[-clause_found:]]
                if clause_mentioned:
                    mentions[-clause_mentioned:] = [_hedged(m) for m in mentions[-clause_mentioned:]]
                continue
            # "우측 흉수가 감소하였으며, 현재 소량 남아 있습니다": the clause goes on about the one before.
            apart = carried_apart(found[-1], clause) if clause_found == 1 else []
            if apart:  # "양측 흉수가 증가하였으며, 우측은 중등량, 좌측은 소량입니다": a detail a side
                found[-1:] = apart
                clause_found = len(apart)
                continue
            values = words_in(clause)
            # "폐첨부에서 폐 경계까지 약 4 cm": a width, not where it is
            if "location" in values and _MEASURED_FROM.search(clause):
                values.pop("location", None)
            found[-clause_found:] = [carry(d, values) for d in found[-clause_found:]]
    if (found or mentions) and _ARTIFACT_WORD.search(sentence_low) and _ARTIFACT.search(sentence_low):
        # "Mediastinum is mildly widened, likely due to AP technique": what is seen may not be there at all.
        found = [d if d.observation in _DEVICES else _hedged(d) for d in found]
        mentions = [m if m.observation in _DEVICES else _hedged(m) for m in mentions]
    continuation = None
    if (
        not found
        and not advice
        and (_CONTINUES.search(sentence_low) or _COMPARED.search(sentence_low))
        and (not _MENTION_RE.search(sentence_low) or _only_generic(mentions))
        and not _OTHER_SUBJECT.search(sentence_low)
        and not _OTHERWISE.match(sentence_low)
    ):
        continuation = words_in(sentence_low)
    return _Sentence(
        quoter.quote(sentence, 0, len(sentence)) if advice else None, tuple(mentions), tuple(found), continuation
    )


_PLAIN = _Quoter("", Folded(""))
"""The quoter of a report that folding left as it was: a quote is the sentence's own text."""


@lru_cache(maxsize=SENTENCE_CACHE)
def _read_plain_sentence(sentence: str) -> _Sentence:
    return _read_sentence(sentence, _PLAIN)


@lru_cache(maxsize=SENTENCE_CACHE)
def _read_wrapped_sentence(written: str) -> _Sentence:
    wrapped = _Wrapped(written)  # read as one line, quoted with its line breaks, as written
    return _read_sentence(wrapped.line, wrapped)


def clear_sentence_cache() -> None:
    """Forget the sentences read so far (benchmarks measure a corpus read from scratch)."""
    _read_plain_sentence.cache_clear()
    _read_wrapped_sentence.cache_clear()
    _restated.cache_clear()


class _Wrapped(_Quoter):
    """A hard-wrapped sentence as one line (each line break with the blanks around it one space), quoted as
    written ("tip in the mid\n SVC." reads "tip in the mid SVC.")."""

    def __init__(self, written: str) -> None:
        super().__init__(written, Folded(written))
        self.changed = True
        parts, self.places = [], []
        at = 0
        for match in _WRAP.finditer(written):
            parts.append(written[at : match.start()] + " ")
            self.places.extend(range(at, match.start() + 1))
            at = match.end()
        parts.append(written[at:])
        self.places.extend(range(at, len(written)))
        self.line = "".join(parts)

    def quote(self, sentence: str, start: int, end: int) -> str:
        if end <= start:
            return ""
        return self.text[self.places[start] : self.places[end - 1] + 1]


_WRAP = scanning(r"[ \t]*[\r\n][ \t\r\n]*")


_LINE_WRAP = str.maketrans("\r\n", "  ")
"""Line breaks inside a sentence (MIMIC wraps its lines at ~78 characters) are spaces to the patterns."""


# A line that only restates the clinical question ("기흉 r/o.", "R/O pneumonia", "? PTX"): nothing but the
# finding (with its side or place) and the r/o.
_RESTATED_QUESTION = re.compile(
    r"^\s*(?:r/o|rule out|\?)\s*[^,;:]{1,40}?[.?]?\s*$|^\s*[^,;:]{1,40}?\s*(?:r/o|\?)\s*[.]?\s*$", re.IGNORECASE
)
_ANSWERED_BY_ABSENCE = {"Pneumonia": "Consolidation"}
"""A question answered by another finding's stated absence ("R/O pneumonia. … No consolidation.")."""


def _drop_restated_questions(result: Findings, details: list[Detail]) -> None:
    """A bare "X r/o" line is the clinical question, not a finding, where the report answers it elsewhere
    ("기흉 r/o. … 결론: 기흉 없음."): its uncertain mentions and details are dropped. In a conclusion that
    does not answer it ("결론: 우하엽 폐렴 r/o.") it stays a hedge."""
    asked = {m.observation for m in result.mentions if m.label == "uncertain" and _restated(m.sentence)}
    if not asked:
        return
    answered = set()
    for m in result.mentions:
        if m.label == "uncertain" or _restated(m.sentence):
            continue
        answered |= {m.observation} & asked
        answered |= {o for o in asked if m.label == "negative" and _ANSWERED_BY_ABSENCE.get(o) == m.observation}
    if not answered:
        return
    result.mentions = [
        m
        for m in result.mentions
        if not (m.observation in answered and m.label == "uncertain" and _restated(m.sentence))
    ]
    details[:] = [
        d
        for d in details
        if not (
            d.status == "uncertain"
            and (d.observation in answered or PARENTS.get(d.observation) in answered)
            and _restated(d.sentence)
        )
    ]


_ADDENDUM = Gated(
    r"^\s*[\[(*#=-]*\s*(?:ADDENDUM|추가\s*판독|추가\s*소견)\s*[\])*#=-]*\s*:?", re.IGNORECASE | re.MULTILINE
)


def addendum_of(text: str) -> str | None:
    """The report's addendum (the text after its "ADDENDUM:" / "추가 판독:" header), None when it has none."""
    header = _ADDENDUM.search(text)
    return text[header.end() :] if header else None


def _device_repositioned(addendum: str, details: list[Detail]) -> None:
    """A device the addendum places anew ("[추가 판독] 위치 조정 후 중심정맥관 끝은 상대정맥에 위치함") is the
    device the body placed: one entry, the addendum's position, the body's side where the addendum names none."""
    for i, late in enumerate(details):
        if late.observation not in _DEVICES or late.position is None or late.sentence not in addendum:
            continue
        body = next(
            (
                j
                for j, d in enumerate(details[:i])
                if d.observation == late.observation
                and d.status == "positive"
                and d.sentence not in addendum
                and d.position not in (None, late.position)
                and not other_lines(line_kinds_of(d), line_kinds_of(late))
            ),
            None,
        )
        if body is not None:
            details[i] = replace(late, side=late.side or details[body].side)
            del details[body]
            _device_repositioned(addendum, details)  # (the next device, if another was placed anew)
            return


def _addendum_settles(text: str, result: Findings, details: list[Detail]) -> None:
    """An addendum corrects the body before it: a finding the body only weighed ("atelectasis versus
    pneumonia") and the addendum states or rules out ("subsegmental atelectasis and no consolidation" on a
    same-day CT) takes the addendum's word; for pneumonia also a stated absence of consolidation."""
    header = _ADDENDUM.search(text)
    if header is None:
        return
    addendum = text[header.end() :]
    _device_repositioned(addendum, details)
    settled = set()
    for m in result.mentions:
        if m.label != "uncertain" and m.sentence and m.sentence in addendum:
            settled.add(m.observation)
            if m.label == "negative":
                settled |= {o for o, basis in _ANSWERED_BY_ABSENCE.items() if basis == m.observation}
    if not settled:
        return
    weighed = {o for o in settled if any(m.observation == o and m.label == "uncertain" for m in result.mentions)}
    result.mentions = [
        m
        for m in result.mentions
        if not (m.observation in weighed and m.label == "uncertain" and m.sentence not in addendum)
    ]
    details[:] = [
        d
        for d in details
        if not (
            d.status == "uncertain"
            and (d.observation in weighed or PARENTS.get(d.observation) in weighed)
            and d.sentence not in addendum
        )
    ]


@lru_cache(maxsize=SENTENCE_CACHE)
def _restated(sentence: str) -> bool:
    """Whether ``sentence`` only restates the clinical question ("기흉 r/o.", "Impression: ? PTX")."""
    return _RESTATED_QUESTION.match(_section_free(sentence)) is not None


_SECTION_LABEL = re.compile(r"^\s*\[?[A-Za-z가-힣 ]{2,20}\]?\s*:\s*")


def _section_free(sentence: str) -> str:
    """The sentence without a leading section label ("Impression: r/o pneumonia" -> "r/o pneumonia")."""
    return _SECTION_LABEL.sub("", sentence)


def label_report(text: str) -> Findings:
    """Label a report: its labels, the evidence sentence of each, every mention, the details, the advice.

    The text is read as a human reads it (``korad.normalize.fold``); evidence, mention and detail
    texts quote the report as written.
    """
    folded = fold(text)
    quoter = _Quoter(text, folded)
    body = reported_text(folded.text)
    result = Findings()
    details: list[Detail] = []
    last = 0  # how many details the last sentence with a finding gave
    for a, b in sentence_spans(body):
        written = body[a:b].strip()
        if not written:
            continue
        # "4 cm above the\ncarina": a wrapped line reads on, same offsets
        sentence = written.translate(_LINE_WRAP) if "\n" in written or "\r" in written else written
        if folded.changed:
            quoter.locate(written)
            read = _read_sentence(sentence, quoter)
        elif sentence != written:
            read = _read_wrapped_sentence(written)
        else:  # the quotes are the sentence's own text: a sentence read once is read (real reports repeat them)
            read = _read_plain_sentence(sentence)
        if read.recommendation is not None:
            result.recommendations.append(read.recommendation)
        result.mentions.extend(read.mentions)
        if read.details:
            found = list(read.details)
            if last and (found[0].status == "uncertain" or found[0].observation in _TB):  # (see _explain_previous)
                found = _explain_previous(found, details[-last:])
            if last and all(d.status == "uncertain" for d in found) and _LOOK_ALIKE.search(sentence):
                # "결절성 음영이 새로 보임. 유두 음영일 가능성이 있으나 폐결절의 배제가 필요함.": what was seen
                # may be something else, so the finding it was read as is possible, not stated
                weighed = {d.observation for d in found}
                details[-last:] = [_hedged(d) if d.observation in weighed else d for d in details[-last:]]
            details.extend(found)
            last = len(found)
        elif last and read.continuation is not None:
            details[-last:] = [carry(d, read.continuation) for d in details[-last:]]
    _drop_restated_questions(result, details)
    _addendum_settles(text, result, details)
    result.mentions = _edema_as_said(result.mentions)
    result.details = merge_details(without_prior(same_side(share_device_change(details)), folded.text))

    for mention in result.mentions:
        current = result.labels.get(mention.observation)
        if current is None or _RANK[mention.label] > _RANK[current]:
            result.labels[mention.observation] = mention.label
            result.evidence[mention.observation] = mention.sentence
    if not any(
        label in ("positive", "uncertain")
        for observation, label in result.labels.items()
        if observation != "Support Devices"
    ):
        result.labels["No Finding"] = "positive"
    result.labels = dict(sorted(result.labels.items(), key=lambda item: _ORDER[item[0]]))
    return result


def label(text: str) -> dict[str, Label]:
    """Label ``text`` with the CheXpert observations it mentions.

    Returns observation name -> ``"positive"`` | ``"negative"`` | ``"uncertain"``; observations the
    report does not mention are omitted. ``label_report`` also gives the evidence sentences.
    """
    return label_report(text).labels


def hedged(text: str) -> bool:
    """Whether ``text`` weighs a finding instead of stating it: it holds one of the labeler's uncertain cues
    (``korad.lexicon.CUES``: "r/o", "suspicious for", "cannot be excluded", "가능성", "의심", "추정"), the
    cue "or" aside (a list is no hedge by itself). The one reading of a hedge, for the labeler and the chat."""
    return any(polarity == "uncertain" and direction != "or" for _, _, polarity, direction in _cues(lower(text)))


def contradictions(claimed: dict[str, Label], reference: dict[str, Label]) -> dict[str, tuple[Label, Label]]:
    """Observations that ``claimed`` states with the opposite polarity of ``reference``.

    Positive against negative (either way) is a contradiction; "uncertain" contradicts nothing.
    "No Finding" is left out: it is implied, never stated.
    """
    return {
        observation: (claimed[observation], reference[observation])
        for observation in claimed.keys() & reference.keys()
        if observation != "No Finding" and {claimed[observation], reference[observation]} == {"positive", "negative"}
    }


if __name__ == "__main__":  # python -m korad.findings: the same command as `korad label`
    from korad.commands.label import main

    raise SystemExit(main(prog="python -m korad.findings"))
