"""eval/: side-by-side answers, the LLM judge (local server), Korean metrics, statistics, the report."""

import hashlib
import json
import re

import pandas as pd
import pytest
import yaml
from conftest import endpoints_file

from korad.artifacts import InputError, read_jsonl
from korad.eval.compare import answer_column, read_table
from korad.eval.inputs import load_models, load_questions, select_models
from korad.eval.judge import combine_orders, parse_judgment
from korad.eval.metrics import CLINICAL_METRICS, compute_metrics, contradicts
from korad.eval.rubric import POINTWISE
from korad.eval.stats import bootstrap_ci, paired_bootstrap
from korad.finding_scores import finding_agreement
from korad.testing.openai_server import OpenAIServer
from korad.text_scores import rouge_l

# --- the scripted judge ----------------------------------------------------------------------


def _kind(answer: str, question: str) -> int:
    """0: always invalid, 1: invalid once then valid, 2-3: valid (deterministic per answer)."""
    return int(hashlib.sha1(f"{question}\n{answer}".encode()).hexdigest(), 16) % 4


PAIRWISE_SCHEMAS: list[str | None] = []
"""The json_schema name of each pairwise request the scripted judge received."""


def scripted_judge(request):
    messages = request["messages"]
    content = messages[1]["content"]
    if "Answer 1:" in content:  # pairwise: a judge that always prefers the first position
        PAIRWISE_SCHEMAS.append(((request.get("response_format") or {}).get("json_schema") or {}).get("name"))
        return json.dumps({c: {"winner": "1", "rationale": "first"} for c in POINTWISE})
    answer = re.search(r"<answer>\n(.*)\n</answer>", content, re.DOTALL).group(1)
    question = re.search(r"\nQuestion: (.*?)\n\nAnswer to evaluate", content, re.DOTALL).group(1)
    kind = _kind(answer, question)
    retried = len(messages) > 2
    if kind == 0 or (kind == 1 and not retried):
        return "I think the answer is quite good overall." if kind == 0 else '{"accuracy": {"score": 7}}'
    criteria = [*POINTWISE, "similarity"] if "<reference>" in content else list(POINTWISE)
    return "```json\n" + json.dumps({c: {"score": 2 + kind % 2, "rationale": "근거 있음"} for c in criteria}) + "\n```"


@pytest.fixture(scope="module")
def models_yaml(tiny_model, tiny_adapter, tmp_path_factory):
    path = tmp_path_factory.mktemp("models") / "models.yaml"
    models = {
        "tiny-base": {"model": str(tiny_model), "max_new_tokens": 12},
        "tiny-lora": {"adapter": str(tiny_adapter), "max_new_tokens": 12},
        "grounded": {"backend": "grounded"},
    }
    path.write_text(yaml.safe_dump({"models": models}))
    return path


def test_end_to_end_compare_judge_metrics_report_and_rerun_sends_nothing(run, dataset_dir, models_yaml, tmp_path):
    out = tmp_path / "eval"
    compare = ["eval/compare.py", "--questions", str(dataset_dir), "--limit", "8", "--models", str(models_yaml)]
    result = run(*compare, "--output", str(out))
    assert result.returncode == 0, result.stderr
    table = pd.read_parquet(out / "table.parquet")
    assert len(table) == 8 and {answer_column(m) for m in ("tiny-base", "tiny-lora", "grounded")} <= set(table.columns)
    assert table[answer_column("grounded")].str.len().gt(0).all() and table["reference"].notna().all()
    assert (table[answer_column("tiny-base")] != table[answer_column("tiny-lora")]).any()  # the adapter changes answers
    assert pd.read_csv(out / "table.csv").shape[0] == 8

    again = run(*compare, "--output", str(out))  # resumable: nothing is generated twice
    assert again.returncode == 0 and "already done 24" in again.stderr
    assert sum(1 for _ in read_jsonl(out / "answers.jsonl")) == 24

    with OpenAIServer(scripted_judge) as server:
        endpoints = endpoints_file(tmp_path / "judge.yaml", server.base_url, name="judge")
        table_file = str(out / "table.parquet")
        judge = ["eval/judge.py", "--table", table_file, "--endpoints", str(endpoints), "--rubric", "v1"]
        result = run(*judge)
        assert result.returncode == 3 and "judgments missing" in result.stderr, result.stderr  # see --allow-missing
        sent = len(server.log)
        scores = pd.read_parquet(out / "scores.parquet")
        kinds = {
            (row["qa_id"], model): _kind(row[answer_column(model)], row["question"])
            for row in table.to_dict("records")
            for model in ("tiny-base", "tiny-lora", "grounded")
        }
        expected_missing = {key for key, kind in kinds.items() if kind == 0}
        missing = {tuple(k) for k in scores[scores.score.isna()][["qa_id", "model"]].drop_duplicates().values}
        assert missing == expected_missing and expected_missing  # the scripted invalid replies are missing
        assert scores.score.dropna().between(1, 4).all()  # never a 0 for a failure
        assert scores.judge_stand_in.all()  # the local server said it is a stand-in, and the judge kept it
        assert set(scores.criterion) == {*POINTWISE, "similarity"}
        assert sent == 24 + sum(kind in (0, 1) for kind in kinds.values())  # one retry per invalid first reply

        rerun = run(*judge, "--allow-missing")
        assert rerun.returncode == 0 and len(server.log) == sent  # a rerun sends no request

        pairwise = run(*judge, "--pairwise", "tiny-base", "grounded")
        assert pairwise.returncode == 0, pairwise.stderr
        verdicts = pd.read_parquet(out / "pairwise.parquet")
        assert set(verdicts.verdict) == {"tie"}  # a judge that always picks position 1 wins nothing
        assert PAIRWISE_SCHEMAS and set(PAIRWISE_SCHEMAS) == {"preference"}  # not the pointwise score schema

    result = run("eval/metrics.py", "--table", str(out / "table.parquet"))
    assert result.returncode == 0, result.stderr
    metrics = pd.read_parquet(out / "metrics.parquet")
    assert set(metrics.metric) == {"chrf", "rouge_l", "bleu", "finding_f1", "contradiction", *CLINICAL_METRICS}
    shares = metrics[~metrics.metric.str.startswith("error_") | (metrics.metric == "error_free")]
    assert shares.value.between(0, 1).all() and (metrics.value >= 0).all()

    result = run("eval/report.py", "--folder", str(out))
    assert result.returncode == 0, result.stderr
    report = (out / "report.md").read_text()
    assert report.splitlines()[2].startswith("**Warning: the judge's scores") and "offline stand-in" in report
    assert "offline stand-in" in result.stderr
    for needle in ("tiny-base", "tiny-lora", "grounded", "accuracy (1-4)", "ROUGE-L", "missing", "A - B", "Pairwise"):
        assert needle in report
    for model in ("tiny-base", "tiny-lora", "grounded"):
        row = next(line for line in report.splitlines() if line.startswith(f"| {model} | 8 |"))
        assert row == f"| {model} | 8 | {sum(1 for key in expected_missing if key[1] == model)} |"
    plots = re.findall(r"\]\((plots/[a-z0-9_]+\.png)\)", report)
    assert len(plots) == 10 and all((out / p).read_bytes()[:4] == b"\x89PNG" for p in plots)


# --- metrics ---------------------------------------------------------------------------------


def test_rouge_l_over_korean_morphemes_where_the_default_tokenizer_sees_nothing():
    from rouge_score import rouge_scorer

    same = "좌측 폐에 소량의 흉수가 있습니다."
    assert rouge_l(same, same) == pytest.approx(1.0)
    assert rouge_l("기흉은 없습니다.", "심장 크기가 커졌어요") == 0.0
    default = rouge_scorer.RougeScorer(["rougeL"])
    assert default.score(same, same)["rougeL"].fmeasure == 0.0  # rouge-score drops Hangul


def finding_f1(answer: str, reference: str) -> float:
    return finding_agreement([answer], [reference], aggregate=False)["finding_f1"][0]


def test_finding_f1_on_hand_made_pairs():
    assert finding_f1("기흉은 없고 흉수가 있습니다.", "No pneumothorax. Pleural effusion.") == 1.0
    assert finding_f1("기흉이 있습니다.", "기흉은 없습니다.") == 0.0
    # answer: pneumothorax neg + effusion pos; reference: pneumothorax neg + cardiomegaly pos -> 2*1/(2+2)
    assert finding_f1("기흉은 없고 흉수가 있습니다.", "기흉은 없고 심비대가 있습니다.") == pytest.approx(0.5)
    assert finding_f1("잘 모르겠습니다.", "판독문을 확인하세요.") == 1.0


def test_contradiction_rate_catches_a_planted_contradiction():
    report = "FINDINGS: No pneumothorax. Small left pleural effusion."
    table = pd.DataFrame(
        [
            {"qa_id": f"q{i}", "report": report, "question": "기흉?", "reference": None, "answer_m": answer}
            for i, answer in enumerate(["기흉은 없습니다.", "흉수가 있습니다.", "기흉이 있습니다.", "정상입니다."])
        ]
    )
    metrics = compute_metrics(table)
    rate = metrics[metrics.metric == "contradiction"].value
    assert rate.tolist() == [0.0, 0.0, 1.0, 0.0] and rate.mean() == 0.25
    assert contradicts(report, "흉수는 없습니다.")


# --- statistics ------------------------------------------------------------------------------


def test_bootstrap_interval_contains_the_mean_and_narrows_as_n_grows():
    import numpy as np

    rng = np.random.default_rng(1)
    widths = []
    for n in (20, 200, 2000):
        values = rng.integers(1, 5, size=n).astype(float)
        interval = bootstrap_ci(values)
        assert interval.low <= interval.mean <= interval.high and interval.mean == pytest.approx(values.mean())
        widths.append(interval.high - interval.low)
    assert widths[0] > widths[1] > widths[2]
    assert bootstrap_ci([None, float("nan")]).n == 0


def test_paired_bootstrap_separates_real_differences_from_noise():
    import numpy as np

    rng = np.random.default_rng(2)
    a = rng.normal(3.0, 0.5, 100)
    assert paired_bootstrap(a, a - 0.5).p_value < 0.01
    noisy = paired_bootstrap(a, a + rng.normal(0, 0.5, 100))
    assert noisy.p_value > 0.01 and noisy.n == 100
    assert paired_bootstrap([1, None, 3], [1, 2, None]).n == 1


# --- judge parsing ---------------------------------------------------------------------------


def test_parse_judgment_accepts_valid_replies_and_names_what_is_wrong():
    criteria = ("accuracy", "conciseness")
    reply = 'Here: ```json\n{"accuracy": {"score": 4, "rationale": "ok"}, "conciseness": {"score": "3"}}\n```'
    assert parse_judgment(reply, criteria) == {
        "accuracy": {"score": 4, "rationale": "ok"},
        "conciseness": {"score": 3, "rationale": ""},
    }
    with pytest.raises(ValueError, match="conciseness: expected a score from 1 to 4"):
        parse_judgment('{"accuracy": {"score": 4}, "conciseness": {"score": 0}}', criteria)
    with pytest.raises(ValueError, match="accuracy"):
        parse_judgment('{"conciseness": {"score": 2}}', criteria)
    with pytest.raises(ValueError, match="no JSON"):
        parse_judgment("좋은 답변입니다", criteria)


def test_pairwise_verdict_needs_a_win_in_both_orders():
    assert combine_orders("1", "2") == "a"
    assert combine_orders("2", "1") == "b"
    assert combine_orders("1", "1") == "tie"  # position bias cancels
    assert combine_orders("tie", "2") == "tie"


# --- inputs and bad input --------------------------------------------------------------------


def test_questions_from_the_original_prompt_csv_and_report_question_csv(tmp_path):
    prompt_csv = tmp_path / "prompts.csv"
    prompt_csv.write_text("prompt\n흉부 X선에서 기흉이 보이나요?\n요약해 주세요\n", encoding="utf-8")
    rows = load_questions(prompt_csv)
    assert [r["qa_id"] for r in rows] == ["row-1", "row-2"] and rows[0]["report"] is None
    pairs = tmp_path / "pairs.csv"
    pairs.write_text('qa_id,report,question,reference\na,"No pneumothorax.",기흉?,없습니다\n', encoding="utf-8")
    assert load_questions(pairs)[0] == {
        "qa_id": "a",
        "id": "row-1",
        "source": None,
        "task": None,
        "report": "No pneumothorax.",
        "question": "기흉?",
        "reference": "없습니다",
    }


def test_bad_inputs_fail_with_clear_errors(run, tmp_path, models_yaml):
    bad_csv = tmp_path / "bad.csv"
    bad_csv.write_text("text,answer\nx,y\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad.csv:1: needs a `prompt` column"):
        load_questions(bad_csv)
    result = run(
        "eval/compare.py", "--questions", str(bad_csv), "--models", str(models_yaml), "--output", str(tmp_path)
    )
    assert result.returncode == 2 and "needs a `prompt` column" in result.stderr

    with pytest.raises(InputError, match="unknown model\\(s\\) gpt-9"):
        select_models(load_models(models_yaml), ["gpt-9"], str(models_yaml))
    unknown = tmp_path / "models.yaml"
    unknown.write_text(yaml.safe_dump({"models": {"x": {"backend": "vllm"}}}))
    with pytest.raises(InputError, match="unknown backend 'vllm'"):
        load_models(unknown)
    unknown.write_text(yaml.safe_dump({"models": {"x": {"modle": "typo"}}}))
    with pytest.raises(InputError, match="unknown key\\(s\\) modle"):
        load_models(unknown)

    table = pd.DataFrame(
        {"qa_id": ["a", "b"], "question": ["q", "q"], "answer_m1": ["x", "y"], "answer_m2": ["", None]}
    )
    table.to_parquet(tmp_path / "table.parquet")
    with pytest.raises(InputError, match="answer_m2 is empty for every question"):
        read_table(tmp_path / "table.parquet")
    result = run("eval/metrics.py", "--table", str(tmp_path / "table.parquet"))
    assert result.returncode == 2 and "answer_m2 is empty" in result.stderr
    assert not (tmp_path / "metrics.parquet").exists()


def test_korad_metrics_prints_one_row_per_metric_readable_in_a_terminal(tmp_path, capsys):
    from korad.commands.evaluation import metrics

    report = "FINDINGS: Small left pleural effusion. No pneumothorax."
    table = pd.DataFrame(
        {
            "qa_id": ["q1", "q2"],
            "id": ["r1", "r1"],
            "task": ["qa", "qa"],
            "report": [report, report],
            "question": ["흉수가 있나요?", "기흉이 있나요?"],
            "reference": ["네, 좌측에 소량의 흉수가 있습니다.", "아니요, 기흉은 없습니다."],
            answer_column("grounded"): ["네, 좌측에 흉수가 있습니다.", "아니요, 기흉은 없습니다."],
            answer_column("local"): ["우측에 흉수가 있습니다.", "네, 기흉이 있습니다."],
        }
    )
    table.to_parquet(tmp_path / "table.parquet", index=False)
    assert metrics(["--table", str(tmp_path / "table.parquet")]) == 0
    printed = capsys.readouterr().err.splitlines()
    assert printed[-1] == f"metrics: wrote {tmp_path / 'metrics.parquet'}"
    rows = {line.split()[0]: line.split()[1:] for line in printed[:-1]}
    assert {"chrf", "rouge_l", "finding_f1", "contradiction", "error_free"} <= set(rows)  # a metric a row
    assert [float(value) for value in rows["contradiction"]] == [0.0, 1.0]  # grounded, local: a column each
    assert max(map(len, printed)) <= 100  # (was one 260-character row per model)


def test_a_table_that_cannot_be_read_is_bad_input_and_metrics_never_writes_over_it(tmp_path, capsys):
    from korad.commands.evaluation import metrics

    # was: UnicodeDecodeError / ArrowInvalid, exit 1 ("an unexpected error")
    cp949 = tmp_path / "table.csv"
    cp949.write_bytes("qa_id,question,answer_m\n1,흉수가 있나요?,네\n".encode("cp949"))
    with pytest.raises(InputError, match=r"table\.csv:2: not valid UTF-8"):
        read_table(cp949)
    broken = tmp_path / "broken.parquet"
    broken.write_text("not parquet")
    with pytest.raises(InputError, match=r"broken\.parquet: not a readable parquet file"):
        read_table(broken)
    quote = tmp_path / "quote.csv"
    quote.write_text('qa_id,question,answer_m\n1,"흉수?,네\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"quote\.csv: not a readable CSV table"):
        read_table(quote)

    table = tmp_path / "ok.csv"
    table.write_text("\ufeffqa_id,question,answer_m\n1,흉수가 있나요?,네\n", encoding="utf-8")
    before = table.read_bytes()
    assert metrics(["--table", str(table), "--output", str(table)]) == 2  # was: the table overwritten by metrics
    assert "the same file as --table" in capsys.readouterr().err and table.read_bytes() == before
    assert metrics(["--table", str(table), "--output", str(tmp_path / "new" / "m.parquet")]) == 0  # was: OSError, 1
    assert (tmp_path / "new" / "m.parquet").exists()


def test_a_questions_csv_with_windows_line_ends_gives_reports_without_carriage_returns(tmp_path):
    # an Excel export: CRLF ends every line, also inside a quoted multi-line report (the CR stayed in it)
    questions = tmp_path / "questions.csv"
    questions.write_bytes('report,question\r\n"FINDINGS: Small left\r\neffusion.",흉수가 있나요?\r\n'.encode())
    (row,) = load_questions(questions)
    assert (row["report"], row["question"]) == ("FINDINGS: Small left\neffusion.", "흉수가 있나요?")
