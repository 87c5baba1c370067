"""Capture what huggingface_hub sends to the Hub, at its HTTP transport, without any network.

``with CapturedHub() as hub: HfApi().upload_folder(...)`` installs a client factory
(``huggingface_hub.set_client_factory``) whose transport answers the Hub's write API the way the
Hub does (create repo, branch, preupload as "regular" files, commit, tag, Space variables and
hardware) and
records every request: method, path, headers and body. ``hub.commits`` are the decoded commit
operations (path -> bytes), so a test can assert the exact file set of an upload.
"""

from __future__ import annotations

import base64
import json
import re
from dataclasses import dataclass, field
from typing import Any


@dataclass
class CapturedRequest:
    method: str
    url: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Commit:
    repo: str
    revision: str
    message: str
    files: dict[str, bytes] = field(default_factory=dict)
    deleted: list[str] = field(default_factory=list)


_REPO = r"(?P<type>models|datasets|spaces)/(?P<repo>[^/]+/[^/]+)"


class CapturedHub:
    """A stand-in for the Hub's write API inside huggingface_hub's own HTTP client."""

    def __init__(self) -> None:
        self.requests: list[CapturedRequest] = []
        self.commits: list[Commit] = []
        self.created: list[dict[str, Any]] = []
        self.tags: list[tuple[str, str]] = []
        self.branches: list[tuple[str, str]] = []
        self.variables: dict[str, str] = {}
        self.hardware: dict[str, str] = {}
        """Space id -> the hardware flavor last requested for it."""
        self.private: dict[str, bool] = {}
        """Repo id -> whether it is private: set by create (unless the repo exists) or by a test."""

    def _handle(self, request):
        import httpx2

        body = request.read()
        self.requests.append(CapturedRequest(request.method, str(request.url), dict(request.headers), body))
        path = request.url.path

        def reply(data: Any, status: int = 200):
            return httpx2.Response(status, json=data)

        if path == "/api/repos/create":
            payload = json.loads(body)
            self.created.append(payload)
            prefix = {"dataset": "datasets/", "space": "spaces/"}.get(payload.get("type"), "")
            repo_id = f"{payload.get('organization') or 'user'}/{payload['name']}"
            self.private.setdefault(repo_id, payload.get("visibility", "private") != "public")
            return reply({"url": f"https://huggingface.co/{prefix}{repo_id}", "name": repo_id})
        if match := re.fullmatch(rf"/api/{_REPO}/preupload/(?P<rev>.+)", path):
            files = json.loads(body)["files"]
            return reply(
                {"files": [{"path": f["path"], "uploadMode": "regular", "shouldIgnore": False} for f in files]}
            )
        if match := re.fullmatch(rf"/api/{_REPO}/commit/(?P<rev>.+)", path):
            return reply(self._commit(match["repo"], match["rev"], body))
        if match := re.fullmatch(rf"/api/{_REPO}/branch/(?P<branch>.+)", path):
            self.branches.append((match["repo"], match["branch"]))
            return reply({})
        if match := re.fullmatch(rf"/api/{_REPO}/tag/(?P<rev>.+)", path):
            self.tags.append((match["repo"], json.loads(body)["tag"]))
            return reply({})
        if re.fullmatch(r"/api/spaces/[^/]+/[^/]+/variables", path) and request.method == "POST":
            payload = json.loads(body)
            self.variables[payload["key"]] = payload["value"]
            return reply({})
        if (match := re.fullmatch(r"/api/spaces/(?P<repo>[^/]+/[^/]+)/hardware", path)) and request.method == "POST":
            flavor = json.loads(body)["flavor"]
            self.hardware[match["repo"]] = flavor
            return reply({"stage": "BUILDING", "hardware": {"current": None, "requested": flavor}})
        if path == "/api/validate-yaml":  # the Hub checks a README's YAML header before a commit
            import yaml

            content = json.loads(body)["content"]
            try:
                yaml.safe_load(content.split("---")[1]) if content.startswith("---") else None
            except yaml.YAMLError as error:
                return reply({"errors": [{"message": str(error)}], "warnings": []}, 400)
            return reply({"errors": [], "warnings": []})
        if (match := re.fullmatch(rf"/api/{_REPO}(/revision/.+)?", path)) and request.method == "GET":
            if match["repo"] not in self.private:
                return reply({"error": "Repository not found"}, 404)
            return reply({"id": match["repo"], "private": self.private[match["repo"]], "sha": "0" * 40, "siblings": []})
        if path == "/api/whoami-v2":
            return reply({"name": "user", "type": "user", "orgs": [{"name": "org"}], "auth": {}})
        return reply({"error": f"not emulated: {request.method} {path}"}, 404)

    def _commit(self, repo: str, revision: str, body: bytes) -> dict[str, Any]:
        lines = [json.loads(line) for line in body.decode().splitlines() if line.strip()]
        header = next(line["value"] for line in lines if line["key"] == "header")
        commit = Commit(repo, revision, header["summary"])
        for line in lines:
            value = line["value"]
            if line["key"] == "file":
                commit.files[value["path"]] = base64.b64decode(value["content"])
            elif line["key"] == "lfsFile":
                commit.files[value["path"]] = b""
            elif line["key"] in ("deletedFile", "deletedFolder"):
                commit.deleted.append(value["path"])
        self.commits.append(commit)
        oid = "0" * 40
        return {"commitUrl": f"https://huggingface.co/{repo}/commit/{oid}", "commitOid": oid, "pullRequestUrl": None}

    def __enter__(self) -> CapturedHub:
        import httpx2
        from huggingface_hub import set_client_factory

        set_client_factory(lambda: httpx2.Client(transport=httpx2.MockTransport(self._handle), follow_redirects=True))
        return self

    def __exit__(self, *exc: object) -> None:
        from huggingface_hub import set_client_factory
        from huggingface_hub.utils._http import default_client_factory

        set_client_factory(default_client_factory)
