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

Run ``python -m korad.findings INPUT --output OUT.jsonl`` to label every report of a file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from korad.lexicon import ATTRIBUTE_MENTIONS, CUES, DESCRIPTORS, MENTIONS, OBSERVATIONS
from korad.sections import reported_text
from korad.text import HANGUL, HANGUL_RE, sentence_spans, split_spans

Label = Literal["positive", "negative", "uncertain"]
_RANK = {"negative": 0, "uncertain": 1, "positive": 2}
_HANGUL = HANGUL_RE


def _alternation(groups: list[tuple[str, list[str]]]) -> re.Pattern[str]:
    """One regex over named groups of patterns; ``match.lastgroup`` names the group that matched.

    English patterns must stand as whole words, Korean ones take attached particles ("기흉은").
    The word boundary and the script are checked once, outside the alternatives, so that the engine
    gives up at once in the middle of a word or on the other script instead of trying every
    alternative there (this doubles the labeler's speed).
    """
    english, korean = [], []
    for name, patterns in groups:
        for part, language in ((english, "en"), (korean, "ko")):
            chosen = [p for p in patterns if bool(_HANGUL.search(p)) == (language == "ko")]
            if chosen:
                part.append(f"(?P<{name}__{language}>{'|'.join(chosen)})")
    alternatives = []
    if english:
        alternatives.append(rf"(?<![a-z0-9])(?=[a-z])(?:{'|'.join(english)})(?![a-z0-9])")
    if korean:
        alternatives.append(rf"(?=[{HANGUL}])(?:{'|'.join(korean)})")
    return re.compile("|".join(alternatives), re.IGNORECASE)


def _group(match: re.Match[str]) -> str:
    return match.lastgroup.split("__", 1)[0]  # type: ignore[union-attr]


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
    return _alternation(groups), meaning


_MENTION_RE, _MENTION_MEANING = _build_mentions()
_CUE_RE = _alternation(
    [
        (f"{polarity}_{direction}", sorted(patterns, key=len, reverse=True))
        for (polarity, direction), patterns in CUES.items()
    ]
)
_DESCRIPTOR_RE = _alternation([(polarity, list(patterns)) for polarity, patterns in DESCRIPTORS.items()])

# English connectors start a new clause; Korean connective endings close the clause they end.
_CLAUSE_EN = re.compile(
    r";|\b(?:but|however|although|though|whereas|while|except|aside from|apart from)\b"
    r"|,\s*(?=(?:and|with|which|the|there|this|it)\b)|\band (?=there (?:is|are)\b)",
    re.IGNORECASE,
)
_CLAUSE_KO = re.compile(rf"(?<=[{HANGUL}])(?:으나|되나|보이나|지만|는데|며|고)(?=[\s,])")


@dataclass(frozen=True)
class Mention:
    """One mention of an observation, with the label its clause gives it."""

    observation: str
    label: Label
    text: str
    sentence: str


@dataclass
class Findings:
    """The labels of one report, with the sentence behind each label."""

    labels: dict[str, Label] = field(default_factory=dict)
    evidence: dict[str, str] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)


def _clauses(sentence: str) -> list[str]:
    parts = [sentence[a:b] for a, b in split_spans(sentence, _CLAUSE_KO)]
    return [part[a:b] for part in parts for a, b in split_spans(part, _CLAUSE_EN, keep_at_end=False)]


def _cue_label(start: int, end: int, cues: list[re.Match[str]], before: int, after: int) -> Label:
    """Polarity of the mention at [start, end): the nearest cue that governs it, else positive."""
    best: tuple[int, Label] | None = None
    for cue in cues:
        polarity, direction = _group(cue).rsplit("_", 1)
        if direction in ("pre", "both", "between") and cue.end() <= start:
            if direction == "between" and cue.end() < before:
                continue
            distance = start - cue.end()
        elif direction in ("post", "both", "between") and cue.start() >= end:
            if direction == "between" and cue.start() > after:
                continue
            distance = cue.start() - end
        else:
            continue
        if best is None or distance < best[0]:
            best = (distance, polarity)  # type: ignore[assignment]
    return best[1] if best else "positive"


def _descriptor_label(clause: str, mention: re.Match[str], before: int, after: int) -> Label | None:
    """Polarity of an attribute mention ("heart size") from its descriptor.

    First the text up to the next mention ("heart size is normal"); then, for English, the text
    since the previous one ("normal heart size"); last the rest of the clause, for coordinated
    attributes ("heart size and mediastinal contours are normal", "심장 및 종격동 음영은 정상").
    """
    windows = [clause[mention.end() : after]]
    if not _HANGUL.search(mention.group()):
        windows.append(clause[before : mention.start()])
    windows.append(clause[after:])
    for window in windows:
        match = _DESCRIPTOR_RE.search(window)
        if match:
            return _group(match)  # type: ignore[return-value]
    return None


def _label_clause(clause: str, sentence: str) -> list[Mention]:
    found = list(_MENTION_RE.finditer(clause))
    if not found:
        return []
    cues = list(_CUE_RE.finditer(clause))
    mentions = []
    for i, match in enumerate(found):
        observations, attribute = _MENTION_MEANING[_group(match)]
        before = found[i - 1].end() if i else 0
        after = found[i + 1].start() if i + 1 < len(found) else len(clause)
        if attribute:
            polarity = _descriptor_label(clause, match, before, after)
            if polarity is None:
                continue
        else:
            polarity = _cue_label(match.start(), match.end(), cues, before, after)
        mentions.extend(Mention(o, polarity, match.group(), sentence) for o in observations)
    return mentions


def label_report(text: str) -> Findings:
    """Label a report: its labels, the evidence sentence of each, and every mention found."""
    body = reported_text(text)
    result = Findings()
    for a, b in sentence_spans(body):
        sentence = body[a:b].strip()
        if not sentence:
            continue
        for clause in _clauses(sentence):
            result.mentions.extend(_label_clause(clause, sentence))

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
    order = {name: i for i, name in enumerate(OBSERVATIONS)}
    result.labels = dict(sorted(result.labels.items(), key=lambda item: order[item[0]]))
    return result


def label(text: str) -> dict[str, Label]:
    """Label ``text`` with the CheXpert observations it mentions.

    Returns observation name -> ``"positive"`` | ``"negative"`` | ``"uncertain"``; observations the
    report does not mention are omitted. ``label_report`` also gives the evidence sentences.
    """
    return label_report(text).labels


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
