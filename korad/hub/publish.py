"""Every upload to the Hub: the file plan, the exclusions, the token, the dry run, the upload.

A folder is checked (``korad.hub.cards``), then planned (``korad.hub.scan``): every file except caches, ledgers,
quarantine files, checkpoints, logs and anything that holds a secret. ``--dry-run`` prints the
plan and the card's metadata and touches no network. The upload creates the repo (private by
default) and sends exactly the planned files in one commit, optionally on a branch and tagged.
The token comes from ``HF_TOKEN`` or the ``huggingface_hub`` login, never from an argument.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from korad.artifacts import InputError
from korad.errors import DataUseError, KoradError
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
) -> str:
    """Create the repo (if needed) and upload exactly ``files`` in one commit; returns the commit URL.

    The data-use policy decides first; a repo that must be private is checked to be so (an existing
    public repo stays public whatever ``private`` says)."""
    from huggingface_hub import HfApi

    restricted = check_data_use(folder, repo_id, repo_type, private)
    api = HfApi(token=resolve_token())
    repo = api.create_repo(repo_id, repo_type=repo_type, private=private, exist_ok=True, space_sdk=space_sdk)
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
    return commit.commit_url


def add_publish_arguments(parser: argparse.ArgumentParser, default_message: str, folder: bool = True) -> None:
    """folder (unless ``folder=False``), --repo-id, --public, --revision, --tag, --message, --dry-run."""
    if folder:
        parser.add_argument("folder", type=Path, help="the folder to publish")
    parser.add_argument("--repo-id", required=True, help="org/name on the Hub")
    parser.add_argument("--public", action="store_true", help="make a new repo public (default: private)")
    parser.add_argument("--revision", help="upload to this branch (created if needed) instead of main")
    parser.add_argument("--tag", help="tag the new commit (e.g. v1.0)")
    parser.add_argument("--message", default=default_message, help="commit message (default: %(default)s)")
    parser.add_argument("--dry-run", action="store_true", help="print the files and card metadata; no network")
    parser.add_argument(
        "--allow",
        action="append",
        default=[],
        metavar="PATTERN",
        help="upload archives or pickles matching PATTERN (refused otherwise: their content cannot be checked)",
    )
    parser.add_argument(
        "--max-upload-size",
        default=DEFAULT_MAX_UPLOAD,
        help="refuse an upload larger than this (default: %(default)s)",
    )


def publish(args: argparse.Namespace, repo_type: str, metadata: dict[str, Any], space_sdk: str | None = None) -> int:
    """Plan, then print (``--dry-run``) or upload; the shared body of the hub_scripts."""
    files = plan_upload(args.folder, tuple(args.allow), args.max_upload_size)
    private = not args.public
    if args.dry_run:
        check_data_use(args.folder, args.repo_id, repo_type, private)
        print_plan(args.repo_id, repo_type, files, metadata, private)
        return 0
    url = upload(
        args.folder,
        args.repo_id,
        repo_type,
        files,
        private=private,
        message=args.message,
        revision=args.revision,
        tag=args.tag,
        space_sdk=space_sdk,
    )
    print(f"uploaded {len(files)} files: {url}")
    return 0


def folder_script(argv: list[str] | None, doc: str, repo_type: str, check, message: str) -> int:
    """The whole of push_dataset / push_adapter / push_merged: parse, check the folder, publish."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_publish_arguments(parser, message)
    args = parser.parse_args(argv)
    try:
        return publish(args, repo_type, check(args.folder))
    except KoradError as error:
        print(f"error: {error}", file=sys.stderr)
        return error.exit_code
