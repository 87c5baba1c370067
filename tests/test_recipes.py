"""Every recipe runs: datasets_builder/recipes/ and eval/recipes/, their endpoints pointed at local test servers."""

import shutil

import pandas as pd
import pytest
import yaml
from conftest import ROOT, local_endpoints

from korad.cli import main as korad
from korad.testing.fake_judge import judge_responder
from korad.testing.fake_teacher import fake_teacher
from korad.testing.openai_server import OpenAIServer, echo_responder

BUILD_RECIPES = ROOT / "datasets_builder" / "recipes"
EVAL_RECIPES = ROOT / "eval" / "recipes"


def test_the_sample_recipe_built_the_dataset(dataset_dir):
    """conftest's ``dataset_dir`` is ``korad build --config sample_offline.yaml``: check what it made."""
    from datasets import load_dataset

    data = load_dataset(str(dataset_dir))
    assert len(data["train"]) > 100 and len(data["test"]) > 0
    assert "ko-rad-instruct (sample, synthetic)" in (dataset_dir / "README.md").read_text(encoding="utf-8")


def test_the_cpu_training_recipe_reads_the_folders_the_readme_makes():
    """README "on this CPU": the tiny model's folder and the sample recipe's dataset, nothing else to build."""
    training = yaml.safe_load((ROOT / "train" / "recipes" / "tiny_cpu.yaml").read_text(encoding="utf-8"))
    sample = yaml.safe_load((BUILD_RECIPES / "sample_offline.yaml").read_text(encoding="utf-8"))
    assert training["dataset_name"] == f"{sample['workdir']}/dataset"
    assert "--output " + training["model_name_or_path"] in (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("recipe", "key"),
    [("openai_teacher", "OPENAI_API_KEY"), ("openai_batch", "OPENAI_API_KEY"), ("vllm_teacher", None)],
)
def test_teacher_recipes_run_against_the_local_server(recipe, key, tmp_path, monkeypatch, capsys):
    path = BUILD_RECIPES / f"{recipe}.yaml"
    options = yaml.safe_load(path.read_text(encoding="utf-8"))
    reports = tmp_path / "reports.jsonl"
    lines = (ROOT / options["input"]).read_text(encoding="utf-8").splitlines()
    reports.write_text("\n".join(lines[:3] + lines[30:32]) + "\n", encoding="utf-8")  # English and Korean
    if key:
        monkeypatch.setenv(key, "sk-local-test-key")
    with OpenAIServer(fake_teacher, api_key="sk-local-test-key" if key else None) as server:
        endpoints = local_endpoints(ROOT / options["endpoints"], tmp_path / "endpoints.yaml", server.base_url)
        argv = ["build", "--config", str(path), "--endpoints", str(endpoints), "--input", str(reports)]
        assert korad([*argv, "--workdir", str(tmp_path / "work"), "--test_size", "0.5"]) == 0, capsys.readouterr().err
        teacher = options["teacher"]
        assert server.log or server.batches.created  # openai_batch: no real-time request, only batches
        assert all(entry.authorized for entry in server.log)
    assert (tmp_path / "work" / "dataset" / "README.md").exists()
    assert f"({teacher})" in (tmp_path / "work" / "dataset" / "README.md").read_text(encoding="utf-8")


def test_eval_recipes_compare_judge_metrics_report_on_the_sample(dataset_dir, tmp_path, capsys):
    recipes = tmp_path / "recipes"
    shutil.copytree(EVAL_RECIPES, recipes)
    out = tmp_path / "eval"
    with OpenAIServer(echo_responder) as chat, OpenAIServer(judge_responder) as judge:
        endpoints = yaml.safe_load((recipes / "endpoints.local.yaml").read_text(encoding="utf-8"))
        endpoints["endpoints"]["local"]["base_url"] = chat.base_url
        endpoints["endpoints"]["judge"]["base_url"] = judge.base_url
        (recipes / "endpoints.local.yaml").write_text(yaml.safe_dump(endpoints), encoding="utf-8")
        steps = [
            [
                "compare",
                "--config",
                str(EVAL_RECIPES / "sample_compare.yaml"),
                "--questions",
                str(dataset_dir),
                "--models",
                str(recipes / "sample_models.yaml"),
                "--output",
                str(out),
                "--limit",
                "4",
            ],
            [
                "judge",
                "--config",
                str(EVAL_RECIPES / "sample_judge.yaml"),
                "--table",
                str(out / "table.parquet"),
                "--endpoints",
                str(recipes / "endpoints.local.yaml"),
            ],
            ["metrics", "--config", str(EVAL_RECIPES / "sample_metrics.yaml"), "--table", str(out / "table.parquet")],
            ["eval-report", "--config", str(EVAL_RECIPES / "sample_report.yaml"), "--folder", str(out)],
        ]
        printed = {}
        for step in steps:
            assert korad(step) == 0, (step[0], capsys.readouterr().err)
            printed[step[0]] = capsys.readouterr().err
    table = pd.read_parquet(out / "table.parquet")
    assert len(table) == 4 and {"answer_grounded", "answer_local"} <= set(table.columns)
    scores = pd.read_parquet(out / "scores.parquet")
    assert set(scores["model"]) == {"grounded", "local"}
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "korad evaluation (sample, synthetic)" in report
    # the judge (rubric v2) and the rules count clinical errors: the headline, the table per model, agreement
    errors = pd.read_parquet(out / "errors.parquet")
    assert set(errors["source"]) == {"judge", "rules"} and errors["count"].notna().all()
    assert "**Error-free answers**" in report and "| error-free answers, judge (share) |" in report
    for model in ("grounded", "local"):
        assert f"### {model}\n\n| error type | judge: errors/answer |" in report
    assert "### Agreement of judge and rules" in report and "| 없는 소견을 있다고 함 (`false_finding`) | 8 |" in report
    assert "![clinical errors by type](plots/errors.png)" in report
    assert (out / "plots" / "errors.png").read_bytes()[:4] == b"\x89PNG"
    # each step names what it wrote, so a new user finds the files
    assert f"wrote {out / 'judgments.jsonl'}, {out / 'scores.parquet'}, {out / 'errors.parquet'}" in printed["judge"]
    assert f"metrics: wrote {out / 'metrics.parquet'}" in printed["metrics"]
    assert f"report: {out / 'report.md'}" in printed["eval-report"]
