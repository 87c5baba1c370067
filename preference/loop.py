"""The preference loop: sample answers, decide preferences, review pairs in Argilla, measure.

    python preference/loop.py sample --questions outputs/ko-rad-instruct/dataset --split train \\
        --models eval/recipes/preference_vs_sft.yaml --model sft --samples 4 --temperature 0.8 \\
        --output outputs/preference/samples
    python preference/loop.py build --samples outputs/preference/samples \\
        --endpoints eval/judge_endpoints.example.yaml --judge judge --output outputs/preference/dataset
    python preference/loop.py review-push --samples outputs/preference/samples --name ko-rad-pairs
    python preference/loop.py review-pull --samples outputs/preference/samples --name ko-rad-pairs
    python preference/loop.py build ... --overwrite          # again: the reviewers' choices now decide
    python preference/loop.py measure --folder outputs/eval-preference --sft sft --tuned dpo

``sample`` writes N answers per question from one model of a models YAML (eval's format) as a
comparison table. ``build`` rejects answers that contradict their report, asks the judge about the
remaining pairs in both orders (cached: a rerun sends nothing), applies pulled reviews, and writes
the dataset (configs dpo and kto). ``review-push``/``review-pull`` need ARGILLA_API_URL and
ARGILLA_API_KEY in the environment. ``measure`` compares an SFT and a preference-tuned model in an
eval folder (after eval/compare.py and eval/judge.py --pairwise SFT TUNED).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path

from korad.errors import InputError, KoradError


def _endpoint(args: argparse.Namespace):
    if not args.endpoints:
        return None
    from korad.endpoints import load_endpoints
    from korad.lineage import sources_of

    config = load_endpoints(args.endpoints)
    endpoint = config.get(args.judge)
    config.policy.check_endpoint(endpoint, sources_of([{"source": args.source}]), "judge")
    endpoint.api_key()  # a missing key fails here, before any request
    return endpoint


def sample(args: argparse.Namespace) -> None:
    from korad.config import require
    from korad.eval.inputs import load_models, load_questions, select_models

    require(args.limit is None or args.limit >= 1, "limit", args.limit, "a whole number of at least 1")
    from korad.preference.candidates import sample_candidates

    spec = select_models(load_models(args.models), [args.model], str(args.models))[args.model]
    if args.temperature is not None:
        spec = dataclasses.replace(spec, temperature=args.temperature)
    questions = load_questions(args.questions, args.split, args.limit)
    table = sample_candidates(questions, spec, args.samples, args.output, args.model)
    print(f"{len(table)} questions x {args.samples} samples -> {args.output / 'table.parquet'}", file=sys.stderr)


def build(args: argparse.Namespace) -> None:
    from korad.preference.build import build_preferences

    result = build_preferences(
        args.samples,
        args.output,
        endpoint=_endpoint(args),
        test_size=args.test_size,
        license=args.license,
        overwrite=args.overwrite,
    )
    print(json.dumps(result), file=sys.stderr)


def review_push(args: argparse.Namespace) -> None:
    import argilla as rg
    from korad.eval.compare import read_table
    from korad.preference.review import pair_items, pair_settings
    from korad.preference.verdicts import contradictions, read_judged
    from korad.review.connection import connect
    from korad.review.records import to_records

    table = read_table(args.samples / "table.parquet")
    judged = read_judged(args.samples / "pairwise.jsonl")
    items = pair_items(table, contradictions(table), judged, judge_name=args.judge_name)
    if not items:
        raise InputError(args.samples, "no pairs of different answers to review")
    client = connect()
    dataset = client.datasets(args.name, workspace=args.workspace)
    if dataset is None:
        if client.workspaces(args.workspace) is None:
            raise InputError(f"argilla workspace {args.workspace!r}", "does not exist")
        settings = pair_settings(client, args.min_submitted)
        dataset = rg.Dataset(name=args.name, workspace=args.workspace, settings=settings, client=client)
        dataset.create()
    dataset.records.log(to_records(items))
    suggested = sum(bool(item["suggestions"]) for item in items)
    print(f"pushed {len(items)} pairs ({suggested} with a suggestion) to {args.workspace}/{args.name}")


def review_pull(args: argparse.Namespace) -> None:
    from korad.artifacts import dumps
    from korad.preference.build import REVIEWS_FILE
    from korad.preference.review import response_rows
    from korad.review.connection import connect

    client = connect()
    dataset = client.datasets(args.name, workspace=args.workspace)
    if dataset is None:
        raise InputError(f"argilla dataset {args.workspace}/{args.name}", "does not exist")
    rows = response_rows(client, dataset)
    target = args.samples / REVIEWS_FILE
    partial = target.with_suffix(".jsonl.partial")
    partial.write_text("".join(dumps(row) + "\n" for row in rows), encoding="utf-8")
    partial.replace(target)
    print(f"{len(rows)} submitted review(s) -> {target}")


def measure(args: argparse.Namespace) -> None:
    from korad.preference.measure import measure as compare
    from korad.preference.measure import render

    result = compare(args.folder, args.sft, args.tuned)
    stem = args.folder / f"preference_{args.tuned}_vs_{args.sft}"
    stem.with_suffix(".json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    text = render(result)
    stem.with_suffix(".md").write_text(text, encoding="utf-8")
    print(text)


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)

    p = commands.add_parser("sample", help="N answers per question from one model")
    p.add_argument("--questions", required=True, help="CSV, dataset folder or Hub id")
    p.add_argument("--split", default="train", help="dataset split (default: %(default)s)")
    p.add_argument("--limit", type=int, help="only the first N questions")
    p.add_argument("--models", required=True, type=Path, help="models YAML (eval's format)")
    p.add_argument("--model", required=True, help="the model of the YAML to sample from")
    p.add_argument("--samples", type=int, default=4, help="answers per question (default: %(default)s)")
    p.add_argument("--temperature", type=float, help="sampling temperature (default: the YAML's)")
    p.add_argument("--output", type=Path, default=Path("outputs/preference/samples"), help="default: %(default)s")
    p.set_defaults(run=sample)

    p = commands.add_parser("build", help="verdicts -> the preference dataset (configs dpo, kto)")
    p.add_argument("--samples", type=Path, required=True, help="the folder `sample` wrote")
    p.add_argument("--endpoints", type=Path, help="YAML of named endpoints (without: no judge)")
    p.add_argument("--judge", default="judge", help="the judge's endpoint name (default: %(default)s)")
    p.add_argument("--source", default="unknown", help="where the reports come from (data-use rules)")
    p.add_argument("--output", type=Path, default=Path("outputs/preference/dataset"), help="default: %(default)s")
    p.add_argument("--test-size", type=float, default=0.1, help="share of reports in test (default: %(default)s)")
    p.add_argument("--license", default="other", help="the dataset card's license")
    p.add_argument("--overwrite", action="store_true", help="rebuild an existing dataset folder")
    p.set_defaults(run=build)

    for name, function, help in (
        ("review-push", review_push, "push the pairs to Argilla"),
        ("review-pull", review_pull, "pull the submitted reviews"),
    ):
        p = commands.add_parser(name, help=help)
        p.add_argument("--samples", type=Path, required=True, help="the folder `sample` wrote")
        p.add_argument("--name", required=True, help="the Argilla dataset name")
        p.add_argument("--workspace", default="argilla", help="default: %(default)s")
        if name == "review-push":
            p.add_argument("--min-submitted", type=int, default=1, help="reviews wanted per pair (default: 1)")
            p.add_argument("--judge-name", default="judge", help="the judge's name on its suggestions")
        p.set_defaults(run=function)

    p = commands.add_parser("measure", help="judge win rate and clinical errors: tuned vs SFT")
    p.add_argument("--folder", type=Path, required=True, help="eval folder (table.parquet, pairwise.jsonl)")
    p.add_argument("--sft", required=True, help="the SFT model's name in the table")
    p.add_argument("--tuned", required=True, help="the preference-tuned model's name in the table")
    p.set_defaults(run=measure)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    try:
        args.run(args)
    except KoradError as error:
        print(f"error: {error}", file=sys.stderr)
        return error.exit_code
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
