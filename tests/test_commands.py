"""Subcommands with actions, and the commands the other test files do not drive."""

import pandas as pd
import pytest

from korad.cli import main as korad
from korad.eval.rubric import POINTWISE
from korad.review.agreement import judge_human


def test_review_agreement_recomputes_the_figures_from_a_pulled_folder(tmp_path, capsys):
    responses = pd.DataFrame(
        [
            {"record_id": f"r{i}", "reviewer": reviewer, **{c: 1 + (i + (reviewer == "rev2")) % 4 for c in POINTWISE}}
            for i in range(8)
            for reviewer in ("rev1", "rev2")
        ]
    )
    suggestions = pd.DataFrame(
        [{"record_id": f"r{i}", "criterion": c, "value": 1 + i % 4} for i in range(8) for c in POINTWISE]
    )
    assert korad(["review", "agreement", "--folder", str(tmp_path)]) == 2
    assert "responses.parquet: missing: run `korad review pull` first" in capsys.readouterr().err
    responses.to_parquet(tmp_path / "responses.parquet")
    suggestions.to_parquet(tmp_path / "suggestions.parquet")
    assert korad(["review", "agreement", "--folder", str(tmp_path)]) == 0
    written = pd.read_csv(tmp_path / "judge_human.csv")
    expected = judge_human(responses, suggestions)
    pd.testing.assert_frame_equal(written.fillna("-"), expected.fillna("-"), check_dtype=False)
    assert (tmp_path / "human_human.csv").exists() and "judge vs reviewers" in capsys.readouterr().out


@pytest.mark.parametrize("command", ["review", "publish", "preference"])
def test_an_action_is_required_and_an_unknown_one_is_exit_2(command, capsys):
    assert korad([command]) == 2
    assert korad([command, "--help"]) == 0
    assert f"``korad {command} " in capsys.readouterr().out  # the usage line, then the command's own description
    assert korad([command, "nope"]) == 2
    err = capsys.readouterr().err
    assert f"korad {command}: unknown action 'nope'" in err


def test_serve_openai_options_are_checked(capsys):
    assert korad(["serve-openai", "--fault_rate", "1.5"]) == 2
    assert capsys.readouterr().err == "error: fault_rate=1.5: a share between 0 and 1\n"


def test_unknown_command(capsys):
    assert korad(["trian"]) == 2
    assert "unknown command 'trian'" in capsys.readouterr().err


def test_publish_space_dry_run_turns_every_chat_option_into_a_space_variable(tmp_path, capsys):
    argv = ["publish", "space", "--repo-id", "org/korad-chat", "--dry-run", "--output", str(tmp_path / "space")]
    assert korad([*argv, "--adapter", "org/ko-rad-lora", "--max_new_tokens", "128", "--load-in-4bit"]) == 0
    out = capsys.readouterr().out
    assert "dry run: would upload" in out and "(private)" in out
    variables = out.split("Space variables:")[1]
    assert "KORAD_ADAPTER = org/ko-rad-lora" in variables and "KORAD_MAX_NEW_TOKENS = 128" in variables
    assert "KORAD_LOAD_IN_4BIT = true" in variables and "KORAD_TEMPERATURE" not in variables


def test_preference_options_are_checked_before_anything_runs(tmp_path, capsys):
    assert korad(["preference", "build", "--samples", str(tmp_path), "--test_size", "1.5"]) == 2
    assert capsys.readouterr().err == "error: test_size=1.5: at least 0 and less than 1\n"
    assert korad(["preference", "build", "--samples", str(tmp_path), "--colour", "blue"]) == 2
    assert "error: unknown option(s) --colour blue" in capsys.readouterr().err
    models = tmp_path / "models.yaml"
    models.write_text("models: {}\n")
    sample = ["preference", "sample", "--questions", "q.csv", "--models", str(models), "--model", "m"]
    assert korad([*sample, "--samples", "1"]) == 2
    assert "samples=1: at least 2 (pairs need two answers)" in capsys.readouterr().err
