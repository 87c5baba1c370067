"""Dataset folders on disk (data files + a README card): read as they are now, written so none collide.

``datasets.load_dataset(folder)`` caches a local folder under the folder's *name* and its card, so
two builds in ``A/dataset`` and ``B/dataset`` share one cache entry and the second load returns
the first one's rows. korad therefore never loads a folder by its path: ``load_local_dataset``
resolves the card's ``configs:`` (or datasets' default file patterns) to the files that are there
now and loads those files; datasets keys that cache by each file's path and modification time.

Files are written under a name that carries a hash of their content (``data/train-<hash>.parquet``)
and the card lists those exact names, so that even a plain ``load_dataset(folder)`` of another
build never finds this one in its cache.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

from korad.errors import InputError

_BUILDERS = {".parquet": "parquet", ".jsonl": "json", ".json": "json", ".csv": "csv"}


def write_parquet(dataset: Any, folder: Path, stem: str) -> str:
    """Write ``dataset`` (a ``datasets.Dataset``) as ``folder/<stem>-<content hash>.parquet``; its name."""
    folder.mkdir(parents=True, exist_ok=True)
    partial = folder / f"{stem}.parquet.partial"
    dataset.to_parquet(str(partial))
    digest = hashlib.sha256(partial.read_bytes()).hexdigest()[:16]
    target = folder / f"{stem}-{digest}.parquet"
    os.replace(partial, target)
    return target.name


def is_local(path: str | os.PathLike[str]) -> bool:
    return Path(path).is_dir()


def card_configs(folder: Path) -> list[dict[str, Any]]:
    """The ``configs:`` of a folder's README card (empty without a card or configs)."""
    from huggingface_hub import DatasetCard

    readme = folder / "README.md"
    if not readme.exists():
        return []
    configs = DatasetCard.load(readme).data.get("configs") or []
    return [c for c in configs if isinstance(c, dict)]


def data_files(folder: str | os.PathLike[str], config: str | None = None) -> dict[str, list[str]]:
    """{split: [absolute file, ...]} of one config of a local dataset folder, as they are now."""
    from datasets.data_files import DataFilesDict, get_data_patterns, sanitize_patterns

    folder = Path(folder).resolve()
    configs = card_configs(folder)
    if configs:
        names = [str(c.get("config_name", "default")) for c in configs]
        wanted = config or next((str(c["config_name"]) for c in configs if c.get("default")), None) or names[0]
        if wanted not in names:
            raise InputError(folder, f"no config {wanted!r}; the card defines: {', '.join(names)}")
        patterns = sanitize_patterns(configs[names.index(wanted)].get("data_files"))
    elif config not in (None, "default"):
        raise InputError(folder, f"no config {config!r}: the folder has no README card with configs")
    else:
        patterns = get_data_patterns(str(folder))
    try:
        resolved = DataFilesDict.from_patterns(patterns, base_path=str(folder))
    except FileNotFoundError as error:
        raise InputError(folder, f"data files missing: {error}") from None
    return {str(split): sorted(str(f) for f in files) for split, files in resolved.items() if files}


def load_local_dataset(folder: str | os.PathLike[str], config: str | None = None, split: str | None = None) -> Any:
    """A local dataset folder's ``DatasetDict`` (or one ``split``) read from the files there now."""
    import datasets

    files = data_files(folder, config)
    if not files:
        raise InputError(folder, "no data files")
    suffixes = {Path(f).suffix.lower() for paths in files.values() for f in paths}
    builders = {_BUILDERS.get(s) for s in suffixes}
    if len(builders) != 1 or None in builders:
        raise InputError(folder, f"cannot load data files of type(s) {', '.join(sorted(suffixes))}")
    if split is not None and split not in files:
        raise InputError(folder, f"no {split!r} split; it has: {', '.join(files)}")
    return datasets.load_dataset(builders.pop(), data_files=files, split=split)


def load_any_dataset(name: str, config: str | None = None, split: str | None = None) -> Any:
    """A local folder (``load_local_dataset``) or a Hub id (``datasets.load_dataset``)."""
    if is_local(name):
        return load_local_dataset(name, config, split)
    import datasets

    return datasets.load_dataset(name, name=config, split=split)
