"""The stages wired together: each reads one artifact of a work folder and writes the next.

    workdir/reports.jsonl -> translated.jsonl -> questions.jsonl -> answers.jsonl -> filtered.jsonl
           -> dataset/ (parquet + README.md);  rejects: <stage>.quarantine.jsonl;  cache/<endpoint>.sqlite

Every stage resumes: run it again (or ``all``) after a crash and it continues where it stopped,
without sending a request whose answer is already in the cache.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from korad.artifacts import InputError, Ledger, complete_records, read_jsonl
from korad.config import existing_file, require
from korad.datasets_builder.answers import make_answers
from korad.datasets_builder.build import build_dataset
from korad.datasets_builder.filters import AnswerFilter, FilterConfig, filter_pair
from korad.datasets_builder.prompts import DEFAULT_TASK_WEIGHTS, TASKS
from korad.datasets_builder.questions import make_questions
from korad.datasets_builder.translate import EndpointTranslator, Seq2SeqTranslator, make_translate, needs_translation
from korad.endpoints import Endpoint, EndpointConfig, load_endpoints
from korad.engine import RequestEngine
from korad.errors import ConfigError
from korad.lineage import normalise_source, sources_of
from korad.lock import workdir_lock
from korad.reports import Report, write_reports
from korad.stage import DEFAULT_MAX_FAILED_FRACTION, Mode, Reject, run_stage

ARTIFACTS = {
    "ingest": "reports.jsonl",
    "translate": "translated.jsonl",
    "questions": "questions.jsonl",
    "answers": "answers.jsonl",
    "filter": "filtered.jsonl",
}


@dataclass
class PipelineConfig:
    """Everything a run needs: the options of ``korad build`` (``datasets_builder/build.py``)."""

    workdir: Path = field(
        default=Path("outputs/ko-rad-instruct"), metadata={"help": "folder of the artifacts of every stage"}
    )
    endpoints: Path | None = field(default=None, metadata={"help": "YAML file of named OpenAI-compatible endpoints"})
    teacher: str = field(default="teacher", metadata={"help": "endpoint that writes questions and answers"})
    translator: Literal["endpoint", "transformers"] = field(
        default="endpoint", metadata={"help": "translate with an endpoint, or with a local transformers seq2seq model"}
    )
    translator_endpoint: str | None = field(
        default=None, metadata={"help": "endpoint for translation (default: the teacher)"}
    )
    translator_model: str | None = field(
        default=None, metadata={"help": "path or Hub id of the seq2seq model (--translator transformers)"}
    )
    questions_per_report: int = field(default=4, metadata={"help": "questions asked about each report"})
    task_weights: dict[str, float] | str | None = field(
        default_factory=lambda: dict(DEFAULT_TASK_WEIGHTS),
        metadata={"help": f"task -> weight (a JSON object on the command line); tasks: {', '.join(TASKS)}"},
    )
    max_sentences: int = field(default=3, metadata={"help": "longest answer, in sentences"})
    kind: Literal["report", "document"] = field(
        default="report",
        metadata={"help": "'document' for Korean medical text that is not a report (no translation, document prompts)"},
    )
    test_size: float = field(default=0.1, metadata={"help": "share of reports in the test split, in (0, 1)"})
    report_text: Literal["original", "korean"] = field(
        default="original", metadata={"help": "build: the report text of each row"}
    )
    license: str = field(default="other", metadata={"help": "build: the dataset card's license"})
    pretty_name: str = field(default="ko-rad-instruct", metadata={"help": "build: the dataset card's title"})
    seed: int = field(default=0, metadata={"help": "seed of the task draw"})
    source: str | None = field(
        default=None,
        metadata={
            "help": "ingest/all: the source of the reports (e.g. mimic-cxr, open-i); default: what the input format "
            "says. Credentialed sources only go where the data-use policy allows (docs/data-use.md)"
        },
    )
    max_failed_fraction: float = field(
        default=DEFAULT_MAX_FAILED_FRACTION,
        metadata={"help": "share of a stage's units whose requests may fail before the stage fails (exit 3)"},
    )
    mode: Mode = field(
        default="realtime",
        metadata={"help": "translate/questions/answers: requests one by one, or as OpenAI Batch files (docs/batch.md)"},
    )

    def __post_init__(self) -> None:
        self.workdir = Path(self.workdir)
        if self.endpoints is not None:
            self.endpoints = Path(self.endpoints)
        existing_file("endpoints", self.endpoints)
        if isinstance(self.task_weights, str):
            try:
                self.task_weights = json.loads(self.task_weights)
            except json.JSONDecodeError:
                raise ConfigError("task_weights", self.task_weights, "a JSON object of task weights") from None
        weights = self.task_weights if self.task_weights is not None else dict(DEFAULT_TASK_WEIGHTS)
        self.task_weights = weights
        unknown = sorted(set(weights) - set(TASKS)) if isinstance(weights, dict) else ["(not a mapping)"]
        require(not unknown, "task_weights", weights, f"a mapping of tasks ({', '.join(TASKS)}) to weights")
        require(0 < self.test_size < 1, "test_size", self.test_size, "a share between 0 and 1 (exclusive)")
        require(self.questions_per_report >= 1, "questions_per_report", self.questions_per_report, "at least 1")
        require(self.max_sentences >= 1, "max_sentences", self.max_sentences, "at least 1")
        require(0 <= self.max_failed_fraction <= 1, "max_failed_fraction", self.max_failed_fraction, "between 0 and 1")

    def path(self, stage: str) -> Path:
        return self.workdir / ARTIFACTS[stage]

    def endpoint_config(self) -> EndpointConfig:
        if self.endpoints is None:
            raise InputError("--endpoints", "this stage sends requests: give the endpoints YAML with --endpoints")
        return load_endpoints(self.endpoints)

    def check(self, stages: list[str]) -> None:
        """Fail on bad configuration before any stage runs (and so before any request)."""
        needs = {"questions", "answers"} | ({"translate"} if self.translator == "endpoint" else set())
        if needs & set(stages):
            config = self.endpoint_config()
            names = {self.teacher} | (
                {self.translator_endpoint or self.teacher}
                if "translate" in stages and self.translator == "endpoint"
                else set()
            )
            for name in sorted(names):
                config.get(name).api_key()
        if "translate" in stages and self.translator == "transformers" and not self.translator_model:
            raise InputError("--translator-model", "the transformers translator needs a model path or Hub id")


def _inputs(path: Path, stage: str) -> list[dict[str, Any]]:
    if not path.exists():
        raise InputError(path, f"input of the {stage} stage is missing: run the stage before it first")
    return [record for _, record in read_jsonl(path)]


def _requests_stage(
    config: PipelineConfig,
    stage: str,
    units: list[dict[str, Any]],
    endpoint: Endpoint,
    make_process,
    key: str,
    sent: list[dict[str, Any]] | None = None,
) -> Ledger:
    """Run a stage that sends requests; ``sent`` (default: all units) are those whose text leaves."""
    config.endpoint_config().policy.check_endpoint(endpoint, sources_of(units if sent is None else sent), stage)
    engine = RequestEngine(endpoint, config.workdir / "cache" / f"{endpoint.name}.sqlite")
    return run_stage(
        stage,
        units,
        make_process(engine),
        config.path(stage),
        key=key,
        concurrency=endpoint.max_concurrency * 2,
        max_failed_fraction=config.max_failed_fraction,
        engine=engine,
        mode=config.mode,
    )


def ingest(config: PipelineConfig, source: str | Path) -> Ledger:
    """Reports (or Korean documents, ``kind="document"``) -> the reports artifact."""

    def to_record(report: Report) -> dict[str, Any]:
        named = {"source": normalise_source(config.source)} if config.source else {}
        return {**report.to_record(), "kind": config.kind, **named}

    config.workdir.mkdir(parents=True, exist_ok=True)
    return write_reports(
        source, config.path("ingest"), to_record, max_failed_fraction=config.max_failed_fraction, stage="ingest"
    )


def translate(config: PipelineConfig) -> Ledger:
    reports = _inputs(config.path("ingest"), "translate")
    if config.translator == "transformers":
        translator = Seq2SeqTranslator(config.translator_model or "")
        return run_stage("translate", reports, make_translate(translator), config.path("translate"))
    endpoint = config.endpoint_config().get(config.translator_endpoint or config.teacher)
    return _requests_stage(
        config,
        "translate",
        reports,
        endpoint,
        lambda engine: make_translate(EndpointTranslator(engine)),
        "id",
        sent=[r for r in reports if needs_translation(r)],
    )


def questions(config: PipelineConfig) -> Ledger:
    reports = _inputs(config.path("translate"), "questions")
    return _requests_stage(
        config,
        "questions",
        reports,
        config.endpoint_config().get(config.teacher),
        lambda engine: make_questions(engine, config.questions_per_report, config.task_weights, config.seed),
        "id",
    )


def answers(config: PipelineConfig) -> Ledger:
    reports = {str(r["id"]): r for r in _inputs(config.path("translate"), "answers")}
    items = _inputs(config.path("questions"), "answers")
    for item in items:
        item["source"] = reports.get(str(item["id"]), {}).get("source", "unknown")
    return _requests_stage(
        config,
        "answers",
        items,
        config.endpoint_config().get(config.teacher),
        lambda engine: make_answers(engine, reports, config.max_sentences),
        "qa_id",
    )


def filter_answers(config: PipelineConfig) -> Ledger:
    reports = {str(r["id"]): r for r in _inputs(config.path("translate"), "filter")}
    pairs = sorted(_inputs(config.path("answers"), "filter"), key=lambda p: p["qa_id"])
    answer_filter = AnswerFilter(
        {i: r.get("findings", {}) for i, r in reports.items()},
        FilterConfig(max_sentences=config.max_sentences),
        report_texts={i: r.get("text", "") for i, r in reports.items()},
    )
    for _, kept in complete_records(config.path("filter")):
        answer_filter.remember(kept)

    def process(pair: dict[str, Any]) -> list[dict[str, Any]]:
        record, reason = filter_pair(answer_filter, {**pair, "id": str(pair["id"])})
        if reason is not None:  # the first failed check is the reason, its verdict the detail
            check, verdict = next((n, v) for n, v in record["checks"].items() if v is not True)
            raise Reject(check, str(verdict), record=record)
        return [record]

    return run_stage("filter", pairs, process, config.path("filter"), key="qa_id")


def build(config: PipelineConfig, overwrite: bool = False) -> dict[str, int]:
    with workdir_lock(config.workdir):
        return _build(config, overwrite)


def _build(config: PipelineConfig, overwrite: bool) -> dict[str, int]:
    sizes = build_dataset(
        config.path("filter"),
        config.path("translate"),
        config.workdir / "dataset",
        report_text=config.report_text,
        test_size=config.test_size,
        license=config.license,
        pretty_name=config.pretty_name,
        overwrite=overwrite,
        workdir=config.workdir,
    )
    print(
        f"build: {config.workdir / 'dataset'}: " + ", ".join(f"{k} {v} rows" for k, v in sizes.items()), file=sys.stderr
    )
    return sizes


STAGES = ("ingest", "translate", "questions", "answers", "filter", "build")


def run_all(config: PipelineConfig, source: str | Path) -> dict[str, int]:
    """Every stage in order; the dataset folder is rebuilt from the artifacts at the end."""
    config.check(list(STAGES))
    with workdir_lock(config.workdir):
        ingest(config, source)
        translate(config)
        questions(config)
        answers(config)
        filter_answers(config)
        return build(config, overwrite=True)
