"""hub_scripts/: uploads captured at huggingface_hub's transport; downloads through olah (the Hub protocol)."""

import importlib.util
import json
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest
from conftest import ROOT, free_port
from huggingface_hub import ModelCard, ModelCardData

from korad.testing.hub_capture import CapturedHub
from korad.testing.hub_server import HubServer, mirror_repo

TOKEN = "hf_" + "TestTokenThatMustOnlyBeInTheHeader01"


def script(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "hub_scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.main


@pytest.fixture
def hub(monkeypatch):
    """The Hub's write API captured in-process; online mode with a token from the environment."""
    import huggingface_hub.constants

    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", False)
    monkeypatch.setenv("HF_TOKEN", TOKEN)
    with CapturedHub() as captured:
        yield captured


def assert_token_only_in_authorization(captured: CapturedHub) -> None:
    writes = [r for r in captured.requests if r.method == "POST"]
    assert writes and all(r.headers.get("authorization") == f"Bearer {TOKEN}" for r in writes)
    for request in captured.requests:
        assert request.headers.get("authorization") in (None, f"Bearer {TOKEN}")
        others = {k: v for k, v in request.headers.items() if k != "authorization"}
        assert TOKEN not in request.url and TOKEN.encode() not in request.body and TOKEN not in str(others)


@pytest.fixture
def dataset_with_junk(dataset_dir, tmp_path):
    """The built dataset plus what must never be uploaded."""
    folder = tmp_path / "dataset"
    shutil.copytree(dataset_dir, folder)
    (folder / "cache").mkdir()
    (folder / "cache" / "teacher.sqlite").write_bytes(b"SQLite format 3\x00")
    (folder / "answers.quarantine.jsonl").write_text('{"reason": "x"}\n')
    (folder / "run.ledger.json").write_text("{}")
    (folder / "build.log").write_text("log")
    (folder / ".env").write_text("X=1\n")
    return folder


def adapter_with_card(tiny_adapter, tmp_path, base_model: str):
    folder = tmp_path / "adapter"
    shutil.copytree(tiny_adapter, folder)
    config = json.loads((folder / "adapter_config.json").read_text())
    config["base_model_name_or_path"] = base_model
    (folder / "adapter_config.json").write_text(json.dumps(config))
    data = ModelCardData(license="apache-2.0", language=["ko"], base_model=base_model, library_name="peft")
    ModelCard.from_template(data, model_id="ko-rad-lora").save(folder / "README.md")
    (folder / "checkpoint-10").mkdir()
    (folder / "checkpoint-10" / "adapter_model.safetensors").write_bytes(b"old")
    (folder / "training_args.bin").write_bytes(b"hub_token")
    return folder


# --- upload side -----------------------------------------------------------------------------


def test_push_dataset_sends_exactly_the_planned_files_with_the_token_only_in_the_header(hub, dataset_with_junk):
    code = script("push_dataset")(
        [str(dataset_with_junk), "--repo-id", "org/ko-rad-instruct", "--revision", "v1-branch", "--tag", "v1.0"]
    )
    assert code == 0
    (commit,) = hub.commits
    expected = {
        p.relative_to(dataset_with_junk).as_posix()
        for p in dataset_with_junk.rglob("*")
        if p.is_file() and (p.suffix == ".parquet" or p.name == "README.md")
    }
    assert set(commit.files) == expected and any(f.startswith("data/test-") for f in expected)
    assert commit.files["README.md"] == (dataset_with_junk / "README.md").read_bytes()
    assert (
        commit.repo == "org/ko-rad-instruct" and commit.revision == "v1-branch" and commit.message == "korad: dataset"
    )
    assert hub.created[0]["type"] == "dataset" and hub.created[0]["visibility"] == "private"
    assert hub.branches == [("org/ko-rad-instruct", "v1-branch")] and hub.tags == [("org/ko-rad-instruct", "v1.0")]
    assert_token_only_in_authorization(hub)


def test_push_adapter_leaves_out_checkpoints_and_training_args(hub, tiny_adapter, tmp_path):
    folder = adapter_with_card(tiny_adapter, tmp_path, "org/tiny-llama")
    assert script("push_adapter")([str(folder), "--repo-id", "org/ko-rad-lora", "--public"]) == 0
    (commit,) = hub.commits
    assert "adapter_config.json" in commit.files and "adapter_model.safetensors" in commit.files
    assert "tokenizer.json" in commit.files and "README.md" in commit.files
    assert not any(f.startswith("checkpoint-") or f == "training_args.bin" for f in commit.files)
    assert hub.created[0]["visibility"] == "public"
    assert_token_only_in_authorization(hub)


def test_push_merged_from_merge_adapter(hub, tiny_adapter, tiny_model, tmp_path, run):
    adapter = adapter_with_card(tiny_adapter, tmp_path, str(tiny_model))
    merged = tmp_path / "merged"
    result = run("train/merge_adapter.py", "--adapter", str(adapter), "--output", str(merged), "--dtype", "float32")
    assert result.returncode == 0, result.stderr
    card = ModelCard.load(merged / "README.md").data
    assert card.base_model_relation == "merge" and card.license == "apache-2.0" and "merged" in card.tags
    assert script("push_merged")([str(merged), "--repo-id", "org/ko-rad-merged"]) == 0
    assert "model.safetensors" in hub.commits[0].files and "config.json" in hub.commits[0].files
    assert script("push_merged")([str(adapter), "--repo-id", "org/x"]) == 2  # an adapter is not a merged model


def test_dry_run_prints_files_sizes_and_metadata_without_any_request(hub, dataset_with_junk, capsys):
    assert script("push_dataset")([str(dataset_with_junk), "--repo-id", "org/ko-rad-instruct", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "dry run: would upload" in out and "(private)" in out
    size = (dataset_with_junk / "README.md").stat().st_size
    assert f"{size:>12,}  README.md" in out and "license:" in out and "language: ['ko']" in out
    assert "teacher.sqlite" not in out and "quarantine" not in out and ".env" not in out
    assert hub.requests == []


def test_bad_folders_cards_and_missing_token_fail_before_any_upload(
    hub, dataset_with_junk, tiny_adapter, tmp_path, monkeypatch, capsys
):
    push_dataset, push_adapter = script("push_dataset"), script("push_adapter")
    assert push_dataset([str(tiny_adapter), "--repo-id", "org/x"]) == 2
    assert "not a dataset folder" in capsys.readouterr().err
    assert push_adapter([str(dataset_with_junk), "--repo-id", "org/x"]) == 2
    assert "not an adapter folder" in capsys.readouterr().err

    readme = dataset_with_junk / "README.md"
    text = readme.read_text()
    readme.write_text(text.replace("license:", "licence:", 1))
    assert push_dataset([str(dataset_with_junk), "--repo-id", "org/x"]) == 2
    assert "lacks required field(s): license" in capsys.readouterr().err
    readme.write_text(text)

    (dataset_with_junk / "notes.md").write_text("OPENAI key: sk-" + "a" * 40)
    assert push_dataset([str(dataset_with_junk), "--repo-id", "org/x"]) == 2
    assert "notes.md: looks like it holds a secret" in capsys.readouterr().err
    (dataset_with_junk / "notes.md").unlink()

    monkeypatch.delenv("HF_TOKEN")
    assert push_dataset([str(dataset_with_junk), "--repo-id", "org/x"]) == 2
    assert "no Hugging Face token" in capsys.readouterr().err
    assert hub.requests == []


def test_deploy_space_assembles_the_repo_sets_variables_and_names_secrets(hub, tmp_path, monkeypatch, capsys):
    secret = "sk-" + "S" * 40
    monkeypatch.setenv("OPENAI_API_KEY", secret)
    endpoints = tmp_path / "endpoints.yaml"
    endpoints.write_text(
        "endpoints:\n  teacher:\n    base_url: https://api.openai.com/v1\n    model: gpt-4o-mini\n"
        "    api_key_env: OPENAI_API_KEY\n"
    )
    output = tmp_path / "space-repo"
    argv = [
        "--repo-id",
        "org/korad-chat",
        "--output",
        str(output),
        "--endpoint",
        "teacher",
        "--endpoints",
        str(endpoints),
    ]
    assert script("deploy_space")(argv) == 0
    (commit,) = hub.commits
    files = set(commit.files)
    assert {"app.py", "README.md", "requirements.txt", "endpoints.yaml", "korad/__init__.py"} <= files
    assert "korad/data/sample_reports.jsonl" in files and "korad/chat/grounded.py" in files
    assert not any("testing" in f or "__pycache__" in f for f in files)
    assert hub.created[0]["type"] == "space" and hub.created[0]["sdk"] == "gradio"
    assert hub.variables == {"KORAD_ENDPOINT": "teacher", "KORAD_ENDPOINTS": "endpoints.yaml"}
    out = capsys.readouterr().out
    assert "OPENAI_API_KEY: the API key of endpoint 'teacher'" in out and secret not in out
    assert all(secret.encode() not in r.body and secret not in str(r.headers) for r in hub.requests)
    assert script("deploy_space")(argv) == 2  # the assembly folder is never overwritten


def test_deploy_space_dry_run_leaves_nothing_the_real_run_needs(hub, tmp_path, capsys):
    output = tmp_path / "space-repo"
    argv = ["--repo-id", "org/korad-chat", "--output", str(output)]
    assert script("deploy_space")([*argv, "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "dry run: would upload" in out and "app.py" in out
    assert not output.exists() and hub.requests == []
    assert script("deploy_space")(argv) == 0, capsys.readouterr().err
    assert "app.py" in hub.commits[0].files


# --- download side: olah serving our repos over the Hub protocol -------------------------------


@pytest.fixture(scope="module")
def hub_mirror(dataset_dir, tiny_model, tiny_adapter, tmp_path_factory):
    work = tmp_path_factory.mktemp("mirror")
    mirrors = work / "mirrors"
    mirror_repo(mirrors, "org/ko-rad-instruct", dataset_dir, "dataset")
    mirror_repo(mirrors, "org/tiny-llama", tiny_model)
    mirror_repo(mirrors, "org/ko-rad-lora", adapter_with_card(tiny_adapter, work, "org/tiny-llama"))
    with HubServer(mirrors) as server:
        yield server


def hub_env(server, tmp_path) -> dict:
    return {
        **os.environ,
        "HF_ENDPOINT": server.endpoint,
        "HF_HOME": str(tmp_path / "hf-home"),
        "HF_HUB_OFFLINE": "0",
        "HF_DATASETS_OFFLINE": "0",
        "GRADIO_ANALYTICS_ENABLED": "False",
    }


def python(code: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_load_dataset_and_peft_adapter_by_hub_id(hub_mirror, tmp_path, tiny_model, tiny_adapter):
    code = f"""
import torch
from datasets import load_dataset
from peft import PeftModel
from transformers import AutoModelForCausalLM
data = load_dataset("org/ko-rad-instruct")
print("splits", sorted(data), len(data["train"]) > 0, len(data["test"]) > 0, "messages" in data["train"].column_names)
remote = PeftModel.from_pretrained(AutoModelForCausalLM.from_pretrained("org/tiny-llama"), "org/ko-rad-lora")
local = PeftModel.from_pretrained(AutoModelForCausalLM.from_pretrained({str(tiny_model)!r}), {str(tiny_adapter)!r})
ids = torch.tensor([[5, 17, 42, 99, 7]])
with torch.no_grad():
    print("same logits", torch.equal(remote(input_ids=ids).logits, local(input_ids=ids).logits))
"""
    result = python(code, hub_env(hub_mirror, tmp_path))
    assert result.returncode == 0, result.stderr[-3000:]
    assert "splits ['test', 'train'] True True True" in result.stdout
    assert "same logits True" in result.stdout


def test_space_runs_with_an_adapter_by_hub_id(hub_mirror, tmp_path):
    from gradio_client import Client

    port = free_port()
    env = hub_env(hub_mirror, tmp_path)
    command = [
        sys.executable,
        "space/app.py",
        "--adapter",
        "org/ko-rad-lora",
        "--max-new-tokens",
        "8",
        "--port",
        str(port),
    ]
    log = tmp_path / "space.log"
    with log.open("w") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=out)
        try:
            client = None
            for _ in range(240):
                if process.poll() is not None:
                    break
                try:
                    client = Client(f"http://127.0.0.1:{port}/", verbose=False)
                    break
                except Exception:
                    time.sleep(0.5)
            assert client is not None, log.read_text()[-3000:]
            answer, _ = client.predict("기흉이 있나요?", "FINDINGS: No pneumothorax.", api_name="/respond")
        finally:
            process.send_signal(signal.SIGINT)
            process.wait(timeout=30)
    assert answer.strip()
    assert "backend: transformers:org/tiny-llama+org/ko-rad-lora" in log.read_text()


def test_sft_trains_on_the_dataset_by_hub_id(hub_mirror, tmp_path):
    output = tmp_path / "sft"
    result = subprocess.run(
        [
            sys.executable,
            "train/sft.py",
            "--config",
            str(ROOT / "train" / "recipes" / "tiny_cpu.yaml"),
            "--model_name_or_path",
            "org/tiny-llama",
            "--dataset_name",
            "org/ko-rad-instruct",
            "--max_steps",
            "2",
            "--eval_strategy",
            "no",
            "--save_strategy",
            "no",
            "--output_dir",
            str(output),
        ],
        cwd=ROOT,
        env=hub_env(hub_mirror, tmp_path),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert (output / "adapter_model.safetensors").exists()
    card = ModelCard.load(output / "README.md").data
    assert card.base_model == "org/tiny-llama" and "org/ko-rad-instruct" in card.datasets
