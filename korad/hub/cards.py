"""What each kind of folder must hold before it is uploaded, and its card's required metadata.

Cards are parsed with huggingface_hub's card classes (``DatasetCard``, ``ModelCard``,
``SpaceCard``), so what passes here is what the Hub reads.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from korad.artifacts import InputError


def _card(folder: Path, card_class, kind: str, required: tuple[str, ...]) -> dict[str, Any]:
    readme = folder / "README.md"
    if not readme.exists():
        raise InputError(readme, f"a {kind} needs a README.md card with metadata ({', '.join(required)})")
    try:
        data = card_class.load(readme).data.to_dict()
    except Exception as error:  # the card classes raise ValueError or yaml errors for a broken header
        raise InputError(readme, f"the card's YAML metadata does not parse: {error}") from None
    missing = [key for key in required if not data.get(key)]
    if missing:
        raise InputError(readme, f"the card's metadata lacks required field(s): {', '.join(missing)}")
    return data


def check_dataset(folder: Path) -> dict[str, Any]:
    """A dataset folder: parquet data files and a card with license, language and configs."""
    from huggingface_hub import DatasetCard

    if not folder.is_dir():
        raise InputError(folder, "no such folder")
    if not any(folder.rglob("*.parquet")):
        raise InputError(folder, "not a dataset folder: no parquet files (datasets_builder/build.py build makes one)")
    data = _card(folder, DatasetCard, "dataset", ("license", "language", "configs"))
    for config in data["configs"]:
        for entry in config.get("data_files", []):
            pattern = entry["path"] if isinstance(entry, dict) else entry
            if not list(folder.glob(pattern)):
                raise InputError(
                    folder / "README.md", f"config {config.get('config_name')!r}: no file matches {pattern}"
                )
    return data


def check_adapter(folder: Path) -> dict[str, Any]:
    """A peft adapter folder: adapter config and weights, a card with license, language and base_model."""
    from huggingface_hub import ModelCard

    if not (folder / "adapter_config.json").exists():
        raise InputError(folder, "not an adapter folder: no adapter_config.json (train/sft.py saves one)")
    if not any((folder / name).exists() for name in ("adapter_model.safetensors", "adapter_model.bin")):
        raise InputError(folder, "not an adapter folder: no adapter_model.safetensors")
    return _card(folder, ModelCard, "model", ("license", "language", "base_model"))


def check_merged(folder: Path) -> dict[str, Any]:
    """A merged model folder: config and safetensors weights, a card with license, language and base_model."""
    from huggingface_hub import ModelCard

    if (folder / "adapter_config.json").exists():
        raise InputError(folder, "this is an adapter folder: publish it with hub_scripts/push_adapter.py")
    if not (folder / "config.json").exists() or not any(folder.glob("*.safetensors")):
        raise InputError(folder, "not a model folder: needs config.json and *.safetensors (train/merge_adapter.py)")
    return _card(folder, ModelCard, "model", ("license", "language", "base_model"))


def check_space(folder: Path) -> dict[str, Any]:
    """An assembled Space folder: a card with sdk and app_file, and that app file."""
    from huggingface_hub import SpaceCard

    data = _card(folder, SpaceCard, "Space", ("title", "sdk", "app_file"))
    if not (folder / data["app_file"]).exists():
        raise InputError(folder, f"the card names app_file {data['app_file']} but the folder has none")
    return data
