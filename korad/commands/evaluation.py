"""The evaluation commands: ``korad compare``, ``korad judge``, ``korad metrics``, ``korad eval-report``.

    korad compare --config eval/recipes/sample_compare.yaml
    korad compare --questions outputs/ko-rad-instruct/dataset --models eval/models.example.yaml
    korad judge --table outputs/eval/table.parquet --endpoints eval/judge_endpoints.example.yaml
    korad metrics --table outputs/eval/table.parquet
    korad eval-report --folder outputs/eval

The card-folder scripts (``eval/compare.py``, ``eval/judge.py``, ``eval/metrics.py``,
``eval/report.py``) run the same functions.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from korad.cli import run
from korad.config import distinct_output, existing_file, parse, require
from korad.cost import ScaleOptions, limit_note, print_plans
from korad.errors import InputError
from korad.eval.rubric import DEFAULT_RUBRIC, RUBRICS
from korad.stage import DEFAULT_MAX_FAILED_FRACTION, Mode

COMPARE_DOC = """Answers from several models to one set of questions, side by side.

--questions: a CSV with a `prompt` column (the original project's format) or `report` and
`question` columns (optional `reference`), or a dataset folder or Hub id (its --split, default
test). Each model of the --models YAML is a chat backend (grounded, transformers with an adapter,
or an endpoint). Writes OUTPUT/table.parquet and OUTPUT/table.csv (an `answer_<model>` column per
model); rerun to continue after an interruption.
"""

JUDGE_DOC = """Judge the answers of a comparison table with an LLM (any OpenAI-compatible endpoint).

Each answer is judged on its own on accuracy, conciseness, consistency and understandability (1-4)
and, where the question has a reference answer, similarity to it; under rubric v2 (the default) also
for the answer's clinical errors by type, each quoting the answer, written to errors.parquet beside
the rule-based counts (--rubric v1: the criteria only; docs/judge.md). --pairwise A B judges the two
models' answers side by side in both orders instead, to cancel position bias. Replies are JSON; an
unparseable one is retried once and then recorded as missing, never as a score. Requests go
through the request engine with its cache: a rerun sends no request. The API key comes from the
variable the endpoints file names.
"""

METRICS_DOC = """Reference and clinical metrics of a comparison table, per question and model.

chrF; ROUGE-L and BLEU over Kiwi morphemes (rouge-score's own tokenizer turns Hangul into nothing);
finding F1 between each answer and the reference (findings labeler); and whether the answer
contradicts its report. Writes metrics.parquet next to the table.
"""

REPORT_DOC = """The evaluation report: Markdown with 95% bootstrap intervals, paired tests and PNG plots.

Reads scores.parquet (judge), metrics.parquet (metrics), errors.parquet (clinical errors, judge rubric
v2) and pairwise.parquet if present, and writes report.md and plots/ in the same folder.
"""

DEFAULT_FOLDER = Path("outputs/eval")
DEFAULT_TABLE = DEFAULT_FOLDER / "table.parquet"


@dataclass
class CompareOptions:
    questions: str = field(metadata={"help": "CSV, dataset folder or Hub id"})
    models: Path = field(metadata={"help": "YAML file: models: {name: backend options}"})
    split: str = field(default="test", metadata={"help": "dataset split"})
    only: list[str] | None = field(default=None, metadata={"help": "run only these models of the YAML"})
    output: Path = field(default=DEFAULT_FOLDER, metadata={"help": "folder of table.parquet and answers.jsonl"})
    max_failed_fraction: float = field(
        default=DEFAULT_MAX_FAILED_FRACTION,
        metadata={"help": "share of answers that may fail before the run fails (exit 3)"},
    )

    def __post_init__(self) -> None:
        self.models, self.output = Path(self.models), Path(self.output)
        existing_file("models", self.models)
        require(0 <= self.max_failed_fraction <= 1, "max_failed_fraction", self.max_failed_fraction, "between 0 and 1")


@dataclass
class JudgeOptions:
    endpoints: Path = field(metadata={"help": "YAML file of named endpoints"})
    table: Path = field(default=DEFAULT_TABLE, metadata={"help": "the comparison table"})
    judge: str = field(default="judge", metadata={"help": "the judge's endpoint name"})
    pairwise: list[str] | None = field(default=None, metadata={"help": "judge models A B pairwise (two names)"})
    parse_retries: int = field(default=1, metadata={"help": "asks again after an unparseable reply"})
    source: str = field(
        default="unknown",
        metadata={
            "help": "where the reports come from, for rows without a `source` column (e.g. mimic-cxr): "
            "credentialed sources only go to allowed endpoints"
        },
    )
    output: Path | None = field(default=None, metadata={"help": "default: the table's folder"})
    allow_missing: bool = field(
        default=False,
        metadata={"help": "exit 0 even when some judgments are missing (they stay missing in the scores and report)"},
    )
    max_failed_fraction: float = field(
        default=DEFAULT_MAX_FAILED_FRACTION,
        metadata={"help": "share of requests that may fail before the run fails (exit 3)"},
    )
    rubric: str = field(
        default=DEFAULT_RUBRIC,
        metadata={"help": "rubric version: v2 (criteria and clinical errors) or v1 (criteria only); docs/judge.md"},
    )
    mode: Mode = field(
        default="realtime", metadata={"help": "send requests one by one, or as OpenAI Batch files (docs/batch.md)"}
    )

    def __post_init__(self) -> None:
        require(self.rubric in RUBRICS, "rubric", self.rubric, f"one of {', '.join(RUBRICS)}")
        self.endpoints, self.table = Path(self.endpoints), Path(self.table)
        self.output = Path(self.output) if self.output is not None else self.table.parent
        existing_file("endpoints", self.endpoints)
        existing_file("table", self.table)
        require(self.parse_retries >= 0, "parse_retries", self.parse_retries, "0 or more")
        require(self.pairwise is None or len(self.pairwise) == 2, "pairwise", self.pairwise, "two model names")
        require(0 <= self.max_failed_fraction <= 1, "max_failed_fraction", self.max_failed_fraction, "between 0 and 1")


@dataclass
class MetricsOptions:
    table: Path = field(default=DEFAULT_TABLE, metadata={"help": "the comparison table"})
    output: Path | None = field(default=None, metadata={"help": "default: metrics.parquet next to the table"})

    def __post_init__(self) -> None:
        self.table = Path(self.table)
        self.output = Path(self.output) if self.output is not None else self.table.parent / "metrics.parquet"
        existing_file("table", self.table)
        distinct_output("output", self.output, table=self.table)


@dataclass
class ReportOptions:
    folder: Path = field(default=DEFAULT_FOLDER, metadata={"help": "the eval folder (scores, metrics)"})
    title: str = field(default="korad evaluation", metadata={"help": "the report's title"})

    def __post_init__(self) -> None:
        self.folder = Path(self.folder)
        existing_file("folder", self.folder)


def compare(argv: Sequence[str] | None = None, prog: str = "korad compare") -> int:
    def body() -> int:
        options, scale = parse((CompareOptions, ScaleOptions), argv, prog=prog, description=COMPARE_DOC)
        scale.check_stages(["compare"])

        from korad.eval.compare import plan_compare, run_compare
        from korad.eval.inputs import load_models, load_questions, select_models

        models = select_models(load_models(options.models), options.only, str(options.models))
        questions = load_questions(options.questions, options.split)
        note = limit_note(scale.limit, "questions", len(questions[: scale.limit]), len(questions))
        questions = questions[: scale.limit]
        if scale.dry_run:
            print_plans(plan_compare(questions, models, options.output, scale.expected_output_tokens), note)
            return 0
        if note:
            print(f"compare: {note}", file=sys.stderr)
        table = run_compare(questions, models, options.output, options.max_failed_fraction)
        print(f"{len(table)} questions x {len(models)} models -> {options.output / 'table.parquet'}", file=sys.stderr)
        return 0

    return run(body, argv)


JUDGE_FILES = ("judgments.jsonl", "scores.parquet", "errors.parquet")
"""The files a pointwise ``korad judge`` writes into its output folder (errors.parquet under rubric v2)."""


def judge(argv: Sequence[str] | None = None, prog: str = "korad judge") -> int:
    def body() -> int:
        options, scale = parse((JudgeOptions, ScaleOptions), argv, prog=prog, description=JUDGE_DOC)
        stage = "pairwise" if options.pairwise else "judgments"
        scale.check_stages([stage])

        from korad.endpoints import load_endpoints
        from korad.eval.compare import model_names, read_table
        from korad.eval.judge import plan_judge, run_judge

        table = read_table(options.table)
        note = limit_note(scale.limit, "questions of the table", len(table.head(scale.limit)), len(table))
        if scale.limit is not None:
            table = table.head(scale.limit)
        config = load_endpoints(options.endpoints)
        endpoint = config.get(options.judge)
        if options.pairwise:
            unknown = [m for m in options.pairwise if m not in model_names(table)]
            if unknown:
                raise InputError(options.table, f"no answers of model(s) {', '.join(unknown)}")
        pairwise = tuple(options.pairwise) if options.pairwise else None
        if scale.dry_run:
            plan = plan_judge(
                table,
                endpoint,
                options.output,
                pairwise,
                parse_retries=options.parse_retries,
                rubric_name=options.rubric,
                expected_output_tokens=scale.expected_output_tokens,
                policy=config.policy,
                default_source=options.source,
            )
            print_plans([plan], note)
            return 0
        endpoint.api_key()  # a missing key fails here, before any request
        if note:
            print(f"judge: {note}", file=sys.stderr)
        run_judge(
            table,
            endpoint,
            options.output,
            pairwise,
            options.parse_retries,
            options.max_failed_fraction,
            options.allow_missing,
            policy=config.policy,
            default_source=options.source,
            rubric_name=options.rubric,
            mode=options.mode,
        )
        names = ("pairwise.jsonl", "pairwise.parquet") if options.pairwise else JUDGE_FILES
        written = [options.output / name for name in names if (options.output / name).exists()]
        print(f"judge: wrote {', '.join(map(str, written))}", file=sys.stderr)
        return 0

    return run(body, argv)


def metrics(argv: Sequence[str] | None = None, prog: str = "korad metrics") -> int:
    def body() -> int:
        (options,) = parse((MetricsOptions,), argv, prog=prog, description=METRICS_DOC)

        from korad.eval.compare import read_table
        from korad.eval.metrics import compute_metrics

        frame = compute_metrics(read_table(options.table))
        options.output.parent.mkdir(parents=True, exist_ok=True)
        frame.to_parquet(options.output, index=False)
        summary = frame.groupby(["metric", "model"])["value"].mean().unstack()  # a metric a row: fits a terminal
        print(summary.round(3).to_string(), file=sys.stderr)
        print(f"metrics: wrote {options.output}", file=sys.stderr)
        return 0

    return run(body, argv)


def report(argv: Sequence[str] | None = None, prog: str = "korad eval-report") -> int:
    def body() -> int:
        (options,) = parse((ReportOptions,), argv, prog=prog, description=REPORT_DOC)

        import pandas as pd

        from korad.eval.report import write_report

        def read(name: str) -> pd.DataFrame | None:
            path = options.folder / name
            return pd.read_parquet(path) if path.exists() else None

        scores, metrics = read("scores.parquet"), read("metrics.parquet")
        if scores is None and metrics is None:
            raise InputError(options.folder, "neither scores.parquet nor metrics.parquet: run judge or metrics first")
        errors = read("errors.parquet")
        path = write_report(options.folder, scores, metrics, read("pairwise.parquet"), options.title, errors)
        print(f"report: {path}", file=sys.stderr)
        return 0

    return run(body, argv)
