"""``korad publish dataset|adapter|merged|space``: every upload to the Hub, with checks and ``--dry-run``.

    hf auth login                      # or export HF_TOKEN=...; the token is never an argument
    korad publish dataset outputs/ko-rad-instruct/dataset --repo-id org/ko-rad-instruct --dry-run
    korad publish adapter outputs/ko-rad-lora --repo-id org/ko-rad-lora --tag v1.0
    korad publish merged outputs/ko-rad-merged --repo-id org/ko-rad-merged
    korad publish space --repo-id org/korad-chat --adapter org/ko-rad-lora --load-in-4bit --hardware zero-a10g

A folder is checked (its card must parse and have license, language and configs or base_model),
then every file except caches, ledgers, quarantine files, checkpoints, logs and secrets goes up in
one commit to a repo created private unless --public. ``space`` assembles the Space repo in
--output (app, card, its own requirements, the korad modules the app imports, the sample reports,
the endpoints file if any: docs/space.md), uploads it, sets --hardware (e.g. zero-a10g for ZeroGPU)
and the chat options given here as the Space's ``KORAD_*`` variables; the secrets it needs are
printed by name only.
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from korad.chat.options import BackendSpec
from korad.cli import dispatch, run
from korad.config import existing_file, parse, require
from korad.hub.publish import HubOptions, publish


@dataclass
class FolderOptions:
    folder: Path = field(metadata={"help": "the folder to publish (also the first argument)"})

    def __post_init__(self) -> None:
        self.folder = Path(self.folder)
        existing_file("folder", self.folder)


@dataclass
class SpaceOptions:
    output: Path = field(default=Path("outputs/space-repo"), metadata={"help": "assembly folder (new)"})
    hardware: str | None = field(
        default=None,
        metadata={
            "help": "the Space's hardware, set on upload and suggested in its card: zero-a10g (ZeroGPU), "
            "t4-small, cpu-basic, ... (huggingface_hub.SpaceHardware); default: leave it as it is"
        },
    )

    def __post_init__(self) -> None:
        from korad.hub.cards import space_hardware

        flavors = space_hardware()
        allowed = "one of " + ", ".join(flavors)
        require(self.hardware is None or self.hardware in flavors, "hardware", self.hardware, allowed)


KINDS = {
    "dataset": ("dataset", "korad.hub.cards:check_dataset"),
    "adapter": ("model", "korad.hub.cards:check_adapter"),
    "merged": ("model", "korad.hub.cards:check_merged"),
}
"""Folder kinds -> (Hub repo type, the check of the folder)."""


def publish_folder(kind: str, argv: Sequence[str] | None, prog: str) -> int:
    """``korad publish dataset|adapter|merged FOLDER --repo-id ...``."""

    def body() -> int:
        import importlib

        folder, hub = parse((FolderOptions, HubOptions), argv, prog=prog, description=__doc__, positional=("folder",))
        repo_type, check = KINDS[kind]
        module, function = check.split(":")
        metadata = getattr(importlib.import_module(module), function)(folder.folder)
        hub.message = hub.message or f"korad: {kind}"
        return publish(folder.folder, hub, repo_type, metadata)

    return run(body, argv)


def publish_space(argv: Sequence[str] | None = None, prog: str = "korad publish space") -> int:
    """``korad publish space --repo-id ... [chat options]``."""

    def body() -> int:
        from huggingface_hub import HfApi

        from korad.hub.cards import check_space
        from korad.hub.publish import resolve_token
        from korad.hub.space import assemble_space

        space, hub, spec = parse((SpaceOptions, HubOptions, BackendSpec), argv, prog=prog, description=__doc__)
        if not hub.dry_run:
            resolve_token()  # no token: stop before assembling or uploading anything
        with contextlib.ExitStack() as scratch:
            folder = Path(space.output)
            if hub.dry_run:  # assembled in a temporary folder: a dry run leaves nothing behind
                folder = Path(scratch.enter_context(tempfile.TemporaryDirectory(prefix="korad-space-"))) / "space"
            plan = assemble_space(folder, spec, space.hardware)
            metadata = check_space(folder)
            hub.message = hub.message or "korad: Space"
            publish(folder, hub, "space", metadata, space_sdk=metadata["sdk"], space_hardware=space.hardware)
        if not hub.dry_run:
            api = HfApi(token=resolve_token())
            for key, value in plan.variables.items():
                api.add_space_variable(hub.repo_id, key, value)
        variables = "".join(f"\n  {k} = {v}" for k, v in plan.variables.items()) or " none (grounded)"
        print("Space variables:" + variables)
        if plan.secrets:
            print("Set these Space secrets in the Space settings (names only; values never pass through korad):")
            for name, why in plan.secrets.items():
                print(f"  {name}: {why}")
        return 0

    return run(body, argv)


def dataset(argv: Sequence[str] | None = None, prog: str = "korad publish dataset") -> int:
    return publish_folder("dataset", argv, prog)


def adapter(argv: Sequence[str] | None = None, prog: str = "korad publish adapter") -> int:
    return publish_folder("adapter", argv, prog)


def merged(argv: Sequence[str] | None = None, prog: str = "korad publish merged") -> int:
    return publish_folder("merged", argv, prog)


ACTIONS = {"dataset": dataset, "adapter": adapter, "merged": merged, "space": publish_space}


def main(argv: Sequence[str] | None = None, prog: str = "korad publish") -> int:
    """``korad publish dataset|adapter|merged|space ...``."""
    return run(lambda: dispatch(ACTIONS, argv, prog, __doc__), argv)
