"""Assemble the Space repo: the app, its card, its requirements, the korad modules it imports and the samples.

The Space runs ``app.py`` from the repo root, so the korad modules it needs are copied next to it:
those ``space/app.py`` imports, directly or through other modules, at import time or inside a function
(a backend is chosen at run time), and nothing else (no test stand-ins, benchmarks, training, eval or
review code); ``korad/data`` holds the sample reports. ``space/requirements.txt`` is the Space's own:
the inference dependencies (gradio comes with the sdk). The card gets the hardware and the models.
The app reads its options from Space variables (``KORAD_*``); API keys are Space secrets named by the
endpoints file. This module only names them: values never come from arguments.
"""

from __future__ import annotations

import ast
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
SPACE_FILES = ("app.py", "requirements.txt")
"""The Space's own files in ``space/``, copied as they are; its card ``README.md`` gets hardware and models."""
PACKAGE_DATA = ("data",)
"""Folders of the korad package the app reads at run time (the sample reports)."""


@dataclass
class SpacePlan:
    """What the Space needs besides its files."""

    variables: dict[str, str] = field(default_factory=dict)
    """Space variables (not secret): the app's KORAD_* options."""
    secrets: dict[str, str] = field(default_factory=dict)
    """Secret name -> why the app needs it (values are set in the Space settings, never here)."""


def _imported_names(source: Path) -> set[str]:
    """Every absolute module name ``source`` imports (``from a.b import c`` gives ``a.b`` and ``a.b.c``), at
    module level or inside functions, but not under ``if __name__ == "__main__":`` (a command's entry point)."""
    tree = ast.parse(source.read_text(encoding="utf-8"), filename=str(source))
    entry_points = [
        node
        for node in tree.body
        if isinstance(node, ast.If) and "__main__" in ast.unparse(node.test) and "__name__" in ast.unparse(node.test)
    ]
    skipped = {id(inner) for node in entry_points for inner in ast.walk(node)}
    names: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
    return names


def _module_file(root: Path, name: str) -> Path | None:
    base = root.joinpath(*name.split("."))
    return next((path for path in (base.with_suffix(".py"), base / "__init__.py") if path.is_file()), None)


def package_modules(entry: Path, package: Path = PACKAGE) -> list[Path]:
    """The files of ``package`` that ``entry`` needs: the modules it imports, their packages' ``__init__``,
    and so on through every module reached, sorted."""
    root = package.parent
    found: dict[str, Path] = {}
    todo = [entry]
    while todo:
        for name in _imported_names(todo.pop()):
            parts = name.split(".")
            if parts[0] != package.name:
                continue
            for end in range(1, len(parts) + 1):
                module = ".".join(parts[:end])
                path = _module_file(root, module)
                if path is not None and module not in found:
                    found[module] = path
                    todo.append(path)
    return sorted(found.values())


def space_files(package: Path = PACKAGE) -> list[Path]:
    """The package files a Space carries, relative to the package's parent: its modules and its data."""
    root = package.parent
    files = package_modules(SPACE_SOURCE / "app.py", package)
    for folder in PACKAGE_DATA:
        files += sorted(path for path in (package / folder).rglob("*") if path.is_file())
    return [path.relative_to(root) for path in files]


def hub_ids(spec: BackendSpec) -> list[str]:
    """The Hub models the Space downloads (the card's ``models``): model and adapter given as Hub ids."""
    return [value for value in (spec.model, spec.adapter) if value and not Path(value).exists()]


def write_card(source: Path, target: Path, hardware: str | None, models: list[str]) -> None:
    """The Space's card with ``suggested_hardware`` and ``models`` set (what a duplicate of the Space runs on)."""
    from huggingface_hub import SpaceCard

    card = SpaceCard.load(source)
    if hardware:
        card.data.suggested_hardware = hardware
    if models:
        card.data.models = models
    card.save(target)


def assemble_space(output: Path, spec: BackendSpec, hardware: str | None = None) -> SpacePlan:
    """Write the Space repo into ``output`` (new or empty) and return its variables and secret names.

    The repo holds ``space/``'s own files, the korad modules the app imports (``space_files``), and, if an
    endpoint is named, the endpoints file as ``endpoints.yaml``. Every option of ``spec`` that is not at its
    default becomes a ``KORAD_*`` Space variable; ``hardware`` goes into the card as ``suggested_hardware``.
    """
    endpoint, endpoints = spec.endpoint, Path(spec.endpoints) if spec.endpoints else None
    if endpoint and endpoints is None:
        raise ConfigError("endpoints", None, "--endpoint needs --endpoints FILE (copied into the Space)")
    if not (SPACE_SOURCE / "app.py").exists():
        raise InputError(SPACE_SOURCE, "space/app.py not found: run from a korad checkout")
    if output.exists() and any(output.iterdir()):
        raise InputError(output, "exists and is not empty; give a new --output folder")
    output.mkdir(parents=True, exist_ok=True)
    for name in SPACE_FILES:
        shutil.copy2(SPACE_SOURCE / name, output / name)
    write_card(SPACE_SOURCE / "README.md", output / "README.md", hardware, hub_ids(spec))
    for relative in space_files():
        (output / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(PACKAGE.parent / relative, output / relative)

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
