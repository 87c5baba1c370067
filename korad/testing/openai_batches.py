"""The files and batches endpoints of the local OpenAI-compatible test server.

``POST /v1/files`` (multipart, any purpose), ``GET /v1/files[/{id}[/content]]``, ``POST /v1/batches``,
``GET /v1/batches[/{id}]`` and ``POST /v1/batches/{id}/cancel``, as OpenAI (and Azure OpenAI, whose
paths have an ``/openai`` prefix and ``?api-version=``) serve them. A batch is processed in a
background thread: ``validating`` for ``delay`` seconds (a file with a bad line, a repeated
``custom_id`` or a ``url`` other than the batch's endpoint fails validation), then ``in_progress``
for ``line_delay`` seconds a line, answering each line with the server's responder, then
``finalizing`` and ``completed`` with an output file and, when some lines failed (a deterministic
``fail_rate`` share, by ``custom_id``), an error file. ``uploads`` and ``created`` record what clients
uploaded and created, for tests to count.
"""

from __future__ import annotations

import json
import random
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import default as email_policy
from typing import Any
from urllib.parse import parse_qsl

Complete = Callable[[dict[str, Any]], dict[str, Any]]
"""A chat request body -> its chat.completion response body."""

Route = Callable[[bytes, str], tuple[int, dict[str, Any] | bytes]]


@dataclass
class StoredFile:
    id: str
    filename: str
    purpose: str
    data: bytes
    created_at: int = field(default_factory=lambda: int(time.time()))

    def to_object(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "object": "file",
            "bytes": len(self.data),
            "created_at": self.created_at,
            "filename": self.filename,
            "purpose": self.purpose,
            "status": "processed",
        }


def _not_found(what: str) -> tuple[int, dict[str, Any]]:
    return 404, {"error": {"message": f"no such {what}", "type": "invalid_request_error"}}


class BatchStore:
    """Files and batches in memory; batches run in background threads."""

    def __init__(
        self, complete: Complete, *, delay: float = 0.0, line_delay: float = 0.0, fail_rate: float = 0.0, seed: int = 0
    ) -> None:
        self.complete, self.delay, self.line_delay, self.fail_rate, self.seed = (
            complete,
            delay,
            line_delay,
            fail_rate,
            seed,
        )
        self.files: dict[str, StoredFile] = {}
        self.batches: dict[str, dict[str, Any]] = {}
        self.uploads: list[str] = []
        """Ids of the files clients uploaded, in order."""
        self.created: list[str] = []
        """Ids of the batches clients created, in order."""
        self._cancel: set[str] = set()
        self._lock = threading.Lock()
        self._count = 0

    def _new_id(self, prefix: str) -> str:
        with self._lock:
            self._count += 1
            return f"{prefix}-{self._count:06d}"

    def route(self, method: str, path: str) -> Route | None:
        """The handler of ``method path``, or None when it is not a files or batches path."""
        path, _, query = path.partition("?")
        path = path.rstrip("/")
        purpose = dict(parse_qsl(query)).get("purpose")
        routes: list[tuple[str, str, Callable[..., tuple[int, Any]]]] = [
            ("POST", r"/files", self._upload),
            ("GET", r"/files", lambda body, content_type: self._list_files(purpose)),
            ("GET", r"/files/([\w-]+)", self._file),
            ("GET", r"/files/([\w-]+)/content", self._content),
            ("POST", r"/batches", self._create),
            ("GET", r"/batches", self._list_batches),
            ("GET", r"/batches/([\w-]+)", self._batch),
            ("POST", r"/batches/([\w-]+)/cancel", self._cancel_batch),
        ]
        for verb, pattern, handler in routes:
            match = re.search(r"/(?:v1|openai)(?:/v1)?" + pattern + "$", path)
            if verb == method and match:
                arguments = match.groups()
                return lambda body, content_type, h=handler: h(body, content_type, *arguments)
        return None

    # --- files ----------------------------------------------------------------------------------

    def _upload(self, body: bytes, content_type: str) -> tuple[int, dict[str, Any]]:
        message = BytesParser(policy=email_policy).parsebytes(
            b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body
        )
        fields: dict[str, Any] = {}
        data, filename = None, "upload.jsonl"
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            if name == "file":
                data, filename = part.get_payload(decode=True), part.get_filename() or filename
            else:
                fields[str(name)] = part.get_content().strip()
        if data is None or not fields.get("purpose"):
            return 400, {"error": {"message": "a file and a purpose are required", "type": "invalid_request_error"}}
        stored = StoredFile(self._new_id("file"), filename, fields["purpose"], data)
        self.files[stored.id] = stored
        self.uploads.append(stored.id)
        return 200, stored.to_object()

    def _list_files(self, purpose: str | None) -> tuple[int, dict[str, Any]]:
        data = [f.to_object() for f in reversed(self.files.values()) if purpose in (None, f.purpose)]
        return 200, {"object": "list", "data": data, "has_more": False}

    def _file(self, body: bytes, content_type: str, file_id: str) -> tuple[int, dict[str, Any]]:
        return (200, self.files[file_id].to_object()) if file_id in self.files else _not_found("file")

    def _content(self, body: bytes, content_type: str, file_id: str) -> tuple[int, dict[str, Any] | bytes]:
        return (200, self.files[file_id].data) if file_id in self.files else _not_found("file")

    # --- batches --------------------------------------------------------------------------------

    def _create(self, body: bytes, content_type: str) -> tuple[int, dict[str, Any]]:
        request = json.loads(body or b"{}")
        if request.get("input_file_id") not in self.files:
            return _not_found("input file")
        if request.get("completion_window") != "24h":
            return 400, {"error": {"message": "completion_window must be 24h", "type": "invalid_request_error"}}
        now = int(time.time())
        batch = {
            "id": self._new_id("batch"),
            "object": "batch",
            "endpoint": request.get("endpoint"),
            "errors": None,
            "input_file_id": request["input_file_id"],
            "completion_window": "24h",
            "status": "validating",
            "output_file_id": None,
            "error_file_id": None,
            "created_at": now,
            "expires_at": now + 86400,
            "request_counts": {"total": 0, "completed": 0, "failed": 0},
            "metadata": request.get("metadata"),
        }
        self.batches[batch["id"]] = batch
        self.created.append(batch["id"])
        threading.Thread(target=self._process, args=(batch,), daemon=True).start()
        return 200, dict(batch)

    def _list_batches(self, body: bytes, content_type: str) -> tuple[int, dict[str, Any]]:
        data = [dict(b) for b in reversed(self.batches.values())]
        return 200, {"object": "list", "data": data, "has_more": False}

    def _batch(self, body: bytes, content_type: str, batch_id: str) -> tuple[int, dict[str, Any]]:
        return (200, dict(self.batches[batch_id])) if batch_id in self.batches else _not_found("batch")

    def _cancel_batch(self, body: bytes, content_type: str, batch_id: str) -> tuple[int, dict[str, Any]]:
        if batch_id not in self.batches:
            return _not_found("batch")
        self._cancel.add(batch_id)
        batch = self.batches[batch_id]
        if batch["status"] in ("validating", "in_progress"):
            batch["status"] = "cancelling"
        return 200, dict(batch)

    def fails(self, custom_id: str) -> bool:
        """Whether the line ``custom_id`` is scripted to fail."""
        return bool(self.fail_rate) and random.Random(f"{self.seed}:{custom_id}").random() < self.fail_rate

    def _lines(self, batch: dict[str, Any]) -> list[dict[str, Any]] | str:
        """The input file's requests, or why it fails validation."""
        lines, seen = [], set()
        for number, text in enumerate(self.files[batch["input_file_id"]].data.decode().splitlines(), 1):
            try:
                line = json.loads(text)
            except json.JSONDecodeError:
                return f"line {number}: not JSON"
            if line.get("custom_id") in seen or not line.get("custom_id"):
                return f"line {number}: custom_id missing or repeated"
            if line.get("method") != "POST" or line.get("url") != batch["endpoint"]:
                return f"line {number}: method must be POST and url {batch['endpoint']}"
            if not isinstance(line.get("body"), dict):
                return f"line {number}: body must be an object"
            seen.add(line["custom_id"])
            lines.append(line)
        return lines or "the file is empty"

    def _process(self, batch: dict[str, Any]) -> None:
        time.sleep(self.delay)
        lines = self._lines(batch)
        now = int(time.time())
        if isinstance(lines, str):
            batch["errors"] = {"object": "list", "data": [{"code": "invalid_request", "message": lines}]}
            batch.update(status="failed", failed_at=now)
            return
        batch["request_counts"]["total"] = len(lines)
        if batch["status"] == "validating":
            batch.update(status="in_progress", in_progress_at=now)
        outputs, errors = [], []
        for line in lines:
            if batch["id"] in self._cancel:
                break
            time.sleep(self.line_delay)
            result = {"id": f"batch_req_{line['custom_id'][:12]}", "custom_id": line["custom_id"], "error": None}
            if self.fails(line["custom_id"]):
                error = {"message": "scripted batch line failure", "type": "server_error"}
                errors.append({**result, "response": {"status_code": 500, "request_id": "r", "body": {"error": error}}})
                batch["request_counts"]["failed"] += 1
            else:
                response = {"status_code": 200, "request_id": "r", "body": self.complete(line["body"])}
                outputs.append({**result, "response": response})
                batch["request_counts"]["completed"] += 1
        batch["status"] = "finalizing" if batch["status"] == "in_progress" else batch["status"]
        for name, records in (("output_file_id", outputs), ("error_file_id", errors)):
            if records:
                data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode()
                stored = StoredFile(self._new_id("file"), f"{batch['id']}_{name[:-8]}.jsonl", "batch_output", data)
                self.files[stored.id] = stored
                batch[name] = stored.id
        if batch["id"] in self._cancel:
            batch.update(status="cancelled", cancelled_at=int(time.time()))
        else:
            batch.update(status="completed", completed_at=int(time.time()))
