"""``korad preference sample|build|review-push|review-pull|measure``: the preference loop.

    korad preference sample --questions outputs/ko-rad-instruct/dataset --split train \\
        --models eval/recipes/preference_vs_sft.yaml --model sft --samples 4 --temperature 0.8
    korad preference build --samples outputs/preference/samples \\
        --endpoints eval/judge_endpoints.example.yaml --judge judge
    korad preference review-push --samples outputs/preference/samples --name ko-rad-pairs
    korad preference review-pull --samples outputs/preference/samples --name ko-rad-pairs
    korad preference build ... --overwrite          # again: the reviewers' choices now decide
    korad preference measure --folder outputs/eval-preference --sft sft --tuned dpo

sample: N answers per question from one model of a models YAML (eval's format), as a comparison
table. build: rejects answers that contradict their report, asks the judge about the remaining pairs
in both orders (cached: a rerun sends nothing), applies pulled reviews, and writes the dataset
(configs dpo and kto). review-push/review-pull: the pairs in Argilla (ARGILLA_API_URL and
ARGILLA_API_KEY from the environment; the data-use policy decides which server may see which rows).
measure: an SFT and a preference-tuned model in an eval folder (after ``korad compare`` and
``korad judge --pairwise SFT TUNED``).
"""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from korad.cli import dispatch, run
from korad.config import existing_file, parse, require
from korad.cost import ScaleOptions, print_plans
from korad.review.push import push_items

DEFAULT_SAMPLES = Path("outputs/preference/samples")
DEFAULT_WORKSPACE = "argilla"


@dataclass
class SampleOptions:
    questions: str = field(metadata={"help": "questions: a CSV, a ko-rad-instruct folder or a Hub id"})
    models: Path = field(metadata={"help": "models YAML (eval's format)"})
    model: str = field(metadata={"help": "the model of the YAML to sample from"})
    split: str = field(default="train", metadata={"help": "the dataset split"})
    limit: int | None = field(default=None, metadata={"help": "only the first N questions"})
    samples: int = field(default=4, metadata={"help": "answers per question"})
    temperature: float | None = field(default=None, metadata={"help": "sampling temperature (default: the YAML's)"})
    output: Path = field(default=DEFAULT_SAMPLES, metadata={"help": "folder of the sampled table"})

    def __post_init__(self) -> None:
        self.models, self.output = Path(self.models), Path(self.output)
        existing_file("models", self.models)
        require(self.limit is None or self.limit >= 1, "limit", self.limit, "at least 1")
        require(self.samples >= 2, "samples", self.samples, "at least 2 (pairs need two answers)")
        require(self.temperature is None or self.temperature >= 0, "temperature", self.temperature, "0 or more")


@dataclass
class PreferenceBuildOptions:
    samples: Path = field(metadata={"help": "the folder `sample` wrote"})
    endpoints: Path | None = field(default=None, metadata={"help": "YAML of named endpoints (without: no judge)"})
    judge: str = field(default="judge", metadata={"help": "the judge's endpoint name"})
    source: str = field(default="unknown", metadata={"help": "where the reports come from (data-use rules)"})
    output: Path = field(default=Path("outputs/preference/dataset"), metadata={"help": "the dataset folder"})
    test_size: float = field(default=0.1, metadata={"help": "share of reports in the test split"})
    license: str = field(default="other", metadata={"help": "the dataset card's license"})
    overwrite: bool = field(default=False, metadata={"help": "rebuild an existing dataset folder"})

    def __post_init__(self) -> None:
        self.samples, self.output = Path(self.samples), Path(self.output)
        existing_file("samples", self.samples)
        existing_file("endpoints", self.endpoints)
        require(0 <= self.test_size < 1, "test_size", self.test_size, "at least 0 and less than 1")


@dataclass
class PairPullOptions:
    samples: Path = field(metadata={"help": "the folder `sample` wrote"})
    name: str = field(metadata={"help": "the Argilla dataset name"})
    workspace: str = field(default=DEFAULT_WORKSPACE, metadata={"help": "the Argilla workspace"})

    def __post_init__(self) -> None:
        self.samples = Path(self.samples)
        existing_file("samples", self.samples)


@dataclass
class PairPushOptions(PairPullOptions):
    min_submitted: int = field(default=1, metadata={"help": "reviews wanted per pair"})
    judge_name: str = field(default="judge", metadata={"help": "the judge's name on its suggestions"})

    def __post_init__(self) -> None:
        super().__post_init__()
        require(self.min_submitted >= 1, "min_submitted", self.min_submitted, "at least 1")


@dataclass
class MeasureOptions:
    folder: Path = field(metadata={"help": "an eval folder (table.parquet, pairwise.jsonl)"})
    sft: str = field(metadata={"help": "the SFT model's name in the table"})
    tuned: str = field(metadata={"help": "the preference-tuned model's name in the table"})

    def __post_init__(self) -> None:
        self.folder = Path(self.folder)
        existing_file("folder", self.folder)


def _judge_endpoint(options: PreferenceBuildOptions, check_key: bool = True):
    """The judge's endpoint and the data-use policy of its file (None, None without ``--endpoints``)."""
    if options.endpoints is None:
        return None, None
    from korad.endpoints import load_endpoints
    from korad.lineage import sources_of

    config = load_endpoints(options.endpoints)
    endpoint = config.get(options.judge)
    config.policy.check_endpoint(endpoint, sources_of([{"source": options.source}]), "judge")
    if check_key:
        endpoint.api_key()  # a missing key fails here, before any request
    return endpoint, config.policy


def plan_build(options: PreferenceBuildOptions, scale: ScaleOptions) -> list:
    """The dry run of ``build``: the pairwise judgments the judge would be asked for (nothing sent or written)."""
    from korad.eval.compare import read_table
    from korad.eval.judge import plan_judge
    from korad.preference.verdicts import contradictions, pairs_to_judge

    endpoint, policy = _judge_endpoint(options, check_key=False)
    if endpoint is None:
        return []
    table = read_table(options.samples / "table.parquet").head(scale.limit)
    rejected = {key for key, found in contradictions(table).items() if found}
    return [
        plan_judge(
            table[table["qa_id"].isin(qa_ids)],
            endpoint,
            options.samples,
            (a, b),
            expected_output_tokens=scale.expected_output_tokens,
            policy=policy,
            default_source=options.source,
            stage=f"pairwise {a} vs {b}",
        )
        for (a, b), qa_ids in pairs_to_judge(table, rejected).items()
    ]


def sample(argv: Sequence[str] | None = None, prog: str = "korad preference sample") -> int:
    def body() -> int:
        from korad.eval.inputs import load_models, load_questions, select_models
        from korad.preference.candidates import sample_candidates

        (options,) = parse((SampleOptions,), argv, prog=prog, description=__doc__)
        spec = select_models(load_models(options.models), [options.model], str(options.models))[options.model]
        if options.temperature is not None:
            spec = dataclasses.replace(spec, temperature=options.temperature)
        questions = load_questions(options.questions, options.split, options.limit)
        table = sample_candidates(questions, spec, options.samples, options.output, options.model)
        print(f"{len(table)} questions x {options.samples} samples -> {options.output / 'table.parquet'}")
        return 0

    return run(body, argv)


def build(argv: Sequence[str] | None = None, prog: str = "korad preference build") -> int:
    def body() -> int:
        from korad.preference.build import build_preferences

        options, scale = parse((PreferenceBuildOptions, ScaleOptions), argv, prog=prog, description=__doc__)
        note = None
        if scale.limit is not None:
            note = (
                f"limit: the first {scale.limit} questions of the samples (--limit {scale.limit}); "
                "build again without --limit (with --overwrite) for all of them"
            )
        if scale.dry_run:
            print_plans(plan_build(options, scale), note)
            return 0
        if note:
            print(f"preference build: {note}", file=sys.stderr)
        result = build_preferences(
            options.samples,
            options.output,
            endpoint=_judge_endpoint(options)[0],
            test_size=options.test_size,
            license=options.license,
            overwrite=options.overwrite,
            limit=scale.limit,
        )
        print(json.dumps(result))
        return 0

    return run(body, argv)


def review_push(argv: Sequence[str] | None = None, prog: str = "korad preference review-push") -> int:
    def body() -> int:
        from korad.errors import InputError
        from korad.eval.compare import read_table
        from korad.preference.review import pair_items, pair_settings
        from korad.preference.verdicts import contradictions, read_judged
        from korad.review.connection import connect

        (options,) = parse((PairPushOptions,), argv, prog=prog, description=__doc__)
        table = read_table(options.samples / "table.parquet")
        judged = read_judged(options.samples / "pairwise.jsonl")
        items = pair_items(table, contradictions(table), judged, judge_name=options.judge_name)
        if not items:
            raise InputError(options.samples, "no pairs of different answers to review")
        push_items(connect(), items, options.name, options.workspace, options.min_submitted, settings=pair_settings)
        suggested = sum(bool(item["suggestions"]) for item in items)
        print(f"pushed {len(items)} pairs ({suggested} with a suggestion) to {options.workspace}/{options.name}")
        return 0

    return run(body, argv)


def review_pull(argv: Sequence[str] | None = None, prog: str = "korad preference review-pull") -> int:
    def body() -> int:
        from korad.artifacts import write_jsonl
        from korad.errors import InputError
        from korad.preference.build import REVIEWS_FILE
        from korad.preference.review import response_rows
        from korad.review.connection import connect

        (options,) = parse((PairPullOptions,), argv, prog=prog, description=__doc__)
        client = connect()
        dataset = client.datasets(options.name, workspace=options.workspace)
        if dataset is None:
            raise InputError(f"argilla dataset {options.workspace}/{options.name}", "does not exist")
        rows = response_rows(client, dataset)
        target = options.samples / REVIEWS_FILE
        write_jsonl(target, rows)
        print(f"{len(rows)} submitted review(s) -> {target}")
        return 0

    return run(body, argv)


def measure(argv: Sequence[str] | None = None, prog: str = "korad preference measure") -> int:
    def body() -> int:
        from korad.preference.measure import measure as compare
        from korad.preference.measure import render

        (options,) = parse((MeasureOptions,), argv, prog=prog, description=__doc__)
        result = compare(options.folder, options.sft, options.tuned)
        stem = options.folder / f"preference_{options.tuned}_vs_{options.sft}"
        stem.with_suffix(".json").write_text(json.dumps(result, indent=2), encoding="utf-8")
        text = render(result)
        stem.with_suffix(".md").write_text(text, encoding="utf-8")
        print(text)
        return 0

    return run(body, argv)


ACTIONS = {"sample": sample, "build": build, "review-push": review_push, "review-pull": review_pull, "measure": measure}


def main(argv: Sequence[str] | None = None, prog: str = "korad preference") -> int:
    return run(lambda: dispatch(ACTIONS, argv, prog, __doc__), argv)


if __name__ == "__main__":
    sys.exit(main())
