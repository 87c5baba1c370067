"""The one stage runner: every stage (ingest, translate, questions, answers, filter, compare, judge)
feeds its units through ``run_stage``.

Units already in the output are skipped (resume after a crash); each other unit goes to the stage's
``process`` (sync or async, at most ``concurrency`` at once), whose records are written as they
complete. A ``Reject`` quarantines the unit with its reason; a ``RequestFailed`` quarantines it and
counts as a failure. A stage fails (``StageFailed``, exit 3) when more than ``max_failed_fraction``
of the units it tried failed, and never succeeds when it wrote nothing at all. The output's folder
is locked while the stage runs (``korad.lock``): one process per work folder.

``mode="batch"`` sends the stage's requests as OpenAI Batch files (``korad/batch.py``, recorded in
``<output folder>/batches/``); everything else (resume, quarantine, the failure budget) is the same.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import os
import sys
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from tqdm.auto import tqdm

from korad.artifacts import ArtifactWriter, Ledger
from korad.batch import run_batched
from korad.engine import BatchPending, RequestEngine, RequestFailed
from korad.errors import ConfigError, EndpointError, KoradError
from korad.lock import workdir_lock

DEFAULT_MAX_FAILED_FRACTION = 0.02
"""Share of a stage's units whose requests may fail (quarantined) before the stage fails."""

Mode = Literal["realtime", "batch"]
"""How a stage sends its requests: one by one as they come, or in OpenAI Batch files (docs/batch.md)."""


class Reject(Exception):
    """Raised by a stage's ``process`` to quarantine the unit: ``reason`` is a short category.

    ``record`` and ``where`` replace the unit and its key in the quarantine entry when given.
    """

    def __init__(
        self, reason: str, detail: str | None = None, *, record: dict[str, Any] | None = None, where: str | None = None
    ) -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason, self.detail, self.record, self.where = reason, detail, record, where


class StageFailed(EndpointError):
    """Too many of a stage's requests failed: names the stage, the count and the first error."""

    def __init__(self, stage: str, failed: int, tried: int, first_error: str, limit: float, quarantine: str) -> None:
        self.stage, self.failed, self.tried = stage, failed, tried
        message = (
            f"stage {stage}: {failed} of {tried} units failed, above max_failed_fraction={limit:g}; "
            f"first error: {first_error}. They are in {quarantine}; fix the endpoint and rerun to retry them"
        )
        KoradError.__init__(self, message)
        self.endpoint, self.status, self.message = stage, None, message


class NothingWritten(KoradError):
    """A stage that had units to process and wrote none of them."""

    def __init__(self, stage: str, ledger: Ledger, quarantine: str) -> None:
        if ledger.read:
            reasons = ", ".join(f"{r} {n}" for r, n in ledger.reasons.most_common())
            message = (
                f"stage {stage} wrote nothing: all {ledger.read} units were quarantined ({reasons}); see {quarantine}"
            )
        else:
            message = f"stage {stage} wrote nothing: its input has no units"
        super().__init__(message)


Process = Callable[[Any], Awaitable[list[dict[str, Any]]] | list[dict[str, Any]]]


@dataclass
class _Failures:
    count: int = 0
    first: str | None = None


async def _records(process: Process, unit: Any) -> list[dict[str, Any]]:
    result = process(unit)
    return await result if inspect.isawaitable(result) else result


async def _run_units(
    units: Iterable[Any],
    process: Process,
    writer: ArtifactWriter,
    unit_key: Callable[[Any], Any],
    concurrency: int,
    desc: str,
    failures: _Failures,
    waiting: list[Any] | None = None,
) -> int:
    """Process every unit not yet written; returns how many were tried. In batch mode, units whose
    requests wait for a batch are appended to ``waiting`` (neither written nor quarantined)."""

    async def one(unit: Any) -> None:
        key = unit_key(unit)
        try:
            records = await _records(process, unit)
        except BatchPending:
            assert waiting is not None, "a request waits for a batch outside batch mode"
            waiting.append(unit)
        except Reject as error:
            record = error.record if error.record is not None else unit
            writer.reject(record, error.reason, where=error.where or str(key), detail=error.detail, key=key)
        except RequestFailed as error:
            failures.count += 1
            failures.first = failures.first or error.reason
            writer.reject(unit, error.category, where=str(key), detail=error.reason, key=key)
        else:
            writer.write(*records)

    total = len(units) if hasattr(units, "__len__") else None
    progress = tqdm(total=total, desc=desc, unit=" item", disable=None)
    pending: set[asyncio.Task[None]] = set()
    tried = 0

    async def settle(return_when: str) -> None:
        nonlocal pending
        done, pending = await asyncio.wait(pending, return_when=return_when)
        for task in done:
            task.result()
        progress.update(len(done))

    broken: list[Exception] = []

    def read(units: Iterable[Any]) -> Iterable[Any]:
        """The units until the input breaks off (a line that cannot be read): the error is raised
        after the units read before it are written or quarantined."""
        try:
            yield from units
        except Exception as error:
            broken.append(error)

    try:
        for unit in read(units):
            key = unit_key(unit)
            if key is not None and writer.is_done(key):
                writer.skip_done()
                progress.update(1)
                continue
            if len(pending) >= concurrency:
                await settle(asyncio.FIRST_COMPLETED)
            tried += 1
            pending.add(asyncio.create_task(one(unit)))
        while pending:
            await settle(asyncio.FIRST_COMPLETED)
        if broken:
            raise broken[0]
    finally:
        for task in pending:
            task.cancel()
        progress.close()
    return tried


def _key_of(key: str | Callable[[Any], Any]) -> Callable[[Any], Any]:
    if callable(key):
        return key
    return lambda unit: unit.get(key)


def run_stage(
    stage: str,
    units: Iterable[Any],
    process: Process,
    output: str | os.PathLike[str] | None,
    *,
    key: str = "id",
    unit_key: str | Callable[[Any], Any] | None = None,
    quarantine: str | os.PathLike[str] | None = None,
    concurrency: int = 1,
    max_failed_fraction: float = DEFAULT_MAX_FAILED_FRACTION,
    engine: RequestEngine | None = None,
    mode: Mode = "realtime",
) -> Ledger:
    """Run one stage from ``units`` to ``output`` (JSONL keyed by ``key``; stdout when None).

    ``unit_key`` gives a unit's key before it is processed (default: its ``key`` field; None:
    never already done). ``engine``, when the stage sends requests, is closed at the end and its
    costs printed; ``mode="batch"`` sends them in batches. Prints the ledger; raises ``StageFailed``
    or ``NothingWritten`` (see module).
    """
    if mode == "batch" and (engine is None or output is None):
        raise ConfigError("mode", mode, f"stage {stage} sends no requests to an endpoint (or writes to stdout)")
    failures = _Failures()

    async def run() -> tuple[Ledger, int, str]:
        try:
            with ArtifactWriter(output, key=key, quarantine=quarantine) as writer:

                def run_units(todo: Iterable[Any], waiting: list[Any] | None = None) -> Awaitable[int]:
                    keys = _key_of(unit_key or key)
                    return _run_units(todo, process, writer, keys, max(1, concurrency), stage, failures, waiting)

                if mode == "batch":
                    assert engine is not None and output is not None
                    tried = await run_batched(engine, Path(output).parent / "batches", stage, units, run_units)
                else:
                    tried = await run_units(units)
                return writer.ledger, tried, str(writer.quarantine_file or "stderr")
        finally:
            if engine is not None:
                print(engine.stats.summary(engine.endpoint.name), file=sys.stderr)
                await engine.aclose()

    with workdir_lock(Path(output).parent) if output is not None else contextlib.nullcontext():
        ledger, tried, where = asyncio.run(run())
    print(ledger.summary(stage), file=sys.stderr)
    if not ledger.balanced:  # pragma: no cover - a bug, not an input problem
        raise RuntimeError(f"{stage}: ledger does not add up: {ledger}")
    nothing = ledger.written == 0 and ledger.already_done == 0
    if failures.count > max_failed_fraction * tried or (failures.count and nothing):
        raise StageFailed(stage, failures.count, tried, failures.first or "?", max_failed_fraction, where)
    if nothing:
        raise NothingWritten(stage, ledger, where)
    return ledger
