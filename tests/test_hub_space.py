"""korad publish space: hardware, the trimmed file set, the Space's own requirements, the validated card."""

import ast
import os
import re
import signal
import subprocess
import sys
import time
from importlib.metadata import PackageNotFoundError, packages_distributions, requires
from pathlib import Path

import pytest
from conftest import ROOT, free_port
from gradio_client import Client
from test_hub import hub  # noqa: F401 - the captured Hub fixture

from korad.artifacts import InputError
from korad.chat import BackendSpec
from korad.commands.publish import publish_space
from korad.hub.cards import check_space, check_space_card
from korad.hub.space import assemble_space

NOT_ON_A_SPACE = ("korad/testing/", "korad/train/", "korad/eval/", "korad/review/", "korad/datasets_builder/")
"""Test stand-ins, training, evaluation, review and dataset building: never part of the Space."""


def listed_files(out: str) -> list[str]:
    return re.findall(r"^\s+[\d,]+\s+(\S+)$", out, flags=re.MULTILINE)


def test_dry_run_with_hardware_prints_the_trimmed_files_and_the_hardware_and_sends_nothing(hub, capsys):  # noqa: F811
    argv = ["--repo-id", "org/korad-chat", "--adapter", "org/ko-rad-lora", "--hardware", "zero-a10g", "--dry-run"]
    assert publish_space(argv) == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    files = listed_files(out)
    assert {"app.py", "README.md", "requirements.txt", "korad/chat/local_model.py", "korad/chat/grounded.py"} <= set(
        files
    )
    assert "korad/data/sample_reports.jsonl" in files
    assert not [f for f in files if f.startswith(NOT_ON_A_SPACE) or "/commands/" in f or f.startswith("benchmarks")]
    assert "hardware: zero-a10g" in out and "suggested_hardware: zero-a10g" in out
    assert "models: ['org/ko-rad-lora']" in out
    assert hub.requests == []


def test_upload_sets_the_hardware_on_the_space(hub, tmp_path, capsys):  # noqa: F811
    argv = ["--repo-id", "org/korad-chat", "--output", str(tmp_path / "space"), "--hardware", "t4-small"]
    assert publish_space(argv) == 0, capsys.readouterr().err
    assert hub.created[0]["type"] == "space" and hub.created[0]["hardware"] == "t4-small"
    assert hub.hardware == {"org/korad-chat": "t4-small"}  # also an existing Space, which ignores creation's
    card = hub.commits[0].files["README.md"].decode()
    assert "suggested_hardware: t4-small" in card
    assert "hardware requested: t4-small" in capsys.readouterr().out


def test_unknown_hardware_is_refused_before_anything_is_assembled_or_sent(hub, tmp_path, capsys):  # noqa: F811
    output = tmp_path / "space"
    assert publish_space(["--repo-id", "org/x", "--output", str(output), "--hardware", "h100-huge"]) == 2
    err = capsys.readouterr().err
    assert "hardware='h100-huge'" in err and "zero-a10g" in err
    assert hub.requests == [] and not output.exists()


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("hardware: zero-a10g", "unknown Space card key 'hardware'"),
        ("pinned: 'no'", "'pinned': 'no' is not true or false"),
        ("sdk_version: 6.31", "'sdk_version': 6.31 is not a string"),
        ("app_port: true", "'app_port': True is not a whole number"),
        ("suggested_hardware: gpu-big", "'suggested_hardware': 'gpu-big' is not one of cpu-basic"),
        ("colorFrom: teal", "'colorFrom': 'teal' is not one of red"),
        ("models: [1, 2]", "'models': every item must be a string"),
    ],
)
def test_the_space_card_rejects_unknown_keys_wrong_types_and_values(tmp_path, line, message):
    folder = tmp_path / "space"
    folder.mkdir()
    (folder / "app.py").write_text("")
    (folder / "README.md").write_text(f"---\ntitle: t\nsdk: gradio\napp_file: app.py\n{line}\n---\n# t\n")
    with pytest.raises(InputError) as error:
        check_space(folder)
    assert message in str(error.value) and "README.md" in str(error.value)


def test_the_space_card_in_the_repository_passes_its_own_check():
    from huggingface_hub import SpaceCard

    check_space_card(SpaceCard.load(ROOT / "space" / "README.md").data.to_dict(), ROOT / "space" / "README.md")


def third_party_imports(path: Path) -> set[str]:
    """Top-level names of the modules ``path`` imports at module level (what runs when it is imported)."""
    names = set()
    for node in ast.parse(path.read_text()).body:
        for inner in ast.walk(node) if isinstance(node, (ast.If, ast.Try)) else [node]:
            if isinstance(inner, ast.Import):
                names |= {alias.name.split(".")[0] for alias in inner.names}
            elif isinstance(inner, ast.ImportFrom) and inner.module and not inner.level:
                names.add(inner.module.split(".")[0])
    return names - set(sys.stdlib_module_names) - {"korad", "__future__"}


def installed_with(requirements: list[str]) -> set[str]:
    """The distributions ``requirements`` install, with everything they depend on."""
    seen: set[str] = set()

    def visit(name: str) -> None:
        key = re.sub(r"[-_.]+", "-", name).lower()
        if key in seen:
            return
        seen.add(key)
        try:
            for requirement in requires(name) or []:
                if "extra ==" not in requirement:
                    visit(re.match(r"[A-Za-z0-9_.\-]+", requirement).group(0))
        except PackageNotFoundError:
            pass

    for requirement in requirements:
        visit(requirement)
    return seen


def test_the_assembled_space_runs_from_its_own_files_with_its_own_requirements(tmp_path):
    folder = tmp_path / "space"
    assemble_space(folder, BackendSpec())
    files = [p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()]
    assert not [f for f in files if f.startswith(NOT_ON_A_SPACE) or "__pycache__" in f]

    # every module-level import of the uploaded code is installed by the Space's requirements or its sdk
    lines = (folder / "requirements.txt").read_text().splitlines()
    requirements = [re.match(r"[A-Za-z0-9_.\-]+", line).group(0) for line in lines if line and line[0].isalnum()]
    assert "spaces" in requirements and "gradio" not in requirements  # gradio: the card's sdk_version
    available = installed_with([*requirements, "gradio"])
    distributions = packages_distributions()
    for path in folder.rglob("*.py"):
        for name in third_party_imports(path):
            assert any(re.sub(r"[-_.]+", "-", d).lower() in available for d in distributions.get(name, [name])), (
                f"{path.relative_to(folder)} imports {name}, which the Space does not install"
            )

    # the Space's korad is the uploaded one: the backends chosen at run time import from it alone
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "KORAD_BACKEND", "KORAD_MODEL")}
    env["GRADIO_ANALYTICS_ENABLED"] = "False"
    code = (
        "import korad, korad.chat.local_model, korad.chat.remote, korad.endpoints, korad.models; print(korad.__file__)"
    )
    probe = subprocess.run([sys.executable, "-c", code], cwd=folder, env=env, capture_output=True, text=True)
    assert probe.returncode == 0 and probe.stdout.strip() == str(folder / "korad" / "__init__.py"), probe.stderr

    port = free_port()
    log = tmp_path / "space.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "app.py", "--port", str(port)], cwd=folder, env=env, stdout=out, stderr=out
        )
        try:
            client = None
            for _ in range(120):
                try:
                    client = Client(f"http://127.0.0.1:{port}/", verbose=False)
                    break
                except Exception:
                    time.sleep(0.5)
            assert client is not None, log.read_text()
            answer, notices = client.predict("기흉이 있나요?", "Small right pneumothorax.", api_name="/respond")
        finally:
            process.send_signal(signal.SIGINT)
            process.wait(timeout=30)
    assert answer.startswith("네") and "[긴급]" in notices
