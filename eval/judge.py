"""Judge the answers of a comparison table with an LLM (any OpenAI-compatible endpoint).

    python eval/judge.py --table outputs/eval/table.parquet --endpoints eval/judge_endpoints.example.yaml

Each answer is judged on its own on accuracy, conciseness, consistency and understandability (1-4)
and, where the question has a reference answer, similarity to it. --pairwise A B judges the two
models' answers side by side in both orders instead, to cancel position bias. Replies are JSON; an
unparseable one is retried once and then recorded as missing, never as a score. Requests go
through the request engine with its cache: a rerun sends no request. The API key comes from the
variable the endpoints file names.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from korad.artifacts import InputError
from korad.endpoints import load_endpoints
from korad.engine import EndpointRejected
from korad.errors import KoradError
from korad.eval.compare import model_names, read_table
from korad.eval.judge import run_judge


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--table", type=Path, default=Path("outputs/eval/table.parquet"), help="default: %(default)s")
    parser.add_argument("--endpoints", type=Path, required=True, help="YAML file of named endpoints")
    parser.add_argument("--judge", default="judge", help="the judge's endpoint name (default: %(default)s)")
    parser.add_argument("--pairwise", nargs=2, metavar=("A", "B"), help="judge models A and B pairwise")
    parser.add_argument("--parse-retries", type=int, default=1, help="asks again after an unparseable reply")
    parser.add_argument(
        "--source",
        default="unknown",
        help="where the reports come from, for rows without a `source` column (e.g. mimic-cxr): "
        "credentialed sources only go to allowed endpoints",
    )
    parser.add_argument("--output", type=Path, help="default: the table's folder")
    args = parser.parse_args(argv)
    try:
        table = read_table(args.table)
        config = load_endpoints(args.endpoints)
        endpoint = config.get(args.judge)
        endpoint.api_key()  # a missing key fails here, before any request
        if args.pairwise:
            unknown = [m for m in args.pairwise if m not in model_names(table)]
            if unknown:
                raise InputError(args.table, f"no answers of model(s) {', '.join(unknown)}")
        run_judge(
            table,
            endpoint,
            args.output or args.table.parent,
            tuple(args.pairwise or ()) or None,
            args.parse_retries,
            policy=config.policy,
            default_source=args.source,
        )
    except EndpointRejected as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except KoradError as error:
        print(f"error: {error}", file=sys.stderr)
        return error.exit_code
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
