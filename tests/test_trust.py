"""No silent wrong result (issue 14): each failure a user met, reproduced against the local stand-ins."""

import json
import re
from pathlib import Path

import pandas as pd
import pytest
from conftest import endpoints_file

from korad.errors import InputError
from korad.samples import load_sample_reports
from korad.testing.fake_teacher import fake_teacher
from korad.testing.openai_server import OpenAIServer


def build_workdir(work: Path, reports: list[dict], server: OpenAIServer) -> Path:
    """Run every datasets_builder stage on ``reports`` in ``work``; the dataset folder."""
    from korad.datasets_builder import pipeline

    work.mkdir(parents=True)
    source = work / "in.jsonl"
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in reports), encoding="utf-8")
    endpoints = endpoints_file(work / "endpoints.yaml", server.base_url)
    pipeline.run_all(pipeline.PipelineConfig(workdir=work, endpoints=endpoints, test_size=0.3), source)
    return work / "dataset"


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory) -> tuple[Path, Path]:
    """Two different datasets, each built in its own work folder as ``<workdir>/dataset``."""
    korean = load_sample_reports("ko")
    root = tmp_path_factory.mktemp("two-builds")
    with OpenAIServer(fake_teacher) as server:
        return build_workdir(root / "A", korean[:3], server), build_workdir(root / "B", korean[3:8], server)


def split_rows(folder: Path, split: str) -> pd.DataFrame:
    files = sorted((folder / "data").glob(f"{split}-*.parquet"))
    return pd.concat([pd.read_parquet(f) for f in files]).sort_values("qa_id")


# --- 14.1 stale dataset ------------------------------------------------------------------------


def test_training_and_compare_read_the_dataset_that_is_there_now(two_builds, tiny_model, tmp_path):
    from korad.chat.backends import BackendSpec
    from korad.eval.compare import run_compare
    from korad.eval.inputs import load_questions
    from korad.train.sft import make_parser, prepare

    recipe = Path(__file__).resolve().parents[1] / "train" / "recipes" / "tiny_cpu.yaml"
    a, b = two_builds
    assert len(split_rows(a, "train")) != len(split_rows(b, "train"))
    for folder in (a, b, a):
        args = make_parser().parse_args_and_config(
            args=[
                "--config",
                str(recipe),
                "--model_name_or_path",
                str(tiny_model),
                "--dataset_name",
                str(folder),
                "--output_dir",
                str(tmp_path / "sft"),
                "--max_steps",
                "1",
                "--eval_strategy",
                "no",
                "--save_strategy",
                "no",
            ]
        )
        trainer = prepare(*args)
        expected = split_rows(folder, "train")["messages"]
        seen = trainer.train_dataset["messages"]
        assert sorted(m[1]["content"] for m in seen) == sorted(m[1]["content"] for m in expected)
        trainer.train()

        questions = load_questions(str(folder), "test")
        assert [q["qa_id"] for q in questions] == split_rows(folder, "test")["qa_id"].tolist()
        table = run_compare(questions, {"grounded": BackendSpec(backend="grounded")}, tmp_path / folder.parent.name)
        assert table["qa_id"].tolist() == split_rows(folder, "test")["qa_id"].tolist()


# --- 14.3 judging offline, missing judgments, judgment keys -------------------------------------


def test_compare_judge_report_review_offline_with_missing_judgments(run, two_builds, argilla_server, tmp_path):
    import yaml

    from korad.testing.fake_judge import make_judge

    out = tmp_path / "eval"
    models = tmp_path / "models.yaml"
    models.write_text(yaml.safe_dump({"models": {"grounded": {"backend": "grounded"}}}))
    compared = run("eval/compare.py", "--questions", str(two_builds[1]), "--models", str(models), "--output", str(out))
    assert compared.returncode == 0, compared.stderr
    answers = len(pd.read_parquet(out / "table.parquet"))

    judge = ["eval/judge.py", "--table", str(out / "table.parquet")]
    with OpenAIServer(make_judge(fault_rate=0.5)) as server:
        endpoints = endpoints_file(tmp_path / "judge.yaml", server.base_url, name="judge")
        failed = run(*judge, "--endpoints", str(endpoints))
        assert failed.returncode == 3, failed.stderr
        assert re.search(rf"error: .*: (\d+) of {answers} judgments missing", failed.stderr)
        missing = int(re.search(r"(\d+) of \d+ judgments missing", failed.stderr).group(1))
        assert 0 < missing < answers
        sent = len(server.log)
        allowed = run(*judge, "--endpoints", str(endpoints), "--allow-missing")
        assert allowed.returncode == 0, allowed.stderr
        assert len(server.log) == sent  # nothing asked again
    scores = pd.read_parquet(out / "scores.parquet")
    unjudged = scores.groupby("qa_id")["score"].apply(lambda s: s.isna().all())
    assert int(unjudged.sum()) == missing and scores["score"].dropna().between(1, 4).all()

    reported = run("eval/report.py", "--folder", str(out))
    assert reported.returncode == 0, reported.stderr
    report = (out / "report.md").read_text(encoding="utf-8")
    assert f"| grounded | {answers} | {missing} |" in report

    # Another judge model: every answer is judged again, no old score is reused.
    with OpenAIServer(make_judge(seed=1)) as server:
        endpoints = endpoints_file(tmp_path / "judge2.yaml", server.base_url, name="judge", model="judge-2")
        second = run(*judge, "--endpoints", str(endpoints))
        assert second.returncode == 0, second.stderr
        assert len(server.log) == answers
    scores = pd.read_parquet(out / "scores.parquet")
    assert set(scores["judge"]) == {"judge-2"} and scores["score"].notna().all()

    env = {"ARGILLA_API_URL": argilla_server.api_url, "ARGILLA_API_KEY": argilla_server.api_key}
    pushed = run("argilla/push.py", "--eval", str(out), "--name", "trust-eval-review", env=env)
    assert pushed.returncode == 0, pushed.stderr[-3000:]
    assert f"pushed {answers} records ({answers} with judge suggestions)" in pushed.stdout


# --- 14.6 outputs ---------------------------------------------------------------------------------


def test_an_output_that_is_not_a_korad_artifact_is_refused(run, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes\nthe last line, without a newline", encoding="utf-8")
    result = run("-m", "korad.reports", "korad/data/sample_reports.jsonl", "--output", str(notes))
    assert result.returncode == 2 and "is not a korad artifact" in result.stderr, result.stderr
    assert notes.read_text(encoding="utf-8") == "my notes\nthe last line, without a newline"


# --- 14.7 bad input files -------------------------------------------------------------------------


def reports_cli(capsys, source: Path, output: Path) -> tuple[int, str]:
    from korad.commands.reports import main

    code = main([str(source), "--output", str(output)])
    return code, capsys.readouterr().err


def test_an_unterminated_quote_in_a_csv_names_its_line(capsys, tmp_path):
    notes = tmp_path / "notes.csv"
    notes.write_text('id,note\n1,"No pneumothorax."\n2,"Small effusion.\n3,Normal.\n4,Normal.\n', encoding="utf-8")
    code, err = reports_cli(capsys, notes, tmp_path / "out.jsonl")
    assert code == 2 and f"error: {notes}:3: a quoted field opened on this line is never closed" in err

    questions = tmp_path / "questions.csv"
    questions.write_text('prompt\n"기흉이 있나요?"\n"흉수가 있나요?\n심비대?\n', encoding="utf-8")
    from korad.eval.inputs import load_questions

    with pytest.raises(InputError, match=r"questions.csv:3: a quoted field opened on this line is never closed"):
        load_questions(questions)


def test_null_and_empty_ids_are_quarantined_never_written_as_none(capsys, tmp_path):
    source = tmp_path / "r.jsonl"
    rows = [{"id": None, "text": "No pneumothorax."}, {"id": " ", "text": "Normal."}, {"id": 7, "text": "Normal."}]
    source.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    code, err = reports_cli(capsys, source, tmp_path / "out.jsonl")
    assert code == 0, err
    assert [json.loads(line)["id"] for line in (tmp_path / "out.jsonl").read_text().splitlines()] == ["7"]
    quarantine = [json.loads(line) for line in (tmp_path / "out.quarantine.jsonl").read_text().splitlines()]
    assert [q["reason"] for q in quarantine] == ["missing id", "missing id"]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"id": "a", "text": "Normal.", "age": NaN}', "NaN is not a JSON number"),
        ('{"id": "a", "text": "Normal.", "age": -Infinity}', "-Infinity is not a JSON number"),
        ('{"id": "a", "text": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested too deeply to read"),
    ],
)
def test_json_the_standard_refuses_is_one_clean_error(capsys, tmp_path, line, message):
    source = tmp_path / "r.jsonl"
    source.write_text('{"id": "ok", "text": "Normal."}\n' + line + "\n", encoding="utf-8")
    code, err = reports_cli(capsys, source, tmp_path / "out.jsonl")
    assert code == 2 and f"error: {source}:2: not valid JSON ({message}" in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_a_damaged_response_cache_says_how_to_start_a_fresh_one(run, tmp_path):
    work = tmp_path / "work"
    (work / "cache").mkdir(parents=True)
    (work / "cache" / "teacher.sqlite").write_bytes(b"this is not a database" * 100)
    with OpenAIServer(fake_teacher) as server:
        endpoints = endpoints_file(tmp_path / "endpoints.yaml", server.base_url)
        source = tmp_path / "in.jsonl"
        source.write_text(json.dumps(load_sample_reports("en")[0]) + "\n", encoding="utf-8")
        result = run(
            "datasets_builder/build.py",
            "all",
            "--input",
            str(source),
            "--endpoints",
            str(endpoints),
            "--workdir",
            str(work),
        )
        assert server.log == []
    assert result.returncode == 2 and "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "the response cache is damaged" in errors[0] and "start a fresh cache" in errors[0]


# --- 14.9 generated documents tell the truth --------------------------------------------------------


def test_the_model_card_states_the_epochs_trained_the_scheduler_by_name_and_a_real_title(
    two_builds, tiny_model, tmp_path
):
    import yaml

    from korad.train.sft import make_parser, run

    recipe = Path(__file__).resolve().parents[1] / "train" / "recipes" / "tiny_cpu.yaml"
    out = tmp_path / "ko-rad-lora"
    overrides = ["--model_name_or_path", str(tiny_model), "--dataset_name", str(two_builds[0])]
    overrides += ["--output_dir", str(out), "--max_steps", "2", "--eval_strategy", "no", "--save_strategy", "no"]
    run(*make_parser().parse_args_and_config(args=["--config", str(recipe), *overrides]))
    card = (out / "README.md").read_text(encoding="utf-8")
    rows = len(split_rows(two_builds[0], "train"))
    epochs = round(2 * 4 / rows, 2)  # 2 steps of 4 examples; the recipe's num_train_epochs is not what ran
    assert f"| epochs | {epochs} |" in card and epochs != 3.0
    assert "| lr_scheduler | constant |" in card and "SchedulerType" not in card
    title = next(line for line in card.split("---", 2)[2].splitlines() if line.startswith("# "))
    assert title == "# ko-rad-lora: Korean chest X-ray report QA (LoRA on " + tiny_model.name + ")"
    assert yaml.safe_load(card.split("---")[1])["base_model"] == str(tiny_model)


def test_a_plot_marks_a_model_without_data_and_the_rubric_axis_starts_at_1():
    from korad.eval.report import plot_measure
    from korad.eval.stats import bootstrap_ci

    intervals = [bootstrap_ci([1.0, 1.0, 1.0]), bootstrap_ci([]), bootstrap_ci([2.0, 3.0, 4.0])]
    axis = plot_measure("accuracy", ["base", "lora", "teacher"], intervals).axes[0]
    assert axis.get_ylim() == (1.0, 4.0)
    bars = axis.patches
    assert [round(bar.get_x() + bar.get_width() / 2) for bar in bars] == [0, 2]  # no bar for "lora"
    assert all(bar.get_y() == 1.0 for bar in bars) and bars[0].get_height() == 0.0
    marks = {round(text.get_position()[0]): text.get_text() for text in axis.texts}
    assert marks[1] == "no data" and marks[0] == "1.00"


def test_a_judge_that_gives_every_answer_the_same_score_gets_a_warning(run, two_builds, tmp_path):
    import yaml

    from korad.review.agreement import judge_human
    from korad.testing.fake_judge import make_judge

    out = tmp_path / "eval"
    models = tmp_path / "models.yaml"
    models.write_text(yaml.safe_dump({"models": {"grounded": {"backend": "grounded"}}}))
    compare = ["eval/compare.py", "--questions", str(two_builds[1]), "--models", str(models), "--output", str(out)]
    assert run(*compare).returncode == 0
    with OpenAIServer(make_judge(constant=3)) as server:
        endpoints = endpoints_file(tmp_path / "judge.yaml", server.base_url, name="judge")
        judged = run("eval/judge.py", "--table", str(out / "table.parquet"), "--endpoints", str(endpoints))
        assert judged.returncode == 0, judged.stderr
    reported = run("eval/report.py", "--folder", str(out))
    assert reported.returncode == 0 and "warning: the judge gave all" in reported.stderr
    assert "**Warning:** the judge gave all" in (out / "report.md").read_text(encoding="utf-8")

    scores = pd.read_parquet(out / "scores.parquet")
    suggestions = scores.rename(columns={"qa_id": "record_id", "score": "value"})
    responses = pd.DataFrame(
        [{"record_id": q, "reviewer": "rev1", "accuracy": 1 + i % 4} for i, q in enumerate(scores["qa_id"].unique())]
    ).assign(**{c: 2 for c in ("conciseness", "consistency", "understandability")})
    table = judge_human(responses, suggestions).set_index("criterion")
    assert table.loc["accuracy", "kappa_quadratic"] == 0.0
    assert "the judge gave all" in table.loc["accuracy", "warning"]
