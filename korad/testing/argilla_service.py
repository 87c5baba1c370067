"""A real argilla-server for tests: its own venv, SQLite, Debian's redis-server, an in-memory search engine.

    with ArgillaServer(tmp_path) as server:
        client = rg.Argilla(api_url=server.api_url, api_key=server.api_key)

setup.sh installs argilla-server in ``.venv-argilla`` (its pins clash with gradio) and Debian's
``redis-server``. The server process is ``korad/testing/argilla_memory.py``, which registers the
in-memory search engine; telemetry is off.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

from korad.testing.hub_server import ROOT
from korad.testing.ports import free_port

ARGILLA_PYTHON = Path(os.environ.get("KORAD_ARGILLA_PYTHON", ROOT / ".venv-argilla" / "bin" / "python"))
LAUNCHER = Path(__file__).with_name("argilla_memory.py")
DEFAULT_API_KEY = "argilla.apikey"
"""The owner's key made by ``argilla_server database users create_default`` (a local test server)."""


def _wait(check, what: str, process: subprocess.Popen, log: Path, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited: {log.read_text()[-3000:]}")
        if check():
            return
        time.sleep(0.3)
    raise TimeoutError(f"{what} did not start within {seconds} s: {log.read_text()[-3000:]}")


class ArgillaServer:
    """argilla-server on 127.0.0.1 with its own redis; ``api_url`` and ``api_key`` of the owner."""

    def __init__(self, workdir: Path) -> None:
        if not ARGILLA_PYTHON.exists():
            raise FileNotFoundError(f"{ARGILLA_PYTHON} is missing: bash setup.sh installs argilla-server")
        if shutil.which("redis-server") is None:
            raise FileNotFoundError("redis-server is missing: bash setup.sh installs it (Debian redis-server)")
        self.workdir = Path(workdir)
        self.port, self.redis_port = free_port(), free_port()
        self.api_key = DEFAULT_API_KEY
        self.processes: list[subprocess.Popen] = []

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _env(self) -> dict[str, str]:
        return {
            **os.environ,
            "ARGILLA_HOME_PATH": str(self.workdir),
            "ARGILLA_DATABASE_URL": f"sqlite:///{self.workdir / 'argilla.db'}",
            "ARGILLA_REDIS_URL": f"redis://127.0.0.1:{self.redis_port}/0",
            "ARGILLA_SEARCH_ENGINE": "memory",
            "ARGILLA_ENABLE_TELEMETRY": "0",
            "HF_HUB_DISABLE_TELEMETRY": "1",
        }

    def _spawn(self, command: list[str], name: str) -> tuple[subprocess.Popen, Path]:
        log = self.workdir / f"{name}.log"
        process = subprocess.Popen(command, env=self._env(), stdout=log.open("w"), stderr=subprocess.STDOUT)
        self.processes.append(process)
        return process, log

    def start(self) -> ArgillaServer:
        self.workdir.mkdir(parents=True, exist_ok=True)
        redis, redis_log = self._spawn(
            ["redis-server", "--port", str(self.redis_port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            "redis",
        )
        _wait(lambda: "Ready to accept connections" in redis_log.read_text(), "redis-server", redis, redis_log)
        for command in (["database", "migrate"], ["database", "users", "create_default", "--quiet"]):
            subprocess.run(
                [str(ARGILLA_PYTHON), "-m", "argilla_server", *command],
                env=self._env(),
                check=True,
                capture_output=True,
            )
        server, log = self._spawn(
            [str(ARGILLA_PYTHON), str(LAUNCHER), "--host", "127.0.0.1", "--port", str(self.port)], "argilla"
        )

        def ready() -> bool:
            request = urllib.request.Request(f"{self.api_url}/api/v1/me", headers={"X-Argilla-Api-Key": self.api_key})
            try:
                return urllib.request.urlopen(request, timeout=2).status == 200
            except OSError:
                return False

        _wait(ready, "argilla-server", server, log)
        return self

    def add_user(self, username: str, api_key: str, role: str = "annotator", workspace: str = "argilla") -> None:
        """Create a user with a known API key (the server's admin CLI), member of ``workspace``."""
        subprocess.run(
            [
                str(ARGILLA_PYTHON),
                "-m",
                "argilla_server",
                "database",
                "users",
                "create",
                "--username",
                username,
                "--first-name",
                username,
                "--password",
                f"{username}-password",
                "--role",
                role,
                "--api-key",
                api_key,
                "--workspace",
                workspace,
            ],
            env=self._env(),
            check=True,
            capture_output=True,
        )

    def stop(self) -> None:
        for process in reversed(self.processes):
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()

    def __enter__(self) -> ArgillaServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
