"""Publish a dataset folder (parquet + README card) built by datasets_builder to the Hub.

    python hub_scripts/push_dataset.py outputs/ko-rad-instruct/dataset --repo-id org/ko-rad-instruct --dry-run

The card must parse and have license, language and configs; the upload never includes caches,
ledgers or quarantine files. The token comes from HF_TOKEN or `hf auth login`. Afterwards
`load_dataset("org/ko-rad-instruct")` loads it.
"""

from korad.hub.cards import check_dataset
from korad.hub.publish import folder_script


def main(argv: list[str] | None = None) -> int:
    return folder_script(argv, __doc__, "dataset", check_dataset, "korad: dataset")


if __name__ == "__main__":
    raise SystemExit(main())
