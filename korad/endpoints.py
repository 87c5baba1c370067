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
    batch_api: openai                  # batch mode (docs/batch.md): openai, azure (default with api_version), offline
    batch_poll_interval: 30            # seconds between two looks at a submitted batch
```

OpenAI, Azure OpenAI, vLLM, TGI, Hugging Face Inference Providers, Ollama and llama.cpp all speak
this protocol. An endpoint without ``api_key_env`` (a local vLLM or Ollama) sends a placeholder key.

``preset: NAME`` fills in what is known about a kind of server (``PRESETS``: its usual URL, the
variable of its key, whether it takes ``json_schema`` and text completions, local concurrency);
every field written in the file overrides the preset's:

```yaml
endpoints:
  hf:                                  # Hugging Face Inference Providers (key: HF_TOKEN)
    preset: hf-router
    model: Qwen/Qwen2.5-7B-Instruct:together   # optional :provider suffix
  azure:                               # Azure OpenAI, Entra ID token (azure-identity)
    preset: azure-openai
    base_url: https://my-resource.openai.azure.com
    model: my-deployment               # the deployment name
    api_version: "2024-10-21"
  local:                               # vLLM on this machine (also: tgi, ollama, llama.cpp)
    preset: vllm
    model: Qwen/Qwen2.5-7B-Instruct
```

Azure OpenAI (an ``api_version``) goes through openai's ``AzureOpenAI`` client: with
``api_key_env`` the key is sent as ``api-key``; without, a Microsoft Entra ID bearer token comes
from ``token_provider``: ``azure-identity`` (``DefaultAzureCredential`` through
``get_bearer_token_provider``; install ``azure-identity``) or ``module:function``, any callable
returning a token. The token is fetched per request by the client; korad never stores or logs it.
"""

from __future__ import annotations

import dataclasses
import importlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

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
    preset: str | None = None
    """The ``PRESETS`` entry this endpoint started from (its fields are already filled in)."""
    completions: bool = True
    """Serves text completions (``/v1/completions``), which raw prompt formats need."""
    api_version: str | None = None
    """Azure OpenAI's ``api-version``; set, the endpoint is an Azure OpenAI resource."""
    token_provider: str | None = None
    """Azure OpenAI without a key: ``azure-identity`` or ``module:function`` returning a bearer token."""
    batch_api: Literal["openai", "azure", "offline"] | None = None
    """How batch mode runs (docs/batch.md); default: ``azure`` for an Azure OpenAI endpoint, else ``openai``."""
    batch_poll_interval: float = 30.0

    def __post_init__(self) -> None:
        checks = (
            ("rpm", self.rpm > 0, "more than 0 requests per minute"),
            ("tpm", self.tpm is None or self.tpm > 0, "more than 0 tokens per minute (or no limit)"),
            ("max_concurrency", self.max_concurrency >= 1, "at least 1 request at a time"),
            ("max_retries", self.max_retries >= 0, "0 or more retries"),
            ("timeout", self.timeout > 0, "more than 0 seconds"),
            ("batch_queue_tokens", self.batch_queue_tokens is None or self.batch_queue_tokens > 0, "over 0 tokens"),
            ("batch_api", self.batch_api in (None, "openai", "azure", "offline"), "openai, azure or offline"),
            ("batch_poll_interval", self.batch_poll_interval > 0, "more than 0 seconds"),
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
        if self.token_provider is not None and self.api_version is None:
            raise ConfigError(
                f"endpoints.{self.name}.token_provider", self.token_provider, "only with an Azure OpenAI api_version"
            )
        if self.token_provider is not None and self.token_provider != AZURE_IDENTITY and ":" not in self.token_provider:
            raise ConfigError(
                f"endpoints.{self.name}.token_provider", self.token_provider, f"{AZURE_IDENTITY} or module:function"
            )

    @property
    def azure(self) -> bool:
        return self.api_version is not None

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

    def bearer_token_provider(self) -> Callable[[], str] | None:
        """The Entra ID token provider of an Azure endpoint without a key (None otherwise)."""
        if not self.azure or self.api_key_env is not None or self.token_provider is None:
            return None
        where = f"endpoint {self.name!r}"
        if self.token_provider == AZURE_IDENTITY:
            try:
                from azure.identity import DefaultAzureCredential, get_bearer_token_provider
            except ImportError:
                raise InputError(
                    where,
                    "token_provider azure-identity needs the azure-identity package (pip install azure-identity), "
                    "or set api_key_env to the variable holding the resource's key",
                ) from None
            return get_bearer_token_provider(DefaultAzureCredential(), AZURE_SCOPE)
        module, _, attribute = self.token_provider.partition(":")
        try:
            provider = getattr(importlib.import_module(module), attribute)
        except (ImportError, AttributeError) as error:
            raise InputError(where, f"cannot load token_provider {self.token_provider}: {error}") from None
        if not callable(provider):
            raise InputError(where, f"token_provider {self.token_provider} is not callable")
        return provider

    def client(self, asynchronous: bool = False, max_retries: int | None = None) -> Any:
        """The ``openai`` client for this endpoint (``AzureOpenAI`` for Azure), its key or token from
        the environment or the token provider, never from arguments."""
        import openai

        retries = self.max_retries if max_retries is None else max_retries
        common: dict[str, Any] = {"timeout": self.timeout, "max_retries": retries}
        if not self.azure:
            cls = openai.AsyncOpenAI if asynchronous else openai.OpenAI
            return cls(base_url=self.base_url, api_key=self.api_key(), **common)
        cls = openai.AsyncAzureOpenAI if asynchronous else openai.AzureOpenAI
        common.update(azure_endpoint=self.base_url, api_version=self.api_version)
        provider = self.bearer_token_provider()
        if provider is not None:
            return cls(azure_ad_token_provider=provider, **common)
        if self.api_key_env is None:
            raise InputError(f"endpoint {self.name!r}", "an Azure OpenAI endpoint needs api_key_env or token_provider")
        return cls(api_key=self.api_key(), **common)

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

AZURE_IDENTITY = "azure-identity"
AZURE_SCOPE = "https://cognitiveservices.azure.com/.default"
LOCAL = {"rpm": 100_000.0, "timeout": 300.0}
"""Servers on your own machine have no rate limit, and a long answer on a small GPU takes minutes."""

PRESETS: dict[str, dict[str, Any]] = {
    "openai": {"base_url": "https://api.openai.com/v1", "api_key_env": "OPENAI_API_KEY", "completions": False},
    # Hugging Face Inference Providers: one OpenAI-compatible router for many providers (chat only);
    # structured outputs depend on the provider, so json_schema is off unless the file turns it on.
    "hf-router": {
        "base_url": "https://router.huggingface.co/v1",
        "api_key_env": "HF_TOKEN",
        "json_schema": False,
        "completions": False,
    },
    # Azure OpenAI: base_url is the resource (https://NAME.openai.azure.com), model the deployment.
    "azure-openai": {"api_version": "2024-10-21", "token_provider": AZURE_IDENTITY, "completions": False},
    # vLLM's `vllm serve` (port 8000): continuous batching, structured outputs, /v1/completions.
    "vllm": {"base_url": "http://localhost:8000/v1", "max_concurrency": 32, **LOCAL},
    # TGI's Messages API (port 8080 in its docs' docker run); JSON goes through its own grammar
    # parameter, not OpenAI's json_schema response_format.
    "tgi": {"base_url": "http://localhost:8080/v1", "max_concurrency": 16, "json_schema": False, **LOCAL},
    # Ollama (port 11434; the key is required by the client and ignored): json_schema from 0.5;
    # OLLAMA_NUM_PARALLEL requests at a time.
    "ollama": {"base_url": "http://localhost:11434/v1", "max_concurrency": 4, **LOCAL},
    # llama.cpp's llama-server (port 8080): json_schema as a grammar; -np slots at a time.
    "llama.cpp": {"base_url": "http://localhost:8080/v1", "max_concurrency": 4, **LOCAL},
}
"""What each kind of server needs; a field in the endpoints file overrides its preset's."""


def _with_preset(path: Path, name: str, spec: dict[str, Any]) -> dict[str, Any]:
    """``spec`` on top of its preset's fields (unchanged without ``preset``)."""
    preset = spec.get("preset")
    if preset is None:
        return spec
    if preset not in PRESETS:
        raise InputError(path, f"endpoint {name!r}: unknown preset {preset!r}; known: {', '.join(PRESETS)}")
    merged = {**PRESETS[preset], **spec}
    if "api_key_env" in spec and "token_provider" not in spec and "token_provider" in PRESETS[preset]:
        merged["token_provider"] = None  # a key was chosen instead of the Entra ID token
    return merged


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
        spec = _with_preset(path, name, spec)
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
