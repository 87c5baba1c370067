"""``korad build [STAGE]``: build the Korean chest X-ray instruction dataset, stage by stage or all at once.

    korad build --config datasets_builder/recipes/sample_offline.yaml
    korad build all --input korad/data/sample_reports.jsonl \\
        --endpoints datasets_builder/endpoints.example.yaml --teacher teacher --workdir outputs/ko-rad

Stages: ingest, translate, questions, answers, filter, build (or all). Each reads the artifact the
stage before it wrote in --workdir and appends to its own; rerun after a crash to continue.
API keys come from the environment variables the endpoints file names, never from arguments.
--limit N keeps a run to the first N reports (and the questions and answers made from them);
--dry-run prints the requests, tokens, price and time per endpoint and sends nothing (docs/cost.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from korad.cli import run
from korad.config import existing_file, parse, require
from korad.cost import ScaleOptions, print_plans
from korad.errors import ConfigError

Stage = Literal["ingest", "translate", "questions", "answers", "filter", "build", "all"]


@dataclass
class BuildOptions:
    """Which stage to run and its inputs; everything else is ``PipelineConfig``."""

    stage: Stage = field(default="all", metadata={"help": "the stage to run (also the first argument)"})
    input: str | None = field(default=None, metadata={"help": "ingest/all: reports in any format korad reads"})
    overwrite: bool = field(default=False, metadata={"help": "build: replace an existing dataset folder"})

    def __post_init__(self) -> None:
        existing_file("input", self.input)
        if self.stage in ("ingest", "all") and not self.input:
            raise ConfigError("input", None, f"the {self.stage} stage needs the reports to read (--input FILE)")


def main(argv: Sequence[str] | None = None, prog: str = "korad build") -> int:
    def body() -> int:
        from korad.datasets_builder import pipeline

        options, config, scale = parse(
            (BuildOptions, pipeline.PipelineConfig, ScaleOptions),
            argv,
            prog=prog,
            description=__doc__,
            positional=("stage",),
        )
        stages = list(pipeline.STAGES) if options.stage == "all" else [options.stage]
        require(scale.limit is None or options.stage != "build", "limit", scale.limit, "not given to the build stage")
        scale.check_stages(s for s in ("translate", "questions", "answers") if s in stages)
        if scale.dry_run:
            plans, note = pipeline.plan(config, stages, options.input, scale.limit, scale.expected_output_tokens)
            print_plans(plans, note)
            return 0
        if options.stage == "all":
            pipeline.run_all(config, options.input, scale.limit)
            return 0
        config.check([options.stage])
        if options.stage == "ingest":
            pipeline.ingest(config, options.input, scale.limit)
        elif options.stage == "build":
            pipeline.build(config, overwrite=options.overwrite)
        else:
            {
                "translate": pipeline.translate,
                "questions": pipeline.questions,
                "answers": pipeline.answers,
                "filter": pipeline.filter_answers,
            }[options.stage](config, scale.limit)
        return 0

    return run(body, argv)
