"""The preference dataset folder: configs ``dpo`` (prompt/chosen/rejected) and ``kto``
(prompt/completion/label) in TRL's conversational format, split by report like the SFT data.

``datasets.load_dataset(folder, "dpo")`` loads it. ``load_preferences`` is what the trainers
read: it refuses a dataset whose rows cannot be preferences (a missing column or value, an answer
preferred to itself, a pair whose two sides answer different prompts).
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

from korad.datasets_builder.build import split_of
from korad.errors import InputError
from korad.preference.pairs import SOURCES, Decisions
from korad.prompts import PROMPT_VERSION

COLUMNS = {"dpo": ("prompt", "chosen", "rejected"), "kto": ("prompt", "completion", "label")}
"""The columns TRL's DPOTrainer and KTOTrainer read, per config."""


def _card(sizes: dict[str, dict[str, int]], decisions: Decisions, details: dict[str, Any], license: str) -> str:
    configs = [
        {
            "config_name": config,
            "data_files": [{"split": split, "path": f"data/{config}/{split}-*.parquet"} for split in sorted(splits)],
        }
        for config, splits in sizes.items()
    ]
    meta = {
        "language": ["ko"],
        "license": license,
        "tags": ["korad", "dpo", "kto", "preference", "radiology", "chest-x-ray", "korean", "medical"],
        "task_categories": ["text-generation"],
        "configs": configs,
    }

    def by_source(rows: list[dict[str, Any]]) -> str:
        counts = Counter(row["source"] for row in rows)
        return "\n".join(f"| {source} | {counts.get(source, 0)} |" for source in SOURCES)

    kto_labels = Counter(row["label"] for row in decisions.kto)
    undecided = "\n".join(f"| {reason} | {n} |" for reason, n in sorted(decisions.undecided.items())) or "| none | 0 |"
    split_rows = "\n".join(
        f"| {config} | {split} | {n} |" for config, splits in sizes.items() for split, n in sorted(splits.items())
    )
    body = f"""
# korad preference data

Preferences between answers to questions about chest X-ray reports, for TRL's `DPOTrainer` (config
`dpo`: `prompt`, `chosen`, `rejected`) and `KTOTrainer` (config `kto`: `prompt`, `completion`,
`label`), in the conversational format: the prompt is korad's chat prompt `{PROMPT_VERSION}`
(`korad.prompts.chat_messages`), the same messages as the SFT data. Rows are split by report id
(a report is never in both splits).

Answers sampled from: {", ".join(details.get("candidates", [])) or "unknown"}. Judge: {details.get("judge") or "none"}.

## How each pair was decided

A reviewer's choice in the pairwise Argilla review overrides the grounding check (an answer that
contradicts its report, or that reviewers flagged with a clinical error, loses to any answer that
does not), which overrides the LLM judge's pairwise verdict (asked in both orders).

| source of the verdict | DPO pairs |
|---|---|
{by_source(decisions.dpo)}

| source of the label | KTO rows |
|---|---|
{by_source(decisions.kto)}

KTO labels: {kto_labels.get(True, 0)} desirable, {kto_labels.get(False, 0)} undesirable.

Pairs without a preference:

| reason | pairs |
|---|---|
{undecided}

## Splits

| config | split | rows |
|---|---|---|
{split_rows}

## Limitations

Answers come from a model being trained and verdicts from a rule-based check, an LLM judge and a few
reviewers: preferences can be wrong. Not for clinical use.
"""
    import yaml

    return f"---\n{yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)}---\n{body}"


def write_preferences(
    decisions: Decisions,
    output_dir: str | Path,
    *,
    test_size: float = 0.1,
    license: str = "other",
    details: dict[str, Any] | None = None,
    overwrite: bool = False,
) -> dict[str, dict[str, int]]:
    """Write the folder (parquet per config and split, README card); returns the row counts."""
    import datasets

    output_dir = Path(output_dir)
    if not decisions.dpo and not decisions.kto:
        raise InputError(output_dir, "no decided preferences to write (every pair was a tie or undecided)")
    if output_dir.exists() and any(output_dir.iterdir()):
        if not overwrite:
            raise InputError(output_dir, "folder exists and is not empty; pass --overwrite to rebuild it")
        shutil.rmtree(output_dir)
    sizes: dict[str, dict[str, int]] = {}
    for config, rows in (("dpo", decisions.dpo), ("kto", decisions.kto)):
        for split in ("train", "test"):
            part = [{**row, "split": split} for row in rows if split_of(row["id"], test_size) == split]
            if part:
                folder = output_dir / "data" / config
                folder.mkdir(parents=True, exist_ok=True)
                datasets.Dataset.from_list(part).to_parquet(str(folder / f"{split}-00000-of-00001.parquet"))
                sizes.setdefault(config, {})[split] = len(part)
    (output_dir / "README.md").write_text(_card(sizes, decisions, details or {}, license), encoding="utf-8")
    (output_dir / "verdicts.json").write_text(json.dumps(verdict_counts(decisions), indent=2), encoding="utf-8")
    return sizes


def verdict_counts(decisions: Decisions) -> dict[str, dict[str, int]]:
    """DPO pairs and KTO rows by source of the verdict, and undecided pairs by reason."""
    return {
        "dpo": dict(Counter(r["source"] for r in decisions.dpo)),
        "kto": dict(Counter(r["source"] for r in decisions.kto)),
        "undecided": dict(decisions.undecided),
    }


def _turns(value: Any) -> list[dict[str, Any]] | None:
    return [dict(m) for m in value] if isinstance(value, list) and all(isinstance(m, dict) for m in value) else None


def _split_prompt(value: Any) -> tuple[list[dict[str, Any]], Any]:
    """(the leading non-assistant turns, the rest) of a conversational value; ([], value) for text."""
    turns = _turns(value)
    if turns is None:
        return [], value
    cut = next((i for i, m in enumerate(turns) if m.get("role") == "assistant"), len(turns))
    return turns[:cut], turns[cut:]


def _empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    turns = _turns(value)
    if turns is not None:
        return not turns or all(not str(m.get("content") or "").strip() for m in turns)
    return False


def check_rows(dataset, config: str, where: str) -> None:
    """Refuse rows that cannot be preferences, naming the first bad row (``InputError``)."""
    columns = COLUMNS[config]
    missing = [c for c in columns if c not in dataset.column_names]
    if missing:
        raise InputError(
            where,
            f"not a {config} preference dataset: missing column(s) {', '.join(missing)} "
            f"(has {', '.join(dataset.column_names)}; needs {', '.join(columns)})",
        )
    for index, row in enumerate(dataset):
        name = f"row {index}" + (f" (qa_id {row['qa_id']})" if row.get("qa_id") else "")
        for column in columns:
            if column != "label" and _empty(row[column]):
                raise InputError(where, f"{name}: missing {column!r}")
        if config == "kto":
            if not isinstance(row["label"], bool):
                raise InputError(where, f"{name}: 'label' must be true or false, got {row['label']!r}")
            continue
        chosen_prompt, chosen = _split_prompt(row["chosen"])
        rejected_prompt, rejected = _split_prompt(row["rejected"])
        if chosen_prompt != rejected_prompt:
            raise InputError(where, f"{name}: 'chosen' and 'rejected' answer different prompts")
        if chosen == rejected:
            raise InputError(where, f"{name}: 'chosen' and 'rejected' are identical")


def load_preferences(source: str, config: str, split: str = "train"):
    """The ``split`` of ``config`` ("dpo" or "kto") of a preference dataset folder or Hub id (or the
    rows of one JSON Lines / parquet file), checked with ``check_rows``."""
    from datasets import load_dataset

    if config not in COLUMNS:
        raise InputError(source, f"unknown preference config {config!r} (choose dpo or kto)")
    if not Path(source).exists() and "/" not in source:
        raise InputError(source, "neither a local folder nor a Hub id (org/name)")
    path = Path(source)
    builder = {".jsonl": "json", ".json": "json", ".parquet": "parquet", ".csv": "csv"}.get(path.suffix.lower())
    try:
        if path.is_file() and builder:  # one file of rows, e.g. preferences made elsewhere
            dataset = load_dataset(builder, data_files=str(path), split="train")
        else:
            dataset = load_dataset(source, name=config, split=split)
    except Exception as error:  # datasets raises many kinds for a missing config, split or folder
        raise InputError(source, f"cannot load config {config!r}, split {split!r}: {error}") from None
    check_rows(dataset, config, f"{source} [{config}/{split}]")
    return dataset
