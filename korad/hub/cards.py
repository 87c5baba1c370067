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


COLORS = ("red", "yellow", "green", "blue", "indigo", "purple", "pink", "gray")
SPACE_CARD: dict[str, tuple[type, ...] | type] = {
    "title": str,
    "emoji": str,
    "colorFrom": str,
    "colorTo": str,
    "sdk": str,
    "sdk_version": str,
    "python_version": str,
    "app_file": str,
    "app_port": int,
    "base_path": str,
    "fullWidth": bool,
    "header": str,
    "short_description": str,
    "thumbnail": str,
    "license": str,
    "suggested_hardware": str,
    "suggested_storage": str,
    "models": list,
    "datasets": list,
    "tags": list,
    "preload_from_hub": list,
    "pinned": bool,
    "hf_oauth": bool,
    "hf_oauth_scopes": list,
    "hf_oauth_expiration_minutes": int,
    "hf_oauth_redirect_path": str,
    "hf_oauth_authorized_org": (str, list),
    "disable_embedding": bool,
    "startup_duration_timeout": str,
    "custom_headers": dict,
    "duplicated_from": str,
}
"""Every key of a Space card's YAML and its type (huggingface.co/docs/hub/spaces-config-reference)."""
SPACE_CARD_CHOICES: dict[str, tuple[str, ...]] = {
    "sdk": ("gradio", "docker", "static", "streamlit"),
    "colorFrom": COLORS,
    "colorTo": COLORS,
    "suggested_storage": ("small", "medium", "large"),
    "header": ("mini", "default"),
}
SHORT_DESCRIPTION_CHARS = 60


def space_hardware() -> tuple[str, ...]:
    """The hardware flavors huggingface_hub knows (``SpaceHardware``): cpu-basic, zero-a10g, t4-small, ..."""
    from huggingface_hub import SpaceHardware

    return tuple(flavor.value for flavor in SpaceHardware)


def _type_name(expected: tuple[type, ...] | type) -> str:
    names = {str: "a string", int: "a whole number", bool: "true or false", list: "a list", dict: "a mapping"}
    return " or ".join(names[t] for t in (expected if isinstance(expected, tuple) else (expected,)))


def check_space_card(data: dict[str, Any], readme: Path) -> None:
    """A Space card's metadata: known keys only, each of its type, choices from the Hub's lists."""
    for key, value in data.items():
        if key not in SPACE_CARD:
            raise InputError(readme, f"unknown Space card key {key!r} (known: {', '.join(SPACE_CARD)})")
        expected = SPACE_CARD[key]
        wrong_bool = isinstance(value, bool) and bool not in (expected if isinstance(expected, tuple) else (expected,))
        if not isinstance(value, expected) or wrong_bool:
            raise InputError(readme, f"Space card key {key!r}: {value!r} is not {_type_name(expected)}")
        if isinstance(value, list) and not all(isinstance(item, str) for item in value):
            raise InputError(readme, f"Space card key {key!r}: every item must be a string")
        choices = space_hardware() if key == "suggested_hardware" else SPACE_CARD_CHOICES.get(key)
        if choices and value not in choices:
            raise InputError(readme, f"Space card key {key!r}: {value!r} is not one of {', '.join(choices)}")
    if len(data.get("short_description", "")) > SHORT_DESCRIPTION_CHARS:
        limit = SHORT_DESCRIPTION_CHARS
        raise InputError(readme, f"Space card key 'short_description': longer than {limit} characters")


def check_space(folder: Path) -> dict[str, Any]:
    """An assembled Space folder: a card with title, sdk and app_file whose every key is known and of its
    type (``check_space_card``), and that app file."""
    from huggingface_hub import SpaceCard

    data = _card(folder, SpaceCard, "Space", ("title", "sdk", "app_file"))
    check_space_card(data, folder / "README.md")
    if not (folder / data["app_file"]).exists():
        raise InputError(folder, f"the card names app_file {data['app_file']} but the folder has none")
    return data
