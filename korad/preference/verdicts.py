"""Automatic verdicts on sampled answers: the grounding check per answer, the judge per pair.

An answer that contradicts its report (``korad.chat.grounding.check_answer``) is rejected outright
and never sent to the judge. Every other pair of different answers to one question is judged in
both orders (``korad.eval.judge``, pairwise); a pair's verdict is the answer that wins more rubric
criteria than it loses (each criterion already needs a win in both orders), else a tie.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd

from korad.artifacts import read_jsonl
from korad.chat.grounding import check_answer
from korad.endpoints import Endpoint
from korad.eval.compare import answer_column, model_names
from korad.eval.judge import run_judge
from korad.findings import label_report

Pair = tuple[str, str, str]
"""(qa_id, candidate a, candidate b) with a before b in the table's column order."""


def contradictions(table: pd.DataFrame) -> dict[tuple[str, str], list[str]]:
    """(qa_id, candidate) -> the observations its answer contradicts (empty: grounded)."""
    found = {}
    for row in table.to_dict("records"):
        report = row.get("report")
        findings = label_report(report) if report else None
        for name in model_names(table):
            answer = row.get(answer_column(name))
            if answer and str(answer).strip():
                grounding = check_answer(report, str(answer), findings)
                found[(row["qa_id"], name)] = sorted(c.observation for c in grounding.contradictions)
    return found


def distinct_answers(row: dict[str, Any], names: list[str]) -> list[str]:
    """The candidates of ``row`` with a non-empty answer, the first of each group of equal answers."""
    seen, kept = set(), []
    for name in names:
        answer = str(row.get(answer_column(name)) or "").strip()
        if answer and answer not in seen:
            seen.add(answer)
            kept.append(name)
    return kept


def candidate_pairs(table: pd.DataFrame) -> Iterator[tuple[dict[str, Any], str, str]]:
    """(row, a, b) for every pair of different, non-empty answers to one question (equal answers count once)."""
    names = model_names(table)
    for row in table.to_dict("records"):
        for a, b in itertools.combinations(distinct_answers(row, names), 2):
            yield row, a, b


def overall(verdicts: dict[str, str] | None) -> str | None:
    """ "a", "b" or "tie" from per-criterion verdicts (None: the judgment is missing)."""
    if not verdicts:
        return None
    balance = sum((v == "a") - (v == "b") for v in verdicts.values())
    return "a" if balance > 0 else "b" if balance < 0 else "tie"


def pairs_to_judge(table: pd.DataFrame, rejected: set[tuple[str, str]]) -> dict[tuple[str, str], set[str]]:
    """(candidate a, candidate b) -> the questions whose two answers differ and are both grounded, in the
    order the judge is asked about them."""
    wanted: dict[tuple[str, str], set[str]] = {}
    for row, a, b in candidate_pairs(table):
        if (row["qa_id"], a) not in rejected and (row["qa_id"], b) not in rejected:
            wanted.setdefault((a, b), set()).add(row["qa_id"])
    return {(a, b): wanted[(a, b)] for a, b in itertools.combinations(model_names(table), 2) if (a, b) in wanted}


def judge_candidates(
    table: pd.DataFrame, endpoint: Endpoint, output: Path, rejected: set[tuple[str, str]]
) -> dict[Pair, str | None]:
    """Judge every pair of grounded, different answers in both orders into ``output/pairwise.jsonl``.

    Returns (qa_id, a, b) -> "a" / "b" / "tie", or None where the judgment is missing. Resumable:
    pairs already judged are not asked again.
    """
    wanted = pairs_to_judge(table, rejected)
    for (a, b), qa_ids in wanted.items():
        run_judge(table[table["qa_id"].isin(qa_ids)], endpoint, output, pairwise=(a, b))
    judged = read_judged(output / "pairwise.jsonl")
    return {key: verdict for key, verdict in judged.items() if key[0] in wanted.get(key[1:], ())}


def read_judged(path: Path) -> dict[Pair, str | None]:
    """The pairwise judgments already in ``path`` (none when it does not exist), as ``overall`` verdicts."""
    if not path.exists():
        return {}
    return {(r["qa_id"], r["model_a"], r["model_b"]): overall(r.get("verdicts")) for _, r in read_jsonl(path)}
