"""Connecting to Argilla: the server's address from ``--api-url`` or ``ARGILLA_API_URL``, its key from
``ARGILLA_API_KEY`` only (never an argument).

The server is either a local one (``argilla/docker-compose.yaml``: http://localhost:6900) or a Hugging
Face Space made with Argilla's own ``rg.Argilla.deploy_on_spaces`` (https://<owner>-<name>.hf.space);
a private Space also needs the Hugging Face token, which is sent to ``*.hf.space`` hosts only
(docs/review-server.md).
"""

from __future__ import annotations

import os
from urllib.parse import urlparse

from korad.artifacts import InputError

SPACE_HOST_SUFFIX = ".hf.space"


def space_headers(url: str) -> dict[str, str]:
    """The Hugging Face token as a bearer header for a Space's address (a private Space needs it), from
    ``HF_TOKEN`` or the ``huggingface_hub`` login; nothing for any other host, which never sees the token."""
    host = urlparse(url).hostname or ""
    if not host.endswith(SPACE_HOST_SUFFIX):
        return {}
    from huggingface_hub import get_token

    token = get_token()
    return {"Authorization": f"Bearer {token}"} if token else {}


def connect(api_url: str | None = None):
    """An ``rg.Argilla`` client for ``api_url`` (default ``ARGILLA_API_URL``) checked with a request;
    clear errors for a missing address or key, an unreachable server and a rejected key."""
    import argilla as rg

    url = api_url or os.environ.get("ARGILLA_API_URL")
    key = os.environ.get("ARGILLA_API_KEY")
    if not url:
        raise InputError(
            "ARGILLA_API_URL", "not set: the Argilla server's URL (--api-url or ARGILLA_API_URL; docs/review-server.md)"
        )
    if not key:
        raise InputError("ARGILLA_API_KEY", "not set: the API key of your Argilla user (never an argument)")
    try:
        client = rg.Argilla(api_url=url, api_key=key, timeout=30, headers=space_headers(url))
        client.me  # noqa: B018 - a request that needs a valid key
    except Exception as error:
        text = str(error)
        if "401" in text or "Unauthorized" in text or "credentials" in text.lower():
            raise InputError(url, "the Argilla server rejected the API key (ARGILLA_API_KEY)") from None
        raise InputError(url, f"cannot reach the Argilla server: {type(error).__name__}: {text[:200]}") from None
    return client
