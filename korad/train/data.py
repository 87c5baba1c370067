"""Training data: a Hub id, a local dataset folder, or a weighted mixture, as chat ``messages``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from datasets import Dataset, DatasetDict, load_dataset

from korad.errors import InputError, KoradError
from korad.lineage import UNKNOWN_SOURCE, normalise_source
from korad.local_data import load_any_dataset
from korad.prompts import as_data, chat_messages


class DataError(KoradError, ValueError):
    """A dataset that cannot be trained on; the message names it and what is wrong (exit code 2)."""

    exit_code = 2


def _inert_turn(message: dict[str, Any]) -> dict[str, Any]:
    content = message.get("content")
    if message.get("role") == "system" or not isinstance(content, str):
        return message
    return {**message, "content": as_data(content, fences=False)}


def _with_messages(dataset: Dataset, name: str) -> Dataset:
    """Only a ``messages`` column: kept where a row has it (control tokens in any text turn made inert:
    it may have been built elsewhere), built from ``question``/``answer`` (+ ``report``) with the one
    shared prompt (docs/architecture.md) where it does not (a mixture may hold both kinds)."""
    columns = set(dataset.column_names)
    buildable = {"question", "answer"} <= columns
    if "messages" not in columns and not buildable:
        raise DataError(
            f"dataset {name!r} has no 'messages' column (nor 'question' and 'answer' to build it from); "
            f"its columns are: {', '.join(sorted(columns))}"
        )
    if not buildable:
        return dataset.select_columns(["messages"]).map(
            lambda row: {"messages": [_inert_turn(m) for m in row["messages"]]}
        )

    def messages(row: dict[str, Any]) -> dict[str, Any]:
        if row.get("messages"):
            return {"messages": [_inert_turn(m) for m in row["messages"]]}
        if not (row.get("question") and row.get("answer")):
            raise DataError(f"dataset {name!r}: a row has neither 'messages' nor 'question' and 'answer'")
        return {"messages": chat_messages(row.get("report"), row["question"], answer=row["answer"])}

    return dataset.map(messages, remove_columns=dataset.column_names)


def _load(path: str, split: str, config: str | None = None, data_files: Any = None) -> Dataset:
    """One split of a dataset; a local folder is read as it is now (``load_any_dataset``)."""
    try:
        if data_files is None:
            return load_any_dataset(path, config, split)
        return load_dataset(path, name=config, data_files=data_files, split=split)
    except InputError as error:
        raise DataError(str(error)) from None
    except FileNotFoundError as error:
        raise DataError(f"dataset {path!r} not found ({error})") from None
    except ValueError as error:
        raise DataError(f"dataset {path!r}: {error}") from None


def load_training_data(script_args: Any, dataset_args: Any, seed: int = 42) -> DatasetDict:
    """Train (and test, when there is one) splits with a ``messages`` column.

    A mixture (``datasets:`` in the recipe) is loaded by TRL's own ``get_dataset``, so every key
    means what TRL says: ``fraction`` is a dataset's target share of the final mixture (fractions
    are normalised to sum to one and the mixture is as large as it can be without repeating rows;
    the first rows of each dataset are kept), ``columns`` selects columns, and ``test_split_size``
    splits a test set off the mixture. ``seed`` is unused there (TRL takes the first rows).
    """
    train_split, test_split = script_args.dataset_train_split, script_args.dataset_test_split
    if dataset_args is not None and dataset_args.datasets:
        from trl import get_dataset

        try:
            mixture = get_dataset(dataset_args)
        except FileNotFoundError as error:
            raise DataError(f"a dataset of the mixture was not found ({error})") from None
        except ValueError as error:  # TRL's checks, and datasets whose columns do not line up
            raise DataError(
                f"dataset mixture: {error} (select the columns to mix, e.g. `columns: [messages]`)"
            ) from None
        names = ", ".join(spec.path for spec in dataset_args.datasets)
        renamed = {"train": train_split, "test": test_split}
        return DatasetDict({renamed.get(split, split): _with_messages(part, names) for split, part in mixture.items()})
    if not script_args.dataset_name:
        raise DataError("no dataset: give dataset_name (a Hub id or a local folder) or a `datasets:` mixture")
    name = script_args.dataset_name
    if not Path(name).exists() and "/" not in name:
        raise DataError(f"dataset {name!r} is neither a local folder nor a Hub id (org/name)")
    try:
        loaded = load_any_dataset(name, script_args.dataset_config)
    except InputError as error:
        raise DataError(str(error)) from None
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
