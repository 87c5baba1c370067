"""The ``openai`` backend: any OpenAI-compatible endpoint of an endpoints YAML, streaming."""

from __future__ import annotations

import math
from collections.abc import Iterator

from korad.chat.options import MAX_NEW_TOKENS, TEMPERATURE
from korad.chat.protocol import ChatBackend, ChatRequest
from korad.endpoints import Endpoint
from korad.errors import EndpointError
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
        max_new_tokens: int = MAX_NEW_TOKENS,
        temperature: float = TEMPERATURE,
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

    def fits(self, request: ChatRequest) -> bool:
        messages = request.messages()
        characters = sum(len(str(m.get("content", ""))) for m in messages)
        return math.ceil(characters / 3) + self.max_new_tokens <= self.context_tokens

    def stream(self, request: ChatRequest) -> Iterator[str]:
        import openai

        try:
            response = self.client.chat.completions.create(
                model=self.endpoint.model,
                messages=request.messages(),
                max_tokens=self.max_new_tokens,
                temperature=self.temperature,
                stream=True,
            )
        except (openai.AuthenticationError, openai.PermissionDeniedError) as error:
            key = self.endpoint.api_key_env or "no key variable (api_key_env)"
            raise EndpointError(self.endpoint.name, f"refused the key: check {key}", error.status_code) from None
        except openai.APIConnectionError:
            raise EndpointError(self.endpoint.name, f"cannot reach {self.endpoint.base_url}") from None
        try:
            for chunk in response:
                if chunk.choices and chunk.choices[0].delta.content:
                    yield chunk.choices[0].delta.content
        finally:
            response.close()
