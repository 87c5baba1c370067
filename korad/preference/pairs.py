"""Deciding preferences: review overrides the grounding check, which overrides the judge.

For each pair of different answers to one question, the first of these that has a verdict decides:

1. ``review``: the reviewers' majority choice in the pairwise Argilla review (a tie decides that
   there is no preference);
2. ``grounding``: exactly one of the two answers is bad: it contradicts its report, or reviewers
   flagged a clinical error in it (then the source is ``review``); two bad answers make no pair;
3. ``judge``: the judge's pairwise verdict, asked in both orders (a tie or a missing judgment
   makes no pair).

DPO rows are the decided pairs. KTO rows label single answers: a bad answer is undesirable; an
answer that wins all its decided pairs is desirable, one that loses all of them undesirable, and
one with wins and losses (or no decided pair) is left out.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from korad.eval.compare import answer_column
from korad.preference.verdicts import Pair, candidate_pairs
from korad.prompts import chat_messages

SOURCES = ("review", "grounding", "judge")
"""Where a verdict came from, strongest first."""


@dataclass(frozen=True)
class Review:
    """The reviewers' verdict on one pair: ``better`` "a" / "b" / "tie" (None: no majority)."""

    better: str | None
    clinical_errors: frozenset[str] = frozenset()
    """Candidates a majority of the pair's reviewers flagged with a clinical error."""


@dataclass
class Decisions:
    """The decided pairs and labelled answers, and why the rest made no preference."""

    dpo: list[dict[str, Any]] = field(default_factory=list)
    kto: list[dict[str, Any]] = field(default_factory=list)
    undecided: Counter[str] = field(default_factory=Counter)


def _message(answer: str) -> list[dict[str, str]]:
    return [{"role": "assistant", "content": answer}]


def _bad(qa_id: str, name: str, contradicted: dict, flagged: set) -> str | None:
    if (qa_id, name) in flagged:
        return "review"
    if contradicted.get((qa_id, name)):
        return "grounding"
    return None


def automatic_verdict(
    key: Pair, contradicted: dict, judged: dict, flagged: set | frozenset = frozenset()
) -> tuple[str | None, str]:
    """The verdict without the reviewers' choice: (winner "a" / "b" or None, source or reason)."""
    qa_id, a, b = key
    bad_a, bad_b = _bad(qa_id, a, contradicted, flagged), _bad(qa_id, b, contradicted, flagged)
    if bad_a and bad_b:
        return None, "both answers rejected"
    if bad_a or bad_b:
        return ("b", bad_a) if bad_a else ("a", bad_b)
    verdict = judged.get(key)
    if verdict in ("a", "b"):
        return verdict, "judge"
    return None, "judge: tie" if verdict == "tie" else "judge: missing"


def _decide(
    key: Pair, contradicted: dict, judged: dict, reviews: dict[Pair, Review], flagged: set
) -> tuple[str | None, str]:
    review = reviews.get(key)
    if review is not None and review.better is not None:
        return (None, "review: tie") if review.better == "tie" else (review.better, "review")
    return automatic_verdict(key, contradicted, judged, flagged)


def decide(
    table: pd.DataFrame,
    contradicted: dict[tuple[str, str], list[str]],
    judged: dict[Pair, str | None],
    reviews: dict[Pair, Review] | None = None,
) -> Decisions:
    """DPO pairs and KTO labels for every question of ``table`` (a comparison table of candidates)."""
    reviews = reviews or {}
    flagged = {(key[0], name) for key, review in reviews.items() for name in review.clinical_errors}
    decisions = Decisions()
    outcomes: dict[tuple[str, str], list[tuple[bool, str]]] = {}
    rows: dict[str, dict[str, Any]] = {}
    for row, a, b in candidate_pairs(table):
        qa_id = row["qa_id"]
        rows[qa_id] = row
        for name in (a, b):
            outcomes.setdefault((qa_id, name), [])
        winner, source = _decide((qa_id, a, b), contradicted, judged, reviews, flagged)
        if winner is None:
            decisions.undecided[source] += 1
            continue
        chosen, rejected = (a, b) if winner == "a" else (b, a)
        outcomes[(qa_id, chosen)].append((True, source))
        outcomes[(qa_id, rejected)].append((False, source))
        decisions.dpo.append(
            {
                **_common(row),
                "prompt": chat_messages(row.get("report"), row["question"]),
                "chosen": _message(str(row[answer_column(chosen)]).strip()),
                "rejected": _message(str(row[answer_column(rejected)]).strip()),
                "source": source,
                "chosen_model": chosen,
                "rejected_model": rejected,
            }
        )
    for (qa_id, name), results in outcomes.items():
        bad = _bad(qa_id, name, contradicted, flagged)
        wins = {won for won, _ in results}
        if bad:
            label, source = False, bad
        elif wins in ({True}, {False}):
            label = wins == {True}
            source = min((s for _, s in results), key=SOURCES.index)
        else:
            continue
        row = rows[qa_id]
        decisions.kto.append(
            {
                **_common(row),
                "prompt": chat_messages(row.get("report"), row["question"]),
                "completion": _message(str(row[answer_column(name)]).strip()),
                "label": label,
                "source": source,
                "model": name,
            }
        )
    return decisions


def _common(row: dict[str, Any]) -> dict[str, Any]:
    return {"qa_id": str(row["qa_id"]), "id": str(row.get("id") or row["qa_id"]), "task": row.get("task")}
