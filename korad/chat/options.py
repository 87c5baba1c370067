"""Backend options shared by the Space and the terminal chat: arguments, with environment defaults.

Every option can also come from an environment variable (``KORAD_BACKEND``, ``KORAD_MODEL``,
``KORAD_ADAPTER``, ``KORAD_ENDPOINT``, ``KORAD_ENDPOINTS``, ``KORAD_LOAD_IN_4BIT``,
``KORAD_LOAD_IN_8BIT``, ``KORAD_MAX_NEW_TOKENS``, ``KORAD_TEMPERATURE``), which is how a Space is
configured (Space variables). API keys are never options: an endpoint names the variable that
holds its key.
"""

from __future__ import annotations

import argparse
import os

from korad.chat.backends import BACKENDS, BackendSpec

ENVIRONMENT = {
    "backend": "KORAD_BACKEND",
    "model": "KORAD_MODEL",
    "adapter": "KORAD_ADAPTER",
    "endpoint": "KORAD_ENDPOINT",
    "endpoints": "KORAD_ENDPOINTS",
    "load_in_4bit": "KORAD_LOAD_IN_4BIT",
    "load_in_8bit": "KORAD_LOAD_IN_8BIT",
    "max_new_tokens": "KORAD_MAX_NEW_TOKENS",
    "temperature": "KORAD_TEMPERATURE",
}
"""Option -> the environment variable that sets its default (the Space's variables)."""


def _env(option: str) -> str | None:
    return os.environ.get(ENVIRONMENT[option]) or None


def _flag(option: str) -> bool:
    return (_env(option) or "").lower() in ("1", "true", "yes")


def add_backend_arguments(parser: argparse.ArgumentParser) -> None:
    """Add --backend, --model, --adapter, --endpoint, --endpoints and generation options."""
    group = parser.add_argument_group("model (each option also reads the environment variable named)")
    group.add_argument(
        "--backend",
        choices=BACKENDS,
        default=_env("backend"),
        help="grounded (no model, the default), transformers (with --model/--adapter) or openai (with --endpoint); "
        "chosen from the other options when not given [KORAD_BACKEND]",
    )
    group.add_argument("--model", default=_env("model"), help="base model: a local path or Hub id [KORAD_MODEL]")
    group.add_argument(
        "--adapter",
        default=_env("adapter"),
        help="peft adapter (path or Hub id); alone, its base model comes from its config [KORAD_ADAPTER]",
    )
    group.add_argument(
        "--endpoint", default=_env("endpoint"), help="endpoint name in the --endpoints file [KORAD_ENDPOINT]"
    )
    group.add_argument(
        "--endpoints",
        default=_env("endpoints"),
        help="endpoints YAML (datasets_builder's format; keys come from the variables it names) [KORAD_ENDPOINTS]",
    )
    group.add_argument(
        "--load-in-4bit",
        action="store_true",
        default=_flag("load_in_4bit"),
        help="nf4 quantization with bitsandbytes [KORAD_LOAD_IN_4BIT]",
    )
    group.add_argument(
        "--load-in-8bit",
        action="store_true",
        default=_flag("load_in_8bit"),
        help="8-bit quantization with bitsandbytes [KORAD_LOAD_IN_8BIT]",
    )
    group.add_argument(
        "--max-new-tokens",
        type=int,
        default=int(_env("max_new_tokens") or 256),
        help="longest answer in tokens (default 256) [KORAD_MAX_NEW_TOKENS]",
    )
    group.add_argument(
        "--temperature",
        type=float,
        default=float(_env("temperature") or 0.0),
        help="0 for greedy decoding (default) [KORAD_TEMPERATURE]",
    )


def backend_spec(args: argparse.Namespace) -> BackendSpec:
    """The backend the parsed arguments describe."""
    return BackendSpec(
        backend=args.backend,
        model=args.model,
        adapter=args.adapter,
        endpoint=args.endpoint,
        endpoints=args.endpoints,
        load_in_4bit=args.load_in_4bit,
        load_in_8bit=args.load_in_8bit,
        max_new_tokens=args.max_new_tokens,
        temperature=args.temperature,
    )
