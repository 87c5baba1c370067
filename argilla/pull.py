"""Pull the reviewers' verdicts from Argilla: a table per reviewer, agreement figures, the reviewed split.

    export ARGILLA_API_URL=... ARGILLA_API_KEY=...
    python argilla/pull.py --name ko-rad-review --output outputs/review \
        --export-to outputs/ko-rad-instruct/dataset

Writes OUTPUT/responses.parquet (one row per record and reviewer, submitted responses only),
OUTPUT/judge_human.csv (per criterion: quadratic-weighted Cohen's kappa and Spearman between the
judge's suggestions and the reviewers) and OUTPUT/human_human.csv (per criterion and reviewer pair).
--export-to adds the accepted answers, corrections applied, to the dataset folder as the config
`reviewed` (load_dataset(folder, "reviewed")), ready for hub_scripts/push_dataset.py.

The same command as `korad review pull` (`python argilla/pull.py --help`).
"""

from korad.commands.review import pull as command


def main(argv: list[str] | None = None) -> int:
    return command(argv, prog="python argilla/pull.py")


if __name__ == "__main__":
    raise SystemExit(main())
