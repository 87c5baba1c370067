"""The stages wired together: each reads one artifact of a work folder and writes the next.

    workdir/reports.jsonl -> translated.jsonl -> questions.jsonl -> answers.jsonl -> filtered.jsonl
           -> dataset/ (parquet + README.md);  rejects: <stage>.quarantine.jsonl;  cache/<endpoint>.sqlite

Every stage resumes: run it again (or ``all``) after a crash and it continues where it stopped,
without sending a request whose answer is already in the cache. ``limit`` keeps a stage to the
first N reports of ``reports.jsonl`` (input order) and what is made from them; a later run without
it continues with the rest. ``plan`` is the dry run: the requests every stage would send.
"""

from __future__ import annotations

import itertools
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from korad.artifacts import InputError, Ledger, complete_records, read_jsonl
from korad.config import existing_file, require
from korad.cost import StagePlan, limit_note, plan_stage
from korad.datasets_builder.answers import make_answers
from korad.datasets_builder.build import build_dataset
from korad.datasets_builder.filters import AnswerFilter, FilterConfig, filter_pair
from korad.datasets_builder.prompts import DEFAULT_TASK_WEIGHTS, SEED_QUESTIONS, TASKS
from korad.datasets_builder.questions import choose_tasks, make_questions
from korad.datasets_builder.translate import EndpointTranslator, Seq2SeqTranslator, make_translate, needs_translation
from korad.endpoints import Endpoint, EndpointConfig, load_endpoints
from korad.engine import RequestEngine
from korad.errors import ConfigError
from korad.lineage import normalise_source, sources_of
from korad.lock import workdir_lock
from korad.reports import Report, read_reports, write_reports
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


def _first_reports(config: PipelineConfig, limit: int | None) -> set[str] | None:
    """The ids of the first ``limit`` reports of the reports artifact (None: no limit)."""
    if limit is None:
        return None
    ids = [str(r["id"]) for r in _inputs(config.path("ingest"), "limited")]
    return set(ids[:limit])


def _limited(
    config: PipelineConfig, stage: str, units: list[dict[str, Any]], limit: int | None
) -> list[dict[str, Any]]:
    """The units of the first ``limit`` reports (all without a limit); says so when it keeps fewer."""
    ids = _first_reports(config, limit)
    if ids is None:
        return units
    kept = [unit for unit in units if str(unit["id"]) in ids]
    note = limit_note(limit, f"{stage} units (those of the first {len(ids)} reports)", len(kept), len(units))
    print(f"{stage}: {note}", file=sys.stderr)
    return kept


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


def _report_record(config: PipelineConfig, report: Report) -> dict[str, Any]:
    named = {"source": normalise_source(config.source)} if config.source else {}
    return {**report.to_record(), "kind": config.kind, **named}


def ingest(config: PipelineConfig, source: str | Path, limit: int | None = None) -> Ledger:
    """Reports (or Korean documents, ``kind="document"``) -> the reports artifact (the first ``limit``)."""

    def to_record(report: Report) -> dict[str, Any]:
        return _report_record(config, report)

    config.workdir.mkdir(parents=True, exist_ok=True)
    if limit is not None:
        print(f"ingest: {limit_note(limit, 'reports of the input', limit)}", file=sys.stderr)
    return write_reports(
        source,
        config.path("ingest"),
        to_record,
        max_failed_fraction=config.max_failed_fraction,
        stage="ingest",
        limit=limit,
    )


def translate(config: PipelineConfig, limit: int | None = None) -> Ledger:
    reports = _limited(config, "translate", _inputs(config.path("ingest"), "translate"), limit)
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


def questions(config: PipelineConfig, limit: int | None = None) -> Ledger:
    reports = _limited(config, "questions", _inputs(config.path("translate"), "questions"), limit)
    return _requests_stage(
        config,
        "questions",
        reports,
        config.endpoint_config().get(config.teacher),
        lambda engine: make_questions(engine, config.questions_per_report, config.task_weights, config.seed),
        "id",
    )


def answers(config: PipelineConfig, limit: int | None = None) -> Ledger:
    reports = {str(r["id"]): r for r in _inputs(config.path("translate"), "answers")}
    items = _limited(config, "answers", _inputs(config.path("questions"), "answers"), limit)
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


def filter_answers(config: PipelineConfig, limit: int | None = None) -> Ledger:
    reports = {str(r["id"]): r for r in _inputs(config.path("translate"), "filter")}
    pairs = _limited(config, "filter", _inputs(config.path("answers"), "filter"), limit)
    pairs.sort(key=lambda p: p["qa_id"])
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


def run_all(config: PipelineConfig, source: str | Path, limit: int | None = None) -> dict[str, int]:
    """Every stage in order (on the first ``limit`` reports); the dataset folder is rebuilt from the
    artifacts at the end."""
    config.check(list(STAGES))
    with workdir_lock(config.workdir):
        ingest(config, source, limit)
        translate(config, limit)
        questions(config, limit)
        answers(config, limit)
        filter_answers(config, limit)
        return build(config, overwrite=True)


# ---------------------------------------------------------------- the dry run


def _done_keys(path: Path, key: str) -> set[Any]:
    """The keys already in an artifact, read without repairing it (a dry run writes nothing)."""
    done = set()
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(record, dict) and key in record:
                done.add(record[key])
    return done


def _reports_by_id(*groups: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Reports by id, a later group's record replacing an earlier one's (a translation its report)."""
    return {str(r["id"]): r for group in groups for r in group}


def _records(path: Path) -> list[dict[str, Any]]:
    return [record for _, record in read_jsonl(path)] if path.exists() else []


def plan(
    config: PipelineConfig,
    stages: list[str],
    source: str | Path | None = None,
    limit: int | None = None,
    expected_output_tokens: dict[str, int] | None = None,
) -> tuple[list[StagePlan], str | None]:
    """The requests ``stages`` would send, per stage and endpoint, and the limit's note; sends and writes nothing.

    Each stage counts the units it would process: those of its input artifact not yet in its output
    and, when the stage before it runs in the same call, the units that stage will make (planned:
    questions from ``questions_per_report``, each stood in by a seed question of its task).
    """
    plans: list[StagePlan] = []
    reports = _records(config.path("ingest"))
    if "ingest" in stages:
        if source is None:
            raise InputError("--input", "the ingest stage needs the reports to read (--input FILE)")
        known = {str(r["id"]) for r in reports}
        read = list(itertools.islice(read_reports(source), limit))
        new = [
            {  # what the requests carry; a dry run does not label the reports
                "id": item.id,
                "source": normalise_source(config.source or item.source),
                "language": item.language,
                "text": item.text,
                "kind": config.kind,
            }
            for item in read
            if isinstance(item, Report) and item.id not in known
        ]
        plans.append(StagePlan("ingest", None, units=len(read), notes=[f"{len(new):,} new reports"]))
        reports += new
    elif not reports and set(stages) & {"translate", "questions", "answers", "filter"}:
        _inputs(config.path("ingest"), stages[0])  # the error the stage itself would give
    if limit is not None:
        ids = [str(r["id"]) for r in reports]
        selected = set(ids[:limit])
        note = limit_note(limit, "reports", len(selected), None if "ingest" in stages else len(ids))
    else:
        selected, note = None, None
    reports = [r for r in reports if selected is None or str(r["id"]) in selected]
    mine = {str(r["id"]) for r in reports}
    endpoints = config.endpoint_config() if set(stages) & {"translate", "questions", "answers"} else None
    translated_output: dict[str, int] = {}

    def planned(stage: str, endpoint: Endpoint, units: list[dict[str, Any]], make_process, **extra) -> StagePlan:
        assert endpoints is not None
        endpoints.policy.check_endpoint(endpoint, sources_of(units), stage)
        result = plan_stage(stage, endpoint, units, make_process, expected_output_tokens, **extra)
        plans.append(result)
        return result

    translated = [r for r in _records(config.path("translate")) if str(r["id"]) in mine]
    if "translate" in stages:
        done = _done_keys(config.path("translate"), "id")
        units = [r for r in reports if r["id"] not in done]
        if config.translator == "transformers":
            plans.append(StagePlan("translate", None, units=len(units), notes=["a local transformers model"]))
        else:
            assert endpoints is not None
            endpoint = endpoints.get(config.translator_endpoint or config.teacher)
            sent = [r for r in units if needs_translation(r)]
            endpoints.policy.check_endpoint(endpoint, sources_of(sent), "translate")
            result = plan_stage(
                "translate",
                endpoint,
                units,
                lambda engine: make_translate(EndpointTranslator(engine)),
                expected_output_tokens,
                unit_key=lambda r: str(r["id"]),
            )
            plans.append(result)
            translated_output = {i: n for i, n in result.unit_output.items() if n}
    elif set(stages) & {"questions", "answers"}:
        translated = [r for r in _inputs(config.path("translate"), stages[0]) if str(r["id"]) in mine]
    asked_reports = {str(q["id"]) for q in _records(config.path("questions"))}
    if "questions" in stages:
        assert endpoints is not None
        by_id = _reports_by_id(reports if "translate" in stages else [], translated)
        units = [r for i, r in by_id.items() if i not in asked_reports]
        waiting = sum(1 for r in units if str(r["id"]) in translated_output)
        planned(
            "questions",
            endpoints.get(config.teacher),
            units,
            lambda engine: make_questions(engine, config.questions_per_report, config.task_weights, config.seed),
            extra_input=lambda r: translated_output.get(str(r["id"]), 0),
            notes=[f"{waiting:,} of them not translated yet: their Korean counted as the translate output estimate"]
            if waiting
            else [],
        )
    if "answers" in stages:
        assert endpoints is not None
        by_report = _reports_by_id(reports if "translate" in stages else [], translated)
        done = _done_keys(config.path("answers"), "qa_id")
        asked = [q for q in _records(config.path("questions")) if str(q["id"]) in mine and q["qa_id"] not in done]
        if not asked and "questions" not in stages:
            _inputs(config.path("questions"), "answers")
        future = []
        if "questions" in stages:
            for report_id, report in by_report.items():
                if report_id in asked_reports:
                    continue
                tasks = choose_tasks(report_id, config.questions_per_report, config.task_weights, config.seed)
                future += [
                    {
                        "id": report_id,
                        "qa_id": f"{report_id}-q{i}",
                        "question": SEED_QUESTIONS[task][0],
                        "kind": report.get("kind", "report"),
                        "source": report.get("source", "unknown"),
                    }
                    for i, task in enumerate(tasks)
                ]
        notes = (
            [
                f"{len(future):,} of them planned: questions_per_report={config.questions_per_report} for each report "
                "not asked yet, each stood in by a seed question of its task"
            ]
            if future
            else []
        )
        planned(
            "answers",
            endpoints.get(config.teacher),
            [*asked, *future],
            lambda engine: make_answers(engine, by_report, config.max_sentences),
            notes=notes,
        )
    return plans, note
