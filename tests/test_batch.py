"""Batch mode (korad/batch.py) end to end against the local server's files and batches endpoints."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
import yaml
from conftest import ROOT

import korad.batch
from korad.batch import BatchWaiting, parse_line
from korad.datasets_builder import pipeline
from korad.endpoints import load_endpoints
from korad.engine import ChatResult, RequestFailed
from korad.eval.compare import answer_column
from korad.eval.judge import run_judge
from korad.eval.rubric import POINTWISE
from korad.samples import load_sample_reports
from korad.testing.fake_judge import make_judge
from korad.testing.fake_teacher import fake_teacher
from korad.testing.openai_server import OpenAIServer

FAST = {"batch_delay": 0.05, "batch_line_delay": 0.001}


def endpoints(path: Path, base_url: str, name: str = "teacher", **fields) -> Path:
    spec = {
        "base_url": base_url,
        "model": "fake",
        "rpm": 60000,
        "max_concurrency": 8,
        "allow_credentialed": True,
        "batch_poll_interval": 0.05,
    } | fields
    path.write_text(yaml.safe_dump({"endpoints": {name: spec}}), encoding="utf-8")
    return path


def reports(path: Path, per_language: int = 3) -> Path:
    rows = [r for lang in ("en", "ko", "mixed") for r in load_sample_reports(lang)[:per_language]]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def by(key: str, records: list[dict]) -> list[dict]:
    return sorted(records, key=lambda r: (str(r[key]), json.dumps(r, sort_keys=True, ensure_ascii=False)))


def config(work: Path, endpoints_file: Path, **fields) -> pipeline.PipelineConfig:
    return pipeline.PipelineConfig(workdir=work, endpoints=endpoints_file, **fields)


def test_builder_in_batch_mode_equals_real_time(tmp_path):
    source = reports(tmp_path / "in.jsonl")
    with OpenAIServer(fake_teacher, **FAST) as server:
        file = endpoints(tmp_path / "e.yaml", server.base_url)
        pipeline.run_all(config(tmp_path / "realtime", file), source)
        realtime_requests = len(server.log)
        pipeline.run_all(config(tmp_path / "batch", file, mode="batch"), source)
        assert len(server.log) == realtime_requests, "batch mode sent a real-time request"
        assert len(server.batches.created) == 3 == len(server.batches.uploads)  # translate, questions, answers
        # the batch lines are the real-time requests: each line's body is one the real-time run sent
        sent = [lines(p) for p in sorted((tmp_path / "batch" / "batches").glob("*.input.jsonl"))]
        assert sum(map(len, sent)) == realtime_requests
        assert {line["url"] for batch in sent for line in batch} == {"/v1/chat/completions"}
    for artifact, key in (("translated", "id"), ("questions", "qa_id"), ("answers", "qa_id"), ("filtered", "qa_id")):
        realtime, batch = (lines(tmp_path / run / f"{artifact}.jsonl") for run in ("realtime", "batch"))
        assert by(key, batch) == by(key, realtime), artifact
        # a rerun in either mode sends nothing: the batch replies are in the same cache
        for mode in ("batch", "realtime"):
            pipeline.run_all(config(tmp_path / "batch", file, mode=mode), source)
        assert len(server.log) == realtime_requests and len(server.batches.created) == 3


def _states(folder: Path) -> list[dict]:
    return [json.loads(p.read_text()) for p in sorted(folder.glob("*-[0-9][0-9][0-9].json"))]


def test_a_killed_run_resumes_its_batch_and_submits_nothing_again(tmp_path):
    source = reports(tmp_path / "in.jsonl")
    work = tmp_path / "work"
    with OpenAIServer(fake_teacher, batch_delay=0.5, batch_line_delay=0.1) as server:
        file = endpoints(tmp_path / "e.yaml", server.base_url)
        pipeline.run_all(config(tmp_path / "ref", file), source)
        command = [sys.executable, "-m", "korad", "build", "all", "--input", str(source), "--endpoints", str(file)]
        process = subprocess.Popen(
            [*command, "--workdir", str(work), "--mode", "batch"],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.time() + 120
        while not any(s.get("batch_id") for s in _states(work / "batches")) and time.time() < deadline:
            time.sleep(0.05)
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        (submitted,) = _states(work / "batches")
        assert server.batches.created == [submitted["batch_id"]]
        assert server.batches.batches[submitted["batch_id"]]["status"] != "completed"  # killed mid-batch
        server.batches.delay, server.batches.line_delay = 0.05, 0.001

        pipeline.run_all(config(work, file, mode="batch"), source)
        assert server.batches.created[0] == submitted["batch_id"]
        assert len(server.batches.created) == 3 == len(server.batches.uploads)  # one per stage: none again
        assert all(s["closed"] for s in _states(work / "batches"))
    assert by("qa_id", lines(work / "filtered.jsonl")) == by("qa_id", lines(tmp_path / "ref" / "filtered.jsonl"))
    assert len(lines(work / "translated.jsonl")) == 9


class Killed(BaseException):
    pass


def test_a_kill_between_a_call_and_its_record_finds_the_upload_and_the_batch(tmp_path, monkeypatch):
    source = reports(tmp_path / "in.jsonl")
    with OpenAIServer(fake_teacher, **FAST) as server:
        settings = config(tmp_path / "work", endpoints(tmp_path / "e.yaml", server.base_url), mode="batch")
        pipeline.ingest(settings, source)

        def killed(self, state):
            raise Killed

        with monkeypatch.context() as patch:
            patch.setattr(korad.batch.Batches, "_poll", killed)
            with pytest.raises(Killed):
                pipeline.translate(settings)
        (path,) = (tmp_path / "work" / "batches").glob("translate-001.json")
        state = json.loads(path.read_text())
        assert state["input_file_id"] and state["batch_id"]
        path.write_text(json.dumps({**state, "input_file_id": None, "batch_id": None, "status": "written"}))

        pipeline.translate(settings)
        assert len(server.batches.uploads) == 1 and len(server.batches.created) == 1
        assert json.loads(path.read_text())["batch_id"] == state["batch_id"]
    assert len(lines(tmp_path / "work" / "translated.jsonl")) == 9


def test_failed_lines_are_quarantined_with_their_reason_and_a_rerun_sends_only_them(tmp_path):
    source = reports(tmp_path / "in.jsonl")
    work = tmp_path / "work"
    with OpenAIServer(fake_teacher, batch_fault_rate=0.5, seed=3, **FAST) as server:
        settings = config(work, endpoints(tmp_path / "e.yaml", server.base_url), mode="batch", max_failed_fraction=1.0)
        pipeline.ingest(settings, source)
        ledger = pipeline.translate(settings)
        quarantined = lines(work / "translated.quarantine.jsonl")
        failed = lines(work / "batches" / "translate-001.input.jsonl")
        failed = [line for line in failed if server.batches.fails(line["custom_id"])]
        assert 0 < len(quarantined) == len(failed) == ledger.quarantined
        assert ledger.read == 9 == ledger.written + ledger.quarantined
        assert {q["reason"] for q in quarantined} == {"request failed"}
        assert all("batch line failed (500): scripted batch line failure" in q["detail"] for q in quarantined)

        server.batches.fail_rate = 0.0
        ledger = pipeline.translate(settings)
        second = lines(work / "batches" / "translate-002.input.jsonl")
        assert {line["custom_id"] for line in second} == {line["custom_id"] for line in failed}
        assert ledger.written == len(failed) and ledger.already_done == 9 - len(failed)
        assert not (work / "translated.quarantine.jsonl").exists() or lines(work / "translated.quarantine.jsonl") == []


def test_too_many_failed_lines_fail_the_stage(tmp_path):
    from korad.stage import StageFailed

    source = reports(tmp_path / "in.jsonl")
    with OpenAIServer(fake_teacher, batch_fault_rate=1.0, **FAST) as server:
        settings = config(tmp_path / "work", endpoints(tmp_path / "e.yaml", server.base_url), mode="batch")
        pipeline.ingest(settings, source)
        with pytest.raises(StageFailed, match="scripted batch line failure"):
            pipeline.translate(settings)


def test_azure_openai_batch_through_the_azure_client(tmp_path, monkeypatch):
    """An Azure OpenAI endpoint (``api_version``): openai's AzureOpenAI client uploads to /openai/files
    and creates at /openai/batches; lines use /chat/completions and the deployment as model."""
    monkeypatch.setenv("KORAD_TEST_AZURE_KEY", "azure-test-key")
    source = reports(tmp_path / "in.jsonl", 1)
    with OpenAIServer(fake_teacher, api_key="azure-test-key", **FAST) as server:
        file = endpoints(
            tmp_path / "e.yaml",
            server.base_url.removesuffix("/v1"),
            model="my-global-batch-deployment",
            api_version="2024-10-21",
            api_key_env="KORAD_TEST_AZURE_KEY",
        )
        settings = config(tmp_path / "work", file, mode="batch")
        pipeline.ingest(settings, source)
        pipeline.translate(settings)
        (batch,) = server.batches.batches.values()
        assert batch["endpoint"] == "/chat/completions" and batch["completion_window"] == "24h"
        assert server.log == []
    sent = lines(tmp_path / "work" / "batches" / "translate-001.input.jsonl")
    assert {(s["method"], s["url"], s["body"]["model"]) for s in sent} == {
        ("POST", "/chat/completions", "my-global-batch-deployment")
    }
    assert len(lines(tmp_path / "work" / "translated.jsonl")) == 3


def vllm_output(input_file: Path, finish_reason: str = "stop") -> str:
    """What ``vllm run-batch`` writes for ``input_file``: one line per request, the completion in response.body."""
    output = []
    for n, line in enumerate(lines(input_file)):
        content = fake_teacher(line["body"])
        if finish_reason == "length":
            content = content[: len(content) // 3]
        choice = {"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": finish_reason}
        body = {
            "object": "chat.completion",
            "choices": [choice],
            "usage": {"prompt_tokens": 10, "completion_tokens": 5},
        }
        response = {"status_code": 200, "request_id": f"vllm-batch-{n}", "body": body}
        output.append({"id": f"vllm-{n}", "custom_id": line["custom_id"], "response": response, "error": None})
    return "".join(json.dumps(o, ensure_ascii=False) + "\n" for o in output)


def test_a_reply_cut_at_the_token_limit_is_asked_again_in_the_next_batch_with_twice_the_limit(tmp_path):
    source = reports(tmp_path / "in.jsonl", 1)
    with OpenAIServer(fake_teacher) as server:
        realtime = config(tmp_path / "ref", endpoints(tmp_path / "r.yaml", server.base_url))
        pipeline.ingest(realtime, source)
        pipeline.translate(realtime)
    offline = endpoints(tmp_path / "e.yaml", "http://127.0.0.1:9/v1", batch_api="offline")
    settings = config(tmp_path / "work", offline, mode="batch")
    pipeline.ingest(settings, source)
    folder = tmp_path / "work" / "batches"
    with pytest.raises(BatchWaiting):
        pipeline.translate(settings)
    (folder / "translate-001.output.jsonl").write_text(vllm_output(folder / "translate-001.input.jsonl", "length"))
    with pytest.raises(BatchWaiting, match="translate-002"):
        pipeline.translate(settings)
    first, second = lines(folder / "translate-001.input.jsonl"), lines(folder / "translate-002.input.jsonl")
    assert len(first) == len(second) == 2
    for asked, again in zip(first, second, strict=True):
        limit = "max_tokens" if "max_tokens" in asked["body"] else "max_completion_tokens"
        assert again["body"][limit] == 2 * asked["body"][limit]
        assert again["body"]["messages"] == asked["body"]["messages"]
    (folder / "translate-002.output.jsonl").write_text(vllm_output(folder / "translate-002.input.jsonl"))
    pipeline.translate(settings)
    assert by("id", lines(tmp_path / "work" / "translated.jsonl")) == by(
        "id", lines(tmp_path / "ref" / "translated.jsonl")
    )


def judge_table() -> pd.DataFrame:
    rows = []
    for n, report in enumerate(load_sample_reports("en")[:4]):
        rows.append(
            {
                "qa_id": f"q{n}",
                "question": "이 검사에서 폐렴이 보이나요?",
                "report": report["text"],
                "reference": "폐렴 소견은 없습니다.",
                answer_column("a"): f"답변 {n}: 폐렴은 보이지 않습니다.",
                answer_column("b"): f"답변 {n}: 폐에 이상이 있을 수 있습니다.",
            }
        )
    return pd.DataFrame(rows)


def test_judge_in_batch_mode_equals_real_time_parse_retries_included(tmp_path):
    table = judge_table()
    with OpenAIServer(make_judge(fault_rate=0.6, seed=1), **FAST) as server:
        endpoint = load_endpoints(endpoints(tmp_path / "e.yaml", server.base_url, name="judge")).get("judge")
        realtime = run_judge(table, endpoint, tmp_path / "realtime", allow_missing=True)
        realtime_requests = len(server.log)
        batch = run_judge(table, endpoint, tmp_path / "batch", allow_missing=True, mode="batch")
        assert len(server.log) == realtime_requests
        # unparseable judgments are asked again with the parse error: a second batch round
        assert len(server.batches.created) == 2
        pairwise = run_judge(table, endpoint, tmp_path / "batch", pairwise=("a", "b"), mode="batch")
        assert len(server.batches.created) == 3
    assert realtime["score"].isna().any() and realtime["score"].notna().any()

    def ordered(frame: pd.DataFrame) -> pd.DataFrame:  # rows come in the order judgments completed
        return frame.sort_values(["qa_id", "model", "criterion"]).reset_index(drop=True)

    pd.testing.assert_frame_equal(ordered(batch), ordered(realtime))
    assert by("unit", lines(tmp_path / "batch" / "judgments.jsonl")) == by(
        "unit", lines(tmp_path / "realtime" / "judgments.jsonl")
    )
    assert len(pairwise) == 4 * len(POINTWISE) and pairwise["verdict"].notna().all()


@pytest.mark.parametrize(
    "record, expected",
    [
        (
            {"custom_id": "k", "response": None, "error": {"code": "batch_expired", "message": "not done in 24h"}},
            RequestFailed("batch line failed (batch_expired): not done in 24h"),
        ),
        (
            {"custom_id": "k", "response": {"status_code": 400, "body": {"error": {"message": "bad schema"}}}},
            RequestFailed("batch line rejected (400): bad schema", "request rejected"),
        ),
        (
            {"custom_id": "k", "response": {"status_code": 200, "body": {"choices": []}}},
            RequestFailed("batch line has no chat completion (malformed response)"),
        ),
        (
            {
                "custom_id": "k",
                "response": {
                    "status_code": 200,
                    "body": {
                        "choices": [{"message": {"content": "짧"}, "finish_reason": "length"}],
                        "usage": {"prompt_tokens": 3, "completion_tokens": 1},
                    },
                },
            },
            ChatResult("짧", "length", 3, 1),
        ),
    ],
)
def test_parse_line(record, expected):
    outcome = parse_line(record)
    if isinstance(expected, RequestFailed):
        assert isinstance(outcome, RequestFailed)
        assert (outcome.reason, outcome.category) == (expected.reason, expected.category)
    else:
        assert outcome == expected and outcome.truncated


def test_korad_judge_and_build_take_the_mode_option(tmp_path):
    from korad.commands.build import main as build
    from korad.commands.evaluation import judge

    judge_table().to_parquet(tmp_path / "table.parquet")
    with OpenAIServer(make_judge(), **FAST) as server:
        file = endpoints(tmp_path / "e.yaml", server.base_url, name="judge")
        argv = ["--table", str(tmp_path / "table.parquet"), "--endpoints", str(file), "--output", str(tmp_path / "j")]
        assert judge([*argv, "--mode", "batch"]) == 0
        assert len(server.batches.created) == 1 and server.log == []
        assert len(pd.read_parquet(tmp_path / "j" / "scores.parquet")) > 0
        assert build(["filter", "--workdir", str(tmp_path / "w"), "--mode", "stream"]) == 2


def test_more_requests_than_a_batch_holds_make_several_batches(tmp_path, monkeypatch):
    monkeypatch.setattr(korad.batch, "MAX_LINES", 4)
    source = reports(tmp_path / "in.jsonl")
    with OpenAIServer(fake_teacher, **FAST) as server:
        settings = config(tmp_path / "work", endpoints(tmp_path / "e.yaml", server.base_url), mode="batch")
        pipeline.ingest(settings, source)
        pipeline.translate(settings)
        assert [b["request_counts"]["total"] for b in server.batches.batches.values()] == [4, 2]
    assert len(lines(tmp_path / "work" / "translated.jsonl")) == 9


def test_a_batch_that_fails_validation_stops_the_stage_and_a_rerun_makes_a_new_one(tmp_path, monkeypatch):
    from korad.errors import EndpointError

    source = reports(tmp_path / "in.jsonl", 1)
    with OpenAIServer(fake_teacher, **FAST) as server:
        settings = config(tmp_path / "work", endpoints(tmp_path / "e.yaml", server.base_url), mode="batch")
        pipeline.ingest(settings, source)
        with monkeypatch.context() as patch:
            patch.setattr(server.batches, "_lines", lambda batch: "line 1: scripted validation failure")
            with pytest.raises(EndpointError, match="failed: line 1: scripted validation failure") as error:
                pipeline.translate(settings)
            assert error.value.exit_code == 3
        assert json.loads((tmp_path / "work" / "batches" / "translate-001.json").read_text())["closed"]
        with monkeypatch.context() as patch:
            patch.setattr(korad.batch, "COMPLETION_WINDOW", "1h")
            with pytest.raises(EndpointError, match=r"creating the batch refused: .*completion_window must be 24h"):
                pipeline.translate(settings)
        pipeline.translate(settings)
        # the failed batch, then the rerun's: the refused create made none, and its upload was used again
        assert len(server.batches.created) == 2 == len(server.batches.uploads)
    assert len(lines(tmp_path / "work" / "translated.jsonl")) == 3


def test_batch_replies_are_priced_at_the_batch_price(tmp_path, capsys):
    """The run's cost line counts batch replies at the endpoint's Batch API price (half by default)."""
    import re

    source = reports(tmp_path / "in.jsonl", per_language=1)
    prices = {"input": 1e6, "output": 1e6}  # a dollar a token: the cost is the token count
    with OpenAIServer(fake_teacher, **FAST) as server:
        file = endpoints(tmp_path / "e.yaml", server.base_url, price_per_million=prices)
        costs = {}
        for mode in ("realtime", "batch"):
            capsys.readouterr()
            pipeline.run_all(config(tmp_path / mode, file, mode=mode), source)
            costs[mode] = sum(float(c) for c in re.findall(r"cost \$([0-9.]+)", capsys.readouterr().err))
    assert costs["realtime"] > 0
    assert costs["batch"] == pytest.approx(costs["realtime"] / 2)
