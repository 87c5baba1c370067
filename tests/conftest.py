import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# Tests never reach the Hub or any other network service, and never read or write the user's
# Hugging Face cache: datasets keys its cache of a local folder by the folder's name, so a stale
# copy of another run's "dataset" folder would be returned.
os.environ["HF_HOME"] = tempfile.mkdtemp(prefix="korad-hf-home-")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")


def run_module(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run ``python -m ...`` or a script the way a user would, capturing its output."""
    return subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        env={**os.environ, **(env or {})},
        timeout=600,
    )


@pytest.fixture
def run():
    return run_module
