"""The file plan of an upload, and the checks that refuse a folder before anything leaves the machine.

- Left out at any depth: ``checkpoint-*/``, ``runs/``, ``global_step*/``, caches, ``.git``;
  ``training_args.bin`` (it may hold ``hub_token``), optimizer, scheduler and RNG states, request
  ledgers, quarantine files, logs, environment and key files.
- Every text file, whatever its name (notebooks with outputs, ``.env*`` copies, shell scripts,
  YAML, HTML, XML, ``.bak``, ...), is read in full and refused if it holds a secret
  (``korad.secrets``: token patterns, private keys, credentials in URLs, the values of this
  process's secret environment variables). Safetensors headers and the text columns of parquet
  files are read too.
- Archives and pickles (``.zip``, ``.tar.gz``, ``.pkl``, ``.pt``, ``.bin``, ... or their magic
  bytes) are refused unless a pattern of ``allow`` names them: their content cannot be checked,
  and a pickle runs code when loaded.
- A symlink that leads out of the folder is refused.
- The whole upload is capped (``DEFAULT_MAX_UPLOAD``); a larger one needs an explicit limit.
"""

from __future__ import annotations

import fnmatch
import json
import os
import re
import struct
from dataclasses import dataclass
from pathlib import Path

from korad.errors import InputError
from korad.secrets import environment_secrets, find_secret

EXCLUDED_DIRECTORIES = (
    "checkpoint-*",
    "runs",
    "global_step*",
    ".git",
    ".cache",
    "cache",
    "__pycache__",
    ".gradio",
    ".ipynb_checkpoints",
    "wandb",
)
"""Folder names never uploaded, at any depth."""

EXCLUDED_FILES = (
    "*.pyc",
    "*.sqlite",
    "*.sqlite-*",
    "*.quarantine.jsonl",
    "*ledger*",
    "*.log",
    ".env",
    ".env.*",
    "*.env",
    "*.pem",
    "*.key",
    ".netrc",
    ".git-credentials",
    "training_args.bin",
    "optimizer.pt",
    "optimizer.bin",
    "*optim_states*",
    "scheduler.pt",
    "scaler.pt",
    "rng_state*.pth",
    "length_audit.json",
)
"""File names never uploaded, at any depth."""

ARCHIVE_SUFFIXES = (".zip", ".tar", ".gz", ".tgz", ".bz2", ".xz", ".7z", ".rar", ".zst", ".lz4", ".jar", ".npz")
PICKLE_SUFFIXES = (".pkl", ".pickle", ".pt", ".pth", ".bin", ".ckpt", ".joblib", ".dill")
_ARCHIVE_MAGIC = (
    b"PK\x03\x04",
    b"\x1f\x8b",
    b"BZh",
    b"\xfd7zXZ\x00",
    b"7z\xbc\xaf\x27\x1c",
    b"Rar!",
    b"\x28\xb5\x2f\xfd",
)

DEFAULT_MAX_UPLOAD = "20GB"
"""The largest upload without an explicit ``--max-upload-size`` (a merged 7B model in bf16 is ~15 GB)."""

_CHUNK = 1 << 20
_OVERLAP = 4096
_RAW_SCAN_LIMIT = 64 << 20
_UNITS = {"": 1, "B": 1, "KB": 1 << 10, "MB": 1 << 20, "GB": 1 << 30, "TB": 1 << 40}


def parse_size(text: str | int) -> int:
    """Bytes of ``"500MB"``, ``"20GB"``, ``"1.5TB"`` or a plain number."""
    if isinstance(text, int):
        return text
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([KMGT]?B?)\s*", str(text).upper())
    if not match:
        raise InputError("--max-upload-size", f"not a size: {text!r} (e.g. 500MB, 20GB)")
    number, unit = match.groups()
    return int(float(number) * _UNITS[unit if unit in _UNITS else unit + "B"])


@dataclass(frozen=True)
class PlannedFile:
    path: str
    size: int


def is_excluded(relative: str) -> bool:
    """Whether a path (relative, with ``/``) is left out of every upload."""
    *folders, name = relative.split("/")
    return any(fnmatch.fnmatch(part, p) for part in folders for p in EXCLUDED_DIRECTORIES) or any(
        fnmatch.fnmatch(name, p) for p in EXCLUDED_FILES
    )


def _head(path: Path, size: int = 8192) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(size)


def _is_archive_or_pickle(path: Path, head: bytes) -> str | None:
    name = path.name.lower()
    if name.endswith(ARCHIVE_SUFFIXES) or head.startswith(_ARCHIVE_MAGIC) or head[257:262] == b"ustar":
        return "an archive"
    if name.endswith(PICKLE_SUFFIXES) or (len(head) > 1 and head[0] == 0x80 and 2 <= head[1] <= 5):
        return "a pickle"
    return None


def _scan_text(path: Path, known: list[str]) -> str | None:
    with open(path, "rb") as handle:
        tail = ""
        while chunk := handle.read(_CHUNK):
            text = tail + chunk.decode("utf-8", errors="replace")
            if kind := find_secret(text, known):
                return kind
            tail = text[-_OVERLAP:]
    return None


def _scan_safetensors(path: Path, known: list[str]) -> str | None:
    with open(path, "rb") as handle:
        (length,) = struct.unpack("<Q", handle.read(8).ljust(8, b"\0"))
        header = handle.read(min(length, 100 << 20)).decode("utf-8", errors="replace")
    return find_secret(header, known)


def _scan_parquet(path: Path, known: list[str]) -> str | None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    parquet = pq.ParquetFile(path)
    metadata = json.dumps(
        {k.decode(errors="replace"): v.decode(errors="replace") for k, v in (parquet.metadata.metadata or {}).items()}
    )
    if kind := find_secret(metadata, known):
        return kind
    for group in range(parquet.num_row_groups):
        table = parquet.read_row_group(group)
        for column in table.columns:
            if (
                pa.types.is_string(column.type)
                or pa.types.is_large_string(column.type)
                or pa.types.is_nested(column.type)
            ):
                text = "\n".join(json.dumps(v, ensure_ascii=False) for v in column.to_pylist())
                if kind := find_secret(text, known):
                    return kind
    return None


def check_file(path: Path, relative: str, allow: tuple[str, ...] = (), known: list[str] | None = None) -> None:
    """Refuse (``InputError``) a file that holds a secret, or an archive or pickle not allowed."""
    known = environment_secrets() if known is None else known
    head = _head(path)
    allowed = any(fnmatch.fnmatch(relative, p) or fnmatch.fnmatch(path.name, p) for p in allow)
    what = _is_archive_or_pickle(path, head)
    if what and not allowed:
        raise InputError(
            path,
            f"is {what}: its content cannot be checked for secrets (and a pickle runs code when loaded); "
            f"save weights as safetensors, or allow it explicitly with --allow {relative}",
        )
    if what:
        return
    name = path.name.lower()
    if name.endswith(".safetensors"):
        kind = _scan_safetensors(path, known)
    elif name.endswith(".parquet"):
        kind = _scan_parquet(path, known)
    elif b"\0" not in head or path.stat().st_size <= _RAW_SCAN_LIMIT:
        kind = _scan_text(path, known)
    else:
        kind = None  # a large binary that is not text (e.g. GGUF weights)
    if kind:
        raise InputError(
            path, f"looks like it holds a secret ({kind}); refusing to upload it (remove the secret or the file)"
        )


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root)
    except ValueError:
        return False
    return True


def plan_folder(
    folder: Path, allow: tuple[str, ...] = (), max_bytes: int | str = DEFAULT_MAX_UPLOAD
) -> list[PlannedFile]:
    """The files of ``folder`` an upload sends, sorted, after every check above."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(folder, "no such folder")
    root = folder.resolve()
    known = environment_secrets()
    planned = []
    for directory, folders, files in os.walk(folder, followlinks=False):
        base = Path(directory)
        for name in [*folders, *files]:
            entry = base / name
            if entry.is_symlink() and not _inside(entry, root):
                raise InputError(
                    entry, f"is a symlink that leads out of the folder (to {os.readlink(entry)}); refusing"
                )
        folders[:] = sorted(d for d in folders if not (base / d).is_symlink())
        for name in files:
            file = base / name
            relative = file.relative_to(folder).as_posix()
            if is_excluded(relative) or not file.is_file():
                continue
            check_file(file, relative, allow, known)
            planned.append(PlannedFile(relative, file.stat().st_size))
    if not planned:
        raise InputError(folder, "nothing to upload")
    limit, total = parse_size(max_bytes), sum(f.size for f in planned)
    if total > limit:
        raise InputError(
            folder,
            f"the upload would be {total / (1 << 30):.2f} GB, over the limit of {max_bytes}: pass "
            f"--max-upload-size with a larger size if that is intended (checkpoints and optimizer states are "
            "already left out)",
        )
    return sorted(planned, key=lambda f: f.path)
