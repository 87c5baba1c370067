"""One korad process per work folder: a lock file held with ``flock`` while a run writes there.

The lock is the operating system's: it goes away with the process that held it, however that
process ended, so a lock file left by a killed run is stale by construction and the next run takes
it over (saying so). A second run while the first is alive stops at once, naming the holder's PID.
The lock is re-entrant within a process (a pipeline run holds it across its stages).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from korad.errors import KoradError

LOCK_NAME = ".korad.lock"

_held: dict[Path, int] = {}


class WorkdirBusy(KoradError):
    """Another process is working in this folder."""

    def __init__(self, folder: Path, pid: str) -> None:
        super().__init__(
            f"{folder} is in use by korad process {pid} (lock {folder / LOCK_NAME}); wait for it to finish or "
            "stop it, then rerun: the run continues where it stopped"
        )


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextlib.contextmanager
def workdir_lock(folder: str | os.PathLike[str]) -> Iterator[None]:
    """Hold ``folder``'s lock for the block; ``WorkdirBusy`` at once if another process holds it."""
    folder = Path(folder).resolve()
    if folder in _held:
        _held[folder] += 1
        try:
            yield
        finally:
            _held[folder] -= 1
        return
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOCK_NAME
    handle = open(path, "a+", encoding="utf-8")  # noqa: SIM115 (held for the block)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            raise WorkdirBusy(folder, handle.read().strip() or "?") from None
        handle.seek(0)
        previous = handle.read().strip()
        if previous.isdigit() and int(previous) != os.getpid() and not _alive(int(previous)):
            print(f"{path}: lock of process {previous} (no longer running) is stale; taking it over", file=sys.stderr)
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        _held[folder] = 1
        try:
            yield
        finally:
            del _held[folder]
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)
    finally:
        handle.close()
