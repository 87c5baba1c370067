"""Every upload to the Hub: the file plan, the exclusions, the token, the dry run, the upload.

A folder is checked (``korad.hub.cards``), then planned: every file except caches, ledgers,
quarantine files, checkpoints, logs and anything that holds a secret. ``--dry-run`` prints the
plan and the card's metadata and touches no network. The upload creates the repo (private by
default) and sends exactly the planned files in one commit, optionally on a branch and tagged.
The token comes from ``HF_TOKEN`` or the ``huggingface_hub`` login, never from an argument.
"""

from __future__ import annotations

import fnmatch
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from korad.artifacts import InputError

EXCLUDED = (
    ".git/*",
    "*/.git/*",
    ".cache/*",
    "*/.cache/*",
    "__pycache__/*",
    "*/__pycache__/*",
    "*.pyc",
    "cache/*",
    "*.sqlite",
    "*.sqlite-*",
    "*.quarantine.jsonl",
    "*ledger*",
    "checkpoint-*/*",
    "runs/*",
    "*.log",
    ".env",
    "*.env",
    "*.pem",
    "*.key",
    "training_args.bin",
    "length_audit.json",
    ".gradio/*",
)
"""Never uploaded: caches and request ledgers, quarantine files, checkpoints and logs, environment
and key files, and ``training_args.bin`` (it may hold ``hub_token``)."""

SECRET_PATTERNS = (
    re.compile(rb"hf_[A-Za-z0-9]{30,}"),
    re.compile(rb"sk-[A-Za-z0-9_\-]{20,}"),
    re.compile(rb"(?i)api[_-]?key\s*[:=]\s*['\"]?[A-Za-z0-9_\-]{16,}"),
)
SECRET_VARIABLES = ("HF_TOKEN", "OPENAI_API_KEY", "ARGILLA_API_KEY")
TEXT_SUFFIXES = {
    ".json",
    ".jsonl",
    ".md",
    ".txt",
    ".yaml",
    ".yml",
    ".toml",
    ".cfg",
    ".py",
    ".jinja",
    ".csv",
    ".ini",
    "",
}
"""Files scanned for secrets (weights and parquet are binary and can be gigabytes)."""


def is_excluded(path: str) -> bool:
    return any(fnmatch.fnmatch(path, pattern) for pattern in EXCLUDED)


@dataclass(frozen=True)
class PlannedFile:
    path: str
    size: int


def plan_upload(folder: Path) -> list[PlannedFile]:
    """The files of ``folder`` that would be uploaded, sorted; a file holding a secret is an error."""
    secrets = [os.environ[name].encode() for name in SECRET_VARIABLES if len(os.environ.get(name, "")) >= 8]
    planned = []
    for file in sorted(p for p in folder.rglob("*") if p.is_file()):
        relative = file.relative_to(folder).as_posix()
        if is_excluded(relative):
            continue
        if file.suffix.lower() in TEXT_SUFFIXES:
            data = file.read_bytes()
            if any(secret in data for secret in secrets) or any(p.search(data) for p in SECRET_PATTERNS):
                raise InputError(file, "looks like it holds a secret (an API key or token); refusing to upload it")
        planned.append(PlannedFile(relative, file.stat().st_size))
    if not planned:
        raise InputError(folder, "nothing to upload")
    return planned


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
) -> str:
    """Create the repo (if needed) and upload exactly ``files`` in one commit; returns the commit URL."""
    from huggingface_hub import HfApi

    api = HfApi(token=resolve_token())
    repo = api.create_repo(repo_id, repo_type=repo_type, private=private, exist_ok=True, space_sdk=space_sdk)
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


def publish(
    folder: Path, hub: HubOptions, repo_type: str, metadata: dict[str, Any], space_sdk: str | None = None
) -> int:
    """Plan, then print (``dry_run``) or upload; the shared body of every ``korad publish`` command."""
    files = plan_upload(folder)
    private = not hub.public
    if hub.dry_run:
        print_plan(hub.repo_id, repo_type, files, metadata, private)
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
    )
    print(f"uploaded {len(files)} files: {url}")
    return 0
