"""The ``openai`` backend: any OpenAI-compatible endpoint of an endpoints YAML, streaming."""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

from korad.chat.backends import ChatBackend
from korad.endpoints import Endpoint
from korad.policy import DataUsePolicy

DEFAULT_CONTEXT_TOKENS = 8192


class OpenAIBackend(ChatBackend):
    """Streams chat completions from ``endpoint`` with the official ``openai`` client.

    The key comes from the variable the endpoint names (``api_key_env``), never from arguments.
    Without a tokenizer, the context check estimates three characters a token.
    """

    def __init__(
        self,
        endpoint: Endpoint,
        max_new_tokens: int = 256,
        temperature: float = 0.0,
        context_tokens: int = DEFAULT_CONTEXT_TOKENS,
        policy: DataUsePolicy | None = None,
    ) -> None:
        from openai import OpenAI

        self.endpoint = endpoint
        self.name = f"openai:{endpoint.name}"
        self.max_new_tokens = max_new_tokens
        self.temperature = temperature
        self.context_tokens = context_tokens
        self.policy = policy or DataUsePolicy.load()
        self.client = OpenAI(
            base_url=endpoint.base_url,
            api_key=endpoint.api_key(),
            timeout=endpoint.timeout,
            max_retries=min(endpoint.max_retries, 2),
        )

    def check_data_use(self, sources: set[str]) -> None:
        self.policy.check_endpoint(self.endpoint, sources, "chat")

    def fits(self, messages: list[dict[str, Any]]) -> bool:
        characters = sum(len(str(m.get("content", ""))) for m in messages)
        return math.ceil(characters / 3) + self.max_new_tokens <= self.context_tokens

    def stream(self, messages: list[dict[str, Any]]) -> Iterator[str]:
        response = self.client.chat.completions.create(
            model=self.endpoint.model,
            messages=messages,
            max_tokens=self.max_new_tokens,
            temperature=self.temperature,
            stream=True,
        )
        try:
            for chunk in response:
                if chunk.choices and chunk.choices[0].delta.content:
                    yield chunk.choices[0].delta.content
        finally:
            response.close()
