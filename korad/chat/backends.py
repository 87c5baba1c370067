"""Chat backends behind one interface: ``stream`` yields the answer in pieces, ``generate`` returns it.

``make_backend(BackendSpec(...))`` builds one of:

- ``grounded``: no model; answers from the findings labeler and the Korean glossary (the default);
- ``transformers``: a local path or Hub id, an optional peft adapter, optional 4-bit/8-bit;
- ``openai``: a named endpoint of an endpoints YAML (datasets_builder's format), streaming.

Every backend receives a typed ``ChatRequest`` (``korad.chat.protocol``); model backends lay it out
as chat messages with ``korad.prompts``, so the layout is the one the model was trained on.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from korad.artifacts import InputError
from korad.chat.protocol import ChatBackend

BackendName = Literal["grounded", "transformers", "openai"]
BACKENDS: tuple[str, ...] = ("grounded", "transformers", "openai")


@dataclass
class BackendSpec:
    """What to chat with. ``backend=None`` picks transformers with a model or adapter, openai with
    an endpoint, and grounded otherwise."""

    backend: BackendName | None = None
    model: str | None = None
    adapter: str | None = None
    endpoint: str | None = None
    endpoints: str | None = None
    """The endpoints YAML that names ``endpoint``."""
    load_in_4bit: bool = False
    load_in_8bit: bool = False
    max_new_tokens: int = 256
    temperature: float = 0.0

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
        if self.load_in_4bit and self.load_in_8bit:
            raise InputError("backend", "choose one of 4-bit and 8-bit loading")
        return backend


def make_backend(spec: BackendSpec) -> ChatBackend:
    """Build the backend ``spec`` describes (models load here, once)."""
    backend = spec.resolved()
    if backend == "grounded":
        from korad.chat.grounded import GroundedBackend

        return GroundedBackend()
    if backend == "transformers":
        from korad.chat.local_model import TransformersBackend

        return TransformersBackend(
            spec.model,
            adapter=spec.adapter,
            load_in_4bit=spec.load_in_4bit,
            load_in_8bit=spec.load_in_8bit,
            max_new_tokens=spec.max_new_tokens,
            temperature=spec.temperature,
        )
    from korad.chat.remote import OpenAIBackend
    from korad.endpoints import load_endpoints

    endpoint = load_endpoints(spec.endpoints).get(spec.endpoint)
    return OpenAIBackend(endpoint, max_new_tokens=spec.max_new_tokens, temperature=spec.temperature)
