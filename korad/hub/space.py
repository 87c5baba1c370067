"""Assemble the Space repo: the app, its card, requirements, the korad package and the samples.

The Space runs ``app.py`` from the repo root, so the ``korad`` package is copied next to it
(``korad/data`` holds the sample reports); ``requirements.txt`` installs korad's runtime
dependencies. The app reads its options from Space variables (``KORAD_*``); API keys are Space
secrets named by the endpoints file. This module only names them: values never come from
arguments.
"""

from __future__ import annotations

import dataclasses
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from korad.artifacts import InputError
from korad.chat.options import BackendSpec
from korad.config import environment_variables
from korad.errors import ConfigError

ROOT = Path(__file__).resolve().parents[2]
SPACE_SOURCE = ROOT / "space"
PACKAGE = ROOT / "korad"
SKIPPED = shutil.ignore_patterns("__pycache__", "*.pyc", "testing")


@dataclass
class SpacePlan:
    """What the Space needs besides its files."""

    variables: dict[str, str] = field(default_factory=dict)
    """Space variables (not secret): the app's KORAD_* options."""
    secrets: dict[str, str] = field(default_factory=dict)
    """Secret name -> why the app needs it (values are set in the Space settings, never here)."""


def assemble_space(output: Path, spec: BackendSpec) -> SpacePlan:
    """Write the Space repo into ``output`` (new or empty) and return its variables and secret names.

    Every option of ``spec`` that is not at its default becomes a ``KORAD_*`` Space variable; the
    endpoints file, if an endpoint is named, is copied into the Space as ``endpoints.yaml``.
    """
    endpoint, endpoints = spec.endpoint, Path(spec.endpoints) if spec.endpoints else None
    if endpoint and endpoints is None:
        raise ConfigError("endpoints", None, "--endpoint needs --endpoints FILE (copied into the Space)")
    if not (SPACE_SOURCE / "app.py").exists():
        raise InputError(SPACE_SOURCE, "space/app.py not found: run from a korad checkout")
    if output.exists() and any(output.iterdir()):
        raise InputError(output, "exists and is not empty; give a new --output folder")
    output.mkdir(parents=True, exist_ok=True)
    for name in ("app.py", "README.md", "requirements.txt"):
        shutil.copy2(SPACE_SOURCE / name, output / name)
    shutil.copytree(PACKAGE, output / "korad", ignore=SKIPPED)

    plan = SpacePlan()
    values = {f.name: getattr(spec, f.name) for f in dataclasses.fields(spec)}
    values["endpoints"] = "endpoints.yaml" if endpoint else None
    plan.variables.update(environment_variables(BackendSpec, **values))
    if spec.model or spec.adapter:
        plan.secrets["HF_TOKEN"] = "to download a gated or private base model or adapter"
    if endpoint:
        from korad.endpoints import load_endpoints

        chosen = load_endpoints(endpoints).get(endpoint)
        shutil.copy2(endpoints, output / "endpoints.yaml")
        if chosen.api_key_env:
            plan.secrets[chosen.api_key_env] = f"the API key of endpoint {endpoint!r}"
    return plan
