"""Log records never carry secrets or patient text, whichever library writes them.

``install_log_redaction()`` (run on ``import korad``) wraps the process's log-record factory, so
every record, from korad or from the HTTP clients it drives (``httpx``, ``httpcore``, ``openai``,
``huggingface_hub``, ``argilla``), is cleaned as it is made, before any handler sees it:

- chat payloads in the arguments (``messages``, ``prompt``, ``input``, ``content``, ``text``, as in
  openai's DEBUG "Request options" line) are replaced by a placeholder, so report and question
  text never reach a log;
- the formatted message and the traceback go through ``korad.secrets.redact``: credentials inside
  URLs (``user:pass@``, ``api-key=``/``key=`` parameters), token patterns and the values of secret
  environment variables become ``***``.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any

from korad.secrets import redact

TEXT_KEYS = frozenset({"messages", "prompt", "input", "content", "text", "question", "report"})
"""Payload keys whose values are patient or user text: logged only as a placeholder."""


def _scrub(value: Any) -> tuple[Any, bool]:
    """``value`` with text payloads replaced, and whether anything was."""
    if isinstance(value, dict):
        items = {k: (f"<{k} not logged>", True) if k in TEXT_KEYS else _scrub(v) for k, v in value.items()}
        return {k: v for k, (v, _) in items.items()}, any(changed for _, changed in items.values())
    if isinstance(value, list | tuple):
        items = [_scrub(v) for v in value]
        return type(value)(v for v, _ in items), any(changed for _, changed in items)
    return value, False


def redact_record(record: logging.LogRecord) -> logging.LogRecord:
    """``record`` with its payloads scrubbed and its message and traceback redacted (in place).

    A record with nothing to redact keeps its arguments (formatters such as uvicorn's read them)."""
    original = record.args
    if isinstance(original, tuple | dict):
        record.args, scrubbed = _scrub(original)
    else:
        scrubbed = False
    try:
        message = record.getMessage()
    except Exception:  # a broken format string: keep the template, drop the arguments
        message, scrubbed = str(record.msg), True
    redacted = redact(message)
    if scrubbed or redacted != message:
        record.msg, record.args = redacted, None
    else:
        record.args = original
    if record.exc_info and not record.exc_text:
        record.exc_text = redact("".join(traceback.format_exception(*record.exc_info)).rstrip("\n"))
    return record


class RedactingFilter(logging.Filter):
    """A logging filter doing ``redact_record``: for handlers of code that replaces the record factory."""

    def filter(self, record: logging.LogRecord) -> bool:
        redact_record(record)
        return True


def install_log_redaction() -> None:
    """Make every log record of this process pass through ``redact_record`` (idempotent)."""
    current: Callable[..., logging.LogRecord] = logging.getLogRecordFactory()
    if getattr(current, "korad_redacting", False):
        return

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        return redact_record(current(*args, **kwargs))

    factory.korad_redacting = True  # type: ignore[attr-defined]
    logging.setLogRecordFactory(factory)
