"""The request engine: every bulk request (translation, questions, answers, judge) goes through it.

- Concurrency is bounded by the endpoint's ``max_concurrency``, and requests are paced evenly so
  that neither requests per minute nor (estimated) tokens per minute exceed the endpoint's limits.
- Failures are retried with exponential backoff and full jitter; a ``Retry-After`` (or
  ``retry-after-ms``) header sets the wait instead. Retried: 429, 5xx, timeouts, connection
  errors and malformed response bodies. Not retried: other 4xx (a wrong key stops the run).
- A reply cut at the token limit (``finish_reason=length``) is asked again once with twice the
  limit; cut again, the request fails as ``truncated``. A cut reply is never cached.
- Every completed response is stored in a SQLite cache keyed by the whole request (endpoint URL,
  model, messages, parameters; never the key) before the caller sees it, so a rerun or a restart
  after a crash never pays for the same request twice. Identical requests in flight share one call.

In batch mode (``korad/batch.py``) the engine sends nothing itself: a request whose reply is not
in yet is recorded in ``engine.batch`` and raises ``BatchPending``; the batch's replies are merged
into the same cache (cut replies into its ``cut_replies`` table), and the stage is run again.

The official ``openai`` client does the HTTP (``AsyncOpenAI(base_url=..., max_retries=0)``): its own
retries are off so that these rules, and the counts below, are the only ones.
"""

from __future__ import annotations

import asyncio
import email.utils
import hashlib
import json
import math
import random
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openai

from korad.endpoints import Endpoint
from korad.errors import EndpointError, InputError, KoradError
from korad.secrets import redact


class RequestFailed(Exception):
    """A request that did not succeed after its retries: ``category`` (quarantine reason) and ``reason``."""

    def __init__(self, reason: str, category: str = "request failed") -> None:
        super().__init__(reason)
        self.reason, self.category = reason, category


class BatchPending(Exception):
    """Batch mode: this request's reply is not in yet; it waits for the next batch (``korad/batch.py``)."""


@dataclass
class BatchRequests:
    """Batch mode's side of the engine: the requests waiting for a batch, and the lines that failed in one."""

    pending: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Request key (the batch line's ``custom_id``) -> the request body."""
    failed: dict[str, RequestFailed] = field(default_factory=dict)
    merged: set[str] = field(default_factory=set)
    """Keys whose replies came in a batch of this run (not counted as cache hits)."""


class EndpointRejected(EndpointError):
    """The endpoint refuses every request (wrong key, unknown model): stop the run."""

    def __init__(self, endpoint: str, status: int, message: str) -> None:
        KoradError.__init__(self, message)
        self.endpoint, self.status, self.message = endpoint, status, message


STAND_IN_FINGERPRINT = "korad-stand-in"
"""The ``system_fingerprint`` korad's local stand-in server (``korad serve-openai``) puts on every reply,
so that what a deterministic stand-in wrote is never taken for a model's output."""


@dataclass(frozen=True)
class ChatResult:
    """One chat completion: its text, why it stopped, its token usage, the server's ``system_fingerprint``
    (None when it sent none), and whether it was cached."""

    content: str
    finish_reason: str
    prompt_tokens: int
    completion_tokens: int
    system_fingerprint: str | None = None
    cached: bool = False

    @property
    def truncated(self) -> bool:
        return self.finish_reason == "length"

    @property
    def from_stand_in(self) -> bool:
        """Whether korad's local stand-in server, not a model, wrote this reply."""
        return self.system_fingerprint == STAND_IN_FINGERPRINT

    def record(self) -> dict[str, Any]:
        """The reply as the cache and batch state keep it (everything but ``cached``)."""
        return {
            "content": self.content,
            "finish_reason": self.finish_reason,
            "prompt_tokens": self.prompt_tokens,
            "completion_tokens": self.completion_tokens,
            "system_fingerprint": self.system_fingerprint,
        }


@dataclass
class EngineStats:
    """What a run cost: requests sent and retried, cache hits, tokens and money."""

    sent: int = 0
    succeeded: int = 0
    retries: int = 0
    cache_hits: int = 0
    failed: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost: float = 0.0
    errors: dict[str, int] = field(default_factory=dict)

    def summary(self, name: str) -> str:
        errors = ", ".join(f"{k}: {v}" for k, v in sorted(self.errors.items())) or "none"
        return (
            f"endpoint {name}: sent {self.sent} requests ({self.succeeded} succeeded, {self.retries} retried, "
            f"{self.failed} given up), cache hits {self.cache_hits}, tokens {self.prompt_tokens} in / "
            f"{self.completion_tokens} out, cost ${self.cost:.4f}; errors: {errors}"
        )


class ResponseCache:
    """Completed responses on disk (SQLite, committed per response: survives ``kill -9``)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self._execute("PRAGMA journal_mode=WAL")
        self._execute("CREATE TABLE IF NOT EXISTS responses (key TEXT PRIMARY KEY, response TEXT NOT NULL)")
        self._execute("CREATE TABLE IF NOT EXISTS cut_replies (key TEXT PRIMARY KEY, response TEXT NOT NULL)")

    def _execute(self, sql: str, parameters: tuple[Any, ...] = ()) -> sqlite3.Cursor:
        """Run one statement; a damaged cache file is an ``InputError`` that says how to start afresh."""
        try:
            return self._db.execute(sql, parameters)
        except sqlite3.DatabaseError as error:
            if isinstance(error, sqlite3.OperationalError) and "locked" in str(error):
                raise
            raise InputError(
                self.path,
                f"the response cache is damaged ({error}); move it away (e.g. `mv {self.path} {self.path}.bad`) "
                "and rerun to start a fresh cache (requests answered before will be sent, and paid, again)",
            ) from None

    def get(self, key: str) -> dict[str, Any] | None:
        row = self._execute("SELECT response FROM responses WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else None

    def put(self, key: str, response: dict[str, Any]) -> None:
        self._execute(
            "INSERT OR REPLACE INTO responses (key, response) VALUES (?, ?)",
            (key, json.dumps(response, ensure_ascii=False)),
        )

    def get_cut(self, key: str) -> dict[str, Any] | None:
        """A batch reply cut at the token limit: never an answer, only the reason to ask again."""
        row = self._execute("SELECT response FROM cut_replies WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else None

    def merge(self, answers: dict[str, dict[str, Any]], cut: dict[str, dict[str, Any]]) -> None:
        """Store a batch's replies in one transaction (all or none): ``answers`` as responses, ``cut``
        (``finish_reason=length``) apart. Idempotent: merging the same batch twice changes nothing."""
        self._execute("BEGIN IMMEDIATE")
        try:
            for table, replies in (("responses", answers), ("cut_replies", cut)):
                for key, response in replies.items():
                    self._execute(
                        f"INSERT OR REPLACE INTO {table} (key, response) VALUES (?, ?)",
                        (key, json.dumps(response, ensure_ascii=False)),
                    )
        except BaseException:
            self._execute("ROLLBACK")
            raise
        self._execute("COMMIT")

    def __len__(self) -> int:
        return self._execute("SELECT COUNT(*) FROM responses").fetchone()[0]

    def close(self) -> None:
        self._db.close()


class Pacer:
    """Evenly spaced request starts under a requests- and a tokens-per-minute limit."""

    def __init__(self, rpm: float, tpm: float | None) -> None:
        self.request_gap = 60.0 / rpm
        self.token_gap = 60.0 / tpm if tpm else 0.0
        self._next = 0.0
        self._lock = asyncio.Lock()

    async def wait(self, tokens: int) -> None:
        async with self._lock:
            now = time.monotonic()
            start = max(now, self._next)
            self._next = start + max(self.request_gap, tokens * self.token_gap)
        if start > now:
            await asyncio.sleep(start - now)


def _retry_after(error: Exception) -> float | None:
    response = getattr(error, "response", None)
    headers = getattr(response, "headers", None)
    if not headers:
        return None
    if headers.get("retry-after-ms"):
        try:
            return float(headers["retry-after-ms"]) / 1000
        except ValueError:
            pass
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        parsed = email.utils.parsedate_to_datetime(value)
        return max(0.0, parsed.timestamp() - time.time()) if parsed else None


def _error_name(error: Exception) -> str:
    status = getattr(error, "status_code", None)
    if status:
        return str(status)
    if isinstance(error, openai.APITimeoutError):
        return "timeout"
    if isinstance(error, openai.APIConnectionError):
        return "connection"
    if isinstance(error, ValueError | openai.APIResponseValidationError):
        return "malformed response"
    return type(error).__name__


class RequestEngine:
    """Send chat requests to one endpoint under its limits, with retries and a persistent cache."""

    def __init__(
        self,
        endpoint: Endpoint,
        cache_path: str | Path,
        *,
        backoff_base: float = 0.5,
        backoff_cap: float = 30.0,
        client: openai.AsyncOpenAI | None = None,
    ) -> None:
        self.endpoint = endpoint
        self.cache = ResponseCache(cache_path)
        self.stats = EngineStats()
        self.backoff_base, self.backoff_cap = backoff_base, backoff_cap
        self._client = client or endpoint.client(asynchronous=True, max_retries=0)  # Azure too (korad.endpoints)
        self._pacer = Pacer(endpoint.rpm, endpoint.tpm)
        self._slots = asyncio.Semaphore(endpoint.max_concurrency)
        self._inflight: dict[str, asyncio.Future[ChatResult]] = {}
        self.batch: BatchRequests | None = None
        """Set by batch mode (``korad/batch.py``): requests wait for a batch instead of being sent."""

    @property
    def client(self) -> openai.AsyncOpenAI:
        """The endpoint's client (batch mode uploads files and creates batches with it)."""
        return self._client

    def request_body(self, messages: list[dict[str, Any]], params: dict[str, Any]) -> dict[str, Any]:
        """The chat completion request body, as sent and as written in a batch line."""
        return {"model": self.endpoint.model, "messages": messages, **params}

    def request_key(self, messages: list[dict[str, Any]], params: dict[str, Any]) -> str:
        """The cache key: everything that determines the answer, and nothing secret."""
        payload = {
            "base_url": self.endpoint.base_url,
            "model": self.endpoint.model,
            "messages": messages,
            "params": params,
        }
        return hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()).hexdigest()

    async def complete(self, messages: list[dict[str, Any]], **params: Any) -> ChatResult:
        """One chat completion: from the cache if this exact request was answered before."""
        key = self.request_key(messages, params)
        if key in self._inflight:
            return await asyncio.shield(self._inflight[key])
        cached = self.cache.get(key)
        if cached is not None:
            if self.batch is None or key not in self.batch.merged:
                self.stats.cache_hits += 1
            return ChatResult(**cached, cached=True)
        future: asyncio.Future[ChatResult] = asyncio.get_running_loop().create_future()
        self._inflight[key] = future
        try:
            result = await self._complete_untruncated(messages, params)
            self.cache.put(key, result.record())
            future.set_result(result)
            return result
        except BaseException as error:
            future.set_exception(error)
            future.exception()  # mark retrieved: waiters get it through shield
            raise
        finally:
            del self._inflight[key]

    async def _complete_untruncated(self, messages: list[dict[str, Any]], params: dict[str, Any]) -> ChatResult:
        """A reply that was not cut at the token limit: asked once more with twice the limit, else
        ``RequestFailed`` (category ``truncated``). A cut reply is never cached."""
        result = await self._send(messages, params)
        if not result.truncated:
            return result
        name = "max_completion_tokens" if "max_completion_tokens" in params else "max_tokens"
        limit = int(params.get(name) or result.completion_tokens or 256)
        result = await self._send(messages, {**params, name: 2 * limit})
        if result.truncated:
            self.stats.failed += 1
            raise RequestFailed(f"reply cut at {name}={2 * limit} after a retry (finish_reason=length)", "truncated")
        return result

    def _estimate_tokens(self, messages: list[dict[str, Any]], params: dict[str, Any]) -> int:
        characters = sum(len(str(m.get("content", ""))) for m in messages)
        return math.ceil(characters / 3) + int(params.get("max_tokens") or params.get("max_completion_tokens") or 512)

    def _from_batch(self, messages: list[dict[str, Any]], params: dict[str, Any]) -> ChatResult:
        """Batch mode's send: the reply a batch brought (cut or not), its line's failure, or ``BatchPending``."""
        assert self.batch is not None
        key = self.request_key(messages, params)
        reply = self.cache.get(key) or self.cache.get_cut(key)
        if reply is not None:
            return ChatResult(**reply)
        if key in self.batch.failed:
            failure = self.batch.failed[key]
            raise RequestFailed(failure.reason, failure.category)
        self.batch.pending[key] = self.request_body(messages, params)
        raise BatchPending(key)

    async def _send(self, messages: list[dict[str, Any]], params: dict[str, Any]) -> ChatResult:
        if self.batch is not None:
            return self._from_batch(messages, params)
        tokens = self._estimate_tokens(messages, params)
        last_error = "unknown"
        for attempt in range(self.endpoint.max_retries + 1):
            if attempt:
                self.stats.retries += 1
            async with self._slots:
                await self._pacer.wait(tokens)
                self.stats.sent += 1
                try:
                    response = await self._client.chat.completions.create(**self.request_body(messages, params))
                    choice = response.choices[0]
                    usage = response.usage
                    result = ChatResult(
                        content=choice.message.content or "",
                        finish_reason=choice.finish_reason or "stop",
                        prompt_tokens=usage.prompt_tokens if usage else 0,
                        completion_tokens=usage.completion_tokens if usage else 0,
                        system_fingerprint=getattr(response, "system_fingerprint", None),
                    )
                except (openai.AuthenticationError, openai.PermissionDeniedError, openai.NotFoundError) as error:
                    raise EndpointRejected(
                        self.endpoint.name,
                        error.status_code,
                        f"endpoint {self.endpoint.name!r} refused the request ({error.status_code}): check "
                        f"{self.endpoint.api_key_env or 'the key'} and the model name {self.endpoint.model!r}",
                    ) from None
                except openai.BadRequestError as error:
                    self._count_error("400")
                    self.stats.failed += 1
                    raise RequestFailed(f"request rejected (400): {error.message[:200]}", "request rejected") from None
                except (
                    openai.APIStatusError,
                    openai.APIConnectionError,
                    openai.APIResponseValidationError,
                    ValueError,
                    IndexError,
                    AttributeError,
                ) as error:
                    last_error = _error_name(error)
                    self._count_error(last_error)
                    wait = _retry_after(error)
                else:
                    self.stats.succeeded += 1
                    self.stats.prompt_tokens += result.prompt_tokens
                    self.stats.completion_tokens += result.completion_tokens
                    self.stats.cost += self.endpoint.cost(result.prompt_tokens, result.completion_tokens)
                    return result
            if attempt < self.endpoint.max_retries:
                backoff = random.uniform(0, min(self.backoff_cap, self.backoff_base * 2**attempt))
                await asyncio.sleep(wait if wait is not None else backoff)
        self.stats.failed += 1
        if last_error == "connection":  # nothing answered: say where, the usual cause is a server not started
            last_error = f"connection to {redact(self.endpoint.base_url)}: is the server running?"
        raise RequestFailed(f"request failed after {self.endpoint.max_retries + 1} attempts (last: {last_error})")

    def _count_error(self, name: str) -> None:
        self.stats.errors[name] = self.stats.errors.get(name, 0) + 1

    async def aclose(self) -> None:
        await self._client.close()
        self.cache.close()
