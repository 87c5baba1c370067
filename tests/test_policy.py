"""The data-use policy (issue 15.2): one module, asked at every exit, before the first request.

Each exit is tested against its real local stand-in: the OpenAI-compatible test server (zero
requests reach it), the Hub transport capture (nothing uploaded). The Argilla exit is tested in
test_review.py against a real argilla-server.
"""

import importlib.util
import json
import shutil
import sys

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import yaml
from conftest import ROOT, endpoints_file, run_module

from korad.chat.backends import BackendSpec, make_backend
from korad.chat.conversation import ChatSession
from korad.endpoints import load_endpoints
from korad.errors import DataUseError
from korad.eval.compare import run_compare
from korad.eval.judge import run_judge
from korad.policy import ENDPOINT_RULE, PUBLISH_RULE, DataUsePolicy
from korad.testing.hub_capture import CapturedHub
from korad.testing.openai_server import OpenAIServer, echo_responder

REPORT = "FINDINGS: Small right pleural effusion. No pneumothorax."


@pytest.fixture
def server():
    with OpenAIServer(echo_responder) as running:
        yield running


def closed_endpoints(tmp_path, server, **fields):
    return endpoints_file(tmp_path / "endpoints.yaml", server.base_url, allow_credentialed=False, **fields)


def test_defaults_and_user_added_credentialed_sources(monkeypatch):
    assert DataUsePolicy.load().restricted(["MIMIC-CXR", "mimic_iv", "mimic-iii", "open-i"]) == [
        "mimic-cxr",
        "mimic-iii",
        "mimic-iv",
    ]
    monkeypatch.setenv("KORAD_CREDENTIALED_SOURCES", "my-hospital, other_registry")
    policy = DataUsePolicy.load(["from-yaml"])
    assert policy.restricted(["my-hospital", "other-registry", "from-yaml", "synthetic"]) == [
        "from-yaml",
        "my-hospital",
        "other-registry",
    ]


def test_builder_refuses_credentialed_rows_before_any_request_and_exits_4(tmp_path, server):
    reports = tmp_path / "reports.jsonl"
    reports.write_text(json.dumps({"id": "r1", "text": REPORT}) + "\n", encoding="utf-8")
    endpoints = closed_endpoints(tmp_path, server)
    common = ["--input", str(reports), "--endpoints", str(endpoints)]
    named = run_module(
        "datasets_builder/build.py", "all", *common, "--workdir", str(tmp_path / "a"), "--source", "mimic-iv"
    )
    assert named.returncode == 4, named.stderr
    assert ENDPOINT_RULE in named.stderr and "'mimic-iv'" in named.stderr and "allow_credentialed: true" in named.stderr
    # a source the user declares credentialed in the endpoints file counts too
    data = yaml.safe_load(endpoints.read_text()) | {"credentialed_sources": ["my-hospital"]}
    endpoints.write_text(yaml.safe_dump(data))
    own = run_module(
        "datasets_builder/build.py", "all", *common, "--workdir", str(tmp_path / "b"), "--source", "my-hospital"
    )
    assert own.returncode == 4 and "'my-hospital'" in own.stderr, own.stderr
    assert server.log == []


def test_judge_reads_sources_from_the_table_and_sends_nothing(tmp_path, server):
    config = load_endpoints(closed_endpoints(tmp_path, server, name="judge"))
    table = pd.DataFrame(
        [{"qa_id": "1", "source": "mimic-cxr", "report": REPORT, "question": "흉수가 있나요?", "answer_a": "네."}]
    )
    with pytest.raises(DataUseError) as refused:
        run_judge(table, config.get("judge"), tmp_path / "judge", policy=config.policy)
    assert refused.value.exit_code == 4 and refused.value.source == "mimic-cxr" and refused.value.rule == ENDPOINT_RULE
    without_column = table.drop(columns="source")
    with pytest.raises(DataUseError):
        run_judge(without_column, config.get("judge"), tmp_path / "judge", default_source="mimic-cxr")
    assert server.log == [] and not (tmp_path / "judge" / "judgments.jsonl").exists()


def test_compare_checks_every_model_before_any_answer(tmp_path, server):
    endpoints = closed_endpoints(tmp_path, server)
    models = {
        "grounded": BackendSpec(backend="grounded"),
        "remote": BackendSpec(backend="openai", endpoint="teacher", endpoints=str(endpoints)),
    }
    questions = [
        {"qa_id": "1", "id": "1", "source": "mimic-cxr", "report": REPORT, "question": "흉수가 있나요?", "task": None}
    ]
    with pytest.raises(DataUseError, match="compare"):
        run_compare(questions, models, tmp_path / "eval")
    assert server.log == [] and not (tmp_path / "eval" / "answers.jsonl").exists()
    questions[0]["source"] = "open-i"
    table = run_compare(questions, models, tmp_path / "eval")
    assert len(server.log) == 1 and table["source"].tolist() == ["open-i"]


def test_chat_backend_refuses_a_credentialed_report_before_the_first_request(tmp_path, server):
    spec = BackendSpec(backend="openai", endpoint="teacher", endpoints=str(closed_endpoints(tmp_path, server)))
    backend = make_backend(spec)
    with pytest.raises(DataUseError, match="chat would send it to endpoint 'teacher'"):
        ChatSession(backend, REPORT, source="mimic-cxr")
    cli = run_module(
        "-m", "korad.chat", "--report", str(_write(tmp_path / "r.txt", REPORT)), "--source", "mimic-cxr",
        "--backend", "openai", "--endpoint", "teacher", "--endpoints", spec.endpoints, "--ask", "흉수가 있나요?",
    )  # fmt: skip
    assert cli.returncode == 4 and cli.stderr.count("error:") == 1, cli.stderr
    assert server.log == []
    assert "".join(ChatSession(backend, REPORT, source="synthetic").ask("흉수가 있나요?"))
    assert len(server.log) == 1


def _write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


# --- publish: decided from lineage --------------------------------------------------------------


def hub_script(name):
    spec = importlib.util.spec_from_file_location(name, ROOT / "hub_scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.main


@pytest.fixture
def hub(monkeypatch):
    import huggingface_hub.constants

    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", False)
    monkeypatch.setenv("HF_TOKEN", "hf_" + "PolicyTestToken000000000000000000")
    with CapturedHub() as captured:
        yield captured


def credentialed_copy(dataset_dir, tmp_path, source="mimic-cxr"):
    """The built dataset with one row's source set to ``source`` (the card is left as it was)."""
    folder = tmp_path / "dataset"
    shutil.copytree(dataset_dir, folder)
    path = next((folder / "data").glob("train-*.parquet"))
    table = pq.read_table(path)
    sources = table.column("source").to_pylist()
    sources[0] = source
    pq.write_table(table.set_column(table.schema.get_field_index("source"), "source", pa.array(sources)), path)
    return folder


def test_publish_refuses_credentialed_data_to_a_public_repo(hub, dataset_dir, tmp_path, capsys):
    folder = credentialed_copy(dataset_dir, tmp_path)
    push = hub_script("push_dataset")
    assert push([str(folder), "--repo-id", "org/ko-rad", "--public"]) == 4
    assert push([str(folder), "--repo-id", "org/ko-rad", "--public", "--dry-run"]) == 4
    err = capsys.readouterr().err
    assert PUBLISH_RULE in err and "'mimic-cxr'" in err and "private" in err
    assert hub.requests == [] and hub.commits == []
    # private: allowed, with a notice
    assert push([str(folder), "--repo-id", "org/ko-rad-private"]) == 0
    assert "notice: org/ko-rad-private is private" in capsys.readouterr().err
    assert len(hub.commits) == 1 and hub.created[0]["visibility"] == "private"


def test_publish_refuses_an_existing_public_repo_even_when_private_is_asked(hub, dataset_dir, tmp_path):
    folder = credentialed_copy(dataset_dir, tmp_path)
    hub.private["org/ko-rad"] = False  # the repo exists and is public
    assert hub_script("push_dataset")([str(folder), "--repo-id", "org/ko-rad"]) == 4
    assert hub.commits == []


def test_adapter_lineage_in_its_card_decides(hub, tiny_adapter, tmp_path):
    from huggingface_hub import ModelCard, ModelCardData

    folder = tmp_path / "adapter"
    shutil.copytree(tiny_adapter, folder)
    data = ModelCardData(base_model="tiny", language=["ko"], license="other", korad_sources=["mimic-cxr", "synthetic"])
    ModelCard(f"---\n{data.to_yaml()}\n---\n# adapter\n").save(folder / "README.md")
    assert hub_script("push_adapter")([str(folder), "--repo-id", "org/lora", "--public"]) == 4
    assert hub.commits == []
    assert hub_script("push_adapter")([str(folder), "--repo-id", "org/lora"]) == 0
    assert len(hub.commits) == 1


def test_the_old_generation_only_guard_is_gone():
    from korad.endpoints import EndpointConfig

    assert not hasattr(EndpointConfig, "check_data_use")
    assert sys.modules["korad.policy"].DataUsePolicy is DataUsePolicy
