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
from typing import Any

from korad.chat.options import BACKENDS, BackendSpec

__all__ = ["BACKENDS", "BackendSpec", "ChatBackend", "make_backend"]


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
