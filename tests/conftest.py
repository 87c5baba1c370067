import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import yaml

from korad.testing.ports import free_port  # noqa: F401 - the tests import it from here

ROOT = Path(__file__).resolve().parents[1]

# Tests never reach the Hub or any other network service, and never read or write the user's
# Hugging Face cache: datasets keys its cache of a local folder by the folder's name, so a stale
# copy of another run's "dataset" folder would be returned.
os.environ["HF_HOME"] = tempfile.mkdtemp(prefix="korad-hf-home-")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")


# --- tests that need a service of the machine ------------------------------------------------
# A test marked ``needs_<service>`` (or using a fixture that starts it) is skipped, with the reason,
# where the service is missing; with KORAD_REQUIRE_ALL=1 (set by .ci/run) such a skip fails instead.


def _playwright_chromium() -> bool:
    import importlib.util

    return bool(shutil.which("chromium")) and importlib.util.find_spec("playwright") is not None


def _venv_python(variable: str, folder: str) -> bool:
    return Path(os.environ.get(variable, ROOT / folder / "bin" / "python")).exists()


SERVICES = {
    "needs_chromium": (_playwright_chromium, "Debian chromium and playwright (bash setup.sh installs them)"),
    "needs_redis": (lambda: bool(shutil.which("redis-server")), "redis-server (bash setup.sh installs it)"),
    "needs_olah": (lambda: _venv_python("KORAD_OLAH_PYTHON", ".venv-olah"), "olah in .venv-olah (bash setup.sh)"),
    "needs_argilla": (
        lambda: _venv_python("KORAD_ARGILLA_PYTHON", ".venv-argilla"),
        "argilla-server in .venv-argilla (bash setup.sh)",
    ),
}
"""Marker -> (whether the service is here, what is missing and how to get it)."""

FIXTURE_SERVICES = {
    "argilla_server": ("needs_argilla", "needs_redis"),
    "hub_mirror": ("needs_olah",),
    "space": ("needs_chromium",),
}
"""Fixtures that start a service: the tests using them carry its markers."""


def pytest_configure(config):
    for marker, (_, what) in SERVICES.items():
        config.addinivalue_line("markers", f"{marker}: the test needs {what}")


def pytest_collection_modifyitems(config, items):
    for item in items:
        for fixture, markers in FIXTURE_SERVICES.items():
            if fixture in getattr(item, "fixturenames", ()):
                for marker in markers:
                    item.add_marker(marker)


def missing_services(markers) -> list[str]:
    """What the ``needs_*`` markers ask for and this machine lacks."""
    return [SERVICES[m][1] for m in dict.fromkeys(markers) if m in SERVICES and not SERVICES[m][0]()]


def pytest_runtest_setup(item):
    missing = missing_services(marker.name for marker in item.iter_markers())
    if missing:
        reason = "missing " + "; ".join(missing)
        if os.environ.get("KORAD_REQUIRE_ALL", "") not in ("", "0"):
            pytest.fail(f"KORAD_REQUIRE_ALL=1: {reason}", pytrace=False)
        pytest.skip(reason)


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


def endpoints_file(path: Path, base_url: str, name: str = "teacher", **fields) -> Path:
    """An endpoints YAML naming one local endpoint (no key: local servers need none)."""
    endpoint = {"base_url": base_url, "model": "fake", "rpm": 60000, "max_concurrency": 8, "allow_credentialed": True}
    path.write_text(yaml.safe_dump({"endpoints": {name: {**endpoint, **fields}}}), encoding="utf-8")
    return path


def local_endpoints(recipe_endpoints: Path, target: Path, base_url: str) -> Path:
    """A recipe's endpoints file with every endpoint pointed at a local test server (same names)."""
    data = yaml.safe_load(recipe_endpoints.read_text(encoding="utf-8"))
    for endpoint in data["endpoints"].values():
        endpoint.update(base_url=base_url, rpm=60000)
    target.write_text(yaml.safe_dump(data), encoding="utf-8")
    return target


SAMPLE_RECIPE = ROOT / "datasets_builder" / "recipes" / "sample_offline.yaml"


@pytest.fixture(scope="session")
def dataset_dir(tmp_path_factory) -> Path:
    """ko-rad-instruct built from the sample corpus by the sample recipe (local teacher on a free port)."""
    from korad.testing.fake_teacher import fake_teacher
    from korad.testing.openai_server import OpenAIServer

    work = tmp_path_factory.mktemp("builder")
    recipe = yaml.safe_load(SAMPLE_RECIPE.read_text(encoding="utf-8"))
    with OpenAIServer(fake_teacher) as server:
        endpoints = local_endpoints(ROOT / recipe["endpoints"], work / "endpoints.yaml", server.base_url)
        result = run_module(
            "-m",
            "korad",
            "build",
            "--config",
            str(SAMPLE_RECIPE),
            "--endpoints",
            str(endpoints),
            "--workdir",
            str(work),
        )
    assert result.returncode == 0, result.stderr
    return work / "dataset"


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory) -> Path:
    """A tiny random Llama with the ChatML tokenizer, trained on nothing (fast, offline)."""
    from korad.prompts import SYSTEM_PROMPT
    from korad.samples import load_sample_reports
    from korad.testing.tiny_models import build_tiny_llama

    path = tmp_path_factory.mktemp("tiny")
    build_tiny_llama([r["text"] for r in load_sample_reports()] + [SYSTEM_PROMPT], path)
    return path


@pytest.fixture(scope="session")
def tiny_adapter(tiny_model, tmp_path_factory) -> Path:
    """A LoRA adapter on ``tiny_model`` with non-zero weights, saved with its tokenizer."""
    from korad.testing.tiny_models import build_tiny_adapter

    path = tmp_path_factory.mktemp("tiny-adapter")
    build_tiny_adapter(tiny_model, path)
    return path


@pytest.fixture(scope="session")
def argilla_server(tmp_path_factory):
    """One real argilla-server for the session (it takes seconds to start), with two reviewers
    ``rev1``/``rev2``; tests use datasets of their own names."""
    from korad.testing.argilla_service import ArgillaServer

    with ArgillaServer(tmp_path_factory.mktemp("argilla")) as server:
        server.add_user("rev1", "rev1.apikey.0001")
        server.add_user("rev2", "rev2.apikey.0002")
        yield server
