"""Reference and clinical metrics of a comparison table, per question and model.

    python eval/metrics.py --table outputs/eval/table.parquet

chrF; ROUGE-L and BLEU over Kiwi morphemes (rouge-score's own tokenizer turns Hangul into nothing);
finding F1 between each answer and the reference (findings labeler); and whether the answer
contradicts its report. Writes metrics.parquet next to the table.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from korad.artifacts import InputError
from korad.eval.compare import read_table
from korad.eval.metrics import compute_metrics


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--table", type=Path, default=Path("outputs/eval/table.parquet"), help="default: %(default)s")
    parser.add_argument("--output", type=Path, help="default: metrics.parquet next to the table")
    args = parser.parse_args(argv)
    try:
        metrics = compute_metrics(read_table(args.table))
    except InputError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    output = args.output or args.table.parent / "metrics.parquet"
    metrics.to_parquet(output, index=False)
    summary = metrics.groupby(["model", "metric"])["value"].mean().unstack()
    print(summary.round(3).to_string(), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
