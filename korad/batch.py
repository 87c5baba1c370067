"""Batch mode: a stage's requests go out as OpenAI Batch files instead of one by one (docs/batch.md).

The stage runs as in real time, with the engine in batch mode: a request whose reply is in the
cache is answered from it; any other is recorded and its unit waits (``BatchPending``). The waiting
requests are written as Batch JSONL lines (``custom_id`` = the request's cache key), uploaded
(``purpose="batch"``), submitted (``completion_window="24h"``) and polled; the output and error
files are merged into the same cache, and the waiting units run again (a unit whose next request
depends on a reply, such as a judge's parse retry, waits for the next batch).

Every batch is recorded in ``<folder>/batches/`` (``<stage>-NNN.input.jsonl`` and its state
``<stage>-NNN.json``, each written whole then renamed): the state before the upload, the file id
after it and the batch id after the submit. A run killed at any point resumes the open batches of
its stage first: it polls the recorded batch, or finds the uploaded file (by its name, made of the
file's hash) and the created batch (by its input file) when the kill came between a call and its
record, so nothing accepted is submitted again. A batch's replies are merged in one transaction
before its state is closed; merging again changes nothing.

A failed line (an error, a status other than 200, no line at all in an expired or cancelled batch)
makes its request fail as in real time: its unit is quarantined with the reason and counts against
the stage's failure budget. A rerun sends the quarantined units again, in a new batch (or in real
time with ``mode: realtime``).

``batch_api: offline`` (endpoint config) writes the input file and stops; run it anywhere with
``vllm run-batch -i <input> -o <output> --model <model>``, put the output file where the message
says, and rerun to merge it.
"""

from __future__ import annotations

import asyncio
import hashlib
import itertools
import json
import os
import re
import sys
from collections.abc import Awaitable, Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import openai
from tqdm.auto import tqdm

from korad.endpoints import Endpoint
from korad.engine import BatchRequests, ChatResult, RequestEngine, RequestFailed
from korad.errors import EndpointError, InputError, KoradError

BATCH_URL = {"openai": "/v1/chat/completions", "azure": "/chat/completions", "offline": "/v1/chat/completions"}
"""The ``url`` of a batch line (and the batch's ``endpoint``) for each ``batch_api``."""
COMPLETION_WINDOW = "24h"
MAX_LINES = 50_000
MAX_BYTES = 180 * 1024 * 1024
"""One batch file's limits (OpenAI: 50,000 requests and 200 MB a file); more requests make more batches."""
FINISHED = ("completed", "failed", "expired", "cancelled")


def batch_api(endpoint: Endpoint) -> str:
    """The endpoint's ``batch_api``; unset: ``azure`` for an Azure OpenAI endpoint, else ``openai``."""
    return endpoint.batch_api or ("azure" if endpoint.azure else "openai")


class BatchWaiting(KoradError):
    """An offline batch's input is written; its output is not there yet."""

    def __init__(self, stage: str, waiting: list[tuple[Path, Path]], model: str) -> None:
        runs = "; ".join(f"vllm run-batch -i {i} -o {o} --model {model}" for i, o in waiting)
        super().__init__(
            f"stage {stage}: {len(waiting)} offline batch file(s) wait for their output: run {runs} "
            "(or put an output file produced elsewhere at that path), then rerun this command to merge it"
        )


@dataclass
class BatchState:
    """One batch's record in the work folder."""

    name: str
    stage: str
    endpoint: str
    api: str
    requests: int
    sha256: str
    input_file_id: str | None = None
    batch_id: str | None = None
    status: str = "written"
    closed: bool = False

    @property
    def upload_name(self) -> str:
        """The uploaded file's name: a resumed run finds its upload by it."""
        return f"korad-{self.name}-{self.sha256[:16]}.jsonl"


def parse_line(record: dict[str, Any]) -> ChatResult | RequestFailed:
    """One line of a batch output or error file (OpenAI, Azure OpenAI or ``vllm run-batch``)."""
    error = record.get("error")
    if error:
        code = error.get("code") if isinstance(error, dict) else None
        message = error.get("message") if isinstance(error, dict) else error
        return RequestFailed(f"batch line failed ({code or 'error'}): {str(message)[:200]}")
    response = record.get("response") or {}
    status = response.get("status_code")
    body = response.get("body") or {}
    if status != 200:
        detail = body.get("error") if isinstance(body, dict) else None
        message = detail.get("message", "") if isinstance(detail, dict) else str(detail or "")
        category = "request rejected" if status == 400 else "request failed"
        verb = "rejected" if status == 400 else "failed"
        return RequestFailed(f"batch line {verb} ({status}): {message[:200]}", category)
    try:
        choice = body["choices"][0]
        usage = body.get("usage") or {}
        return ChatResult(
            content=choice["message"].get("content") or "",
            finish_reason=choice.get("finish_reason") or "stop",
            prompt_tokens=int(usage.get("prompt_tokens") or 0),
            completion_tokens=int(usage.get("completion_tokens") or 0),
            system_fingerprint=body.get("system_fingerprint"),
        )
    except (KeyError, IndexError, TypeError, AttributeError, ValueError):
        return RequestFailed("batch line has no chat completion (malformed response)")


def _write_atomically(path: Path, data: bytes) -> None:
    partial = path.with_name(path.name + ".partial")
    with open(partial, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(partial, path)


class Batches:
    """The batches of one stage and endpoint in ``folder`` (``<work folder>/batches``)."""

    def __init__(self, engine: RequestEngine, folder: Path, stage: str) -> None:
        self.engine, self.folder, self.stage = engine, Path(folder), stage
        self.endpoint = engine.endpoint
        self.api = batch_api(self.endpoint)
        self.url = BATCH_URL[self.api]
        self.requests = engine.batch = BatchRequests()

    # --- the records ----------------------------------------------------------------------------

    def input_path(self, state: BatchState) -> Path:
        return self.folder / f"{state.name}.input.jsonl"

    def output_path(self, state: BatchState) -> Path:
        return self.folder / f"{state.name}.output.jsonl"

    def _save(self, state: BatchState) -> None:
        _write_atomically(self.folder / f"{state.name}.json", json.dumps(asdict(state), indent=1).encode())

    def states(self) -> list[BatchState]:
        """This stage's recorded batches on this endpoint, oldest first."""
        states = []
        paths = self.folder.glob(f"{self.stage}-[0-9]*.json")
        for path in sorted(paths, key=lambda p: int(p.stem.rsplit("-", 1)[1])):
            try:
                state = BatchState(**json.loads(path.read_text(encoding="utf-8")))
            except (json.JSONDecodeError, TypeError) as error:
                raise InputError(path, f"not a korad batch record ({error}); move it away to forget it") from None
            if state.stage == self.stage and state.endpoint == self.endpoint.name:
                states.append(state)
        return states

    def _next_number(self) -> int:
        numbers = [int(m[1]) for p in self.folder.glob(f"{self.stage}-*") if (m := re.match(r".*-(\d+)\.", p.name))]
        return max(numbers, default=0) + 1

    def _chunks(self, lines: list[bytes]) -> Iterator[list[bytes]]:
        chunk: list[bytes] = []
        size = 0
        for line in lines:
            if chunk and (len(chunk) >= MAX_LINES or size + len(line) > MAX_BYTES):
                yield chunk
                chunk, size = [], 0
            chunk.append(line)
            size += len(line)
        if chunk:
            yield chunk

    def _write(self, lines: list[bytes]) -> BatchState:
        """Write one batch's input file, then its state (both whole, then renamed)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        data = b"".join(lines)
        state = BatchState(
            name=f"{self.stage}-{self._next_number():03d}",
            stage=self.stage,
            endpoint=self.endpoint.name,
            api=self.api,
            requests=len(lines),
            sha256=hashlib.sha256(data).hexdigest(),
        )
        _write_atomically(self.input_path(state), data)
        self._save(state)
        return state

    # --- the API --------------------------------------------------------------------------------

    async def _call(self, what: str, call: Callable[[], Awaitable[Any]]) -> Any:
        """One files or batches call; transient errors (connection, 429, 5xx) are tried again."""
        for attempt in range(self.endpoint.max_retries + 1):
            try:
                return await call()
            except (openai.APIConnectionError, openai.RateLimitError, openai.InternalServerError) as error:
                if attempt == self.endpoint.max_retries:
                    raise EndpointError(self.endpoint.name, f"{what} failed: {type(error).__name__}") from None
                await asyncio.sleep(min(30.0, self.engine.backoff_base * 2**attempt))
            except openai.APIStatusError as error:
                raise EndpointError(
                    self.endpoint.name,
                    f"{what} refused: {error.message[:200]} (does this endpoint serve the batch API? "
                    f"batch_api={self.api})",
                    error.status_code,
                ) from None
        raise AssertionError("unreachable")

    async def _find_upload(self, state: BatchState) -> str | None:
        async def find() -> str | None:
            async for file in self.engine.client.files.list(purpose="batch"):
                if file.filename == state.upload_name:
                    return file.id
            return None

        return await self._call("listing the uploaded files", find)

    async def _find_batch(self, state: BatchState) -> str | None:
        async def find() -> str | None:
            seen = 0
            async for batch in self.engine.client.batches.list(limit=100):
                if batch.input_file_id == state.input_file_id:
                    return batch.id
                seen += 1
                if seen >= 500:
                    break
            return None

        return await self._call("listing the batches", find)

    async def _submit(self, state: BatchState) -> None:
        """Upload and create the batch, recording each id as soon as it is known."""
        client = self.engine.client
        if state.input_file_id is None:
            state.input_file_id = await self._find_upload(state)
            if state.input_file_id is None:
                data = self.input_path(state).read_bytes()
                uploaded = await self._call(
                    "uploading the batch file",
                    lambda: client.files.create(file=(state.upload_name, data), purpose="batch"),
                )
                state.input_file_id = uploaded.id
            state.status = "uploaded"
            self._save(state)
        if state.batch_id is None:
            state.batch_id = await self._find_batch(state)
            if state.batch_id is None:
                created = await self._call(
                    "creating the batch",
                    lambda: client.batches.create(
                        input_file_id=state.input_file_id,
                        endpoint=self.url,
                        completion_window=COMPLETION_WINDOW,
                        metadata={"korad": state.name},
                    ),
                )
                state.batch_id = created.id
            state.status = "submitted"
            self._save(state)
            print(f"{self.stage}: batch {state.batch_id} submitted ({state.requests} requests)", file=sys.stderr)

    async def _poll(self, state: BatchState) -> Any:
        """Wait for the batch to finish, showing its progress; returns the batch object. The waits
        grow from half a second to ``batch_poll_interval`` (a small batch is seen done soon)."""
        progress = tqdm(total=state.requests, desc=f"{self.stage} batch", unit=" request", disable=None)
        retrieve = self.engine.client.batches.retrieve
        try:
            for look in itertools.count():
                batch = await self._call("polling the batch", lambda: retrieve(state.batch_id))
                counts = batch.request_counts
                done = (counts.completed + counts.failed) if counts else 0
                progress.update(max(0, done - progress.n))
                if batch.status != state.status:
                    state.status = batch.status
                    self._save(state)
                if batch.status in FINISHED:
                    return batch
                await asyncio.sleep(min(self.endpoint.batch_poll_interval, 0.5 * 2**look))
        finally:
            progress.close()

    async def _download(self, file_id: str | None) -> str:
        if not file_id:
            return ""
        content = await self._call("downloading a batch result", lambda: self.engine.client.files.content(file_id))
        return content.text

    # --- the flow -------------------------------------------------------------------------------

    async def _finish(self, state: BatchState) -> None:
        """Bring one recorded batch to its end: submit what is not yet, poll, download, merge."""
        if state.api == "offline":
            output = self.output_path(state)
            if not output.exists():
                raise BatchWaiting(self.stage, [(self.input_path(state), output)], self.endpoint.model)
            self._merge(state, [output.read_text(encoding="utf-8")])
            return
        await self._submit(state)
        batch = await self._poll(state)
        if batch.status == "failed":
            errors = getattr(batch.errors, "data", None) or []
            first = errors[0].message if errors else "no reason given"
            state.closed = True
            self._save(state)
            raise EndpointError(self.endpoint.name, f"batch {state.batch_id} failed: {first}")
        texts = [await self._download(batch.output_file_id), await self._download(batch.error_file_id)]
        self._merge(state, texts)

    def _merge(self, state: BatchState, texts: list[str]) -> None:
        """Merge a finished batch's lines into the cache (one transaction), then close its record."""
        expected = {json.loads(line)["custom_id"] for line in self.input_path(state).read_text("utf-8").splitlines()}
        answers: dict[str, dict[str, Any]] = {}
        cut: dict[str, dict[str, Any]] = {}
        failed: dict[str, RequestFailed] = {}
        unknown = 0
        for text in texts:
            for number, line in enumerate(text.splitlines(), 1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError:
                    raise KoradError(f"batch {state.name}: output line {number} is not JSON") from None
                key = record.get("custom_id")
                if key not in expected:
                    unknown += 1
                    continue
                outcome = parse_line(record)
                if isinstance(outcome, RequestFailed):
                    failed[key] = outcome
                else:
                    (cut if outcome.truncated else answers)[key] = outcome.record()
        for key in expected - answers.keys() - cut.keys() - failed.keys():
            failed[key] = RequestFailed(f"no result in batch {state.batch_id or state.name} (status {state.status})")
        self.engine.cache.merge(answers, cut)
        self.requests.failed.update(failed)
        self.requests.merged.update(answers)
        stats = self.engine.stats
        stats.sent += len(expected)
        stats.succeeded += len(answers) + len(cut)
        stats.failed += len(failed)
        for reply in (*answers.values(), *cut.values()):
            stats.prompt_tokens += reply["prompt_tokens"]
            stats.completion_tokens += reply["completion_tokens"]
            stats.cost += self.endpoint.cost(reply["prompt_tokens"], reply["completion_tokens"], batch=True)
        for failure in failed.values():
            name = f"batch {failure.category}"
            stats.errors[name] = stats.errors.get(name, 0) + 1
        state.closed = True
        self._save(state)
        note = f", {unknown} lines of other requests ignored" if unknown else ""
        print(
            f"{self.stage}: batch {state.name} merged: {len(answers) + len(cut)} replies, {len(failed)} failed{note}",
            file=sys.stderr,
        )

    async def resume(self) -> None:
        """Finish the batches a killed or stopped run left open (before anything is collected again)."""
        waiting = []
        for state in self.states():
            if state.closed:
                continue
            if state.api == "offline" and not self.output_path(state).exists():
                waiting.append((self.input_path(state), self.output_path(state)))
                continue
            await self._finish(state)
        if waiting:
            raise BatchWaiting(self.stage, waiting, self.endpoint.model)

    async def send_pending(self) -> None:
        """Write, submit and finish batches of every request waiting in the engine."""
        pending, self.requests.pending = self.requests.pending, {}
        lines = [
            json.dumps({"custom_id": key, "method": "POST", "url": self.url, "body": body}, ensure_ascii=False).encode()
            + b"\n"
            for key, body in pending.items()
        ]
        states = [self._write(chunk) for chunk in self._chunks(lines)]
        if self.api == "offline":
            raise BatchWaiting(
                self.stage, [(self.input_path(s), self.output_path(s)) for s in states], self.endpoint.model
            )
        for state in states:
            await self._submit(state)
        for state in states:
            await self._finish(state)


RunUnits = Callable[[Iterable[Any], list[Any]], Awaitable[int]]
"""Run a stage's units once (those whose requests wait are appended to the list); returns how many were tried."""


async def run_batched(
    engine: RequestEngine, folder: Path, stage: str, units: Iterable[Any], run_units: RunUnits
) -> int:
    """Run a stage in batch mode: resume open batches, then run, batch the waiting requests, run the
    waiting units again, until no unit waits. Returns how many units were tried."""
    batches = Batches(engine, folder, stage)
    await batches.resume()
    todo, tried = units, None
    while True:
        waiting: list[Any] = []
        count = await run_units(todo, waiting)
        tried = count if tried is None else tried
        if not waiting:
            return tried
        if not batches.requests.pending:  # pragma: no cover - a bug, not an input problem
            raise RuntimeError(f"{stage}: {len(waiting)} units wait, but no request does")
        await batches.send_pending()
        todo = waiting
