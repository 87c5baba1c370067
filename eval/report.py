"""The evaluation report: Markdown with 95% bootstrap intervals, paired tests and PNG plots.

    python eval/report.py --folder outputs/eval

Reads scores.parquet (eval/judge.py), metrics.parquet (eval/metrics.py) and pairwise.parquet if
present, and writes report.md and plots/ in the same folder.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from korad.artifacts import InputError
from korad.eval.report import write_report


def _read(path: Path) -> pd.DataFrame | None:
    return pd.read_parquet(path) if path.exists() else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--folder", type=Path, default=Path("outputs/eval"), help="default: %(default)s")
    parser.add_argument("--title", default="korad evaluation")
    args = parser.parse_args(argv)
    scores, metrics = _read(args.folder / "scores.parquet"), _read(args.folder / "metrics.parquet")
    if scores is None and metrics is None:
        error = InputError(
            args.folder, "neither scores.parquet nor metrics.parquet: run eval/judge.py or eval/metrics.py"
        )
        print(f"error: {error}", file=sys.stderr)
        return 2
    path = write_report(args.folder, scores, metrics, _read(args.folder / "pairwise.parquet"), args.title)
    print(f"report: {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
