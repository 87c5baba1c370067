"""Training data: a Hub id, a local dataset folder, or a weighted mixture, as chat ``messages``."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

from datasets import Dataset, DatasetDict, concatenate_datasets, load_dataset

from korad.lineage import UNKNOWN_SOURCE, normalise_source
from korad.prompts import as_data, chat_messages


class DataError(ValueError):
    """A dataset that cannot be trained on; the message names it and what is wrong."""


def _inert_turn(message: dict[str, Any]) -> dict[str, Any]:
    content = message.get("content")
    if message.get("role") == "system" or not isinstance(content, str):
        return message
    return {**message, "content": as_data(content, fences=False)}


def _with_messages(dataset: Dataset, name: str) -> Dataset:
    columns = set(dataset.column_names)
    if "messages" in columns:  # built elsewhere, maybe: control tokens in any text turn are made inert
        return dataset.select_columns(["messages"]).map(
            lambda row: {"messages": [_inert_turn(m) for m in row["messages"]]}
        )
    if {"question", "answer"} <= columns:  # build the turns with the one shared prompt (DESIGN.md §3)
        return dataset.map(
            lambda row: {"messages": chat_messages(row.get("report"), row["question"], answer=row["answer"])},
            remove_columns=dataset.column_names,
        )
    raise DataError(
        f"dataset {name!r} has no 'messages' column (nor 'question' and 'answer' to build it from); "
        f"its columns are: {', '.join(sorted(columns))}"
    )


def _load(path: str, split: str, config: str | None = None, data_files: Any = None) -> Dataset:
    try:
        loaded = load_dataset(path, name=config, data_files=data_files, split=split)
    except FileNotFoundError as error:
        raise DataError(f"dataset {path!r} not found ({error})") from None
    except ValueError as error:
        raise DataError(f"dataset {path!r}: {error}") from None
    return loaded


def load_training_data(script_args: Any, dataset_args: Any, seed: int = 42) -> DatasetDict:
    """Train (and test, when there is one) splits with a ``messages`` column.

    With a mixture (``datasets:`` in the recipe), each dataset's ``fraction`` is its weight: that
    share of its training rows is drawn (seeded) and the parts are concatenated and shuffled.
    """
    train_split, test_split = script_args.dataset_train_split, script_args.dataset_test_split
    if dataset_args is not None and dataset_args.datasets:
        parts, tests = [], []
        for spec in dataset_args.datasets:
            part = _with_messages(_load(spec.path, spec.split, spec.name, spec.data_files), spec.path)
            if spec.fraction is not None:
                if not 0 < spec.fraction <= 1:
                    raise DataError(f"dataset {spec.path!r}: fraction must be in (0, 1], got {spec.fraction}")
                part = part.shuffle(seed=seed).select(range(max(1, round(len(part) * spec.fraction))))
            parts.append(part)
            with contextlib.suppress(DataError, KeyError):
                tests.append(_with_messages(_load(spec.path, test_split, spec.name, spec.data_files), spec.path))
        result = DatasetDict({train_split: concatenate_datasets(parts).shuffle(seed=seed)})
        if tests:
            result[test_split] = concatenate_datasets(tests)
        return result
    if not script_args.dataset_name:
        raise DataError("no dataset: give dataset_name (a Hub id or a local folder) or a `datasets:` mixture")
    name = script_args.dataset_name
    if not Path(name).exists() and "/" not in name:
        raise DataError(f"dataset {name!r} is neither a local folder nor a Hub id (org/name)")
    try:
        loaded = load_dataset(name, name=script_args.dataset_config)
    except FileNotFoundError as error:
        raise DataError(f"dataset {name!r} not found ({error})") from None
    if train_split not in loaded:
        raise DataError(f"dataset {name!r} has no {train_split!r} split; it has: {', '.join(loaded)}")
    return DatasetDict({split: _with_messages(loaded[split], name) for split in loaded})


def training_lineage(script_args: Any, dataset_args: Any) -> tuple[list[str], list[str]]:
    """(datasets, sources) of a run: the datasets it trains on and the ``source`` values of their
    training rows (``unknown`` for a dataset without a ``source`` column), read from the data."""
    if dataset_args is not None and dataset_args.datasets:
        specs = [(d.path, d.split, d.name, d.data_files) for d in dataset_args.datasets]
    else:
        specs = [(script_args.dataset_name, script_args.dataset_train_split, script_args.dataset_config, None)]
    sources: set[str] = set()
    for path, split, config, data_files in specs:
        rows = _load(path, split, config, data_files)
        if "source" in rows.column_names:
            sources |= {normalise_source(s or UNKNOWN_SOURCE) for s in rows.unique("source")}
        else:
            sources.add(UNKNOWN_SOURCE)
    return [spec[0] for spec in specs], sorted(sources)
