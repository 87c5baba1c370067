"""Chat backends behind one interface: ``stream`` yields the answer in pieces, ``generate`` returns it.

``make_backend(BackendSpec(...))`` builds one of:

- ``grounded``: no model; answers from the findings labeler and the Korean glossary (the default);
- ``transformers``: a local path or Hub id, an optional peft adapter, optional 4-bit/8-bit;
- ``openai``: a named endpoint of an endpoints YAML (datasets_builder's format), streaming.

Model backends take a ``prompt_format`` (``korad.chat.formats``): the model's chat template, or a
raw text template another project trained with, sent as a text completion with stop strings.

Every backend receives a typed ``ChatRequest`` (``korad.chat.protocol``); model backends lay it out
as chat messages with ``korad.prompts``, so the layout is the one the model was trained on.
"""

from __future__ import annotations

from korad.chat.options import BACKENDS, BackendSpec
from korad.chat.protocol import ChatBackend

__all__ = ["BACKENDS", "BackendSpec", "ChatBackend", "make_backend"]


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
            prompt_format=spec.prompt_format,
        )
    from korad.chat.remote import OpenAIBackend
    from korad.endpoints import load_endpoints

    config = load_endpoints(spec.endpoints)
    return OpenAIBackend(
        config.get(spec.endpoint),
        max_new_tokens=spec.max_new_tokens,
        temperature=spec.temperature,
        policy=config.policy,
        prompt_format=spec.prompt_format,
    )
