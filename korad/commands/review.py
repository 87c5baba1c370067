"""``korad review push|pull|agreement``: human review of answers in Argilla.

    export ARGILLA_API_URL=https://org-argilla.hf.space ARGILLA_API_KEY=...   # the key: never an argument
    korad review push --qa outputs/ko-rad-instruct/dataset --split test --name ko-rad-review
    korad review push --eval outputs/eval --name ko-rad-eval-review
    korad review pull --name ko-rad-review --output outputs/review --export-to outputs/ko-rad-instruct/dataset
    korad review agreement --folder outputs/review

push: QA pairs of datasets_builder (--qa, keyed by qa_id; --scores adds judge scores of those
answers) or every model's answer of an eval folder (--eval, model names hidden), with the judge's
scores as suggestions; pushing again updates the same records. pull: the submitted reviews
(responses.parquet, suggestions.parquet), agreement figures, and with --export-to the `reviewed`
config of the dataset. agreement: the agreement figures again from a pulled folder, no server.

The server: --api-url or ARGILLA_API_URL, either a local one (argilla/docker-compose.yaml,
http://localhost:6900) or a Hugging Face Space deployed with rg.Argilla.deploy_on_spaces; the key
only from ARGILLA_API_KEY (docs/review-server.md).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from korad.cli import dispatch, run
from korad.config import existing_file, parse, require
from korad.errors import ConfigError

DEFAULT_WORKSPACE = "argilla"
DEFAULT_REVIEW_FOLDER = Path("outputs/review")
API_URL_HELP = (
    "the Argilla server (default: ARGILLA_API_URL): http://localhost:6900 for argilla/docker-compose.yaml, "
    "https://<owner>-<name>.hf.space for a Space; the key comes from ARGILLA_API_KEY only"
)


@dataclass
class PushOptions:
    name: str = field(metadata={"help": "the Argilla dataset name"})
    qa: str | None = field(default=None, metadata={"help": "QA pairs: a ko-rad-instruct folder or Hub id"})
    eval: Path | None = field(default=None, metadata={"help": "an eval folder (table.parquet, scores.parquet)"})
    split: str = field(default="test", metadata={"help": "--qa: the split"})
    scores: Path | None = field(default=None, metadata={"help": "--qa: judge scores (scores.parquet) of these answers"})
    model: str = field(default="teacher", metadata={"help": "--qa: the model name of these answers in --scores"})
    limit: int | None = field(default=None, metadata={"help": "only the first N answers"})
    workspace: str = field(default=DEFAULT_WORKSPACE, metadata={"help": "the Argilla workspace"})
    min_submitted: int = field(default=2, metadata={"help": "reviews wanted per record"})
    api_url: str | None = field(default=None, metadata={"help": API_URL_HELP})

    def __post_init__(self) -> None:
        if (self.qa is None) == (self.eval is None):
            raise ConfigError("qa", self.qa, "give exactly one of --qa (QA pairs) and --eval (an eval folder)")
        existing_file("eval", self.eval)
        existing_file("scores", self.scores)
        require(self.limit is None or self.limit >= 1, "limit", self.limit, "at least 1")
        require(self.min_submitted >= 1, "min_submitted", self.min_submitted, "at least 1")


@dataclass
class PullOptions:
    name: str = field(metadata={"help": "the Argilla dataset name"})
    workspace: str = field(default=DEFAULT_WORKSPACE, metadata={"help": "the Argilla workspace"})
    output: Path = field(default=DEFAULT_REVIEW_FOLDER, metadata={"help": "folder of the pulled tables"})
    export_to: Path | None = field(
        default=None, metadata={"help": "a ko-rad-instruct folder to add the `reviewed` config to"}
    )
    api_url: str | None = field(default=None, metadata={"help": API_URL_HELP})

    def __post_init__(self) -> None:
        self.output = Path(self.output)
        existing_file("export_to", self.export_to)


@dataclass
class AgreementOptions:
    folder: Path = field(
        default=DEFAULT_REVIEW_FOLDER, metadata={"help": "a folder written by pull (responses, suggestions)"}
    )

    def __post_init__(self) -> None:
        self.folder = Path(self.folder)
        existing_file("folder", self.folder)


def push(argv: Sequence[str] | None = None, prog: str = "korad review push") -> int:
    def body() -> int:
        import pandas as pd

        from korad.review.connection import connect
        from korad.review.push import push_items
        from korad.review.records import items_from_dataset, items_from_eval

        (options,) = parse((PushOptions,), argv, prog=prog, description=__doc__)
        if options.qa:
            scores = pd.read_parquet(options.scores) if options.scores else None
            items = items_from_dataset(options.qa, options.split, scores, options.model, options.limit)
        else:
            items = items_from_eval(options.eval, options.limit)
        dataset = push_items(connect(options.api_url), items, options.name, options.workspace, options.min_submitted)
        suggested = sum(bool(item["suggestions"]) for item in items)
        print(f"pushed {len(items)} records ({suggested} with judge suggestions) to {options.workspace}/{dataset.name}")
        return 0

    return run(body, argv)


def pull(argv: Sequence[str] | None = None, prog: str = "korad review pull") -> int:
    def body() -> int:
        from korad.errors import InputError
        from korad.review.connection import connect
        from korad.review.export import export_reviewed, reviewed_rows
        from korad.review.responses import read_review
        from korad.review.schema import check_schema

        (options,) = parse((PullOptions,), argv, prog=prog, description=__doc__)
        client = connect(options.api_url)
        dataset = client.datasets(options.name, workspace=options.workspace)
        if dataset is None:
            raise InputError(f"argilla dataset {options.workspace}/{options.name}", "does not exist")
        check_schema(dataset, options.name)
        responses, suggestions, records = read_review(client, dataset)
        rows = reviewed_rows(responses, records) if options.export_to else []
        target = export_reviewed(rows, options.export_to) if options.export_to else None  # checks, then writes
        options.output.mkdir(parents=True, exist_ok=True)
        responses.to_parquet(options.output / "responses.parquet", index=False)
        suggestions.to_parquet(options.output / "suggestions.parquet", index=False)
        print(
            f"{len(responses)} submitted reviews by {responses['reviewer'].nunique()} reviewers "
            f"on {len(records)} records"
        )
        write_agreement(options.output, responses, suggestions)
        if target is not None:
            print(f"reviewed config: {len(rows)} accepted answers -> {target}")
        return 0

    return run(body, argv)


def agreement(argv: Sequence[str] | None = None, prog: str = "korad review agreement") -> int:
    def body() -> int:
        import pandas as pd

        from korad.errors import InputError

        (options,) = parse((AgreementOptions,), argv, prog=prog, description=__doc__)
        tables = {}
        for name in ("responses", "suggestions"):
            path = options.folder / f"{name}.parquet"
            if not path.exists():
                raise InputError(path, "missing: run `korad review pull` first")
            tables[name] = pd.read_parquet(path)
        write_agreement(options.folder, tables["responses"], tables["suggestions"])
        return 0

    return run(body, argv)


def write_agreement(folder: Path, responses, suggestions) -> None:
    """judge_human.csv and human_human.csv in ``folder``, printed too."""
    from korad.review.agreement import human_human, judge_human

    judged = judge_human(responses, suggestions)
    judged.to_csv(folder / "judge_human.csv", index=False)
    pairs = human_human(responses)
    pairs.to_csv(folder / "human_human.csv", index=False)
    print("judge vs reviewers:\n" + judged.drop(columns="warning").round(3).to_string(index=False))
    for row in judged.dropna(subset=["warning"]).itertuples():  # e.g. a judge that gives every answer one score
        print(f"warning: {row.criterion}: {row.warning}", file=sys.stderr)
    if len(pairs):
        print("reviewer vs reviewer:\n" + pairs.round(3).to_string(index=False))


ACTIONS = {"push": push, "pull": pull, "agreement": agreement}


def main(argv: Sequence[str] | None = None, prog: str = "korad review") -> int:
    """``korad review push|pull|agreement ...``."""
    return run(lambda: dispatch(ACTIONS, argv, prog, __doc__), argv)
