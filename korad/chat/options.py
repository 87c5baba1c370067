"""What to chat with: the backend options shared by the Space, the terminal chat and eval's models file.

``BackendSpec`` is the one place each chat and generation option and its default is written.
Commands parse it with ``korad.config.parse``; every field also reads the environment variable
``KORAD_<FIELD_NAME_UPPER>`` (``KORAD_BACKEND``, ``KORAD_MODEL``, ``KORAD_ADAPTER``,
``KORAD_MAX_NEW_TOKENS``, ...), which is how a Space is configured (Space variables). API keys are
never options: an endpoint names the variable that holds its key.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar, Literal

from korad.chat.formats import CHAT_TEMPLATE, PROMPT_FORMATS
from korad.config import existing_file, require
from korad.errors import InputError

BackendName = Literal["grounded", "transformers", "openai"]
BACKENDS: tuple[str, ...] = ("grounded", "transformers", "openai")


@dataclass
class BackendSpec:
    """What to chat with. ``backend=None`` picks transformers with a model or adapter, openai with
    an endpoint, and grounded otherwise."""

    environment_prefix: ClassVar[str] = "KORAD_"

    backend: BackendName | None = field(
        default=None,
        metadata={
            "help": "grounded (no model), transformers (with --model/--adapter) or openai (with --endpoint); "
            "chosen from the other options when not given"
        },
    )
    model: str | None = field(default=None, metadata={"help": "base model: a local path or Hub id"})
    adapter: str | None = field(
        default=None, metadata={"help": "peft adapter (path or Hub id); alone, its base model comes from its config"}
    )
    endpoint: str | None = field(default=None, metadata={"help": "endpoint name in the --endpoints file"})
    endpoints: str | None = field(
        default=None,
        metadata={"help": "endpoints YAML (datasets_builder's format; keys come from the variables it names)"},
    )
    load_in_4bit: bool = field(default=False, metadata={"help": "nf4 quantization with bitsandbytes"})
    load_in_8bit: bool = field(default=False, metadata={"help": "8-bit quantization with bitsandbytes"})
    max_new_tokens: int = field(default=256, metadata={"help": "longest answer in tokens"})
    temperature: float = field(default=0.0, metadata={"help": "sampling temperature; 0 for greedy decoding"})
    prompt_format: str = field(
        default=CHAT_TEMPLATE,
        metadata={
            "help": "chat_template (the model's own; default) or a raw text format the model was trained with, "
            f"sent as a text completion with stop strings: {', '.join(PROMPT_FORMATS[1:])} (docs/endpoints.md)"
        },
    )

    def __post_init__(self) -> None:
        require(self.max_new_tokens >= 1, "max_new_tokens", self.max_new_tokens, "a whole number of at least 1")
        require(self.temperature >= 0, "temperature", self.temperature, "0 (greedy) or more")
        require(self.prompt_format in PROMPT_FORMATS, "prompt_format", self.prompt_format, " or ".join(PROMPT_FORMATS))
        existing_file("endpoints", self.endpoints)

    def resolved(self) -> str:
        """The backend this spec means, after the defaults; a clear error for a contradictory spec."""
        backend = self.backend or (
            "transformers" if (self.model or self.adapter) else "openai" if self.endpoint else "grounded"
        )
        if backend not in BACKENDS:
            raise InputError("backend", f"unknown backend {backend!r} (choose one of {', '.join(BACKENDS)})")
        if backend == "transformers" and not (self.model or self.adapter):
            raise InputError("backend", "the transformers backend needs --model (a path or Hub id) or --adapter")
        if backend == "openai" and not (self.endpoint and self.endpoints):
            raise InputError("backend", "the openai backend needs --endpoint NAME and --endpoints FILE")
        if backend == "grounded" and self.prompt_format != CHAT_TEMPLATE:
            raise InputError("backend", "the grounded backend has no prompt: prompt_format is for model backends")
        if self.load_in_4bit and self.load_in_8bit:
            raise InputError("backend", "choose one of 4-bit and 8-bit loading")
        return backend

    def check_data_use(self, sources: set[str], exit: str = "chat") -> None:
        """The data-use check of ``make_backend(self).check_data_use``, without loading a model."""
        if self.resolved() == "openai":
            from korad.endpoints import load_endpoints

            config = load_endpoints(self.endpoints)
            config.policy.check_endpoint(config.get(self.endpoint), sources, exit)


@dataclass
class SpaceOptions:
    """Where the Space (``space/app.py``) listens; what it chats with is a ``BackendSpec``."""

    environment_prefix: ClassVar[str] = "KORAD_"

    host: str | None = field(default=None, metadata={"help": "address to listen on (default: gradio's, 127.0.0.1)"})
    port: int | None = field(default=None, metadata={"help": "port (default: gradio's, 7860)"})
    concurrency_limit: int | None = field(
        default=None,
        metadata={"help": "answers at a time (default per backend: rules 16, local model 1, endpoint 8)"},
    )
    max_queue: int | None = field(
        default=None,
        metadata={"help": "questions waiting at most (default per backend: rules 256, local model 16, endpoint 64)"},
    )

    def __post_init__(self) -> None:
        for name in ("concurrency_limit", "max_queue"):
            value = getattr(self, name)
            require(value is None or value >= 1, name, value, "a whole number of at least 1")


MAX_NEW_TOKENS: int = BackendSpec.max_new_tokens
"""The default longest answer (tokens), for backends built without a spec."""
TEMPERATURE: float = BackendSpec.temperature
"""The default sampling temperature (greedy), for backends built without a spec."""
