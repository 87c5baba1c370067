"""datasets_builder end to end, against the local OpenAI-compatible server playing the teacher."""

import json
import os
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import datasets
import pytest
import yaml
from conftest import ROOT

from korad.samples import SAMPLE_REPORTS, load_sample_reports
from korad.testing.fake_teacher import fake_teacher
from korad.testing.openai_server import OpenAIServer

KEY = "sk-korad-test-SECRET-7f3a9c"
BUILD = str(ROOT / "datasets_builder" / "build.py")


def write_endpoints(path: Path, server: OpenAIServer, **overrides) -> Path:
    spec = {
        "base_url": server.base_url,
        "model": "fake-teacher",
        "api_key_env": "KORAD_TEST_KEY",
        "rpm": 60000,
        "max_concurrency": 8,
        "timeout": 5,
        "max_retries": 5,
        "allow_credentialed": True,
    } | overrides
    path.write_text(yaml.safe_dump({"endpoints": {"teacher": spec}}))
    return path


def subset(path: Path, n: int) -> Path:
    rows = [r for lang in ("en", "ko", "mixed") for r in load_sample_reports(lang)[: n // 3]]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def pipeline_args(workdir: Path, endpoints: Path, source: Path = SAMPLE_REPORTS, stage: str = "all") -> list[str]:
    return [
        sys.executable,
        BUILD,
        stage,
        "--input",
        str(source),
        "--endpoints",
        str(endpoints),
        "--workdir",
        str(workdir),
    ]


def run_pipeline(*args: str, key: str | None = KEY) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "KORAD_TEST_KEY"}
    if key is not None:
        env["KORAD_TEST_KEY"] = key
    return subprocess.run(list(args), capture_output=True, text=True, env=env, cwd=ROOT, timeout=900)


LEDGER = re.compile(r"^(\w+): read (\d+), written (\d+), already done (\d+), quarantined (\d+)", re.M)


def ledgers(stderr: str) -> dict[str, tuple[int, int, int, int]]:
    return {m[0]: tuple(map(int, m[1:])) for m in LEDGER.findall(stderr)}


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_end_to_end_on_the_sample_corpus(tmp_path):
    with OpenAIServer(fake_teacher, api_key=KEY) as server:
        endpoints = write_endpoints(tmp_path / "endpoints.yaml", server)
        result = run_pipeline(*pipeline_args(tmp_path / "work", endpoints))
    assert result.returncode == 0, result.stderr
    work = tmp_path / "work"
    counts = ledgers(result.stderr)
    for stage, (read, written, done, quarantined) in counts.items():
        assert read == written + done + quarantined, stage
    assert counts["ingest"][0] == 66 and counts["translate"][0] == counts["ingest"][1]
    assert counts["answers"][0] == len(lines(work / "questions.jsonl"))

    dataset = datasets.load_dataset(str(work / "dataset"))
    rows = dataset["train"].num_rows + dataset["test"].num_rows
    filter_read, filter_written, _, filter_quarantined = counts["filter"]
    assert rows == filter_written == filter_read - filter_quarantined
    assert set(dataset["train"]["id"]).isdisjoint(dataset["test"]["id"])
    assert dataset["test"].num_rows > 0
    row = dataset["train"][0]
    assert [m["role"] for m in row["messages"]] == ["system", "user", "assistant"]
    assert row["messages"][2]["content"] == row["answer"] and "<report>" in row["messages"][1]["content"]
    assert {r["task"] for r in lines(work / "questions.jsonl")} >= {"qa", "summary", "finding_check"}
    assert len({r["qa_id"] for r in lines(work / "filtered.jsonl")}) == filter_written

    card = (work / "dataset" / "README.md").read_text(encoding="utf-8")
    meta = yaml.safe_load(card.split("---")[1])
    assert meta["language"] == ["ko"] and meta["license"] == "other"
    assert re.fullmatch(r"data/train-[0-9a-f]{16}\.parquet", meta["configs"][0]["data_files"][0]["path"])
    assert "fake-teacher (teacher)" in card and "MIMIC-CXR is a credentialed dataset" in card
    assert "ko-rad-instruct-2" in card


def test_rerun_sends_nothing_and_changes_nothing(tmp_path):
    source = subset(tmp_path / "in.jsonl", 9)
    with OpenAIServer(fake_teacher, api_key=KEY) as server:
        endpoints = write_endpoints(tmp_path / "endpoints.yaml", server)
        assert run_pipeline(*pipeline_args(tmp_path / "work", endpoints, source)).returncode == 0
        sent = len(server.log)
        before = (tmp_path / "work" / "filtered.jsonl").read_bytes()
        again = run_pipeline(*pipeline_args(tmp_path / "work", endpoints, source))
        assert again.returncode == 0 and len(server.log) == sent
        assert (tmp_path / "work" / "filtered.jsonl").read_bytes() == before
        assert "already done 9" in again.stderr


def test_kill_9_mid_stage_then_rerun_gives_the_same_dataset(tmp_path):
    source = subset(tmp_path / "in.jsonl", 24)
    with OpenAIServer(fake_teacher, api_key=KEY) as server:
        reference = run_pipeline(*pipeline_args(tmp_path / "ref", write_endpoints(tmp_path / "a.yaml", server), source))
        assert reference.returncode == 0, reference.stderr

    with OpenAIServer(fake_teacher, api_key=KEY, latency=0.02, hang_seconds=60) as server:
        endpoints = write_endpoints(tmp_path / "b.yaml", server)
        server.hang_after(60)  # mid questions/answers: later requests hang until the kill
        env = {**os.environ, "KORAD_TEST_KEY": KEY}
        process = subprocess.Popen(
            pipeline_args(tmp_path / "crash", endpoints, source),
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.time() + 120
        while not any(e.outcome == "hang" for e in server.log) and time.time() < deadline:
            time.sleep(0.05)
        time.sleep(0.3)
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        completed_before = sum(e.outcome == "ok" for e in server.log)
        assert completed_before >= 60 and any(e.outcome == "hang" for e in server.log)

        server.hang_after(None)
        resumed = run_pipeline(*pipeline_args(tmp_path / "crash", endpoints, source))
        assert resumed.returncode == 0, resumed.stderr
        completions = Counter(e.key for e in server.log if e.outcome == "ok")
        assert max(completions.values()) == 1, "a completed request was sent again"

    def content(work: Path) -> list[dict]:
        return sorted(lines(work / "filtered.jsonl"), key=lambda r: r["qa_id"])

    assert content(tmp_path / "crash") == content(tmp_path / "ref")
    qa_ids = [r["qa_id"] for r in lines(tmp_path / "crash" / "answers.jsonl")]
    assert len(qa_ids) == len(set(qa_ids))
    ref = datasets.load_dataset(str(tmp_path / "ref" / "dataset"))
    crash = datasets.load_dataset(str(tmp_path / "crash" / "dataset"))
    for split in ("train", "test"):
        assert ref[split].to_list() == crash[split].to_list()


def test_twenty_percent_faults_every_input_is_output_or_quarantined(tmp_path):
    source = subset(tmp_path / "in.jsonl", 18)
    with OpenAIServer(fake_teacher, api_key=KEY, fault_rate=0.2, retry_after=0.05, hang_seconds=1.5, seed=7) as server:
        endpoints = write_endpoints(tmp_path / "endpoints.yaml", server, timeout=0.5, max_retries=1)
        result = run_pipeline(*pipeline_args(tmp_path / "work", endpoints, source), "--max-failed-fraction", "1")
        outcomes = Counter(e.outcome for e in server.log)
    assert result.returncode == 0, result.stderr
    assert {"429", "500", "503", "hang", "malformed", "length"} <= set(outcomes), outcomes
    counts = ledgers(result.stderr)
    assert set(counts) == {"ingest", "translate", "questions", "answers", "filter"}
    for stage, (read, written, done, quarantined) in counts.items():
        assert read == written + done + quarantined, stage
    assert counts["translate"][0] == counts["ingest"][1]
    assert counts["questions"][0] == counts["translate"][1]
    assert counts["filter"][0] == counts["answers"][1]
    work = tmp_path / "work"
    quarantined = [q for path in work.glob("*.quarantine.jsonl") for q in lines(path)]
    assert sum(c[3] for c in counts.values()) == len(quarantined) > 0
    assert all(q["reason"] and q["where"] for q in quarantined)
    assert sum(int(n) for n in re.findall(r"(\d+) retried", result.stderr)) > 0


def test_a_failing_endpoint_fails_the_stage_and_the_books_still_balance(tmp_path):
    source = subset(tmp_path / "in.jsonl", 6)  # 2 English, 2 Korean (not translated), 2 mixed
    with OpenAIServer(fake_teacher, api_key=KEY, fault_rate=1.0, faults=("500",)) as server:
        endpoints = write_endpoints(tmp_path / "endpoints.yaml", server, max_retries=1)
        result = run_pipeline(*pipeline_args(tmp_path / "work", endpoints, source))
        assert result.returncode == 3, result.stderr
        assert "stage translate: 4 of 6 units failed, above max_failed_fraction=0.02" in result.stderr
        assert "first error: request failed after 2 attempts (last: 500)" in result.stderr
        assert ledgers(result.stderr)["translate"] == (6, 2, 0, 4)  # read = written + done + quarantined
        assert len(lines(tmp_path / "work" / "translated.quarantine.jsonl")) == 4
        assert not (tmp_path / "work" / "questions.jsonl").exists()

        # With any failure allowed, a stage that wrote nothing still fails.
        again = run_pipeline(*pipeline_args(tmp_path / "work", endpoints, source), "--max-failed-fraction", "1")
    assert again.returncode == 3, again.stderr
    assert "stage questions: 2 of 2 units failed" in again.stderr
    assert not (tmp_path / "work" / "dataset").exists()


def test_a_successful_rerun_resolves_the_quarantine_and_the_card_counts_the_files(tmp_path):
    source = subset(tmp_path / "in.jsonl", 6)
    work = tmp_path / "work"
    with OpenAIServer(fake_teacher, api_key=KEY, fault_rate=1.0, faults=("500",)) as server:
        endpoints = write_endpoints(tmp_path / "endpoints.yaml", server, max_retries=0)
        for stage in ("ingest", "translate"):
            args = pipeline_args(work, endpoints, source, stage)
            run_pipeline(*args, "--max-failed-fraction", "1")
    quarantine = work / "translated.quarantine.jsonl"
    entries = lines(quarantine)
    assert len(entries) == 4 and {q["reason"] for q in entries} == {"request failed"}
    assert all(q["detail"] == "request failed after 1 attempts (last: 500)" for q in entries)
    (work / "reports.quarantine.jsonl").write_text('{"reason": "missing id", "detail": null, "where": "x:1", "key"')
    with OpenAIServer(fake_teacher, api_key=KEY) as server:
        result = run_pipeline(*pipeline_args(work, write_endpoints(tmp_path / "endpoints.yaml", server), source))
    assert result.returncode == 0, result.stderr
    assert "removed an incomplete last line" in result.stderr  # the torn quarantine line
    assert lines(quarantine) == []  # the four reports were translated this time
    card = (work / "dataset" / "README.md").read_text(encoding="utf-8")
    for path in work.glob("*.quarantine.jsonl"):
        counts = Counter(q["reason"] for q in lines(path))
        stage = path.name.split(".")[0]
        expected = ", ".join(f"{reason} {n}" for reason, n in counts.most_common()) or "none"
        assert f"- {stage}: {expected}" in card


def test_one_process_per_workdir_and_a_killed_runs_lock_is_stale(tmp_path):
    source = subset(tmp_path / "in.jsonl", 3)
    with OpenAIServer(fake_teacher, api_key=KEY, hang_seconds=60) as server:
        endpoints = write_endpoints(tmp_path / "endpoints.yaml", server)
        server.hang_after(0)  # the first run waits on its first request
        env = {**os.environ, "KORAD_TEST_KEY": KEY}
        args = pipeline_args(tmp_path / "work", endpoints, source)
        first = subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 120
        while not server.log and time.time() < deadline:
            time.sleep(0.05)
        second = run_pipeline(*args)
        assert second.returncode == 1 and f"in use by korad process {first.pid}" in second.stderr, second.stderr
        assert not ledgers(second.stderr)  # it stopped before its first stage
        os.kill(first.pid, signal.SIGKILL)
        first.wait()
        server.hang_after(None)
        third = run_pipeline(*args)
    assert third.returncode == 0, third.stderr
    assert f"lock of process {first.pid} (no longer running) is stale" in third.stderr


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("unknown_endpoint", "unknown endpoint 'nope'; this file defines: teacher"),
        ("missing_key", "environment variable KORAD_TEST_KEY is not set"),
        ("key_in_file", "keys never go in files"),
        ("unknown_field", "unknown key(s) rate_limit"),
        ("unreadable_input", "not valid UTF-8"),
        ("wrong_columns", "missing column(s) id, note"),
        ("missing_input", "no such file or folder"),
    ],
)
def test_bad_configuration_or_input_fails_before_any_request(tmp_path, change, message):
    with OpenAIServer(fake_teacher, api_key=KEY) as server:
        endpoints = write_endpoints(tmp_path / "endpoints.yaml", server)
        source = SAMPLE_REPORTS
        args = pipeline_args(tmp_path / "work", endpoints, source)
        key = KEY
        if change == "unknown_endpoint":
            args += ["--teacher", "nope"]
        elif change == "missing_key":
            key = None
        elif change == "key_in_file":
            write_endpoints(endpoints, server, api_key="abc")
        elif change == "unknown_field":
            write_endpoints(endpoints, server, rate_limit=5)
        elif change == "unreadable_input":
            (tmp_path / "bad.csv").write_bytes("id,note\n1,caf\xe9\n".encode("latin-1"))
            args = pipeline_args(tmp_path / "work", endpoints, tmp_path / "bad.csv")
        elif change == "wrong_columns":
            (tmp_path / "bad.csv").write_text("report,text\n1,x\n")
            args = pipeline_args(tmp_path / "work", endpoints, tmp_path / "bad.csv")
        elif change == "missing_input":
            args = pipeline_args(tmp_path / "work", endpoints, tmp_path / "nope.jsonl")
        result = run_pipeline(*args, key=key)
        assert result.returncode == 2
        assert message in result.stderr
        assert result.stderr.count("error:") == 1
        assert server.log == []


def test_credentialed_source_stops_before_the_first_request(tmp_path):
    mimic = tmp_path / "files" / "p10" / "p10000032"
    mimic.mkdir(parents=True)
    (mimic / "s50414267.txt").write_text("FINDINGS: No pneumothorax. Small right effusion.\n")
    with OpenAIServer(fake_teacher, api_key=KEY) as server:
        endpoints = write_endpoints(tmp_path / "endpoints.yaml", server, allow_credentialed=False)
        result = run_pipeline(*pipeline_args(tmp_path / "work", endpoints, tmp_path))
        assert result.returncode == 4
        assert "refuses source 'mimic-cxr'" in result.stderr and result.stderr.count("error:") == 1
        assert server.log == []


def test_the_api_key_never_leaves_the_environment(tmp_path):
    source = subset(tmp_path / "in.jsonl", 6)
    with OpenAIServer(fake_teacher, api_key=KEY) as server:
        endpoints = write_endpoints(tmp_path / "endpoints.yaml", server)
        args = pipeline_args(tmp_path / "work", endpoints, source)
        env = {**os.environ, "KORAD_TEST_KEY": KEY}
        process = subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        cmdline = Path(f"/proc/{process.pid}/cmdline").read_bytes()
        stdout, stderr = process.communicate(timeout=600)
        assert process.returncode == 0, stderr
        assert server.log and all(e.authorized for e in server.log)  # the key was used, in the header
    assert KEY.encode() not in cmdline
    assert KEY not in stdout + stderr
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert any(p.suffix == ".sqlite" for p in files)
    for path in files:
        assert KEY.encode() not in path.read_bytes(), path
    assert "--api-key" not in run_pipeline(sys.executable, BUILD, "--help").stdout
