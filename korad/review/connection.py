"""Connecting to Argilla: ``ARGILLA_API_URL`` and ``ARGILLA_API_KEY`` from the environment only."""

from __future__ import annotations

import os

from korad.artifacts import InputError


def connect(api_url: str | None = None):
    """An ``rg.Argilla`` client checked with a request; clear errors for a missing key, an
    unreachable server and a rejected key."""
    import argilla as rg

    url = api_url or os.environ.get("ARGILLA_API_URL")
    key = os.environ.get("ARGILLA_API_KEY")
    if not url:
        raise InputError("ARGILLA_API_URL", "not set: the Argilla server's URL (e.g. https://org-argilla.hf.space)")
    if not key:
        raise InputError("ARGILLA_API_KEY", "not set: the API key of your Argilla user (never an argument)")
    try:
        client = rg.Argilla(api_url=url, api_key=key, timeout=30)
        client.me  # noqa: B018 - a request that needs a valid key
    except Exception as error:
        text = str(error)
        if "401" in text or "Unauthorized" in text or "credentials" in text.lower():
            raise InputError(url, "the Argilla server rejected the API key (ARGILLA_API_KEY)") from None
        raise InputError(url, f"cannot reach the Argilla server: {type(error).__name__}: {text[:200]}") from None
    return client
