"""The errors a korad user acts on, each with the exit code every command returns for it.

| error | exit code | what the user does |
|---|---|---|
| ``InputError`` (bad input: names the file and, where known, the line) | 2 | fix the file |
| ``ConfigError`` (bad configuration: names the field, the value and what is allowed) | 2 | fix the option |
| ``EndpointError`` (an endpoint failed or refused the key: names the endpoint and HTTP status) | 3 | fix the endpoint |
| ``DataUseError`` (a data-use rule refuses: names the rule, the source and what to do) | 4 | change where data goes |
| any other ``KoradError`` | 1 | |

Commands print ``error: <message>`` on one line and exit with ``exit_code``; a traceback only
with ``--debug``.
"""

from __future__ import annotations

import os

from korad.secrets import redact


class KoradError(Exception):
    """Base of korad's errors: ``str(error)`` is the one line a command prints after ``error:``."""

    exit_code: int = 1

    def __str__(self) -> str:
        return redact(super().__str__())  # a URL with credentials never reaches the error line


class InputError(KoradError):
    """Bad input that stops a run: names the file and, where known, the line."""

    exit_code = 2

    def __init__(self, path: str | os.PathLike[str], message: str, line: int | None = None) -> None:
        self.path, self.line, self.message = str(path), line, message
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {message}")


class ConfigError(KoradError):
    """A configuration value that is not allowed: names the field, the value and what is allowed."""

    exit_code = 2

    def __init__(self, field: str, value: object, allowed: str) -> None:
        self.field, self.value, self.allowed = field, value, allowed
        super().__init__(f"{field}={value!r}: {allowed}")


class EndpointError(KoradError):
    """An endpoint failed, refused the key or could not be reached: names it and the HTTP status."""

    exit_code = 3

    def __init__(self, endpoint: str, message: str, status: int | None = None) -> None:
        self.endpoint, self.status, self.message = endpoint, status, message
        code = f" (HTTP {status})" if status is not None else ""
        super().__init__(f"endpoint {endpoint!r}{code}: {message}")


class DataUseError(KoradError):
    """A data-use rule refuses: names the rule, the source and what to do instead."""

    exit_code = 4

    def __init__(self, rule: str, source: str, instead: str) -> None:
        self.rule, self.source, self.instead = rule, source, instead
        super().__init__(f"data-use rule {rule!r} refuses source {source!r}: {instead}")
