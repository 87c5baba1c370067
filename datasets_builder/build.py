"""Build the Korean chest X-ray instruction dataset, stage by stage or all at once.

    python datasets_builder/build.py all --input korad/data/sample_reports.jsonl \\
        --endpoints datasets_builder/endpoints.example.yaml --teacher teacher --workdir outputs/ko-rad

Stages: ingest, translate, questions, answers, filter, build (or all). Each reads the artifact the
stage before it wrote in --workdir and appends to its own; rerun after a crash to continue.
API keys come from the environment variables the endpoints file names, never from arguments.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from korad.artifacts import InputError
from korad.datasets_builder import pipeline
from korad.datasets_builder.prompts import TASKS
from korad.engine import EndpointRejected
from korad.errors import KoradError


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("stage", choices=[*pipeline.STAGES, "all"], help="which stage to run")
    parser.add_argument(
        "--workdir",
        type=Path,
        default=Path("outputs/ko-rad-instruct"),
        help="folder of the artifacts (default: %(default)s)",
    )
    parser.add_argument("--input", help="ingest/all: reports in any format korad.reports reads")
    parser.add_argument(
        "--kind",
        choices=["report", "document"],
        default="report",
        help="ingest/all: 'document' for Korean medical text that is not a report (no translation, document prompts)",
    )
    parser.add_argument(
        "--source",
        help="ingest/all: the source of the reports (e.g. mimic-cxr, open-i); default: what the input format says. "
        "Credentialed sources only go where the data-use policy allows (docs/data-use.md)",
    )
    parser.add_argument("--endpoints", type=Path, help="YAML file of named OpenAI-compatible endpoints")
    parser.add_argument("--teacher", default="teacher", help="endpoint that writes questions and answers")
    parser.add_argument(
        "--translator",
        choices=["endpoint", "transformers"],
        default="endpoint",
        help="translate with an endpoint, or with a local transformers seq2seq model",
    )
    parser.add_argument("--translator-endpoint", help="endpoint for translation (default: the teacher)")
    parser.add_argument("--translator-model", help="path or Hub id of the seq2seq model (--translator transformers)")
    parser.add_argument("--questions-per-report", type=int, default=4)
    parser.add_argument(
        "--task-weights", type=json.loads, default=None, help=f"JSON object of task weights; tasks: {', '.join(TASKS)}"
    )
    parser.add_argument("--max-sentences", type=int, default=3, help="longest answer, in sentences")
    parser.add_argument("--test-size", type=float, default=0.1, help="share of reports in the test split")
    parser.add_argument(
        "--report-text", choices=["original", "korean"], default="original", help="build: the report text of each row"
    )
    parser.add_argument("--license", default="other", help="build: the dataset card's license")
    parser.add_argument("--pretty-name", default="ko-rad-instruct")
    parser.add_argument("--overwrite", action="store_true", help="build: replace an existing dataset folder")
    parser.add_argument("--seed", type=int, default=0)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    config = pipeline.PipelineConfig(
        workdir=args.workdir,
        endpoints=args.endpoints,
        teacher=args.teacher,
        translator=args.translator,
        translator_endpoint=args.translator_endpoint,
        translator_model=args.translator_model,
        questions_per_report=args.questions_per_report,
        max_sentences=args.max_sentences,
        kind=args.kind,
        test_size=args.test_size,
        report_text=args.report_text,
        license=args.license,
        pretty_name=args.pretty_name,
        seed=args.seed,
        source=args.source,
    )
    if args.task_weights is not None:
        config.task_weights = args.task_weights
    try:
        if args.stage in ("ingest", "all") and not args.input:
            raise InputError("--input", f"the {args.stage} stage needs --input")
        if args.stage == "all":
            pipeline.run_all(config, args.input)
            return 0
        config.check([args.stage])
        if args.stage == "ingest":
            pipeline.ingest(config, args.input)
        elif args.stage == "build":
            pipeline.build(config, overwrite=args.overwrite)
        else:
            {
                "translate": pipeline.translate,
                "questions": pipeline.questions,
                "answers": pipeline.answers,
                "filter": pipeline.filter_answers,
            }[args.stage](config)
    except (InputError, EndpointRejected, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except KoradError as error:
        print(f"error: {error}", file=sys.stderr)
        return error.exit_code
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
