"""Named OpenAI-compatible endpoints, read from a YAML file; keys come from the environment only.

```yaml
credentialed_sources: [my-hospital]    # added to korad's credentialed sources (mimic-cxr, mimic-iii, mimic-iv)
endpoints:
  teacher:
    base_url: https://api.openai.com/v1
    model: gpt-4o-mini
    api_key_env: OPENAI_API_KEY        # the NAME of the variable that holds the key
    rpm: 500                           # requests per minute
    tpm: 200000                        # tokens per minute (optional)
    max_concurrency: 16
    timeout: 60                        # seconds per request
    max_retries: 6
    price_per_million: {input: 0.15, output: 0.60}   # optional, USD, for the cost total and --dry-run
                                       # (batch_input, batch_output: the Batch API's; default half)
    batch_queue_tokens: 2000000        # optional: input tokens the Batch API queues at once (OpenAI: per tier)
    json_schema: true                  # supports response_format json_schema
    allow_credentialed: false          # may receive credentialed sources (korad.policy; docs/data-use.md)
```

OpenAI, Azure OpenAI (``base_url`` of the deployment), vLLM, TGI, Hugging Face Inference
Providers, Ollama and llama.cpp all speak this protocol. An endpoint without ``api_key_env``
(a local vLLM or Ollama) sends a placeholder key.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from korad.artifacts import InputError, read_yaml
from korad.errors import ConfigError
from korad.policy import DataUsePolicy

BATCH_PRICE_SHARE = 0.5
"""The Batch API's price as a share of the real-time price (OpenAI's: 50 %), unless an endpoint sets its own."""

PRICE_KEYS = ("input", "output", "batch_input", "batch_output")
"""The keys of ``price_per_million`` (USD per million tokens)."""


@dataclass(frozen=True)
class Endpoint:
    """One chat endpoint. ``api_key_env`` names a variable; the key itself is never stored here."""

    name: str
    base_url: str
    model: str
    api_key_env: str | None = None
    rpm: float = 60.0
    tpm: float | None = None
    max_concurrency: int = 8
    timeout: float = 60.0
    max_retries: int = 6
    price_per_million: dict[str, float] = field(default_factory=dict)
    batch_queue_tokens: int | None = None
    json_schema: bool = True
    allow_credentialed: bool = False

    def __post_init__(self) -> None:
        checks = (
            ("rpm", self.rpm > 0, "more than 0 requests per minute"),
            ("tpm", self.tpm is None or self.tpm > 0, "more than 0 tokens per minute (or no limit)"),
            ("max_concurrency", self.max_concurrency >= 1, "at least 1 request at a time"),
            ("max_retries", self.max_retries >= 0, "0 or more retries"),
            ("timeout", self.timeout > 0, "more than 0 seconds"),
            ("batch_queue_tokens", self.batch_queue_tokens is None or self.batch_queue_tokens > 0, "over 0 tokens"),
        )
        for name, ok, allowed in checks:
            if not ok:
                raise ConfigError(f"endpoints.{self.name}.{name}", getattr(self, name), allowed)
        prices = self.price_per_million
        if not isinstance(prices, dict) or any(
            key not in PRICE_KEYS or isinstance(value, bool) or not isinstance(value, int | float) or value < 0
            for key, value in prices.items()
        ):
            raise ConfigError(
                f"endpoints.{self.name}.price_per_million", prices, f"a mapping of {', '.join(PRICE_KEYS)} to USD >= 0"
            )

    def api_key(self) -> str:
        """The key from the environment; a clear error when the variable is not set."""
        if self.api_key_env is None:
            return "not-needed"
        value = os.environ.get(self.api_key_env)
        if not value:
            raise InputError(
                f"endpoint {self.name!r}",
                f"environment variable {self.api_key_env} is not set (it must hold the API key; "
                "keys are never read from files or arguments)",
            )
        return value

    @property
    def priced(self) -> bool:
        """Whether the endpoint has a price (``price_per_million``) to compute costs with."""
        return bool(self.price_per_million)

    def price(self, kind: str, batch: bool = False) -> float:
        """USD per million ``kind`` ("input" or "output") tokens, real-time or through the Batch API."""
        prices = self.price_per_million
        if batch:
            return prices.get(f"batch_{kind}", prices.get(kind, 0.0) * BATCH_PRICE_SHARE)
        return prices.get(kind, 0.0)

    def cost(self, prompt_tokens: int, completion_tokens: int, batch: bool = False) -> float:
        """USD of a request (or many) with these token counts, real-time or through the Batch API."""
        return (prompt_tokens * self.price("input", batch) + completion_tokens * self.price("output", batch)) / 1e6


@dataclass(frozen=True)
class EndpointConfig:
    """All endpoints of a config file, and the sources it adds to the credentialed ones."""

    path: str
    endpoints: dict[str, Endpoint]
    credentialed_sources: tuple[str, ...] = ()

    @property
    def policy(self) -> DataUsePolicy:
        """The data-use policy with this file's credentialed sources added."""
        return DataUsePolicy.load(self.credentialed_sources)

    def get(self, name: str) -> Endpoint:
        if name not in self.endpoints:
            known = ", ".join(sorted(self.endpoints)) or "none"
            raise InputError(self.path, f"unknown endpoint {name!r}; this file defines: {known}")
        return self.endpoints[name]


_FIELDS = {f.name for f in dataclasses.fields(Endpoint)} - {"name"}


def load_endpoints(path: str | os.PathLike[str]) -> EndpointConfig:
    """Read and validate an endpoints YAML file (unknown keys and missing fields are errors)."""
    path = Path(path)
    data = read_yaml(path, "endpoints file")
    if not isinstance(data, dict) or not isinstance(data.get("endpoints"), dict):
        raise InputError(path, "expected a mapping with an `endpoints:` section")
    unknown_top = set(data) - {"endpoints", "credentialed_sources"}
    if unknown_top:
        raise InputError(path, f"unknown key(s) {', '.join(sorted(unknown_top))}")
    endpoints = {}
    for name, spec in data["endpoints"].items():
        if not isinstance(spec, dict):
            raise InputError(path, f"endpoint {name!r}: expected a mapping")
        if "api_key" in spec:
            raise InputError(
                path,
                f"endpoint {name!r}: keys never go in files; put the key in an environment "
                "variable and name it with api_key_env",
            )
        unknown = set(spec) - _FIELDS
        if unknown:
            raise InputError(
                path,
                f"endpoint {name!r}: unknown key(s) {', '.join(sorted(unknown))}; known: {', '.join(sorted(_FIELDS))}",
            )
        missing = [k for k in ("base_url", "model") if not spec.get(k)]
        if missing:
            raise InputError(path, f"endpoint {name!r}: missing {', '.join(missing)}")
        try:
            endpoints[name] = Endpoint(name=name, **spec)
        except ConfigError as error:
            raise ConfigError(f"{path}: {error.field}", error.value, error.allowed) from None
    sources: Any = data.get("credentialed_sources") or ()
    if not isinstance(sources, list | tuple) or not all(isinstance(s, str) for s in sources):
        raise InputError(path, "credentialed_sources: expected a list of source names")
    return EndpointConfig(str(path), endpoints, tuple(sources))
