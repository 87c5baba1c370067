"""A local Hub-protocol server for tests: ``olah`` in offline mode serving git repos we commit.

``olah`` (its own virtual environment, ``.venv-olah``, made by setup.sh) serves local git
repositories laid out as ``<mirrors>/datasets/<org>/<name>`` and ``<mirrors>/models/<org>/<name>``
through the Hub's HTTP API; with ``HF_ENDPOINT`` pointing at it, ``load_dataset``,
``from_pretrained`` and ``hf_hub_download`` run their real download code.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

from korad.testing.ports import free_port

ROOT = Path(__file__).resolve().parents[2]
OLAH_PYTHON = Path(os.environ.get("KORAD_OLAH_PYTHON", ROOT / ".venv-olah" / "bin" / "python"))
"""The Python of olah's own virtual environment (its pins differ from ours)."""
LAUNCHER = Path(__file__).with_name("olah_offline.py")


def mirror_repo(mirrors: Path, repo_id: str, folder: Path, repo_type: str = "model") -> Path:
    """Copy ``folder`` into a git repo at olah's path for ``repo_id`` and commit it."""
    target = mirrors / f"{repo_type}s" / repo_id
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(folder, target)
    git = ["git", "-C", str(target), "-c", "user.name=korad", "-c", "user.email=korad@localhost"]
    subprocess.run([*git, "init", "-q", "-b", "main"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", f"{repo_id}"], check=True)
    return target


class HubServer:
    """olah on 127.0.0.1 serving ``mirrors`` offline; ``.endpoint`` is the value for HF_ENDPOINT."""

    def __init__(self, mirrors: Path, port: int | None = None) -> None:
        if not OLAH_PYTHON.exists():
            raise FileNotFoundError(f"{OLAH_PYTHON} is missing: bash setup.sh installs olah in .venv-olah")
        self.mirrors = Path(mirrors)
        self.port = port or free_port()
        self.workdir = Path(tempfile.mkdtemp(prefix="korad-olah-"))
        self.process: subprocess.Popen | None = None

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> HubServer:
        netloc = f"127.0.0.1:{self.port}"
        config = self.workdir / "olah.toml"
        config.write_text(
            "[basic]\n"
            f'host = "127.0.0.1"\nport = {self.port}\n'
            f'repos-path = "{self.workdir / "repos"}"\n'
            f'mirrors-path = ["{self.mirrors}"]\n'
            f'mirror-scheme = "http"\nmirror-netloc = "{netloc}"\nmirror-lfs-netloc = "{netloc}"\n'
            "[accessibility]\noffline = true\n",
            encoding="utf-8",
        )
        log = open(self.workdir / "olah.log", "w")  # noqa: SIM115 - closed with the process
        self.process = subprocess.Popen(
            [str(OLAH_PYTHON), str(LAUNCHER), "-c", str(config)], cwd=self.workdir, stdout=log, stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"olah exited: {(self.workdir / 'olah.log').read_text()[-2000:]}")
            try:
                urllib.request.urlopen(f"{self.endpoint}/api/models/none/none", timeout=1)
            except urllib.error.HTTPError:
                return self  # it answers
            except OSError:
                time.sleep(0.2)
                continue
            return self
        raise TimeoutError("olah did not start within 60 s")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        shutil.rmtree(self.workdir, ignore_errors=True)

    def __enter__(self) -> HubServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
