"""train/: the SFT script through accelerate on a tiny local model, recipes, audit, QLoRA, merge."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import torch
import yaml
from conftest import ROOT

from korad.prompts import SYSTEM_PROMPT

RECIPE = str(ROOT / "train" / "recipes" / "tiny_cpu.yaml")


def launch(*overrides: str, config: str = RECIPE) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "accelerate.commands.launch",
            "--cpu",
            "--num_processes",
            "1",
            "train/sft.py",
            "--config",
            config,
            *overrides,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
    )


def parse(*overrides: str, config: str = RECIPE):
    from korad.train.sft import make_parser

    return make_parser().parse_args_and_config(args=["--config", config, *overrides])


def run_args(tiny_model: Path, dataset_dir: Path, output_dir: Path) -> list[str]:
    """The command-line overrides that point the tiny recipe at this session's model, data and output."""
    return [
        "--model_name_or_path",
        str(tiny_model),
        "--dataset_name",
        str(dataset_dir),
        "--output_dir",
        str(output_dir),
    ]


def short_run(output_dir: Path, dataset_dir: Path, tiny_model: Path, *extra: str):
    """The trainer korad.train.sft prepares for a 3-step run of the tiny recipe."""
    from korad.train.sft import prepare

    return prepare(
        *parse(*run_args(tiny_model, dataset_dir, output_dir), "--max_steps", "3", "--eval_strategy", "no", *extra)
    )


def state(checkpoint: Path) -> dict:
    return json.loads((checkpoint / "trainer_state.json").read_text())


def test_accelerate_launch_trains_evaluates_saves_and_resumes(tmp_path, dataset_dir, tiny_model):
    out = tmp_path / "out"
    common = run_args(tiny_model, dataset_dir, out)
    first = launch(*common)
    assert first.returncode == 0, first.stderr[-3000:]
    losses = [e["loss"] for e in state(out / "checkpoint-30")["log_history"] if "loss" in e]
    assert len(losses) == 30
    assert sum(losses[-5:]) / 5 < losses[0] - 0.1, losses

    card = (out / "README.md").read_text(encoding="utf-8")
    meta = yaml.safe_load(card.split("---")[1])
    assert meta["base_model"] == str(tiny_model) and meta["datasets"] == [str(dataset_dir)]
    assert meta["korad_sources"] == ["synthetic"]  # lineage read from the dataset's rows (issue 15.1)
    assert meta["language"] == ["ko"] and meta["license"] == "apache-2.0" and "korad" in meta["tags"]
    assert "| learning_rate | 0.02 |" in card and "| lora_r | 8 |" in card
    assert "- eval loss: " in card and "not evaluated" not in card
    assert (out / "adapter_config.json").exists() and (out / "length_audit.json").exists()

    resumed = launch(
        *common, "--max_steps", "35", "--resume_from_checkpoint", str(out / "checkpoint-30"), "--save_steps", "5"
    )
    assert resumed.returncode == 0, resumed.stderr[-3000:]
    final = state(out / "checkpoint-35")
    assert final["global_step"] == 35
    new_steps = [e["step"] for e in final["log_history"] if "loss" in e and e["step"] > 30]
    assert new_steps == [31, 32, 33, 34, 35]


def test_loss_is_computed_on_assistant_tokens_only(tmp_path, dataset_dir, tiny_model):
    from korad.train.sft import prepare

    trainer = prepare(*parse(*run_args(tiny_model, dataset_dir, tmp_path)))
    batch = next(iter(trainer.get_train_dataloader()))
    tokenizer = trainer.processing_class
    for ids, labels in zip(batch["input_ids"], batch["labels"], strict=True):
        kept = ids[labels != -100]
        text = tokenizer.decode(kept)
        full = tokenizer.decode(ids)
        assert text.endswith("<|im_end|>") and "<report>" not in text and SYSTEM_PROMPT[:20] not in text
        answer = full.split("<|im_start|>assistant\n")[1].split("<|im_end|>")[0]
        assert text == answer + "<|im_end|>"


def test_adapter_reloads_with_peft_to_identical_logits(tmp_path, dataset_dir, tiny_model):
    from peft import PeftModel
    from transformers import AutoModelForCausalLM

    trainer = short_run(tmp_path, dataset_dir, tiny_model)
    trainer.train()
    trainer.save_model(str(tmp_path))
    inputs = torch.tensor([[5, 17, 42, 99, 7]])
    trainer.model.eval()
    with torch.no_grad():
        trained = trainer.model(input_ids=inputs).logits
        reloaded = PeftModel.from_pretrained(AutoModelForCausalLM.from_pretrained(tiny_model), tmp_path).eval()
        assert torch.equal(trained, reloaded(input_ids=inputs).logits)

    merged_dir = tmp_path / "merged"
    result = subprocess.run(
        [
            sys.executable,
            "train/merge_adapter.py",
            "--adapter",
            str(tmp_path),
            "--output",
            str(merged_dir),
            "--dtype",
            "float32",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    merged = AutoModelForCausalLM.from_pretrained(merged_dir).eval()
    with torch.no_grad():
        assert torch.allclose(merged(input_ids=inputs).logits, trained, atol=1e-4, rtol=1e-4)


def test_qlora_4bit_path_trains(tmp_path, dataset_dir, tiny_model):
    trainer = short_run(tmp_path, dataset_dir, tiny_model, "--load_in_4bit", "true")
    assert any("4bit" in type(m).__name__ for m in trainer.model.modules())
    result = trainer.train()
    assert torch.isfinite(torch.tensor(result.training_loss))


@pytest.mark.parametrize("recipe", ["llama2_7b_chat_8bit_lora.yaml", "qwen2.5_7b_instruct_qlora.yaml"])
def test_real_recipes_parse_and_their_length_audit_runs(tmp_path, recipe, dataset_dir, tiny_model):
    config = str(ROOT / "train" / "recipes" / recipe)
    cpu = ["--bf16", "false", "--fp16", "false", "--use_cpu", "true"]  # the recipes target GPUs
    _script_args, training_args, model_args, _ = parse(*cpu, config=config)  # TrlParser: no unknown keys
    assert training_args.assistant_only_loss and training_args.max_length >= 2048 and model_args.use_peft
    assert model_args.load_in_8bit or model_args.load_in_4bit
    audit_path = tmp_path / "audit.json"
    result = launch(
        *run_args(tiny_model, dataset_dir, tmp_path),
        "--audit_only",
        "true",
        "--audit_report",
        str(audit_path),
        *cpu,
        config=config,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "0 example(s) would have their answer cut" in result.stderr
    audit = json.loads(audit_path.read_text())
    assert audit["examples"] > 100 and audit["answer_tokens"]["median"] > 0


def test_training_refuses_to_cut_answers_unless_allowed(tmp_path, dataset_dir, tiny_model):
    common = [*run_args(tiny_model, dataset_dir, tmp_path), "--max_length", "64", "--audit_only", "true"]
    refused = launch(*common)
    assert refused.returncode != 0 and "max_length=64 would cut" in refused.stderr
    allowed = launch(*common, "--allow_truncation", "true")
    assert allowed.returncode == 0


def test_bad_inputs_fail_clearly_before_training(tmp_path, tiny_model):
    import datasets

    plain = tmp_path / "plain"
    datasets.Dataset.from_list([{"text": "no chat here"}] * 4).to_parquet(str(plain / "data" / "train-0.parquet"))
    no_messages = launch(*run_args(tiny_model, plain, tmp_path / "o1"))
    assert no_messages.returncode != 0 and "has no 'messages' column" in no_messages.stderr
    assert not (tmp_path / "o1" / "checkpoint-10").exists()

    missing_model = launch("--model_name_or_path", str(tmp_path / "nope"), "--output_dir", str(tmp_path / "o2"))
    assert (
        missing_model.returncode != 0 and "base model" in missing_model.stderr and "not found" in missing_model.stderr
    )

    bad_recipe = tmp_path / "bad.yaml"
    bad_recipe.write_text(Path(RECIPE).read_text() + "max_seq_length: 512\n")
    unknown = launch("--model_name_or_path", str(tiny_model), config=str(bad_recipe))
    assert unknown.returncode != 0 and "max_seq_length" in unknown.stderr


@pytest.mark.parametrize("name", ["single_gpu", "multi_gpu", "deepspeed_zero3", "fsdp"])
def test_accelerate_configs_load(name):
    from accelerate.commands.config.config_args import load_config_from_file

    config = load_config_from_file(str(ROOT / "accelerate_configs" / f"{name}.yaml"))
    assert config.distributed_type.value.lower().replace("_", "") in {"no", "multigpu", "deepspeed", "fsdp"}
    assert config.mixed_precision == "bf16"
