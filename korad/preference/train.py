"""DPO and KTO runs behind ``train/dpo.py`` and ``train/kto.py``: continue the SFT adapter.

The base model is loaded (4-bit or 8-bit with QLoRA's options of ``ModelConfig``), the SFT adapter
is put on it as the trainable adapter, and TRL's trainer trains it against a frozen copy of
itself (the reference: TRL adds it as a second adapter, so no second model is loaded). The data
is a preference dataset's ``dpo`` or ``kto`` config, checked before any model is loaded. The
adapter is saved with its tokenizer and a model card that names the preference data; with
``push_to_hub`` it is uploaded by ``korad.hub.publish``.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from trl import DPOConfig, DPOTrainer, KTOConfig, KTOTrainer, ModelConfig, ScriptArguments, TrlParser

from korad.chat.local_model import adapter_base, load_tokenizer
from korad.errors import ConfigError
from korad.preference.dataset import load_preferences
from korad.train.data import training_lineage
from korad.train.model_card import render_model_card

TRAINERS = {"dpo": (DPOConfig, DPOTrainer), "kto": (KTOConfig, KTOTrainer)}
REFERENCE_ADAPTER = "ref"
"""The name TRL gives the frozen copy of a pretrained adapter that serves as the reference model."""


@dataclass
class PreferenceScriptArguments(ScriptArguments):
    """TRL's script arguments (``dataset_name``, splits) plus the SFT adapter to start from."""

    sft_adapter: str | None = field(
        default=None, metadata={"help": "The SFT adapter to continue (a folder or Hub id saved by train/sft.py)."}
    )
    license: str = field(default="other", metadata={"help": "License of the trained adapter, for its model card."})


def make_parser(method: str) -> TrlParser:
    """TRL's parser over the script arguments, ``DPOConfig``/``KTOConfig`` and ``ModelConfig``."""
    return TrlParser((PreferenceScriptArguments, TRAINERS[method][0], ModelConfig))


def load_policy(sft_adapter: str, model_args: ModelConfig, gradient_checkpointing: bool):
    """The base model with the SFT adapter on it, trainable (quantized when ``model_args`` asks)."""
    import torch
    from accelerate import PartialState
    from peft import PeftModel, prepare_model_for_kbit_training
    from transformers import AutoModelForCausalLM
    from trl import get_quantization_config

    base = model_args.model_name_or_path or adapter_base(sft_adapter)
    quantization = get_quantization_config(model_args)
    dtype = model_args.dtype if model_args.dtype in (None, "auto") else getattr(torch, model_args.dtype)
    model = AutoModelForCausalLM.from_pretrained(
        base,
        revision=model_args.model_revision,
        dtype=dtype,
        quantization_config=quantization,
        device_map={"": PartialState().local_process_index} if quantization and torch.cuda.is_available() else None,
    )
    if quantization is not None:
        model = prepare_model_for_kbit_training(model, use_gradient_checkpointing=gradient_checkpointing)
    return base, PeftModel.from_pretrained(model, sft_adapter, is_trainable=True)


def prepare(method: str, script_args: PreferenceScriptArguments, training_args, model_args: ModelConfig):
    """The trainer, ready for its first step; bad data raises ``InputError`` before a model loads."""
    if not script_args.sft_adapter:
        raise ConfigError("sft_adapter", None, "give the SFT adapter to start from (a folder or Hub id)")
    if model_args.use_peft:
        raise ConfigError("use_peft", True, "the SFT adapter is trained further; a new adapter is not added")
    source = script_args.dataset_name
    if not source:
        raise ConfigError("dataset_name", None, "give the preference dataset (a folder or Hub id)")
    train = load_preferences(source, method, script_args.dataset_train_split)
    test = None
    if training_args.eval_strategy != "no":
        test = load_preferences(source, method, script_args.dataset_test_split)
    tokenizer = load_tokenizer(
        script_args.sft_adapter, model_args.model_name_or_path or adapter_base(script_args.sft_adapter)
    )
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    _, model = load_policy(script_args.sft_adapter, model_args, training_args.activation_checkpointing)
    training_args.push_to_hub = False  # no Hub contact during training: run() pushes at the end
    columns = [c for c in train.column_names if c in ("prompt", "chosen", "rejected", "completion", "label")]
    return TRAINERS[method][1](
        model=model,
        args=training_args,
        train_dataset=train.select_columns(columns),
        eval_dataset=test.select_columns(columns) if test is not None else None,
        processing_class=tokenizer,
    )


def run(method: str, script_args: PreferenceScriptArguments, training_args, model_args: ModelConfig) -> Path:
    """Train, save the adapter (without the reference copy), its tokenizer and card; push if asked."""
    push = training_args.push_to_hub
    trainer = prepare(method, script_args, training_args, model_args)
    trainer.train(resume_from_checkpoint=training_args.resume_from_checkpoint)
    eval_loss = trainer.evaluate().get("eval_loss") if trainer.eval_dataset is not None else None
    output = Path(training_args.output_dir)
    trainer.save_model(str(output))  # gathers sharded weights (FSDP, ZeRO-3); saves the tokenizer too
    if trainer.accelerator.is_main_process:
        shutil.rmtree(output / REFERENCE_ADAPTER, ignore_errors=True)  # peft saves the reference copy apart
        base = model_args.model_name_or_path or adapter_base(script_args.sft_adapter)
        datasets, sources = training_lineage(script_args, None)
        card = render_model_card(
            name=training_args.hub_model_id or Path(training_args.output_dir).name,
            base_model=base,
            datasets=datasets,
            sources=sources,
            license=script_args.license,
            hub_model_id=training_args.hub_model_id,
            hyperparameters=_hyperparameters(method, training_args, trainer),
            eval_loss=eval_loss,
            quantization="4-bit" if model_args.load_in_4bit else "8-bit" if model_args.load_in_8bit else None,
            method=method,
            start_adapter=script_args.sft_adapter,
        )
        (output / "README.md").write_text(card, encoding="utf-8")
        if push:
            from korad.hub.publish import plan_upload, upload

            url = upload(
                output, training_args.hub_model_id, "model", plan_upload(output), message=f"korad: {method} adapter"
            )
            trainer.accelerator.print(f"adapter pushed: {url}")
        trainer.accelerator.print(f"adapter and model card saved to {output}")
    return output


def _hyperparameters(method: str, args, trainer) -> dict[str, Any]:
    values = {
        "learning_rate": args.learning_rate,
        "lr_scheduler": args.lr_scheduler_type,
        "beta": args.beta,
        "loss_type": args.loss_type,
        "epochs": args.num_train_epochs,
        "max_steps": args.max_steps,
        "per_device_train_batch_size": args.per_device_train_batch_size,
        "gradient_accumulation_steps": args.gradient_accumulation_steps,
        "max_length": args.max_length,
        "global_steps": trainer.state.global_step,
    }
    if method == "kto":
        values |= {"desirable_weight": args.desirable_weight, "undesirable_weight": args.undesirable_weight}
    return values
