"""The ``reviewed`` config of the dataset: the answers reviewers accepted, with their corrections.

A record is accepted when more of its submitted verdicts say accept than reject; its answer is
replaced by the first non-empty correction of an accepting reviewer (by reviewer name). The rows
keep ko-rad-instruct's columns (``messages`` rebuilt with the shared prompt) and go to
``data/reviewed/train-00000-of-00001.parquet``, registered in the card as config ``reviewed``.
The parquet file is written to a temporary name and moved into place, and the card is updated
only after it: a failure leaves the folder as it was.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pandas as pd

from korad.artifacts import InputError
from korad.prompts import chat_messages
from korad.review.schema import CORRECTION, VERDICT

REVIEWED_PATH = "data/reviewed/train-00000-of-00001.parquet"


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
                "split": "reviewed",
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
    card = DatasetCard.load(readme)
    target = dataset_folder / REVIEWED_PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".parquet.partial")
    pd.DataFrame(rows).to_parquet(partial, index=False)
    os.replace(partial, target)
    configs = [c for c in (card.data.get("configs") or []) if c.get("config_name") != "reviewed"]
    configs.append(
        {"config_name": "reviewed", "data_files": [{"split": "train", "path": "data/reviewed/train-*.parquet"}]}
    )
    card.data["configs"] = configs
    card.save(readme)
    return target
