"""Training throughput of the tiny model on CPU, with and without packing, and the padding fraction.

    python benchmarks/train_throughput.py [--steps 30] [--batch-size 8]

Builds a tiny Llama and tokenizer and QA rows from the sample corpus (answers from korad's offline
teacher), then trains LoRA with TRL's SFTTrainer twice. Tokens/s counts real (non-padding) tokens.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import torch
from datasets import Dataset
from peft import LoraConfig
from trl import SFTConfig, SFTTrainer

from korad.datasets_builder.prompts import SEED_QUESTIONS
from korad.prompts import SYSTEM_PROMPT, chat_messages, user_turn
from korad.samples import load_sample_reports
from korad.testing.fake_teacher import fake_answer
from korad.testing.tiny_models import build_tiny_llama


def rows() -> list[dict]:
    questions = [q for qs in SEED_QUESTIONS.values() for q in qs]
    return [
        {"messages": chat_messages(r["text"], q, answer=fake_answer(user_turn(r["text"], q)))}
        for r in load_sample_reports()
        for q in questions[:4]
    ]


def measure(
    model_dir: Path, data: Dataset, packing: bool, steps: int, batch_size: int, out: Path
) -> tuple[float, float]:
    args = SFTConfig(
        output_dir=str(out),
        max_steps=steps,
        per_device_train_batch_size=batch_size,
        packing=packing,
        max_length=1024,
        assistant_only_loss=not packing,
        use_cpu=True,
        bf16=False,
        fp16=False,
        report_to="none",
        save_strategy="no",
        logging_steps=steps,
        dataloader_num_workers=0,
        learning_rate=1e-3,
        seed=0,
    )
    peft = LoraConfig(
        r=8, lora_alpha=16, target_modules=["q_proj", "k_proj", "v_proj", "o_proj"], task_type="CAUSAL_LM"
    )
    trainer = SFTTrainer(model=str(model_dir), args=args, train_dataset=data, peft_config=peft)
    real = total = 0
    for i, batch in enumerate(trainer.get_train_dataloader()):
        if i == steps:
            break
        ids = batch["input_ids"]
        total += ids.numel()
        real += int(batch["attention_mask"].sum()) if "attention_mask" in batch else ids.numel()
    start = time.perf_counter()
    trainer.train()
    seconds = time.perf_counter() - start
    return real / seconds, 1 - real / total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--steps", type=int, default=30)
    parser.add_argument("--batch-size", type=int, default=8)
    args = parser.parse_args()
    torch.set_num_threads(1)
    with tempfile.TemporaryDirectory() as tmp:
        model_dir = Path(tmp) / "tiny"
        build_tiny_llama([r["text"] for r in load_sample_reports()] + [SYSTEM_PROMPT], model_dir)
        data = Dataset.from_list(rows())
        results = {}
        for packing in (False, True):
            results[packing] = measure(model_dir, data, packing, args.steps, args.batch_size, Path(tmp) / str(packing))
            speed, padding = results[packing]
            print(f"packing={packing!s:<5}: {speed:,.0f} tokens/s on CPU (1 thread); padding fraction {padding:.3f}")
    print(f"packing speed-up: {results[True][0] / results[False][0]:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
