"""The ``transformers`` backend: a local or Hub causal LM, an optional peft adapter, streaming.

With a raw prompt format (``korad.chat.formats``) the prompt is the format's text, tokenized
without a chat template, and generation stops at the format's stop strings (``stop_strings``).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

from korad.artifacts import InputError
from korad.chat.formats import CHAT_TEMPLATE, RawFormat, cut_at_stop, raw_format
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
        prompt_format: str | RawFormat = CHAT_TEMPLATE,
    ) -> None:
        import torch
        from transformers import AutoModelForCausalLM, BitsAndBytesConfig

        base = model or adapter_base(adapter)
        self.name = f"transformers:{base}" + (f"+{adapter}" if adapter else "")
        self.max_new_tokens = max_new_tokens
        self.temperature = temperature
        self.format = raw_format(prompt_format) if isinstance(prompt_format, str) else prompt_format
        if self.format:
            self.name += f"[{self.format.name}]"
        self.tokenizer = load_tokenizer(adapter, base)
        if self.format is None and not self.tokenizer.chat_template:
            raise InputError(
                adapter or base,
                "the tokenizer has no chat template (korad lays out chats with it); "
                "give the raw prompt_format the model was trained with",
            )
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
        self._encoded: tuple[Any, Any] | None = None
        self.context_length = int(
            getattr(self.model.config, "max_position_embeddings", None) or self.tokenizer.model_max_length
        )

    def _input_ids(self, request: ChatRequest):
        """The prompt's token ids; the last one is kept, since ``fits`` and ``stream`` ask for the same request.

        Chat template: the messages rendered by the tokenizer's template. Raw format: the format's
        text, tokenized as plain text (with the tokenizer's BOS, as the original training did)."""
        if self.format is None:
            prompt: Any = [dict(m) for m in request.messages()]
        else:
            prompt = self.format.render(request.report, request.question)
        cached = self._encoded  # one read: another thread may replace it
        if cached is None or cached[0] != prompt:
            if self.format is None:
                ids = self.tokenizer.apply_chat_template(
                    prompt, add_generation_prompt=True, return_tensors="pt", return_dict=True
                )["input_ids"]
            else:
                ids = self.tokenizer(prompt, return_tensors="pt")["input_ids"]
            cached = self._encoded = (prompt, ids)
        return cached[1]

    def fits(self, request: ChatRequest) -> bool:
        return self._input_ids(request).shape[-1] + self.max_new_tokens <= self.context_length

    def stream(self, request: ChatRequest) -> Iterator[str]:
        if self.format is None:
            yield from self._generate(request)
            return
        pieces = self._generate(request)
        try:
            yield from cut_at_stop(pieces, self.format.stop)
        finally:
            pieces.close()

    def _generate(self, request: ChatRequest) -> Iterator[str]:
        """The generated text in pieces; closing the iterator early stops generation (and waits for it)."""
        from transformers import StoppingCriteria, StoppingCriteriaList, TextIteratorStreamer

        cancelled = threading.Event()

        class Cancelled(StoppingCriteria):
            def __call__(self, input_ids, scores, **kwargs):
                import torch

                return torch.full((input_ids.shape[0],), cancelled.is_set(), dtype=torch.bool, device=input_ids.device)

        input_ids = self._input_ids(request).to(self.model.device)
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
            stopping_criteria=StoppingCriteriaList([Cancelled()]),
            **sampling,
        )
        if self.format is not None:  # stop inside generate too, not only in what is shown
            kwargs.update(stop_strings=list(self.format.stop), tokenizer=self.tokenizer)
        errors: list[BaseException] = []

        def generate() -> None:
            try:
                self.model.generate(**kwargs)
            except BaseException as error:
                errors.append(error)
                streamer.end()

        thread = threading.Thread(target=generate, daemon=True)
        thread.start()
        try:
            for piece in streamer:
                if piece:
                    yield piece
        finally:  # also when the reader stops early (a stop string, a closed chat)
            cancelled.set()
            thread.join()
        if errors:
            raise errors[0]
