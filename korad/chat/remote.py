"""The ``openai`` backend: any OpenAI-compatible endpoint of an endpoints YAML, streaming.

With a raw prompt format (``korad.chat.formats``) the rendered text goes to the text completions
endpoint (``/v1/completions``) with the format's stop strings, and the answer is cut at them.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

from korad.chat.formats import CHAT_TEMPLATE, cut_at_stop, raw_format
from korad.chat.options import MAX_NEW_TOKENS, TEMPERATURE
from korad.chat.protocol import ChatBackend, ChatRequest
from korad.endpoints import Endpoint
from korad.errors import EndpointError, InputError
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
        prompt_format: str = CHAT_TEMPLATE,
    ) -> None:
        self.endpoint = endpoint
        self.format = raw_format(prompt_format)
        if self.format and not endpoint.completions:
            raise InputError(
                f"endpoint {endpoint.name!r}",
                f"prompt format {self.format.name} needs text completions (/v1/completions), which this endpoint "
                f"({endpoint.preset or endpoint.base_url}) does not serve; use a vLLM, TGI, Ollama or llama.cpp "
                "server, or completions: true if it does",
            )
        self.name = f"openai:{endpoint.name}" + (f"[{self.format.name}]" if self.format else "")
        self.max_new_tokens = max_new_tokens
        self.temperature = temperature
        self.context_tokens = context_tokens
        self.policy = policy or DataUsePolicy.load()
        self.client = endpoint.client(max_retries=min(endpoint.max_retries, 2))

    def check_data_use(self, sources: set[str]) -> None:
        self.policy.check_endpoint(self.endpoint, sources, "chat")

    def fits(self, request: ChatRequest) -> bool:
        if self.format is None:
            characters = sum(len(str(m.get("content", ""))) for m in request.messages())
        else:
            characters = len(self.format.render(request.report, request.question))
        return math.ceil(characters / 3) + self.max_new_tokens <= self.context_tokens

    def stream(self, request: ChatRequest) -> Iterator[str]:
        if self.format is None:
            yield from self._pieces(
                self.client.chat.completions.create,
                lambda choice: choice.delta.content,
                messages=request.messages(),
            )
            return
        pieces = self._pieces(
            self.client.completions.create,
            lambda choice: choice.text,
            prompt=self.format.render(request.report, request.question),
            stop=list(self.format.stop),
        )
        try:
            yield from cut_at_stop(pieces, self.format.stop)
        finally:
            pieces.close()

    def _pieces(self, create: Any, text: Any, **request: Any) -> Iterator[str]:
        """The streamed text of one (chat or text) completion request."""
        import openai

        try:
            response = create(
                model=self.endpoint.model,
                max_tokens=self.max_new_tokens,
                temperature=self.temperature,
                stream=True,
                **request,
            )
        except (openai.AuthenticationError, openai.PermissionDeniedError) as error:
            credential = self.endpoint.api_key_env or self.endpoint.token_provider or "no key variable (api_key_env)"
            raise EndpointError(self.endpoint.name, f"refused the key: check {credential}", error.status_code) from None
        except openai.APIConnectionError:
            raise EndpointError(self.endpoint.name, f"cannot reach {self.endpoint.base_url}") from None
        try:
            for chunk in response:
                piece = text(chunk.choices[0]) if chunk.choices else None
                if piece:
                    yield piece
        finally:
            response.close()
