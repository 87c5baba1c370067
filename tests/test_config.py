"""Command options: HfArgumentParser + --config YAML + the KORAD_* rule, one-line errors and exit codes."""

import pytest
import yaml
from conftest import endpoints_file

from korad.chat.cli import ChatOptions
from korad.chat.options import BackendSpec
from korad.cli import main as korad
from korad.config import environment_variables, parse
from korad.errors import ConfigError, InputError
from korad.testing.openai_server import OpenAIServer, echo_responder


def chat_options(argv, **kwargs):
    return parse((ChatOptions, BackendSpec), argv, prog="korad chat", **kwargs)


def test_defaults_environment_yaml_and_command_line_override_in_that_order(tmp_path, monkeypatch):
    monkeypatch.setenv("KORAD_MAX_NEW_TOKENS", "64")
    monkeypatch.setenv("KORAD_TEMPERATURE", "0.5")
    monkeypatch.setenv("KORAD_LOAD_IN_4BIT", "true")
    monkeypatch.setenv("KORAD_MODEL", "")  # a blank Space variable is unset
    recipe = tmp_path / "chat.yaml"
    recipe.write_text(yaml.safe_dump({"temperature": 0.7, "ask": "기흉이 있나요?", "max_new_tokens": 32}))
    options, spec = chat_options(["--config", str(recipe), "--max-new-tokens", "16"])
    assert options.ask == "기흉이 있나요?"
    assert spec.max_new_tokens == 16  # command line over YAML over environment
    assert spec.temperature == 0.7  # YAML over environment
    assert spec.load_in_4bit is True and spec.model is None  # environment over the default
    monkeypatch.delenv("KORAD_MAX_NEW_TOKENS")
    assert chat_options([])[1].max_new_tokens == BackendSpec.max_new_tokens


def test_the_environment_rule_is_generic_and_reversible():
    variables = environment_variables(BackendSpec, endpoint="teacher", endpoints="e.yaml", max_new_tokens=128)
    assert variables == {"KORAD_ENDPOINT": "teacher", "KORAD_ENDPOINTS": "e.yaml", "KORAD_MAX_NEW_TOKENS": "128"}
    with pytest.raises(ConfigError, match="not_an_option"):
        environment_variables(BackendSpec, not_an_option=1)


def test_unknown_yaml_key_is_an_error_naming_it(tmp_path):
    recipe = tmp_path / "chat.yaml"
    recipe.write_text("max_new_token: 12\n")  # a typo
    with pytest.raises(ConfigError, match="max_new_token=12: not an option of `korad chat`") as error:
        chat_options(["--config", str(recipe)])
    assert error.value.field == "max_new_token"
    with pytest.raises(InputError, match="no such config file"):
        chat_options(["--config", str(tmp_path / "missing.yaml")])


def test_a_literal_field_set_by_yaml_is_checked(tmp_path):
    recipe = tmp_path / "chat.yaml"
    recipe.write_text("backend: llama\n")
    with pytest.raises(ConfigError, match="backend='llama': one of grounded, transformers, openai"):
        chat_options(["--config", str(recipe)])


def test_korad_help_lists_the_commands_on_one_screen(capsys):
    assert korad(["--help"]) == 0
    out = capsys.readouterr().out
    assert len(out.splitlines()) <= 25 and max(map(len, out.splitlines())) <= 100
    for command in ("label", "reports", "build", "chat", "compare", "judge", "eval-report", "review", "publish"):
        assert f"\n  {command} " in out


def test_a_command_help_shows_its_own_options_only(capsys):
    with pytest.raises(SystemExit) as done:
        korad(["judge", "--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert "--endpoints" in out and "--pairwise" in out and "--models" not in out and "--max_new_tokens" not in out


def test_korad_help_does_not_import_torch(run):
    code = "import sys; from korad.cli import main; main(['--help']); assert 'torch' not in sys.modules"
    result = run("-c", code)
    assert result.returncode == 0, result.stderr


def test_openai_401_is_one_line_naming_the_endpoint_and_its_key_variable(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("KORAD_TEST_KEY", "sk-wrong-key")
    with OpenAIServer(echo_responder, api_key="sk-right-key") as server:
        endpoints = endpoints_file(tmp_path / "e.yaml", server.base_url, name="local", api_key_env="KORAD_TEST_KEY")
        report = tmp_path / "report.txt"
        report.write_text("FINDINGS: No pneumothorax.", encoding="utf-8")
        argv = ["chat", "--backend", "openai", "--endpoint", "local", "--endpoints", str(endpoints)]
        argv += ["--report", str(report), "--ask", "기흉?"]  # korad chat needs a report (exit 2 without one)
        assert korad(argv) == 3
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and err.startswith("error: endpoint 'local' (HTTP 401)")
        assert "KORAD_TEST_KEY" in err and "sk-wrong-key" not in err and "Traceback" not in err
        assert korad([*argv, "--debug"]) == 3
        assert "Traceback" in capsys.readouterr().err


def test_an_unexpected_error_is_exit_1_with_one_line(capsys, monkeypatch):
    from korad.chat import cli as chat_cli

    def broken(*args):
        raise RuntimeError("something\nbroke")

    monkeypatch.setattr(chat_cli, "chat", broken)
    assert korad(["chat", "--ask", "x"]) == 1
    assert capsys.readouterr().err == "error: RuntimeError: something broke\n"


# --- a bad configuration: one line naming the field, exit 2, no traceback (as a user runs it) -----


def bad_endpoints(tmp_path, **fields):
    return str(endpoints_file(tmp_path / "endpoints.yaml", "http://127.0.0.1:9/v1", **fields))


def build(tmp, *extra):
    return ["build", "--input", "korad/data/sample_reports.jsonl", "--workdir", str(tmp / "work"), *extra]


BAD_CONFIGURATIONS = {
    "rpm": lambda tmp: build(tmp, "--endpoints", bad_endpoints(tmp, rpm=0)),
    "max_concurrency": lambda tmp: build(tmp, "--endpoints", bad_endpoints(tmp, max_concurrency=0)),
    "max_retries": lambda tmp: build(tmp, "--endpoints", bad_endpoints(tmp, max_retries=-1)),
    "parse_retries": lambda tmp: [
        "judge",
        "--endpoints",
        bad_endpoints(tmp),
        "--table",
        str(tmp),
        "--parse_retries",
        "-1",
    ],
    "test_size": lambda tmp: build(tmp, "--test_size", "1"),
    "temperature": lambda tmp: ["chat", "--temperature", "-0.1", "--ask", "기흉?"],
    "input": lambda tmp: ["build", "all", "--input", str(tmp / "missing.jsonl")],
    "endpoints": lambda tmp: ["chat", "--endpoint", "x", "--endpoints", str(tmp / "missing.yaml")],
}


@pytest.mark.parametrize("field", BAD_CONFIGURATIONS)
def test_bad_configuration_is_one_line_naming_the_field_and_exit_2(field, tmp_path, capsys):
    assert korad(BAD_CONFIGURATIONS[field](tmp_path)) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error: ") and f"{field}=" in err, err
    assert not (tmp_path / "work").exists()  # nothing ran


def test_as_a_user_runs_it_the_command_and_its_module_door_print_one_line_and_exit_2(run):
    for door in (["-m", "korad", "chat"], ["-m", "korad.chat"]):
        result = run(*door, "--temperature", "-1", "--ask", "기흉?")
        assert result.returncode == 2 and result.stderr == "error: temperature=-1.0: 0 (greedy) or more\n"
