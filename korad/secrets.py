"""Recognising secrets: API keys and tokens, private keys, credentials inside URLs.

One set of patterns serves both uses: the scan before an upload (``korad.hub.scan``) refuses a
file that holds one, and ``redact`` replaces them in every log line and error message.
"""

from __future__ import annotations

import os
import re

SECRET_PATTERNS: dict[str, re.Pattern[str]] = {
    "Hugging Face token": re.compile(r"\b(?:hf_[A-Za-z0-9]{30,}|api_org_[A-Za-z0-9]{30,})"),
    "OpenAI key": re.compile(r"\bsk-(?:proj-|svcacct-|admin-|ant-)?[A-Za-z0-9_\-]{20,}"),
    "GitHub token": re.compile(r"\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})"),
    "AWS access key id": re.compile(r"\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b"),
    "AWS secret access key": re.compile(
        r"(?i)aws_?secret_?access_?key\b[\"']?\s*[:=]\s*[\"']?[A-Za-z0-9/+=]{40}"
    ),
    "Azure key": re.compile(
        r"(?i)(?:azure[A-Za-z0-9_\-]*(?:key|secret|token)|ocp-apim-subscription-key|api-key)\b[\"']?\s*[:=]\s*"
        r"[\"']?[A-Za-z0-9+/=_\-]{32,}"
    ),
    "Azure storage key": re.compile(r"(?i)AccountKey=[A-Za-z0-9+/=]{40,}"),
    "Azure SAS signature": re.compile(r"(?i)[?&]sig=[A-Za-z0-9%+/=]{30,}"),
    "Google API key": re.compile(r"\bAIza[0-9A-Za-z_\-]{35}"),
    "Slack token": re.compile(r"\bxox[abposr]-[A-Za-z0-9\-]{10,}"),
    "private key": re.compile(r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----"),
    "API key assignment": re.compile(
        r"(?i)\b(?:api[_-]?key|access[_-]?token|auth[_-]?token|client[_-]?secret|secret[_-]?key)\b[\"']?\s*[:=]\s*"
        r"[\"']?(?=[A-Za-z_\-/+=]*\d)[A-Za-z0-9_\-/+=]{16,}"
    ),
    "password in a URL": re.compile(r"\b[a-z][a-z0-9+.\-]*://[^\s/:@\"'<>]+:[^\s/@\"'<>]+@[^\s/\"'<>]+"),
}
"""Kind -> pattern; a match of any of them is a secret."""

_SECRET_VARIABLE = re.compile(r"(?i)(token|key|secret|password|passwd|credential)")
_MIN_SECRET = 12


def environment_secrets() -> list[str]:
    """The values of this process's environment variables whose names say they hold a secret."""
    return sorted(
        {v for k, v in os.environ.items() if _SECRET_VARIABLE.search(k) and len(v) >= _MIN_SECRET},
        key=len,
        reverse=True,
    )


def find_secret(text: str, known: list[str] | None = None) -> str | None:
    """The kind of the first secret in ``text`` (None when there is none); ``known`` are exact values to look for."""
    for value in environment_secrets() if known is None else known:
        if value in text:
            return "the value of a secret environment variable"
    return next((kind for kind, pattern in SECRET_PATTERNS.items() if pattern.search(text)), None)


_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.\-]*://)[^\s/@\"'<>]+@")
_SECRET_PARAMETER = re.compile(
    r"(?i)([?&;](?:api[-_]?key|key|code|token|access[-_]?token|sig|signature|password|secret|auth)=)[^&\s#\"'<>]+"
)
REDACTED = "***"


def redact(text: str) -> str:
    """``text`` with credentials in URLs (``user:pass@``, ``api-key=``/``key=`` parameters), token
    patterns and the values of secret environment variables replaced by ``***``."""
    text = _USERINFO.sub(rf"\1{REDACTED}@", text)
    text = _SECRET_PARAMETER.sub(rf"\1{REDACTED}", text)
    for value in environment_secrets():
        text = text.replace(value, REDACTED)
    for pattern in SECRET_PATTERNS.values():
        text = pattern.sub(REDACTED, text)
    return text
