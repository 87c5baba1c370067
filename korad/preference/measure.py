"""SFT against preference-tuned: the judge's win rate with a bootstrap interval, and clinical errors.

Reads an eval folder where ``eval/compare.py`` answered with both models and ``eval/judge.py
--pairwise SFT TUNED`` judged them in both orders. A question scores 1 when the tuned model wins
(more rubric criteria won than lost, each needing a win in both orders), 0.5 for a tie and 0 for a
loss; missing judgments are left out. Clinical errors are answers that contradict their report
(the grounding check).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from korad.artifacts import read_jsonl
from korad.errors import InputError
from korad.eval.compare import answer_column, model_names, read_table
from korad.eval.stats import bootstrap_ci
from korad.preference.verdicts import contradictions, overall

POINTS = {"b": 1.0, "tie": 0.5, "a": 0.0}


def win_rate(pairwise: Path, sft: str, tuned: str) -> dict[str, Any]:
    """The tuned model's win rate over ``sft`` from ``pairwise.jsonl``, with a 95% bootstrap interval."""
    if not pairwise.exists():
        raise InputError(pairwise, f"no pairwise judgments: run eval/judge.py --pairwise {sft} {tuned}")
    scores, missing = [], 0
    for _, record in read_jsonl(pairwise):
        models = (record["model_a"], record["model_b"])
        if models not in ((sft, tuned), (tuned, sft)):
            continue
        verdict = overall(record.get("verdicts"))
        if verdict is not None and models == (tuned, sft):  # judged as --pairwise TUNED SFT
            verdict = {"a": "b", "b": "a"}.get(verdict, verdict)
        if verdict is None:
            missing += 1
        else:
            scores.append(POINTS[verdict])
    if not scores and not missing:
        raise InputError(
            pairwise, f"no judgments of the pair {sft} vs {tuned}: run eval/judge.py --pairwise {sft} {tuned}"
        )
    interval = bootstrap_ci(scores)
    return {
        "win_rate": interval.mean,
        "low": interval.low,
        "high": interval.high,
        "questions": interval.n,
        "wins": scores.count(1.0),
        "ties": scores.count(0.5),
        "losses": scores.count(0.0),
        "missing": missing,
    }


def clinical_errors(table) -> dict[str, dict[str, int]]:
    """Per model: answers checked, answers that contradict their report, contradictions in all."""
    found = contradictions(table)
    result = {}
    for model in model_names(table):
        per_answer = [v for (_, name), v in found.items() if name == model]
        result[model] = {
            "answers": len(per_answer),
            "contradicting_answers": sum(bool(v) for v in per_answer),
            "contradictions": sum(len(v) for v in per_answer),
        }
    return result


def measure(folder: Path, sft: str, tuned: str) -> dict[str, Any]:
    """The comparison of ``tuned`` against ``sft`` in an eval folder (table.parquet, pairwise.jsonl)."""
    table = read_table(folder / "table.parquet")
    for model in (sft, tuned):
        if answer_column(model) not in table.columns:
            raise InputError(folder / "table.parquet", f"no answers of model {model!r}; it has {model_names(table)}")
    return {
        "sft": sft,
        "tuned": tuned,
        **win_rate(folder / "pairwise.jsonl", sft, tuned),
        "clinical_errors": clinical_errors(
            table[["qa_id", "id", "report", "question", answer_column(sft), answer_column(tuned)]]
        ),
    }


def render(result: dict[str, Any]) -> str:
    """The comparison as Markdown."""
    errors = "\n".join(
        f"| {m} | {e['answers']} | {e['contradicting_answers']} | {e['contradictions']} |"
        for m, e in result["clinical_errors"].items()
    )
    return (
        f"# {result['tuned']} vs {result['sft']}\n\n"
        f"Judge win rate of {result['tuned']} over {result['sft']} (tie = 0.5): "
        f"{result['win_rate']:.3f} [95% CI {result['low']:.3f}, {result['high']:.3f}] over {result['questions']} "
        f"question(s): {result['wins']} wins, {result['ties']} ties, {result['losses']} losses, "
        f"{result['missing']} missing.\n\n"
        "| model | answers | answers contradicting the report | contradictions |\n|---|---|---|---|\n"
        f"{errors}\n"
    )
