"""Hostile folders before an upload (issue 15.3): a secret of each kind in each file type, archives
and pickles, checkpoints and optimizer states at any depth, symlinks out of the folder, size."""

import importlib.util
import json
import os
import pickle
import struct
import tarfile
import zipfile

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from conftest import ROOT

from korad.errors import InputError
from korad.hub.scan import is_excluded, parse_size, plan_folder
from korad.secrets import redact
from korad.testing.hub_capture import CapturedHub

# Fake secrets, assembled so that the source file itself holds none of them.
SECRETS = {
    "hugging face": "hf_" + "aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3z",
    "openai": "sk-" + "Ab1Cd2Ef3Gh4Ij5Kl6Mn7Op8Qr9St0Uv",
    "openai project": "sk-proj-" + "Ab1Cd2Ef3Gh4Ij5Kl6Mn7Op8_Qr9St0Uv-Wx",
    "github": "ghp_" + "Ab1Cd2Ef3Gh4Ij5Kl6Mn7Op8Qr9St0Uv1Wx2Yz",
    "github fine-grained": "github_pat_" + "11ABCDEFG0123456789_abcdefghijklmnopqrstuv",
    "aws key id": "AKIA" + "IOSFODNN7EXAMPLQ",
    "aws secret": "aws_secret_access_key = " + "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEYQ",
    "azure": "AZURE_OPENAI_API_KEY=" + "0123456789abcdef0123456789abcdef",
    "pem": "-----BEGIN " + "RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----",
    "url password": "https://reviewer:" + "hunter2secret@argilla.example.org/api",
}


def notebook(secret):
    cell = {"cell_type": "code", "source": ["print(key)"], "outputs": [{"output_type": "stream", "text": [secret]}]}
    return json.dumps({"cells": [cell], "nbformat": 4, "nbformat_minor": 5})


FILE_TYPES = {
    "analysis.ipynb": notebook,
    "settings.env.bak": lambda s: f"TOKEN={s}\n",
    "deploy.sh": lambda s: f"#!/bin/sh\nexport KEY='{s}'\ncurl ...\n",
    "config.yaml": lambda s: f"endpoint:\n  secret: {json.dumps(s)}\n",
    "page.html": lambda s: f"<html><body><pre>{s}</pre></body></html>",
    "data.xml": lambda s: f"<config><value>{s}</value></config>",
    "notes.txt.bak": lambda s: f"old notes\n{s}\n",
    "stdout.out": lambda s: "step 1\n" * 50_000 + s + "\n",  # a long training output, secret far in
    "README": lambda s: f"# model\n\n{s}\n",
}


@pytest.mark.parametrize("kind", SECRETS)
@pytest.mark.parametrize("name", FILE_TYPES)
def test_a_secret_of_each_kind_in_each_text_file_type_is_refused(tmp_path, kind, name):
    (tmp_path / "weights.safetensors").write_bytes(b"\x08\0\0\0\0\0\0\0{}      ")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / name).write_text(FILE_TYPES[name](SECRETS[kind]), encoding="utf-8")
    with pytest.raises(InputError) as refused:
        plan_folder(tmp_path)
    assert name in str(refused.value) and "refusing to upload" in str(refused.value)
    assert SECRETS[kind] not in str(refused.value)


@pytest.mark.parametrize("kind", ["hugging face", "openai project", "aws key id"])
def test_secrets_in_safetensors_metadata_and_parquet_cells_are_refused(tmp_path, kind):
    header = json.dumps({"__metadata__": {"note": SECRETS[kind]}}).encode()
    (tmp_path / "a.safetensors").write_bytes(struct.pack("<Q", len(header)) + header)
    with pytest.raises(InputError, match=r"a\.safetensors"):
        plan_folder(tmp_path)
    os.remove(tmp_path / "a.safetensors")
    pq.write_table(pa.table({"report": ["No pneumothorax.", f"token {SECRETS[kind]}"]}), tmp_path / "t.parquet")
    with pytest.raises(InputError, match=r"t\.parquet"):
        plan_folder(tmp_path)


def test_the_value_of_a_secret_environment_variable_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("MY_SERVICE_TOKEN", "plain-words-but-secret-42")
    (tmp_path / "card.md").write_text("trained with plain-words-but-secret-42\n")
    with pytest.raises(InputError, match="secret environment variable"):
        plan_folder(tmp_path)


def _zip(path):
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("inner.txt", "anything")


def _tar(path):
    inner = path.parent / "inner.txt"
    inner.write_text("x")
    with tarfile.open(path, "w:gz") as archive:
        archive.add(inner, arcname="inner.txt")
    inner.unlink()


HIDDEN = {
    "bundle.zip": _zip,
    "logs.tar.gz": _tar,
    "zip_disguised_as.txt": _zip,
    "state.pkl": lambda p: p.write_bytes(pickle.dumps({"a": 1})),
    "pickle_disguised_as.json": lambda p: p.write_bytes(pickle.dumps([1, 2])),
    "adapter_model.bin": lambda p: p.write_bytes(pickle.dumps({"w": 0})),
}


@pytest.mark.parametrize("name", HIDDEN)
def test_archives_and_pickles_are_refused_unless_allowed(tmp_path, name):
    (tmp_path / "README.md").write_text("# x\n")
    HIDDEN[name](tmp_path / name)
    with pytest.raises(InputError, match=r"an archive|a pickle"):
        plan_folder(tmp_path)
    assert name in [f.path for f in plan_folder(tmp_path, allow=(name,))]


@pytest.mark.parametrize(
    "path",
    [
        "training_args.bin",
        "deep/er/training_args.bin",
        "checkpoint-500/adapter_model.safetensors",
        "outputs/run1/checkpoint-20/optimizer.pt",
        "optimizer.pt",
        "nested/scheduler.pt",
        "x/rng_state_3.pth",
        "runs/Nov30/events.out.tfevents",
        "a/b/runs/events.out.tfevents",
        "global_step100/mp_rank_00_model_states.pt",
        "zero/bf16_zero_pp_rank_0_mp_rank_00_optim_states.pt",
        "sub/.env.production",
        "keys/server.pem",
        "a/.git/config",
    ],
)
def test_checkpoints_optimizer_states_and_runs_are_left_out_at_any_depth(tmp_path, path):
    assert is_excluded(path)
    target = tmp_path / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(pickle.dumps({"hub_token": SECRETS["hugging face"]}))
    (tmp_path / "README.md").write_text("# x\n")
    assert [f.path for f in plan_folder(tmp_path)] == ["README.md"]


def test_symlinks_never_lead_out_of_the_folder(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "id_rsa").write_text("private")
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "README.md").write_text("# x\n")
    (folder / "inside.md").symlink_to(folder / "README.md")
    assert [f.path for f in plan_folder(folder)] == ["README.md", "inside.md"]
    (folder / "key").symlink_to(outside / "id_rsa")
    with pytest.raises(InputError, match="symlink that leads out of the folder"):
        plan_folder(folder)
    (folder / "key").unlink()
    (folder / "sub").mkdir()
    (folder / "sub" / "home").symlink_to(outside, target_is_directory=True)
    with pytest.raises(InputError, match="symlink that leads out of the folder"):
        plan_folder(folder)


def test_one_upload_has_a_size_limit_with_an_explicit_override(tmp_path):
    (tmp_path / "big.safetensors").write_bytes(b"\x02\0\0\0\0\0\0\0{}" + b"\0" * 3000)
    with pytest.raises(InputError, match="over the limit of 2KB: pass --max-upload-size"):
        plan_folder(tmp_path, max_bytes="2KB")
    assert plan_folder(tmp_path, max_bytes="1MB")[0].path == "big.safetensors"
    assert parse_size("20GB") == 20 << 30 and parse_size("1.5 kb") == 1536
    with pytest.raises(InputError, match="not a size"):
        parse_size("lots")


def test_a_clean_report_text_is_not_mistaken_for_a_secret(tmp_path):
    text = "Risk-benefit discussed. sk-like words: task-based, desk-top. Small right effusion, 2.5 cm nodule.\n"
    (tmp_path / "notes.md").write_text(text)
    assert [f.path for f in plan_folder(tmp_path)] == ["notes.md"] and redact(text) == text


def test_push_script_uploads_nothing_when_a_file_holds_a_secret(dataset_dir, tmp_path, monkeypatch, capsys):
    import shutil

    import huggingface_hub.constants

    folder = tmp_path / "dataset"
    shutil.copytree(dataset_dir, folder)
    (folder / "eval.ipynb").write_text(notebook(SECRETS["openai project"]), encoding="utf-8")
    spec = importlib.util.spec_from_file_location("push_dataset", ROOT / "hub_scripts" / "push_dataset.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", False)
    monkeypatch.setenv("HF_TOKEN", SECRETS["hugging face"])
    with CapturedHub() as hub:
        assert module.main([str(folder), "--repo-id", "org/x"]) == 2
        assert hub.requests == []
    err = capsys.readouterr().err
    assert "eval.ipynb" in err and SECRETS["openai project"] not in err
