"""Merging a LoRA adapter into its base model: a plain model to serve with vLLM or TGI, with its card.

The base model is read from the adapter's config unless given, and loaded unquantized: merging
into 4-bit weights would lose precision.
"""

from __future__ import annotations

from pathlib import Path

from korad.models import adapter_base, load_tokenizer


def merge(adapter: str, output: str, base: str | None = None, dtype: str = "bfloat16") -> Path:
    """Merge ``adapter`` into ``base`` (default: the adapter's base model) and save it to ``output``."""
    import torch
    from peft import PeftModel
    from transformers import AutoModelForCausalLM

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
