"""The ``reviewed`` config of the dataset: the answers reviewers accepted, with their corrections.

A record is accepted when more of its submitted verdicts say accept than reject; its answer is
replaced by the first non-empty correction of an accepting reviewer (by reviewer name). The rows
keep ko-rad-instruct's columns (``messages`` rebuilt with the shared prompt) and the split of the
item reviewed: a review of a test (or eval) item is a test row of the ``reviewed`` config, never a
training row. They go to ``data/reviewed/<split>-<hash>.parquet``, registered in the card as config
``reviewed``. The parquet files are written under new names first and the card is updated only
after them: a failure leaves the folder as it was.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from korad.artifacts import InputError
from korad.local_data import write_parquet
from korad.prompts import chat_messages
from korad.review.schema import CORRECTION, VERDICT

REVIEWED_DIR = "data/reviewed"


def reviewed_split(item_split: str | None) -> str:
    """The split of a reviewed row: train only for an item of the train split; test otherwise."""
    return "train" if item_split == "train" else "test"


def reviewed_rows(responses: pd.DataFrame, records: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """The accepted records as dataset rows (answer corrected where a reviewer corrected it)."""
    rows = []
    for record_id, group in responses.sort_values("reviewer").groupby("record_id", sort=True):
        verdicts = group[VERDICT].dropna().tolist()
        if verdicts.count("accept") <= verdicts.count("reject"):
            continue
        fields, metadata = records[record_id]["fields"], records[record_id]["metadata"]
        accepting = group[group[VERDICT] == "accept"]
        corrections = [c.strip() for c in accepting[CORRECTION].dropna() if str(c).strip()]
        answer = corrections[0] if corrections else fields["answer"]
        rows.append(
            {
                "qa_id": group["qa_id"].iloc[0],
                "id": str(group["qa_id"].iloc[0]).rsplit("-q", 1)[0],
                "task": metadata.get("task"),
                "report": fields["report"],
                "question": fields["question"],
                "answer": answer,
                "messages": chat_messages(fields["report"], fields["question"], answer=answer),
                "split": reviewed_split(metadata.get("split")),
                "corrected": bool(corrections),
                "reviewers": len(verdicts),
                "model": metadata.get("model"),
            }
        )
    return rows


def export_reviewed(rows: list[dict[str, Any]], dataset_folder: Path) -> Path:
    """Write the rows as the ``reviewed`` config of ``dataset_folder`` (its card must exist)."""
    from huggingface_hub import DatasetCard

    readme = dataset_folder / "README.md"
    if not readme.exists():
        raise InputError(dataset_folder, "not a dataset folder (no README.md card): build it with datasets_builder")
    if not rows:
        raise InputError("reviewed split", "no accepted answers to export (nothing was written)")
    import datasets

    card = DatasetCard.load(readme)
    folder = dataset_folder / REVIEWED_DIR
    old = set(folder.glob("*.parquet")) if folder.exists() else set()
    files = {}
    for split in sorted({row["split"] for row in rows}):
        part = datasets.Dataset.from_list([r for r in rows if r["split"] == split])
        files[split] = f"{REVIEWED_DIR}/{write_parquet(part, folder, split)}"
    configs = [c for c in (card.data.get("configs") or []) if c.get("config_name") != "reviewed"]
    configs.append({"config_name": "reviewed", "data_files": [{"split": s, "path": path} for s, path in files.items()]})
    card.data["configs"] = configs
    card.save(readme)
    for stale in old - {dataset_folder / path for path in files.values()}:
        stale.unlink()
    return folder
