"""--limit and --dry-run of the bulk commands (korad/cost.py): counts and prices worked out by hand,
nothing sent or written by a dry run, and a limited run that a later run completes."""

import json
import re
from pathlib import Path

import pandas as pd
import pytest
import yaml

import korad.cost as cost
from korad.commands import build, evaluation, preference
from korad.endpoints import Endpoint
from korad.samples import load_sample_reports
from korad.testing.fake_judge import make_judge
from korad.testing.fake_teacher import fake_teacher
from korad.testing.openai_server import OpenAIServer

PRICES = {"input": 1.0, "output": 2.0, "batch_output": 0.5}


@pytest.fixture(autouse=True)
def approximate(monkeypatch):
    """Token counts by the documented approximation, whether or not tiktoken is installed."""
    monkeypatch.setattr(cost, "_tiktoken_encoding", lambda model: None)


def endpoints_yaml(path: Path, base_url: str, name: str = "teacher", **fields) -> Path:
    spec = {"base_url": base_url, "model": "fake", "rpm": 60000, "max_concurrency": 4, "allow_credentialed": True}
    path.write_text(yaml.safe_dump({"endpoints": {name: spec | fields}}), encoding="utf-8")
    return path


def reports_file(path: Path, per_language: int) -> tuple[Path, list[dict]]:
    rows = [r for lang in ("en", "ko", "mixed") for r in load_sample_reports(lang)[:per_language]]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path, rows


def numbers(line: str) -> list[int]:
    return [int(n.replace(",", "")) for n in re.findall(r"\d[\d,]*", line)]


def stage_line(output: str, stage: str) -> list[int]:
    """(units, requests, input tokens, output tokens) of a stage's line of the dry run."""
    line = next(line for line in output.splitlines() if re.match(rf"\s+{stage}\s+[\d,]+ units\s+[\d,]+ requests", line))
    return numbers(line)


def records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# ---------------------------------------------------------------- estimation by hand


def test_token_approximation_by_hand():
    assert cost.approximate_tokens("abcd") == 1
    assert cost.approximate_tokens("abcde") == 2
    assert cost.approximate_tokens("기흉이 있다") == 1 + 5  # one space (a quarter, rounded up), five syllables
    counter = cost.TokenCounter("gpt-4o-mini")
    assert counter.method.startswith("approximation")
    messages = [{"role": "system", "content": "abcdefgh"}, {"role": "user", "content": "기흉"}]
    assert counter.request(messages, {}) == 3 + (3 + 2) + (3 + 2)  # priming + (overhead + content) per message


def test_price_and_time_lines_by_hand():
    endpoint = Endpoint(
        name="t", base_url="http://x/v1", model="m", rpm=500, tpm=200000, max_concurrency=16, price_per_million=PRICES
    )
    plan = cost.StagePlan("answers", endpoint)
    for _ in range(1000):
        plan.add([{"role": "user", "content": "a" * 400}], {"max_tokens": 500})
    assert (plan.requests, plan.input_tokens, plan.output_tokens) == (1000, 106_000, 500_000)  # 3 + 3 + 100 each
    text = cost.format_plans([plan])
    # real time: 0.106 M x $1 + 0.5 M x $2; batch: input at half ($0.5), output at the set $0.5
    assert "real-time $1.11 ($1 in / $2 out per million)" in text
    assert "batch     $0.3030 ($0.5 in / $0.5 out per million, input at half the real-time price)" in text
    # 1000 requests at 500 rpm: 2 min; 606,000 tokens at 200,000 tpm: 3 min;
    # (1000 x 1 s + 500,000 tokens / 50 per s) / 16 in flight = 687.5 s: 11 min, the binding limit
    assert "real-time 11 min (bound by max_concurrency 16; 500 rpm: 2 min, 200000 tpm: 3 min)" in text
    assert "batch     within the completion window, 24 h; 1 input file(s) of at most 50,000 requests" in text
    queued = Endpoint(name="q", base_url="http://x/v1", model="m", batch_queue_tokens=40_000)
    # 106,000 input tokens through a queue of 40,000: three rounds of 24 h at most
    assert cost.batch_time(queued, 120_000, 106_000).startswith("up to 3 x 24 h (3.0 days): the queue holds 40,000")
    assert cost.batch_time(queued, 120_000, 106_000).endswith("; 3 input file(s) of at most 50,000 requests")


def test_unpriced_endpoint_says_so():
    plan = cost.StagePlan("judgments", Endpoint(name="j", base_url="http://x/v1", model="m"))
    plan.add([{"role": "user", "content": "x"}], {"max_tokens": 10})
    assert "price      not configured (endpoints.j.price_per_million)" in cost.format_plans([plan])


@pytest.mark.parametrize("prices", [{"input": -1}, {"inputs": 0.1}, {"output": "cheap"}])
def test_bad_prices_are_config_errors(prices):
    from korad.errors import ConfigError

    with pytest.raises(ConfigError, match="price_per_million"):
        Endpoint(name="t", base_url="http://x/v1", model="m", price_per_million=prices)


# ---------------------------------------------------------------- build


def test_build_dry_run_counts_by_hand_and_sends_and_writes_nothing(tmp_path, capsys):
    source, rows = reports_file(tmp_path / "reports.jsonl", 2)  # 2 English, 2 Korean, 2 mixed
    work = tmp_path / "work"
    with OpenAIServer(fake_teacher) as server:
        endpoints = endpoints_yaml(tmp_path / "endpoints.yaml", server.base_url, price_per_million=PRICES)
        argv = ["all", "--input", str(source), "--endpoints", str(endpoints), "--workdir", str(work)]
        assert build.main([*argv, "--questions_per_report", "2", "--dry-run"]) == 0
        upper = capsys.readouterr().out
        expected = '{"translate": 300, "questions": 100, "answers": 50}'
        assert (
            build.main([*argv, "--questions_per_report", "2", "--dry-run", "--expected_output_tokens", expected]) == 0
        )
        planned = capsys.readouterr().out
        assert server.log == []  # nothing sent
    assert not work.exists()  # nothing written

    english = [r for r in rows if r["language"] in ("en", "mixed")]
    # upper bound: each request's max_tokens (translate max(1024, 2 x characters), questions 200 + 150 x 2, answers 400)
    assert stage_line(upper, "translate")[:2] == [6, 4] and stage_line(upper, "translate")[3] == sum(
        max(1024, 2 * len(r["text"])) for r in english
    )
    assert stage_line(upper, "questions")[:2] == [6, 6] and stage_line(upper, "questions")[3] == 6 * 500
    assert stage_line(upper, "answers")[:2] == [12, 12] and stage_line(upper, "answers")[3] == 12 * 400
    assert "output: max_tokens of each request (an upper bound)" in upper
    assert "12 of them planned: questions_per_report=2" in upper
    # expected lengths: 4 x 300 + 6 x 100 + 12 x 50
    total = next(line for line in planned.splitlines() if line.strip().startswith("total"))
    requests, input_tokens, output_tokens = numbers(total)
    assert (requests, output_tokens) == (4 + 6 + 12, 1200 + 600 + 600)
    assert input_tokens == sum(stage_line(planned, s)[2] for s in ("translate", "questions", "answers"))
    real = input_tokens * 1.0 / 1e6 + output_tokens * 2.0 / 1e6
    batch = input_tokens * 0.5 / 1e6 + output_tokens * 0.5 / 1e6
    assert f"real-time ${real:.4f}" in planned and f"batch     ${batch:.4f}" in planned


def test_limit_processes_the_first_reports_and_a_rerun_completes_the_rest(tmp_path, monkeypatch, capsys):
    source, rows = reports_file(tmp_path / "reports.jsonl", 2)
    work = tmp_path / "work"
    with OpenAIServer(fake_teacher) as server:
        endpoints = endpoints_yaml(tmp_path / "endpoints.yaml", server.base_url)
        argv = ["--input", str(source), "--endpoints", str(endpoints), "--workdir", str(work)]
        argv += ["--questions_per_report", "2", "--test_size", "0.3"]
        for stage in ("ingest", "translate", "questions", "answers"):
            assert build.main([stage, *argv, "--limit", "2"]) == 0, capsys.readouterr().err
        assert "limit: the first 2" in capsys.readouterr().err
        first = [r["id"] for r in rows[:2]]
        read = {s: records(work / f"{s}.jsonl") for s in ("reports", "translated", "questions")}
        assert [r["id"] for r in read["reports"]] == first
        assert sorted(r["id"] for r in read["translated"]) == sorted(first)
        assert {q["id"] for q in read["questions"]} == set(first)
        answered = records(work / "answers.jsonl")
        assert {a["qa_id"] for a in answered} == {q["qa_id"] for q in read["questions"]}
        sent_first = {entry.key for entry in server.log}

        before = snapshot(work)  # a dry run now counts only what is left, and changes nothing
        assert build.main(["all", *argv, "--dry-run"]) == 0
        left = capsys.readouterr().out
        assert stage_line(left, "translate")[:2] == [4, 2]  # the 4 other reports, 2 of them English
        assert stage_line(left, "questions")[:2] == [4, 4] and stage_line(left, "answers")[:2] == [8, 8]
        assert snapshot(work) == before and len(server.log) == len(sent_first)

        assert build.main(["all", *argv]) == 0, capsys.readouterr().err
        sent_again = [entry.key for entry in server.log[len(sent_first) :]]
    assert not sent_first & set(sent_again)  # nothing asked twice
    assert [r["id"] for r in records(work / "reports.jsonl")] == [r["id"] for r in rows]
    assert len({r["id"] for r in records(work / "translated.jsonl")}) == 6


@pytest.mark.parametrize("value", ["0", "-2"])
def test_bad_limits_are_one_line_config_errors(tmp_path, capsys, value):
    source, _ = reports_file(tmp_path / "reports.jsonl", 1)
    assert build.main(["ingest", "--input", str(source), "--workdir", str(tmp_path / "w"), "--limit", value]) == 2
    err = capsys.readouterr().err.strip()
    assert err == f"error: limit={value}: a whole number of at least 1"
    assert evaluation.judge(["--endpoints", str(source), "--table", str(source), "--limit", value]) == 2
    assert capsys.readouterr().err.strip() == err
    assert not (tmp_path / "w").exists()
    assert (
        preference.main(["sample", "--questions", "q.csv", "--models", str(source), "--model", "m", "--limit", value])
        == 2
    )
    assert capsys.readouterr().err.strip().startswith(f"error: limit={value}: ")


# ---------------------------------------------------------------- compare and judge


def test_compare_limit_and_dry_run(tmp_path, capsys):
    questions = tmp_path / "questions.csv"
    pd.DataFrame(
        {
            "qa_id": [f"q{i}" for i in range(5)],
            "report": ["FINDINGS: Small right pleural effusion. IMPRESSION: Effusion."] * 5,
            "question": [f"흉수가 있나요? ({i})" for i in range(5)],
        }
    ).to_csv(questions, index=False)
    out = tmp_path / "eval"
    with OpenAIServer() as server:
        endpoints = endpoints_yaml(tmp_path / "endpoints.yaml", server.base_url, price_per_million=PRICES)
        models = tmp_path / "models.yaml"
        spec = {"endpoint": "teacher", "endpoints": str(endpoints), "max_new_tokens": 64}
        models.write_text(yaml.safe_dump({"models": {"remote": spec, "rules": {"backend": "grounded"}}}))
        argv = ["--questions", str(questions), "--models", str(models), "--output", str(out)]
        assert evaluation.compare([*argv, "--limit", "3", "--dry-run"]) == 0
        text = capsys.readouterr().out
        assert server.log == [] and not out.exists()
        assert "limit: the first 3 of 5 questions" in text and "compare rules: 3 units, no API requests" in text
        assert stage_line(text, "compare")[:2] == [3, 3] and stage_line(text, "compare")[3] == 3 * 64

        assert evaluation.compare([*argv, "--limit", "3"]) == 0
        assert len(server.log) == 3 and len(pd.read_parquet(out / "table.parquet")) == 3
        assert evaluation.compare(argv) == 0
        assert len(server.log) == 5 and len(pd.read_parquet(out / "table.parquet")) == 5


def test_judge_limit_and_dry_run(tmp_path, capsys):
    table = tmp_path / "table.parquet"
    pd.DataFrame(
        {
            "qa_id": [f"q{i}" for i in range(4)],
            "report": ["FINDINGS: No pneumothorax."] * 4,
            "question": [f"기흉이 있나요? ({i})" for i in range(4)],
            "answer_a": ["기흉은 없습니다."] * 4,
            "answer_b": ["기흉이 보이지 않습니다."] * 4,
        }
    ).to_parquet(table)
    with OpenAIServer(make_judge()) as server:
        endpoints = endpoints_yaml(tmp_path / "judge.yaml", server.base_url, name="judge", price_per_million=PRICES)
        argv = ["--table", str(table), "--endpoints", str(endpoints)]
        before = snapshot(tmp_path)
        assert evaluation.judge([*argv, "--dry-run"]) == 0
        assert stage_line(capsys.readouterr().out, "judgments")[:2] == [8, 8]  # 4 questions x 2 models
        assert evaluation.judge([*argv, "--pairwise", "a", "b", "--limit", "3", "--dry-run"]) == 0
        assert stage_line(capsys.readouterr().out, "pairwise")[:2] == [3, 6]  # both orders of 3 questions
        assert server.log == [] and snapshot(tmp_path) == before

        assert evaluation.judge([*argv, "--limit", "2"]) == 0
        assert len(server.log) == 4 and len(pd.read_parquet(tmp_path / "scores.parquet").qa_id.unique()) == 2
        assert evaluation.judge(argv) == 0
        assert len(server.log) == 8 and len(pd.read_parquet(tmp_path / "scores.parquet").qa_id.unique()) == 4

        # the dry run plans under the rubric asked for: all done under v2, none yet under v1
        assert evaluation.judge([*argv, "--dry-run"]) == 0
        assert stage_line(capsys.readouterr().out, "judgments")[:2] == [0, 0]
        assert evaluation.judge([*argv, "--rubric", "v1", "--dry-run"]) == 0
        assert stage_line(capsys.readouterr().out, "judgments")[:2] == [8, 8]


def test_dry_run_applies_the_data_use_policy(tmp_path, capsys):
    source, _ = reports_file(tmp_path / "reports.jsonl", 1)
    endpoints = endpoints_yaml(tmp_path / "endpoints.yaml", "http://127.0.0.1:9/v1", allow_credentialed=False)
    argv = ["all", "--input", str(source), "--endpoints", str(endpoints), "--workdir", str(tmp_path / "w")]
    assert build.main([*argv, "--source", "mimic-cxr", "--dry-run"]) == 4  # refused as the real run would be
    assert "mimic-cxr" in capsys.readouterr().err and not (tmp_path / "w").exists()


def test_a_limit_that_covers_everything_says_so_instead_of_promising_a_rest():
    from korad.cost import limit_note

    assert limit_note(None, "questions", 5, 5) is None
    assert limit_note(3, "questions", 3, 5) == (
        "limit: the first 3 of 5 questions (--limit 3); run again without --limit to continue with the rest"
    )
    assert limit_note(100, "questions", 66, 66) == "limit: --limit 100 covers all 66 questions; nothing is left out"
