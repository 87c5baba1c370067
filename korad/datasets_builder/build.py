"""Build stage: accepted QA pairs -> a Hub-ready dataset folder (parquet under data/ + README card).

Rows are split into train and test by report id (a hash of the id, so a report never appears in
both splits and the split does not move when data is added), and carry chat ``messages`` built
with the one shared prompt. ``datasets.load_dataset(folder)`` loads the folder; pushed to the Hub,
``load_dataset("org/ko-rad-instruct")`` does.
"""

from __future__ import annotations

import hashlib
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

from korad.artifacts import InputError, complete_records, read_jsonl
from korad.datasets_builder.card import render_card
from korad.lineage import UNKNOWN_SOURCE, normalise_source
from korad.local_data import write_parquet
from korad.prompts import PROMPT_VERSION, chat_messages

ROW_FIELDS = ("qa_id", "id", "source", "task", "report", "question", "answer", "messages", "split")


def split_of(report_id: str, test_size: float) -> str:
    """ "test" for a stable ``test_size`` share of report ids, "train" for the rest."""
    digest = int(hashlib.sha256(str(report_id).encode()).hexdigest()[:12], 16) / 16**12
    return "test" if digest < test_size else "train"


def dataset_rows(
    pairs: list[dict[str, Any]],
    reports: dict[str, dict[str, Any]],
    report_text: str = "original",
    test_size: float = 0.1,
) -> list[dict[str, Any]]:
    """One row per accepted pair, sorted by ``qa_id``; ``report_text`` picks original or Korean text."""
    ids = sorted({p["id"] for p in pairs})
    splits = {i: split_of(i, test_size) for i in ids}
    if test_size > 0 and len(ids) > 1 and "test" not in splits.values():
        splits[min(ids, key=lambda i: hashlib.sha256(str(i).encode()).hexdigest())] = "test"
    rows = []
    for pair in sorted(pairs, key=lambda p: p["qa_id"]):
        report = reports[pair["id"]]
        text = report.get("text_ko") if report_text == "korean" else report["text"]
        rows.append(
            {
                "qa_id": pair["qa_id"],
                "id": str(pair["id"]),
                "source": normalise_source(report.get("source") or UNKNOWN_SOURCE),
                "task": pair["task"],
                "report": text,
                "question": pair["question"],
                "answer": pair["answer"],
                "messages": chat_messages(text, pair["question"], answer=pair["answer"]),
                "split": splits[pair["id"]],
            }
        )
    return rows


def quarantine_counts(workdir: Path) -> dict[str, Counter[str]]:
    """Reject reasons per stage, read from the quarantine files of a pipeline work folder."""
    counts = {}
    for path in sorted(workdir.glob("*.quarantine.jsonl")):
        counts[path.name.split(".")[0]] = Counter(r["reason"] for _, r in complete_records(path))
    return counts


def build_dataset(
    filtered: str | Path,
    reports_path: str | Path,
    output_dir: str | Path,
    *,
    report_text: str = "original",
    test_size: float = 0.1,
    license: str = "other",
    pretty_name: str = "ko-rad-instruct",
    overwrite: bool = False,
    workdir: str | Path | None = None,
) -> dict[str, int]:
    """Write the dataset folder; returns the row count of each split."""
    import datasets

    output_dir = Path(output_dir)
    if output_dir.exists() and any(output_dir.iterdir()):
        if not overwrite:
            raise InputError(output_dir, "dataset folder exists and is not empty; pass --overwrite to rebuild it")
        shutil.rmtree(output_dir)
    reports = {str(r["id"]): r for _, r in read_jsonl(reports_path)}
    pairs = [p for _, p in read_jsonl(filtered) if p.get("accepted", True)]
    for pair in pairs:
        pair["id"] = str(pair["id"])
        if pair["id"] not in reports:
            raise InputError(filtered, f"qa_id {pair['qa_id']}: report {pair['id']!r} is not in {reports_path}")
    rows = dataset_rows(pairs, reports, report_text, test_size)
    if not rows:
        raise InputError(filtered, "no accepted QA pairs to build a dataset from")

    data_dir = output_dir / "data"
    data_dir.mkdir(parents=True)
    sizes, files = {}, {}
    for split in ("train", "test"):
        split_rows = [r for r in rows if r["split"] == split]
        if split_rows:
            files[split] = "data/" + write_parquet(datasets.Dataset.from_list(split_rows), data_dir, split)
            sizes[split] = len(split_rows)

    stats = {
        "sizes": sizes,
        "files": files,
        "reports": len({r["id"] for r in rows}),
        "tasks": Counter(r["task"] for r in rows),
        "sources": Counter(r["source"] for r in rows),
        "teachers": sorted(
            {f"{p['teacher']['model']} ({p['teacher']['endpoint']})" for p in pairs if "teacher" in p}
            | {
                f"{p['answer_teacher']['model']} ({p['answer_teacher']['endpoint']})"
                for p in pairs
                if "answer_teacher" in p
            }
        ),
        "translators": sorted(
            {
                str(r["translation"]["model"])
                for r in reports.values()
                if r.get("translation", {}).get("engine") not in (None, "none")
            }
        ),
        "generation_prompt": sorted({p.get("prompt_version", "?") for p in pairs}),
        "chat_prompt": PROMPT_VERSION,
        "rejects": quarantine_counts(Path(workdir)) if workdir else {},
        "report_text": report_text,
    }
    (output_dir / "README.md").write_text(render_card(stats, license, pretty_name), encoding="utf-8")
    return sizes
