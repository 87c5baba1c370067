"""Command options: dataclasses parsed by ``transformers.HfArgumentParser``, from the command line and YAML.

Every korad command declares its options as one dataclass (a few commands combine two, as TRL's
scripts do): each field has a ``metadata={"help": ...}`` and its default, written once, and
``__post_init__`` rejects a value that is not allowed with a ``ConfigError`` naming the field.
``parse`` reads them in this order, each overriding the one before:

1. the field defaults;
2. the environment, for dataclasses that declare ``environment_prefix`` (the chat options:
   ``KORAD_<FIELD_NAME_UPPER>``, e.g. ``KORAD_MAX_NEW_TOKENS``, which is how a Space is configured);
3. ``--config FILE.yaml``: a mapping of field names to values (an unknown key is an error);
4. the command line (``--max_new_tokens 128`` or ``--max-new-tokens 128``).

>>> from dataclasses import dataclass, field
>>> @dataclass
... class Options:
...     rounds: int = field(default=3, metadata={"help": "how many rounds"})
>>> parse((Options,), ["--rounds", "5"], prog="demo")
(Options(rounds=5),)

Training keeps TRL's own ``TrlParser`` (``train/sft.py``), which follows the same rules.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import typing
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Literal

from korad.errors import ConfigError, InputError, KoradError


class UsageError(KoradError):
    """A command line argparse cannot read (an unknown option, a value of the wrong type)."""

    exit_code = 2


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """Keeps the description's layout and shows each option's default (when it has one)."""

    def _get_help_string(self, action: argparse.Action) -> str:
        help = action.help or ""
        shown = not any(action.default is nothing for nothing in (None, False, argparse.SUPPRESS))
        if shown and "%(default)" not in help:
            help += " (default: %(default)s)"
        elif action.required:
            help += " (required)"
        return help


def _field_types(dtype: type) -> dict[str, Any]:
    return typing.get_type_hints(dtype)


def _choices(annotation: Any) -> tuple[Any, ...] | None:
    """The allowed values of a ``Literal`` (or optional ``Literal``) annotation, else None."""
    if typing.get_origin(annotation) is Literal:
        return typing.get_args(annotation)
    for arg in typing.get_args(annotation):
        if typing.get_origin(arg) is Literal:
            return typing.get_args(arg)
    return None


def environment_values(dtype: type, environ: typing.Mapping[str, str] | None = None) -> dict[str, str]:
    """The values ``dtype``'s fields take from the environment: ``<environment_prefix><FIELD_NAME_UPPER>``.

    >>> from korad.chat.options import BackendSpec
    >>> environment_values(BackendSpec, {"KORAD_MAX_NEW_TOKENS": "64", "KORAD_MODEL": ""})
    {'max_new_tokens': '64'}
    """
    prefix = getattr(dtype, "environment_prefix", None)
    if not prefix:
        return {}
    environ = os.environ if environ is None else environ
    values = {}
    for f in dataclasses.fields(dtype):
        value = environ.get(prefix + f.name.upper())
        if value:  # an empty variable is unset (a Space variable left blank)
            values[f.name] = value
    return values


def environment_variables(dtype: type, **values: Any) -> dict[str, str]:
    """The environment variables that set ``values`` of ``dtype``'s fields (those not at their default).

    The inverse of ``environment_values``: how ``korad publish space`` writes a Space's variables.

    >>> from korad.chat.options import BackendSpec
    >>> environment_variables(BackendSpec, adapter="org/ko-rad-lora", load_in_4bit=True, model=None)
    {'KORAD_ADAPTER': 'org/ko-rad-lora', 'KORAD_LOAD_IN_4BIT': 'true'}
    """
    prefix = dtype.environment_prefix
    defaults = {f.name: f.default for f in dataclasses.fields(dtype)}
    variables = {}
    for name, value in values.items():
        if name not in defaults:
            raise ConfigError(name, value, f"a field of {dtype.__name__}")
        if value != defaults[name]:
            variables[prefix + name.upper()] = str(value).lower() if isinstance(value, bool) else str(value)
    return variables


def read_config_file(path: str | os.PathLike[str], known: Iterable[str], command: str) -> dict[str, Any]:
    """The options of a YAML recipe; an unknown key is a ``ConfigError`` naming it."""
    from korad.artifacts import read_yaml

    data = read_yaml(path, "config file")
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InputError(path, "a config file is a mapping of option names to values")
    known = sorted(known)
    for key, value in data.items():
        if key not in known:
            raise ConfigError(str(key), value, f"not an option of `{command}` (in {path}; options: {', '.join(known)})")
    return data


def _positional_rewrite(argv: list[str], positional: Sequence[str], prog: str) -> list[str]:
    """Leading bare arguments become the ``positional`` fields (``korad build answers`` -> ``--stage answers``)."""
    leading = []
    for token in argv:
        if token.startswith("-"):
            break
        leading.append(token)
    if len(leading) > len(positional):
        raise UsageError(f"{prog}: unexpected argument(s) {' '.join(leading[len(positional) :])}")
    rewritten = []
    for name, value in zip(positional, leading, strict=False):
        rewritten += [f"--{name}", value]
    return rewritten + argv[len(leading) :]


def make_parser(
    dataclass_types: Sequence[type], prog: str, description: str | None = None, positional: Sequence[str] = ()
):
    """The ``HfArgumentParser`` of a command, with ``--config`` and ``--debug``; argparse errors raise."""
    from transformers import HfArgumentParser

    class Parser(HfArgumentParser):
        def error(self, message: str) -> typing.NoReturn:
            raise UsageError(f"{message} (see `{prog} --help`)")

    usage = f"{prog} " + "".join(f"[{name.upper()}] " for name in positional) + "[options]"
    parser = Parser(list(dataclass_types), prog=prog, description=description, usage=usage, formatter_class=_Formatter)
    for dtype in dataclass_types:  # name the environment variable of each field that reads one
        prefix = getattr(dtype, "environment_prefix", None)
        names = {f.name for f in dataclasses.fields(dtype)} if prefix else set()
        for action in parser._actions:
            if action.dest in names and action.option_strings[0] == f"--{action.dest}":
                action.help = f"{action.help or ''} [{prefix}{action.dest.upper()}]"
    parser.add_argument("--config", metavar="FILE.yaml", help="read options from a YAML recipe (the command line wins)")
    parser.add_argument("--debug", action="store_true", help="show the traceback of an error")
    return parser


def parse(
    dataclass_types: Sequence[type],
    argv: Sequence[str] | None = None,
    *,
    prog: str,
    description: str | None = None,
    positional: Sequence[str] = (),
) -> tuple[Any, ...]:
    """Instances of ``dataclass_types`` from defaults, environment, ``--config`` YAML and ``argv``, in that order."""
    import sys

    argv = list(sys.argv[1:] if argv is None else argv)
    parser = make_parser(dataclass_types, prog, description, positional)
    if any(a in ("-h", "--help") for a in argv):
        parser.print_help()
        raise SystemExit(0)
    argv = _positional_rewrite(argv, positional, prog)
    config_path = _option_value(argv, "--config")
    fields = {f.name: dtype for dtype in dataclass_types for f in dataclasses.fields(dtype) if f.init}
    defaults: dict[str, Any] = {}
    for dtype in dataclass_types:
        defaults.update(environment_values(dtype))
    if config_path:
        defaults.update(read_config_file(config_path, fields, prog))
    parser.set_defaults(**defaults)
    for action in parser._actions:
        if action.dest in defaults:
            action.required = False
    *options, unknown = parser.parse_args_into_dataclasses(
        args=argv, look_for_args_file=False, return_remaining_strings=True
    )
    if unknown:
        raise UsageError(f"unknown option(s) {' '.join(unknown)} (see `{prog} --help`)")
    if isinstance(options[-1], argparse.Namespace):  # --config and --debug, not a dataclass
        options.pop()
    for option in options:
        check_choices(option)
    return tuple(options)


def _option_value(argv: list[str], flag: str) -> str | None:
    for i, token in enumerate(argv):
        if token == flag:
            if i + 1 >= len(argv):
                raise UsageError(f"{flag} needs a value")
            return argv[i + 1]
        if token.startswith(flag + "="):
            return token.split("=", 1)[1]
    return None


def check_choices(options: Any) -> None:
    """A ``Literal`` field set (by YAML or code) to a value it does not allow is a ``ConfigError``."""
    types = _field_types(type(options))
    for f in dataclasses.fields(options):
        allowed = _choices(types[f.name])
        value = getattr(options, f.name)
        if allowed and value is not None and value not in allowed:
            raise ConfigError(f.name, value, f"one of {', '.join(map(str, allowed))}")


# ---------------------------------------------------------------- checks used in __post_init__


def require(condition: bool, name: str, value: object, allowed: str) -> None:
    """Raise ``ConfigError(name, value, allowed)`` unless ``condition``."""
    if not condition:
        raise ConfigError(name, value, allowed)


def existing_file(name: str, value: str | os.PathLike[str] | None) -> None:
    """A path option that must name an existing file or folder (None: not given)."""
    if value is not None and not Path(value).exists():
        raise ConfigError(name, str(value), "no such file or folder")


def distinct_output(name: str, value: str | os.PathLike[str] | None, **inputs: str | os.PathLike[str] | None) -> None:
    """An output path option that must not name one of the command's ``inputs`` (option name -> path):
    writing there would overwrite, append to or be read back as the input."""
    if value is None:
        return
    for input_name, path in inputs.items():
        if path is not None and Path(value).resolve() == Path(path).resolve():
            raise ConfigError(name, str(value), f"the same file as --{input_name}; choose another output file")
