"""Pull the reviewers' verdicts from Argilla: a table per reviewer, agreement figures, the reviewed split.

    export ARGILLA_API_URL=... ARGILLA_API_KEY=...
    python argilla/pull.py --name ko-rad-review --output outputs/review \\
        --export-to outputs/ko-rad-instruct/dataset

Writes OUTPUT/responses.parquet (one row per record and reviewer, submitted responses only),
OUTPUT/judge_human.csv (per criterion: quadratic-weighted Cohen's kappa and Spearman between the
judge's suggestions and the reviewers) and OUTPUT/human_human.csv (per criterion and reviewer pair).
--export-to adds the accepted answers, corrections applied, to the dataset folder as the config
`reviewed` (load_dataset(folder, "reviewed")), ready for hub_scripts/push_dataset.py.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from korad.artifacts import InputError
from korad.review.agreement import human_human, judge_human
from korad.review.connection import connect
from korad.review.export import export_reviewed, reviewed_rows
from korad.review.responses import read_review
from korad.review.schema import check_schema


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--name", required=True, help="the Argilla dataset name")
    parser.add_argument("--workspace", default="argilla", help="default: %(default)s")
    parser.add_argument("--output", type=Path, default=Path("outputs/review"), help="default: %(default)s")
    parser.add_argument("--export-to", type=Path, help="a ko-rad-instruct folder to add the `reviewed` config to")
    args = parser.parse_args(argv)
    try:
        client = connect()
        dataset = client.datasets(args.name, workspace=args.workspace)
        if dataset is None:
            raise InputError(f"argilla dataset {args.workspace}/{args.name}", "does not exist")
        check_schema(dataset, args.name)
        responses, suggestions, records = read_review(client, dataset)
        rows = reviewed_rows(responses, records) if args.export_to else []
        if args.export_to:
            target = export_reviewed(rows, args.export_to)  # checks everything before writing
    except InputError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    args.output.mkdir(parents=True, exist_ok=True)
    responses.to_parquet(args.output / "responses.parquet", index=False)
    agreement = judge_human(responses, suggestions)
    agreement.to_csv(args.output / "judge_human.csv", index=False)
    pairs = human_human(responses)
    pairs.to_csv(args.output / "human_human.csv", index=False)
    print(
        f"{len(responses)} submitted reviews by {responses['reviewer'].nunique()} reviewers on {len(records)} records"
    )
    print("judge vs reviewers:\n" + agreement.drop(columns="warning").round(3).to_string(index=False))
    for row in agreement.dropna(subset=["warning"]).itertuples():
        print(f"warning: {row.criterion}: {row.warning}", file=sys.stderr)
    if len(pairs):
        print("reviewer vs reviewer:\n" + pairs.round(3).to_string(index=False))
    if args.export_to:
        print(f"reviewed config: {len(rows)} accepted answers -> {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
