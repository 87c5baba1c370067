"""Push answers to Argilla for human review, with the LLM judge's scores as suggestions.

    export ARGILLA_API_URL=https://org-argilla.hf.space ARGILLA_API_KEY=...
    python argilla/push.py --qa outputs/ko-rad-instruct/dataset --split test --name ko-rad-review
    python argilla/push.py --eval outputs/eval --name ko-rad-eval-review

--qa: QA pairs of datasets_builder (a dataset folder or Hub id), keyed by qa_id; --scores adds
judge scores of those answers (eval/judge.py's scores.parquet; model --model). --eval: every
model's answer of an eval folder with its judge scores; reviewers do not see the model name.
Pushing again updates the same records (no duplicates). The dataset gets korad's review schema:
report, question, answer; four 1-4 ratings with the judge's rubric; accept/reject; an optional
corrected answer; a comment.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from korad.artifacts import InputError
from korad.errors import KoradError
from korad.lineage import sources_of
from korad.policy import DataUsePolicy
from korad.review.connection import connect
from korad.review.records import items_from_dataset, items_from_eval, to_records
from korad.review.schema import check_schema, review_settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--qa", help="QA pairs: a ko-rad-instruct folder or Hub id")
    source.add_argument("--eval", type=Path, help="an eval folder (table.parquet, scores.parquet)")
    parser.add_argument("--split", default="test", help="--qa: the split (default: %(default)s)")
    parser.add_argument("--scores", type=Path, help="--qa: judge scores (scores.parquet) of these answers")
    parser.add_argument("--model", default="teacher", help="--qa: the model name of these answers in --scores")
    parser.add_argument("--limit", type=int, help="only the first N answers")
    parser.add_argument("--name", required=True, help="the Argilla dataset name")
    parser.add_argument("--workspace", default="argilla", help="the Argilla workspace (default: %(default)s)")
    parser.add_argument("--min-submitted", type=int, default=2, help="reviews wanted per record (default: 2)")
    args = parser.parse_args(argv)
    try:
        if args.qa:
            scores = pd.read_parquet(args.scores) if args.scores else None
            items = items_from_dataset(args.qa, args.split, scores, args.model, args.limit)
        else:
            items = items_from_eval(args.eval, args.limit)
        client = connect()
        dataset = push(client, items, args.name, args.workspace, args.min_submitted)
    except KoradError as error:
        print(f"error: {error}", file=sys.stderr)
        return error.exit_code
    suggested = sum(bool(item["suggestions"]) for item in items)
    print(f"pushed {len(items)} records ({suggested} with judge suggestions) to {args.workspace}/{dataset.name}")
    return 0


def push(client, items, name: str, workspace: str, min_submitted: int = 2):
    """Create the dataset (or check an existing one's schema), then upsert the records by id.

    The data-use policy first: credentialed rows go only to a server declared private."""
    import argilla as rg

    DataUsePolicy.load().check_review(sources_of(items), client.api_url)

    dataset = client.datasets(name, workspace=workspace)
    if dataset is None:
        if client.workspaces(workspace) is None:
            raise InputError(f"argilla workspace {workspace!r}", "does not exist")
        dataset = rg.Dataset(
            name=name, workspace=workspace, settings=review_settings(client, min_submitted), client=client
        )
        dataset.create()
    else:
        check_schema(dataset, name)
    dataset.records.log(to_records(items))
    return dataset


if __name__ == "__main__":
    raise SystemExit(main())
