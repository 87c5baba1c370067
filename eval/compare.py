"""Answers from several models to one set of questions, side by side.

    python eval/compare.py --questions outputs/ko-rad-instruct/dataset --models eval/models.example.yaml \\
        --output outputs/eval

--questions: a CSV with a `prompt` column (the original project's format) or `report` and
`question` columns (optional `reference`), or a dataset folder or Hub id (its --split, default
test). Each model of the YAML is a chat backend (grounded, transformers with an adapter, or an
endpoint). Writes OUTPUT/table.parquet and OUTPUT/table.csv (an `answer_<model>` column per
model); rerun to continue after an interruption.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from korad.errors import KoradError
from korad.eval.compare import run_compare
from korad.eval.inputs import load_models, load_questions, select_models


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--questions", required=True, help="CSV, dataset folder or Hub id")
    parser.add_argument("--split", default="test", help="dataset split (default: %(default)s)")
    parser.add_argument("--limit", type=int, help="only the first N questions")
    parser.add_argument("--models", required=True, type=Path, help="YAML file: models: {name: backend options}")
    parser.add_argument("--only", nargs="+", metavar="NAME", help="run only these models of the YAML")
    parser.add_argument("--output", type=Path, default=Path("outputs/eval"), help="default: %(default)s")
    args = parser.parse_args(argv)
    try:
        models = select_models(load_models(args.models), args.only, str(args.models))
        questions = load_questions(args.questions, args.split, args.limit)
        table = run_compare(questions, models, args.output)
    except KoradError as error:
        print(f"error: {error}", file=sys.stderr)
        return error.exit_code
    print(f"{len(table)} questions x {len(models)} models -> {args.output / 'table.parquet'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
