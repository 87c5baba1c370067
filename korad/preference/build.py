"""From sampled answers to the preference dataset: grounding check, judge, reviews, decisions."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from korad.artifacts import read_jsonl
from korad.endpoints import Endpoint
from korad.eval.compare import model_names, read_table
from korad.preference.dataset import verdict_counts, write_preferences
from korad.preference.pairs import decide
from korad.preference.review import merge_reviews
from korad.preference.verdicts import contradictions, judge_candidates, read_judged

REVIEWS_FILE = "pair_reviews.jsonl"
"""The submitted pairwise reviews, as pulled from Argilla, in a samples folder."""


def build_preferences(
    samples: Path,
    output: Path,
    *,
    endpoint: Endpoint | None = None,
    test_size: float = 0.1,
    license: str = "other",
    overwrite: bool = False,
    limit: int | None = None,
) -> dict[str, Any]:
    """Decide the preferences of ``samples`` (a folder with table.parquet) and write the dataset.

    The judge (``endpoint``) is asked only about pairs of grounded answers, once (rerun: cached);
    without one, the judgments already in ``samples/pairwise.jsonl`` are used;
    reviews are read from ``samples/pair_reviews.jsonl`` when it exists; ``limit`` keeps the first N
    questions. Returns the row counts per config and split, and the counts by source of the verdict
    (``verdict_counts``).
    """
    table = read_table(samples / "table.parquet").head(limit)
    contradicted = contradictions(table)
    rejected = {key for key, found in contradicted.items() if found}
    if endpoint:
        judged = judge_candidates(table, endpoint, samples, rejected)
    else:  # judgments of an earlier run, if any (contradicting answers lose whatever the judge said)
        judged = read_judged(samples / "pairwise.jsonl")
    reviews_path = samples / REVIEWS_FILE
    reviews = (
        merge_reviews((r for _, r in read_jsonl(reviews_path)), str(reviews_path)) if reviews_path.exists() else {}
    )
    decisions = decide(table, contradicted, judged, reviews)
    details = {"candidates": model_names(table), "judge": endpoint.model if endpoint else None}
    sizes = write_preferences(
        decisions, output, test_size=test_size, license=license, details=details, overwrite=overwrite
    )
    verdicts = sum(v is not None for v in judged.values())
    print(
        f"preferences: {len(rejected)} answer(s) contradict their report; {verdicts} pair(s) judged; "
        f"{len(reviews)} pair(s) reviewed; {len(decisions.dpo)} DPO pair(s), {len(decisions.kto)} KTO row(s)",
        file=sys.stderr,
    )
    return {"sizes": sizes, **verdict_counts(decisions)}
