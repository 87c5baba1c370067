"""Tiny models and tokenizers built locally for tests (no Hub): the real code paths, in seconds."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

SPECIAL_TOKENS = ["<pad>", "<s>", "</s>", "<|im_start|>", "<|im_end|>", "<unk>"]

CHAT_TEMPLATE = (
    "{% for message in messages %}"
    "{% if message['role'] == 'assistant' %}"
    "{{ '<|im_start|>assistant\\n' }}{% generation %}{{ message['content'] + '<|im_end|>' }}{% endgeneration %}"
    "{{ '\\n' }}"
    "{% else %}"
    "{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>\\n' }}"
    "{% endif %}"
    "{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}"
)
"""ChatML with the assistant turn inside {% generation %} markers (TRL's assistant_only_loss)."""


def build_tokenizer(corpus: Iterable[str], path: str | Path, vocab_size: int = 1200):
    """A byte-level BPE tokenizer trained on ``corpus``, with the ChatML template, saved to ``path``."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast

    tokenizer = Tokenizer(models.BPE(unk_token="<unk>"))
    tokenizer.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tokenizer.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size, special_tokens=SPECIAL_TOKENS, initial_alphabet=pre_tokenizers.ByteLevel.alphabet()
    )
    tokenizer.train_from_iterator(list(corpus), trainer)
    fast = PreTrainedTokenizerFast(
        tokenizer_object=tokenizer, bos_token="<s>", eos_token="<|im_end|>", pad_token="<pad>", unk_token="<unk>"
    )
    fast.chat_template = CHAT_TEMPLATE
    fast.save_pretrained(path)
    return fast


def build_tiny_t5(corpus: Iterable[str], path: str | Path):
    """A randomly initialised T5 (sequence-to-sequence) with its tokenizer, saved to ``path``."""
    from transformers import T5Config, T5ForConditionalGeneration

    tokenizer = build_tokenizer(corpus, path)
    tokenizer.eos_token = "</s>"
    tokenizer.save_pretrained(path)
    config = T5Config(
        vocab_size=len(tokenizer),
        d_model=32,
        d_kv=8,
        d_ff=64,
        num_layers=1,
        num_heads=2,
        pad_token_id=tokenizer.pad_token_id,
        eos_token_id=tokenizer.eos_token_id,
        decoder_start_token_id=tokenizer.pad_token_id,
    )
    model = T5ForConditionalGeneration(config)
    model.save_pretrained(path)
    return model, tokenizer


def build_tiny_llama(corpus: Iterable[str], path: str | Path, seed: int = 0):
    """A randomly initialised ~150k-parameter Llama with the ChatML tokenizer, saved to ``path``."""
    import torch
    from transformers import LlamaConfig, LlamaForCausalLM

    tokenizer = build_tokenizer(corpus, path)
    torch.manual_seed(seed)
    config = LlamaConfig(
        vocab_size=len(tokenizer),
        hidden_size=64,
        intermediate_size=128,
        num_hidden_layers=2,
        num_attention_heads=4,
        num_key_value_heads=4,
        max_position_embeddings=2048,
        tie_word_embeddings=True,
        initializer_range=0.3,  # wide enough that untrained greedy decoding is not one repeated token
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        pad_token_id=tokenizer.pad_token_id,
    )
    model = LlamaForCausalLM(config)
    with torch.no_grad():  # special tokens get zero embeddings, so untrained greedy decoding yields text
        model.get_input_embeddings().weight[tokenizer.convert_tokens_to_ids(SPECIAL_TOKENS)] = 0
    model.save_pretrained(path)
    return model, tokenizer


def build_tiny_adapter(base: str | Path, path: str | Path, seed: int = 1):
    """A LoRA adapter on the tiny model at ``base`` whose weights are random (not the no-op init),
    saved with the base's tokenizer, as train/sft.py saves adapters."""
    import torch
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM, AutoTokenizer

    torch.manual_seed(seed)
    model = AutoModelForCausalLM.from_pretrained(base)
    config = LoraConfig(
        r=4, lora_alpha=8, target_modules=["q_proj", "v_proj"], task_type="CAUSAL_LM", init_lora_weights=False
    )
    adapter = get_peft_model(model, config)
    adapter.save_pretrained(path)
    AutoTokenizer.from_pretrained(base).save_pretrained(path)
    return adapter


def main(argv: list[str] | None = None) -> int:
    import argparse

    from korad.prompts import SYSTEM_PROMPT
    from korad.samples import load_sample_reports

    parser = argparse.ArgumentParser(description="Build a tiny Llama and tokenizer for CPU tries of the recipes.")
    parser.add_argument("--output", default="outputs/tiny-model")
    args = parser.parse_args(argv)
    build_tiny_llama([r["text"] for r in load_sample_reports()] + [SYSTEM_PROMPT], args.output)
    print(f"tiny model saved to {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
