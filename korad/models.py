"""Loading pretrained pieces: an adapter's base model name and the tokenizer to use with it.

The chat's transformers backend, training and merging all load tokenizers here, so they agree on
which chat template a model is used with.
"""

from __future__ import annotations

from korad.errors import InputError


def adapter_base(adapter: str) -> str:
    """The base model an adapter was trained on (``base_model_name_or_path`` of its config)."""
    from peft import PeftConfig

    try:
        return PeftConfig.from_pretrained(adapter).base_model_name_or_path
    except Exception as error:
        raise InputError(adapter, f"not a peft adapter (no readable adapter_config.json): {error}") from None


def load_tokenizer(adapter: str | None, base: str, revision: str | None = None):
    """The adapter's tokenizer (saved with it by train/sft.py: the template it was trained with), else the base's."""
    from transformers import AutoTokenizer

    if adapter:
        try:
            return AutoTokenizer.from_pretrained(adapter)
        except (OSError, ValueError):
            pass  # an adapter saved without its tokenizer
    try:
        return AutoTokenizer.from_pretrained(base, revision=revision)
    except OSError as error:
        raise InputError(
            base, f"cannot load a tokenizer: base model not found as a local folder or on the Hub ({error})"
        ) from None
