"""Merge a LoRA adapter into its base model and save a plain model (to serve with vLLM or TGI).

    python train/merge_adapter.py --adapter outputs/ko-rad-qwen2.5-7b-qlora --output outputs/ko-rad-merged

The base model is read from the adapter's config (``--base`` overrides it) and loaded unquantized in
``--dtype``: merging into 4-bit weights would lose precision.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import torch
from peft import PeftModel
from transformers import AutoModelForCausalLM

from korad.artifacts import InputError
from korad.chat.local_model import adapter_base, load_tokenizer


def merge(adapter: str, output: str, base: str | None = None, dtype: str = "bfloat16") -> Path:
    base = base or adapter_base(adapter)
    model = AutoModelForCausalLM.from_pretrained(base, dtype=getattr(torch, dtype))
    merged = PeftModel.from_pretrained(model, adapter).merge_and_unload()
    merged.save_pretrained(output)
    load_tokenizer(adapter, base).save_pretrained(output)
    write_merged_card(adapter, base, Path(output))
    return Path(output)


def write_merged_card(adapter: str, base: str, output: Path) -> None:
    """The merged model's card: the adapter's card (when it has one) with base_model_relation merge."""
    from huggingface_hub import ModelCard, ModelCardData

    card_path = Path(adapter, "README.md")
    card = ModelCard.load(card_path) if card_path.exists() else ModelCard(f"---\n---\n# {Path(output).name}\n")
    data: ModelCardData = card.data
    data.base_model = base
    data.base_model_relation = "merge"
    data.library_name = "transformers"
    data.tags = [t for t in (data.tags or []) if t not in ("lora", "peft")] + ["merged"]
    card.text = f"\n**Merged**: the LoRA adapter `{adapter}` merged into `{base}` (no peft needed).\n" + card.text
    card.save(output / "README.md")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--adapter", required=True, help="adapter folder or Hub id")
    parser.add_argument("--output", required=True, help="folder for the merged model")
    parser.add_argument("--base", help="base model (default: the adapter's base_model_name_or_path)")
    parser.add_argument("--dtype", default="bfloat16", choices=["float32", "float16", "bfloat16"])
    args = parser.parse_args(argv)
    try:
        path = merge(args.adapter, args.output, args.base, args.dtype)
    except (InputError, OSError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"merged model saved to {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
