"""Chat backends behind one interface: ``stream`` yields the answer in pieces, ``generate`` returns it.

``make_backend(BackendSpec(...))`` builds one of:

- ``grounded``: no model; answers from the findings labeler and the Korean glossary (the default);
- ``transformers``: a local path or Hub id, an optional peft adapter, optional 4-bit/8-bit;
- ``openai``: a named endpoint of an endpoints YAML (datasets_builder's format), streaming.

Every backend receives the whole conversation as chat messages built by ``korad.prompts``, so the
layout is the one the model was trained on.
"""

from __future__ import annotations

import abc
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from korad.artifacts import InputError

BackendName = Literal["grounded", "transformers", "openai"]
BACKENDS: tuple[str, ...] = ("grounded", "transformers", "openai")


class ChatBackend(abc.ABC):
    """A chat model: answers the last user turn of ``messages``."""

    name: str = "backend"
    """A short label for logs and eval tables (e.g. ``transformers:org/model+adapter``)."""

    @abc.abstractmethod
    def stream(self, messages: list[dict[str, Any]]) -> Iterator[str]:
        """Yield the answer in pieces as they are produced."""

    def generate(self, messages: list[dict[str, Any]]) -> str:
        """The whole answer."""
        return "".join(self.stream(messages))

    def fits(self, messages: list[dict[str, Any]]) -> bool:
        """Whether ``messages`` leave room for an answer in the model's context."""
        return True

    def check_data_use(self, sources: set[str]) -> None:
        """Refuse (``DataUseError``) before the first request when text of ``sources`` may not go
        where this backend sends it; local backends keep text on this machine."""
        return None


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

    def check_data_use(self, sources: set[str], exit: str = "chat") -> None:
        """The data-use check of ``make_backend(self).check_data_use``, without loading a model."""
        if self.resolved() == "openai":
            from korad.endpoints import load_endpoints

            config = load_endpoints(self.endpoints)
            config.policy.check_endpoint(config.get(self.endpoint), sources, exit)


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

    config = load_endpoints(spec.endpoints)
    return OpenAIBackend(
        config.get(spec.endpoint),
        max_new_tokens=spec.max_new_tokens,
        temperature=spec.temperature,
        policy=config.policy,
    )
