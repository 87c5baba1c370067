"""The stages wired together: each reads one artifact of a work folder and writes the next.

    workdir/reports.jsonl -> translated.jsonl -> questions.jsonl -> answers.jsonl -> filtered.jsonl
           -> dataset/ (parquet + README.md);  rejects: <stage>.quarantine.jsonl;  cache/<endpoint>.sqlite

Every stage resumes: run it again (or ``all``) after a crash and it continues where it stopped,
without sending a request whose answer is already in the cache.
"""

from __future__ import annotations

import asyncio
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from korad.artifacts import ArtifactWriter, InputError, Ledger, read_jsonl
from korad.datasets_builder.answers import make_answers
from korad.datasets_builder.build import build_dataset
from korad.datasets_builder.filters import AnswerFilter, FilterConfig, filter_pair
from korad.datasets_builder.prompts import DEFAULT_TASK_WEIGHTS
from korad.datasets_builder.questions import make_questions
from korad.datasets_builder.stage import run_units
from korad.datasets_builder.translate import EndpointTranslator, Seq2SeqTranslator, make_translate, needs_translation
from korad.endpoints import Endpoint, EndpointConfig, load_endpoints
from korad.engine import RequestEngine
from korad.lineage import normalise_source, sources_of
from korad.reports import Report, write_reports

ARTIFACTS = {
    "ingest": "reports.jsonl",
    "translate": "translated.jsonl",
    "questions": "questions.jsonl",
    "answers": "answers.jsonl",
    "filter": "filtered.jsonl",
}


@dataclass
class PipelineConfig:
    """Everything a run needs; the command line fills it."""

    workdir: Path
    endpoints: Path | None = None
    teacher: str = "teacher"
    translator: str = "endpoint"
    translator_endpoint: str | None = None
    translator_model: str | None = None
    questions_per_report: int = 4
    task_weights: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_TASK_WEIGHTS))
    max_sentences: int = 3
    kind: str = "report"
    test_size: float = 0.1
    report_text: str = "original"
    license: str = "other"
    pretty_name: str = "ko-rad-instruct"
    seed: int = 0
    source: str | None = None
    """The source of the ingested reports (e.g. ``mimic-cxr``); default: what the input format says."""

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


def _report(ledger: Ledger, stage: str) -> None:
    print(ledger.summary(stage), file=sys.stderr)
    if not ledger.balanced:  # pragma: no cover - a bug, not an input problem
        raise RuntimeError(f"{stage}: ledger does not add up: {ledger}")


def _inputs(path: Path, stage: str) -> list[dict[str, Any]]:
    if not path.exists():
        raise InputError(path, f"input of the {stage} stage is missing: run the stage before it first")
    return [record for _, record in read_jsonl(path)]


def _engine(config: PipelineConfig, endpoint: Endpoint) -> RequestEngine:
    return RequestEngine(endpoint, config.workdir / "cache" / f"{endpoint.name}.sqlite")


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

    async def run() -> Ledger:
        engine = _engine(config, endpoint)
        try:
            with ArtifactWriter(config.path(stage), key=key) as writer:
                return await run_units(
                    units,
                    make_process(engine),
                    writer,
                    unit_key=key,
                    concurrency=max(1, endpoint.max_concurrency * 2),
                    desc=stage,
                )
        finally:
            print(engine.stats.summary(endpoint.name), file=sys.stderr)
            await engine.aclose()

    ledger = asyncio.run(run())
    _report(ledger, stage)
    return ledger


def ingest(config: PipelineConfig, source: str | Path) -> Ledger:
    """Reports (or Korean documents, ``kind="document"``) -> the reports artifact."""

    def to_record(report: Report) -> dict[str, Any]:
        named = {"source": normalise_source(config.source)} if config.source else {}
        return {**report.to_record(), "kind": config.kind, **named}

    config.workdir.mkdir(parents=True, exist_ok=True)
    ledger = write_reports(source, config.path("ingest"), to_record)
    _report(ledger, "ingest")
    return ledger


def translate(config: PipelineConfig) -> Ledger:
    reports = _inputs(config.path("ingest"), "translate")
    if config.translator == "transformers":
        translator = Seq2SeqTranslator(config.translator_model or "")
        with ArtifactWriter(config.path("translate"), key="id") as writer:
            ledger = asyncio.run(
                run_units(reports, make_translate(translator), writer, unit_key="id", concurrency=1, desc="translate")
            )
        _report(ledger, "translate")
        return ledger
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
        {i: r.get("findings", {}) for i, r in reports.items()}, FilterConfig(max_sentences=config.max_sentences)
    )
    with ArtifactWriter(config.path("filter"), key="qa_id") as writer:
        for _, kept in read_jsonl(config.path("filter")) if config.path("filter").exists() else []:
            answer_filter.remember(kept)
        for pair in pairs:
            if writer.is_done(pair["qa_id"]):
                writer.skip_done()
                continue
            record, reason = filter_pair(answer_filter, {**pair, "id": str(pair["id"])})
            if reason is None:
                writer.write(record)
            else:
                writer.reject(record, reason, where=pair["qa_id"])
    _report(writer.ledger, "filter")
    return writer.ledger


def build(config: PipelineConfig, overwrite: bool = False) -> dict[str, int]:
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
    ingest(config, source)
    translate(config)
    questions(config)
    answers(config)
    filter_answers(config)
    return build(config, overwrite=True)
