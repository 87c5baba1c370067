"""The SFT run behind ``train/sft.py``: tokenizer and template, data, length audit, trainer, card."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from trl import (
    DatasetMixtureConfig,
    ModelConfig,
    SFTConfig,
    SFTTrainer,
    TrlParser,
    get_peft_config,
    get_quantization_config,
)

from korad.models import load_tokenizer as base_tokenizer
from korad.train.config import KoradScriptArguments
from korad.train.data import DataError, load_training_data, training_lineage
from korad.train.length_audit import audit_lengths
from korad.train.model_card import render_model_card


def load_tokenizer(model_args: ModelConfig, training_args: SFTConfig):
    """The base model's tokenizer, with the recipe's chat template (one with generation markers)."""
    name = model_args.model_name_or_path
    if not name:
        raise DataError("model_name_or_path is not set: give the base model (a local folder or a Hub id)")
    tokenizer = base_tokenizer(None, name, revision=model_args.model_revision)
    template = training_args.chat_template_path
    if template and os.path.isfile(template) and template.endswith((".jinja", ".j2")):
        tokenizer.chat_template = Path(template).read_text(encoding="utf-8")
        training_args.chat_template_path = None  # applied here, so the audit and the trainer agree
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    return tokenizer


def make_parser() -> TrlParser:
    """TRL's parser over korad's script arguments, ``SFTConfig``, ``ModelConfig`` and dataset mixtures."""
    return TrlParser((KoradScriptArguments, SFTConfig, ModelConfig, DatasetMixtureConfig))


def prepare(
    script_args: KoradScriptArguments,
    training_args: SFTConfig,
    model_args: ModelConfig,
    dataset_args: DatasetMixtureConfig | None,
) -> SFTTrainer | None:
    """Everything before the first training step; None when ``audit_only``. Bad input raises DataError."""
    tokenizer = load_tokenizer(model_args, training_args)
    data = load_training_data(script_args, dataset_args, training_args.seed)
    train = data[script_args.dataset_train_split]
    test = data.get(script_args.dataset_test_split) if training_args.eval_strategy != "no" else None

    audit = audit_lengths(train, tokenizer, training_args.max_length)
    print(audit.summary(), file=sys.stderr)
    audit_path = Path(script_args.audit_report or Path(training_args.output_dir) / "length_audit.json")
    audit_path.parent.mkdir(parents=True, exist_ok=True)
    audit_path.write_text(json.dumps(audit.to_dict(), indent=2), encoding="utf-8")
    if audit.truncated and not script_args.allow_truncation:
        raise DataError(
            f"max_length={training_args.max_length} would cut {len(audit.truncated)} assistant answer(s); raise "
            f"max_length or pass --allow_truncation (details: {audit_path})"
        )
    if script_args.audit_only:
        return None

    training_args.push_to_hub = False  # no Hub contact during training: run() pushes at the end
    quantization = get_quantization_config(model_args)
    training_args.model_init_kwargs = {**(training_args.model_init_kwargs or {}), "dtype": model_args.dtype}
    trainer = SFTTrainer(
        model=model_args.model_name_or_path,
        args=training_args,
        train_dataset=train,
        eval_dataset=test,
        processing_class=tokenizer,
        peft_config=get_peft_config(model_args),
        quantization_config=quantization,
    )
    return trainer


def run(
    script_args: KoradScriptArguments,
    training_args: SFTConfig,
    model_args: ModelConfig,
    dataset_args: DatasetMixtureConfig | None,
) -> None:
    """Train, evaluate on the test split, save the adapter and its model card, push if asked."""
    push = training_args.push_to_hub  # prepare() turns it off in the Trainer; pushed below, with korad's card
    trainer = prepare(script_args, training_args, model_args, dataset_args)
    if trainer is None:
        return
    test = trainer.eval_dataset
    trainer.train(resume_from_checkpoint=training_args.resume_from_checkpoint)
    eval_loss = trainer.evaluate().get("eval_loss") if test is not None else None
    trainer.save_model(training_args.output_dir)
    if trainer.accelerator.is_main_process:
        datasets, sources = training_lineage(script_args, dataset_args)
        card = render_model_card(
            name=training_args.hub_model_id or str(Path(training_args.output_dir).resolve()),
            base_model=model_args.model_name_or_path,
            datasets=datasets,
            sources=sources,
            license=script_args.license,
            hub_model_id=training_args.hub_model_id,
            hyperparameters={
                "learning_rate": training_args.learning_rate,
                "lr_scheduler": training_args.lr_scheduler_type,
                "warmup_steps": training_args.warmup_steps,
                "epochs": round(trainer.state.epoch or 0.0, 2),  # trained, not configured (max_steps may stop early)
                "max_steps": training_args.max_steps,
                "per_device_train_batch_size": training_args.per_device_train_batch_size,
                "gradient_accumulation_steps": training_args.gradient_accumulation_steps,
                "max_length": training_args.max_length,
                "packing": training_args.packing,
                "assistant_only_loss": training_args.assistant_only_loss,
                "lora_r": model_args.lora_r,
                "lora_alpha": model_args.lora_alpha,
                "lora_dropout": model_args.lora_dropout,
                "lora_target_modules": model_args.lora_target_modules,
                "global_steps": trainer.state.global_step,
            },
            eval_loss=eval_loss,
            quantization="4-bit" if model_args.load_in_4bit else "8-bit" if model_args.load_in_8bit else None,
        )
        Path(training_args.output_dir, "README.md").write_text(card, encoding="utf-8")
        if push:
            from korad.hub.publish import plan_upload, upload

            folder = Path(training_args.output_dir)
            url = upload(folder, training_args.hub_model_id, "model", plan_upload(folder), message="korad: adapter")
            trainer.accelerator.print(f"adapter pushed: {url}")
    trainer.accelerator.print(f"adapter and model card saved to {training_args.output_dir}")
