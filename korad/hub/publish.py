"""Every upload to the Hub: the file plan, the exclusions, the token, the dry run, the upload.

A folder is checked (``korad.hub.cards``), then planned (``korad.hub.scan``): every file except caches, ledgers,
quarantine files, checkpoints, logs and anything that holds a secret. ``--dry-run`` prints the
plan and the card's metadata and touches no network. The upload creates the repo (private by
default) and sends exactly the planned files in one commit, optionally on a branch and tagged.
The token comes from ``HF_TOKEN`` or the ``huggingface_hub`` login, never from an argument.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from korad.artifacts import InputError
from korad.errors import DataUseError
from korad.hub.scan import DEFAULT_MAX_UPLOAD, PlannedFile, plan_folder
from korad.lineage import folder_sources
from korad.policy import PUBLISH_RULE, DataUsePolicy


def plan_upload(
    folder: Path, allow: tuple[str, ...] = (), max_upload_size: int | str = DEFAULT_MAX_UPLOAD
) -> list[PlannedFile]:
    """The files of ``folder`` that would be uploaded, sorted; a secret, an archive or pickle not in
    ``allow``, a symlink out of the folder or an upload over ``max_upload_size`` is an error (``korad.hub.scan``)."""
    return plan_folder(folder, allow, max_upload_size)


def resolve_token() -> str:
    """The Hub token from ``HF_TOKEN`` or the ``huggingface_hub`` login; a clear error when there is none."""
    from huggingface_hub import get_token

    token = get_token()  # HF_TOKEN, else the token saved by `hf auth login`
    if not token:
        raise InputError("token", "no Hugging Face token: set HF_TOKEN or run `hf auth login` (never an argument)")
    return token


def _size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n} B"


def print_plan(repo_id: str, repo_type: str, files: list[PlannedFile], metadata: dict[str, Any], private: bool) -> None:
    """The dry run: where it would go, every file with its size, and the card's metadata."""
    visibility = "private" if private else "public"
    total = _size(sum(f.size for f in files))
    print(f"dry run: would upload {len(files)} files ({total}) to {repo_type} {repo_id} ({visibility})")
    for file in files:
        print(f"  {file.size:>12,}  {file.path}")
    print("card metadata:")
    for key, value in metadata.items():
        print(f"  {key}: {value}")


def check_data_use(folder: Path, repo_id: str, repo_type: str, private: bool) -> list[str]:
    """The data-use policy on the folder's lineage: raises ``DataUseError`` for credentialed data or
    weights bound for a public repo, prints the notice for a private one; returns the credentialed sources."""
    policy = DataUsePolicy.load()
    sources = folder_sources(folder)
    if sources is None and repo_type == "space":
        return []  # a Space holds code and korad's synthetic samples, not data or weights
    notice = policy.check_publish(sources, repo_id, private)
    if notice:
        print(notice, file=sys.stderr)
    return policy.restricted(sources)


def upload(
    folder: Path,
    repo_id: str,
    repo_type: str,
    files: list[PlannedFile],
    *,
    private: bool = True,
    message: str,
    revision: str | None = None,
    tag: str | None = None,
    space_sdk: str | None = None,
    space_hardware: str | None = None,
) -> str:
    """Create the repo (if needed) and upload exactly ``files`` in one commit; returns the commit URL.

    The data-use policy decides first; a repo that must be private is checked to be so (an existing
    public repo stays public whatever ``private`` says). A Space's ``space_hardware`` is given at creation
    and requested again after the commit (an existing Space keeps its hardware otherwise)."""
    from huggingface_hub import HfApi

    restricted = check_data_use(folder, repo_id, repo_type, private)
    api = HfApi(token=resolve_token())
    repo = api.create_repo(
        repo_id,
        repo_type=repo_type,
        private=private,
        exist_ok=True,
        space_sdk=space_sdk,
        space_hardware=space_hardware,
    )
    if restricted and not api.repo_info(repo.repo_id, repo_type=repo_type).private:
        raise DataUseError(
            PUBLISH_RULE,
            ", ".join(restricted),
            f"{repo.repo_id} already exists and is public: push to a new private repository instead; "
            "nothing was uploaded",
        )
    if revision:
        api.create_branch(repo.repo_id, branch=revision, repo_type=repo_type, exist_ok=True)
    commit = api.upload_folder(
        folder_path=folder,
        repo_id=repo.repo_id,
        repo_type=repo_type,
        revision=revision,
        commit_message=message,
        allow_patterns=[f.path for f in files],
    )
    if tag:
        api.create_tag(repo.repo_id, tag=tag, repo_type=repo_type, revision=commit.oid, exist_ok=True)
    if space_hardware:
        api.request_space_hardware(repo.repo_id, space_hardware)
    return commit.commit_url


@dataclass
class HubOptions:
    """Where an upload goes and how: the options every ``korad publish`` command shares."""

    repo_id: str = field(metadata={"help": "org/name on the Hub"})
    public: bool = field(default=False, metadata={"help": "make a new repo public (default: private)"})
    revision: str | None = field(default=None, metadata={"help": "upload to this branch (created if needed)"})
    tag: str | None = field(default=None, metadata={"help": "tag the new commit (e.g. v1.0)"})
    message: str | None = field(default=None, metadata={"help": "commit message (default: korad: <kind>)"})
    dry_run: bool = field(default=False, metadata={"help": "print the files and card metadata; no network"})
    allow: list[str] = field(
        default_factory=list,
        metadata={"help": "upload archives or pickles matching these patterns (refused otherwise: unreadable)"},
    )
    max_upload_size: str = field(
        default=DEFAULT_MAX_UPLOAD, metadata={"help": "refuse an upload larger than this (e.g. 20GB)"}
    )


def publish(
    folder: Path,
    hub: HubOptions,
    repo_type: str,
    metadata: dict[str, Any],
    space_sdk: str | None = None,
    space_hardware: str | None = None,
) -> int:
    """Plan, then print (``dry_run``) or upload; the shared body of every ``korad publish`` command."""
    files = plan_upload(folder, tuple(hub.allow), hub.max_upload_size)
    private = not hub.public
    if hub.dry_run:
        check_data_use(folder, hub.repo_id, repo_type, private)
        print_plan(hub.repo_id, repo_type, files, metadata, private)
        if repo_type == "space":
            print(f"hardware: {space_hardware or 'unchanged (cpu-basic for a new Space)'}")
        return 0
    url = upload(
        folder,
        hub.repo_id,
        repo_type,
        files,
        private=private,
        message=hub.message or f"korad: {repo_type}",
        revision=hub.revision,
        tag=hub.tag,
        space_sdk=space_sdk,
        space_hardware=space_hardware,
    )
    print(f"uploaded {len(files)} files: {url}")
    if space_hardware:
        print(f"hardware requested: {space_hardware}")
    return 0
