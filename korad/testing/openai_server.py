"""A local OpenAI-compatible chat server for tests and benchmarks (127.0.0.1 only).

It answers ``POST /v1/chat/completions`` and ``POST /v1/completions`` (text completions, cut at
the request's ``stop`` strings as real servers do; streaming and not) and ``GET /v1/models`` with content
that is a deterministic function of the request (a ``responder``), after a configurable latency,
and can be scripted to fail: 429 with ``Retry-After``, 500, 503, hanging requests, malformed
JSON, or ``finish_reason="length"``. Every request is logged (key, attempt, outcome) so that tests
can count what was sent and what completed; the Authorization header is never logged.

    with OpenAIServer(responder=my_fn, latency=0.1, fault_rate=0.2) as server:
        client = openai.OpenAI(base_url=server.base_url, api_key="test")

It also serves the files and batches endpoints (``korad/testing/openai_batches.py``): a batch is
answered by the same responder in the background, after ``batch_delay`` and ``batch_line_delay``
seconds, with a ``batch_fault_rate`` share of its lines failing.

``python -m korad.testing.openai_server --port 8000`` serves the echo responder from a shell.
"""

from __future__ import annotations

import hashlib
import json
import random
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from korad.engine import STAND_IN_FINGERPRINT
from korad.testing.openai_batches import BatchStore

FAULTS = ("429", "500", "503", "hang", "malformed", "length")

Responder = Callable[[dict[str, Any]], str]


def echo_responder(request: dict[str, Any]) -> str:
    """Answer with the last user message (or a text completion's prompt), reversed word by word:
    deterministic and checkable."""
    if "prompt" in request:
        return " ".join(reversed(str(request["prompt"]).split())) or "(empty)"
    last = next((m for m in reversed(request.get("messages", [])) if m.get("role") == "user"), {})
    content = last.get("content", "")
    if isinstance(content, list):
        content = " ".join(part.get("text", "") for part in content if isinstance(part, dict))
    return " ".join(reversed(str(content).split())) or "(empty)"


def request_key(request: dict[str, Any]) -> str:
    """A stable key for a request body (what the model is asked), independent of key order."""
    return hashlib.sha256(json.dumps(request, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]


@dataclass
class LogEntry:
    key: str
    attempt: int
    outcome: str  # "ok", "length", or a fault name; "pending" until it ends
    stream: bool
    authorized: bool
    started: float
    ended: float | None = None


@dataclass
class ServerState:
    responder: Responder
    latency: float
    fault_rate: float
    faults: tuple[str, ...]
    retry_after: float
    hang_seconds: float
    seed: int
    api_key: str | None
    stream_delay: float = 0.0
    hang_after: int | None = None
    log: list[LogEntry] = field(default_factory=list)
    attempts: Counter[str] = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def completed(self) -> int:
        return sum(e.outcome in ("ok", "length") for e in self.log)

    def fault_for(self, key: str, attempt: int) -> str | None:
        if not self.fault_rate:
            return None
        rng = random.Random(f"{self.seed}:{key}:{attempt}")
        return rng.choice(self.faults) if rng.random() < self.fault_rate else None


def _completion(request: dict[str, Any], content: str, finish_reason: str) -> dict[str, Any]:
    prompt_tokens = sum(len(str(m.get("content", ""))) for m in request.get("messages", [])) // 4 + 1
    return {
        "id": f"chatcmpl-{request_key(request)}",
        "object": "chat.completion",
        "created": 0,
        "model": request.get("model", "local"),
        "system_fingerprint": STAND_IN_FINGERPRINT,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": finish_reason}],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": len(content) // 4 + 1,
            "total_tokens": prompt_tokens + len(content) // 4 + 1,
        },
    }


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: object) -> None:  # quiet: the request log is the record
        pass

    def _json(self, status: int, body: dict[str, Any] | bytes, headers: dict[str, str] | None = None) -> None:
        data = body if isinstance(body, bytes) else json.dumps(body, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def _batches(self, method: str) -> bool:
        """Serve a files or batches request (``BatchStore``); False when the path is not theirs."""
        route = self.server.batches.route(method, self.path)
        if route is None:
            return False
        body = self.rfile.read(int(self.headers.get("content-length", 0))) if method == "POST" else b""
        api_key = self.server.state.api_key
        sent = (self.headers.get("authorization"), self.headers.get("api-key"))  # OpenAI's, Azure's
        if api_key is not None and sent[0] != f"Bearer {api_key}" and sent[1] != api_key:
            self._json(401, {"error": {"message": "invalid api key"}})
        else:
            self._json(*route(body, self.headers.get("content-type", "")))
        return True

    def do_GET(self) -> None:
        if self._batches("GET"):
            return
        if self.path.rstrip("/").endswith("/models"):
            self._json(200, {"object": "list", "data": [{"id": "local", "object": "model", "owned_by": "korad"}]})
        else:
            self._json(404, {"error": {"message": f"no route {self.path}"}})

    def do_POST(self) -> None:
        if self._batches("POST"):
            return
        state = self.server.state
        if not self.path.split("?")[0].rstrip("/").endswith("/completions"):  # Azure adds ?api-version=
            self._json(404, {"error": {"message": f"no route {self.path}"}})
            return
        body = self.rfile.read(int(self.headers.get("content-length", 0)))
        try:
            request = json.loads(body)
        except json.JSONDecodeError:
            self._json(400, {"error": {"message": "request body is not JSON"}})
            return
        authorized = state.api_key is None or self.headers.get("authorization") == f"Bearer {state.api_key}"
        key = request_key({k: v for k, v in request.items() if k != "stream"})
        with state.lock:
            state.attempts[key] += 1
            entry = LogEntry(key, state.attempts[key], "pending", bool(request.get("stream")), authorized, time.time())
            state.log.append(entry)
            fault = state.fault_for(key, entry.attempt)
            if state.hang_after is not None and state.completed() >= state.hang_after:
                fault = "hang"
        try:
            self._respond(request, entry, fault, authorized)
        except (BrokenPipeError, ConnectionResetError):
            entry.outcome = entry.outcome if entry.outcome != "pending" else "client-gone"
        finally:
            entry.ended = time.time()

    def _respond(self, request: dict[str, Any], entry: LogEntry, fault: str | None, authorized: bool) -> None:
        state = self.server.state
        if not authorized:
            entry.outcome = "401"
            self._json(401, {"error": {"message": "invalid api key"}})
            return
        if fault == "hang":
            entry.outcome = "hang"
            time.sleep(state.hang_seconds)
            self.close_connection = True
            return
        time.sleep(state.latency)
        if fault in ("429", "500", "503"):
            entry.outcome = fault
            headers = {"retry-after": f"{state.retry_after:g}"} if fault == "429" else {}
            self._json(int(fault), {"error": {"message": f"scripted fault {fault}"}}, headers)
            return
        if fault == "malformed":
            entry.outcome = "malformed"
            self._json(200, b'{"id": "chatcmpl-broken", "choices": [{"index": 0, "mess')
            return
        content = state.responder(request)
        finish_reason = "stop"
        if fault == "length":
            content, finish_reason = content[: max(1, len(content) // 3)], "length"
        if not self.path.split("?")[0].rstrip("/").endswith("/chat/completions"):
            _text_completion(self, request, content, finish_reason)
        elif request.get("stream"):
            self._stream(request, content, finish_reason)
        else:
            self._json(200, _completion(request, content, finish_reason))
        entry.outcome = "ok" if finish_reason == "stop" else "length"

    def _stream(self, request: dict[str, Any], content: str, finish_reason: str) -> None:
        self.send_response(200)
        self.send_header("content-type", "text/event-stream")
        self.send_header("cache-control", "no-cache")
        self.send_header("connection", "close")
        self.end_headers()
        self.close_connection = True
        base = {
            "id": f"chatcmpl-{request_key(request)}",
            "object": "chat.completion.chunk",
            "created": 0,
            "model": request.get("model", "local"),
            "system_fingerprint": STAND_IN_FINGERPRINT,
        }
        pieces = [content[i : i + 4] for i in range(0, len(content), 4)] or [""]
        for i, piece in enumerate(pieces):
            delta = {"role": "assistant", "content": piece} if i == 0 else {"content": piece}
            chunk = {**base, "choices": [{"index": 0, "delta": delta, "finish_reason": None}]}
            self.wfile.write(f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n".encode())
            self.wfile.flush()
            time.sleep(self.server.state.stream_delay)
        last = {**base, "choices": [{"index": 0, "delta": {}, "finish_reason": finish_reason}]}
        self.wfile.write(f"data: {json.dumps(last)}\n\ndata: [DONE]\n\n".encode())
        self.wfile.flush()


def _cut_at_stop(text: str, stop: str | list[str] | None) -> str:
    """``text`` up to its first ``stop`` string, as servers apply ``stop`` (the string not included)."""
    stops = [stop] if isinstance(stop, str) else list(stop or [])
    ends = [i for i in (text.find(s) for s in stops if s) if i >= 0]
    return text[: min(ends)] if ends else text


def _text_completion(handler: _Handler, request: dict[str, Any], content: str, finish_reason: str) -> None:
    """A text completion (``/v1/completions``): ``choices[].text``, cut at the request's ``stop``."""
    content = _cut_at_stop(content, request.get("stop"))
    base = {"id": f"cmpl-{request_key(request)}", "object": "text_completion", "created": 0}
    base["model"] = request.get("model", "local")
    base["system_fingerprint"] = STAND_IN_FINGERPRINT
    if not request.get("stream"):
        prompt_tokens = len(str(request.get("prompt", ""))) // 4 + 1
        usage = {"prompt_tokens": prompt_tokens, "completion_tokens": len(content) // 4 + 1}
        usage["total_tokens"] = usage["prompt_tokens"] + usage["completion_tokens"]
        choice = {"index": 0, "text": content, "finish_reason": finish_reason, "logprobs": None}
        handler._json(200, {**base, "choices": [choice], "usage": usage})
        return
    handler.send_response(200)
    handler.send_header("content-type", "text/event-stream")
    handler.send_header("connection", "close")
    handler.end_headers()
    handler.close_connection = True
    pieces = [content[i : i + 4] for i in range(0, len(content), 4)] or [""]
    for piece in pieces:
        chunk = {**base, "choices": [{"index": 0, "text": piece, "finish_reason": None, "logprobs": None}]}
        handler.wfile.write(f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n".encode())
        handler.wfile.flush()
    last = {**base, "choices": [{"index": 0, "text": "", "finish_reason": finish_reason, "logprobs": None}]}
    handler.wfile.write(f"data: {json.dumps(last)}\n\ndata: [DONE]\n\n".encode())
    handler.wfile.flush()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    state: ServerState
    batches: BatchStore


class OpenAIServer:
    """The local server; a context manager that serves from a background thread."""

    def __init__(
        self,
        responder: Responder = echo_responder,
        *,
        latency: float = 0.0,
        fault_rate: float = 0.0,
        faults: tuple[str, ...] = FAULTS,
        retry_after: float = 0.1,
        hang_seconds: float = 5.0,
        stream_delay: float = 0.0,
        api_key: str | None = None,
        seed: int = 0,
        port: int = 0,
        batch_delay: float = 0.0,
        batch_line_delay: float = 0.0,
        batch_fault_rate: float = 0.0,
    ) -> None:
        unknown = set(faults) - set(FAULTS)
        if unknown:
            raise ValueError(f"unknown fault kind(s) {sorted(unknown)}; choose from {FAULTS}")
        self.state = ServerState(
            responder, latency, fault_rate, tuple(faults), retry_after, hang_seconds, seed, api_key, stream_delay
        )
        self._server = _Server(("127.0.0.1", port), _Handler)
        self._server.state = self.state
        self._server.batches = self.batches = BatchStore(
            lambda request: _completion(request, self.state.responder(request), "stop"),
            delay=batch_delay,
            line_delay=batch_line_delay,
            fail_rate=batch_fault_rate,
            seed=seed,
        )
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_port}/v1"

    @property
    def log(self) -> list[LogEntry]:
        return self.state.log

    def hang_after(self, completed: int | None) -> None:
        """Make every request hang once ``completed`` requests have completed (None: stop hanging)."""
        self.state.hang_after = completed

    def start(self) -> OpenAIServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> OpenAIServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


if __name__ == "__main__":  # the same command as `korad serve-openai`
    from korad.commands.serve import main

    raise SystemExit(main(prog="python -m korad.testing.openai_server"))
