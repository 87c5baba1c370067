"""Publish a dataset folder (parquet + README card) built by datasets_builder to the Hub.

    python hub_scripts/push_dataset.py outputs/ko-rad-instruct/dataset --repo-id org/ko-rad-instruct --dry-run

The card must parse and have license, language and configs; the upload never includes caches,
ledgers or quarantine files. The token comes from HF_TOKEN or `hf auth login`. Afterwards
`load_dataset("org/ko-rad-instruct")` loads it.

The same command as `korad publish dataset` (`python hub_scripts/push_dataset.py --help`).
"""

from korad.commands.publish import dataset as command


def main(argv: list[str] | None = None) -> int:
    return command(argv, prog="python hub_scripts/push_dataset.py")


if __name__ == "__main__":
    raise SystemExit(main())
