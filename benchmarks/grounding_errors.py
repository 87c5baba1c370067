"""Clinical error counter benchmark: precision and recall per error type of ``korad_grounding``.

    python benchmarks/grounding_errors.py [--split dev] [--answers FILE]

Reads hand-labelled answers (``corpora/answers/answers_{split}.jsonl``: report, question, answer,
``errors`` with a ``type`` each; conventions in ``corpora/answers/CONVENTIONS.md``), counts the
errors of each answer through the ``korad_grounding`` module (with the questions), and compares the
counts per answer and type: true positives min(found, labelled), false positives the excess found,
false negatives the excess labelled. Prints precision, recall and F1 per type and over all types,
and the agreement on error-free answers. No target: the figures show what the rules catch.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from korad.clinical_errors import ERROR_TYPES
from korad.eval.metrics import load_module

ANSWERS = Path(__file__).resolve().parents[1] / "corpora" / "answers"


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.2f}" if b else "  - "


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", default="dev", help="dev or heldout")
    parser.add_argument("--answers", type=Path, default=None, help="a labelled answers file (default: by --split)")
    args = parser.parse_args()
    path = args.answers or ANSWERS / f"answers_{args.split}.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    started = time.perf_counter()
    found = load_module("korad_grounding").compute(
        predictions=[r["answer"] for r in rows],
        references=[r["report"] for r in rows],
        questions=[r.get("question") for r in rows],
        use_aggregator=False,
    )
    seconds = time.perf_counter() - started
    print(f"{path.name}: {len(rows)} answers, {seconds:.1f} s")
    print(f"  {'type':<28}{'labelled':>9}{'found':>7}{'tp':>5}{'precision':>11}{'recall':>8}{'F1':>6}")
    totals = [0, 0, 0, 0]
    for kind in ERROR_TYPES:
        labelled = [sum(e["type"] == kind for e in r["errors"]) for r in rows]
        tp = sum(min(f, g) for f, g in zip(found[kind], labelled, strict=True))
        n_found, n_labelled = sum(found[kind]), sum(labelled)
        totals = [totals[0] + n_labelled, totals[1] + n_found, totals[2] + tp, 0]
        f1 = _ratio(2 * tp, n_found + n_labelled)
        print(
            f"  {kind:<28}{n_labelled:>9}{n_found:>7}{tp:>5}{_ratio(tp, n_found):>11}{_ratio(tp, n_labelled):>8}{f1:>6}"
        )
    n_labelled, n_found, tp, _ = totals
    print(
        f"  {'ALL':<28}{n_labelled:>9}{n_found:>7}{tp:>5}{_ratio(tp, n_found):>11}{_ratio(tp, n_labelled):>8}"
        f"{_ratio(2 * tp, n_found + n_labelled):>6}"
    )
    free_gold = [not r["errors"] for r in rows]
    free_found = [bool(v) for v in found["error_free"]]
    agree = sum(a == b for a, b in zip(free_gold, free_found, strict=True))
    print(
        f"  error-free: labelled {sum(free_gold)}, found {sum(free_found)}, answers agreeing {agree}/{len(rows)}"
        f" ({agree / len(rows):.2f})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
