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
    price_per_million: {input: 0.15, output: 0.60}   # optional, for the cost total
    json_schema: true                  # supports response_format json_schema
    allow_credentialed: false          # may receive credentialed sources (korad.policy; docs/data-use.md)
    batch_api: openai                  # batch mode (docs/batch.md): openai, azure or offline (vllm run-batch)
    batch_poll_interval: 30            # seconds between two looks at a submitted batch
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
from typing import Any, Literal

from korad.artifacts import InputError, read_yaml
from korad.errors import ConfigError
from korad.policy import DataUsePolicy


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
    json_schema: bool = True
    allow_credentialed: bool = False
    batch_api: Literal["openai", "azure", "offline"] = "openai"
    batch_poll_interval: float = 30.0

    def __post_init__(self) -> None:
        checks = (
            ("rpm", self.rpm > 0, "more than 0 requests per minute"),
            ("tpm", self.tpm is None or self.tpm > 0, "more than 0 tokens per minute (or no limit)"),
            ("max_concurrency", self.max_concurrency >= 1, "at least 1 request at a time"),
            ("max_retries", self.max_retries >= 0, "0 or more retries"),
            ("timeout", self.timeout > 0, "more than 0 seconds"),
            ("batch_api", self.batch_api in ("openai", "azure", "offline"), "openai, azure or offline"),
            ("batch_poll_interval", self.batch_poll_interval > 0, "more than 0 seconds"),
        )
        for name, ok, allowed in checks:
            if not ok:
                raise ConfigError(f"endpoints.{self.name}.{name}", getattr(self, name), allowed)

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

    def cost(self, prompt_tokens: int, completion_tokens: int) -> float:
        prices = self.price_per_million
        return (prompt_tokens * prices.get("input", 0.0) + completion_tokens * prices.get("output", 0.0)) / 1e6


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
