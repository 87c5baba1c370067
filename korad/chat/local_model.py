"""The ``transformers`` backend: a local or Hub causal LM, an optional peft adapter, streaming."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

from korad.artifacts import InputError
from korad.chat.options import MAX_NEW_TOKENS, TEMPERATURE
from korad.chat.protocol import ChatBackend, ChatRequest
from korad.models import adapter_base, load_tokenizer


class TransformersBackend(ChatBackend):
    """A causal LM loaded with transformers, streamed with ``TextIteratorStreamer``.

    ``model`` is a local path or Hub id; with only ``adapter`` the base model is read from the
    adapter's config. The tokenizer (and its chat template) comes from the adapter folder when it
    has one: that is the template the adapter was trained with. On a GPU the model is placed with
    ``device_map="auto"``; 4-bit (nf4) and 8-bit loading use bitsandbytes.
    """

    def __init__(
        self,
        model: str | None,
        adapter: str | None = None,
        load_in_4bit: bool = False,
        load_in_8bit: bool = False,
        max_new_tokens: int = MAX_NEW_TOKENS,
        temperature: float = TEMPERATURE,
    ) -> None:
        import torch
        from transformers import AutoModelForCausalLM, BitsAndBytesConfig

        base = model or adapter_base(adapter)
        self.name = f"transformers:{base}" + (f"+{adapter}" if adapter else "")
        self.max_new_tokens = max_new_tokens
        self.temperature = temperature
        self.tokenizer = load_tokenizer(adapter, base)
        if not self.tokenizer.chat_template:
            raise InputError(adapter or base, "the tokenizer has no chat template (korad lays out chats with it)")
        quantization = None
        if load_in_4bit or load_in_8bit:
            quantization = BitsAndBytesConfig(
                load_in_4bit=load_in_4bit,
                load_in_8bit=load_in_8bit,
                bnb_4bit_quant_type="nf4",
                bnb_4bit_compute_dtype=torch.bfloat16 if torch.cuda.is_available() else torch.float32,
            )
        try:
            self.model = AutoModelForCausalLM.from_pretrained(
                base,
                dtype="auto",
                device_map="auto" if torch.cuda.is_available() else None,
                quantization_config=quantization,
            )
        except OSError as error:
            raise InputError(base, f"cannot load the model: {error}") from None
        if adapter:
            from peft import PeftModel

            self.model = PeftModel.from_pretrained(self.model, adapter)
        self.model.eval()
        self._encoded: tuple[list[dict[str, Any]], Any] | None = None
        self.context_length = int(
            getattr(self.model.config, "max_position_embeddings", None) or self.tokenizer.model_max_length
        )

    def _input_ids(self, messages: list[dict[str, Any]]):
        """The prompt's token ids; the last one is kept, since ``fits`` and ``stream`` ask for the same messages."""
        cached = self._encoded  # one read: another thread may replace it
        if cached is None or cached[0] != messages:
            ids = self.tokenizer.apply_chat_template(
                messages, add_generation_prompt=True, return_tensors="pt", return_dict=True
            )["input_ids"]
            cached = self._encoded = ([dict(m) for m in messages], ids)
        return cached[1]

    def fits(self, request: ChatRequest) -> bool:
        return self._input_ids(request.messages()).shape[-1] + self.max_new_tokens <= self.context_length

    def stream(self, request: ChatRequest) -> Iterator[str]:
        from transformers import TextIteratorStreamer

        input_ids = self._input_ids(request.messages()).to(self.model.device)
        streamer = TextIteratorStreamer(self.tokenizer, skip_prompt=True, skip_special_tokens=True, timeout=600)
        sampling: dict[str, Any] = {"do_sample": False}
        if self.temperature > 0:
            sampling = {"do_sample": True, "temperature": self.temperature}
        kwargs = dict(
            input_ids=input_ids,
            attention_mask=input_ids.new_ones(input_ids.shape),
            max_new_tokens=self.max_new_tokens,
            streamer=streamer,
            pad_token_id=self.tokenizer.pad_token_id or self.tokenizer.eos_token_id,
            **sampling,
        )
        errors: list[BaseException] = []

        def generate() -> None:
            try:
                self.model.generate(**kwargs)
            except BaseException as error:
                errors.append(error)
                streamer.end()

        thread = threading.Thread(target=generate, daemon=True)
        thread.start()
        for piece in streamer:
            if piece:
                yield piece
        thread.join()
        if errors:
            raise errors[0]
