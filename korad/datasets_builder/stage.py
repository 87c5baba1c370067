"""Run one generation stage: units processed concurrently, written as they complete, resumable."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

from tqdm.auto import tqdm

from korad.artifacts import ArtifactWriter, Ledger
from korad.engine import RequestFailed


class Reject(Exception):
    """Raised by a stage's ``process`` to quarantine the unit with ``reason``."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


Process = Callable[[dict[str, Any]], Awaitable[list[dict[str, Any]]]]


async def run_units(
    units: Iterable[dict[str, Any]],
    process: Process,
    writer: ArtifactWriter,
    *,
    unit_key: str,
    concurrency: int,
    desc: str,
) -> Ledger:
    """Feed every unit not yet in the output to ``process``; write its records or quarantine it.

    At most ``concurrency`` units are in progress at once, so memory stays flat on 160k reports.
    A ``Reject`` or a ``RequestFailed`` quarantines the unit with its reason; anything else (an
    endpoint that refuses every request, a bug) stops the run, keeping what was written.
    """
    todo = []
    for unit in units:
        if writer.is_done(unit[unit_key]):
            writer.skip_done()
        else:
            todo.append(unit)

    async def one(unit: dict[str, Any]) -> None:
        try:
            records = await process(unit)
        except (Reject, RequestFailed) as error:
            writer.reject(unit, error.reason, where=str(unit[unit_key]))
        else:
            writer.write(*records)

    progress = tqdm(total=len(todo), desc=desc, unit=" item", disable=None)
    pending: set[asyncio.Task[None]] = set()
    try:
        for unit in todo:
            if len(pending) >= concurrency:
                done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
                for task in done:
                    task.result()
                progress.update(len(done))
            pending.add(asyncio.create_task(one(unit)))
        while pending:
            done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
            for task in done:
                task.result()
            progress.update(len(done))
    finally:
        for task in pending:
            task.cancel()
        progress.close()
    return writer.ledger
