"""The shape of the library: no import circles, each chat default written once, doctests that run."""

import ast
import doctest
import importlib
from pathlib import Path

import pytest
from conftest import ROOT

from korad.chat.options import BackendSpec

PACKAGE = ROOT / "korad"


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_main_block(node: ast.AST) -> bool:
    """``if __name__ == "__main__":`` runs the file as ``__main__``, a module no one imports."""
    return (
        isinstance(node, ast.If)
        and isinstance(node.test, ast.Compare)
        and isinstance(node.test.left, ast.Name)
        and node.test.left.id == "__name__"
    )


def _is_type_checking(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def imports_of(path: Path, modules: set[str]) -> set[str]:
    """The korad modules ``path`` imports, at module level or inside functions (lazy imports count)."""
    found: set[str] = set()
    here = module_name(path)
    package = here if path.name == "__init__.py" else here.rpartition(".")[0]

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if _is_main_block(child) or _is_type_checking(child):
                continue
            if isinstance(child, ast.Import):
                found.update(alias.name for alias in child.names)
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:  # relative: from the package, level - 1 packages up
                    parts = package.split(".")
                    base = ".".join(parts[: len(parts) - (child.level - 1)] + ([base] if base else []))
                found.add(base)
                found.update(f"{base}.{alias.name}" for alias in child.names)
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    resolved = set()
    for name in found:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        if name and name != here:
            resolved.add(name)
    return resolved


def import_graph() -> dict[str, set[str]]:
    paths = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    modules = set(paths)
    # importing a.b.c runs a/__init__ and a/b/__init__ first: a package's own modules are its edges too
    return {name: imports_of(path, modules) for name, path in paths.items()}


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan)."""
    index, low, stack, on_stack, groups = {}, {}, [], set(), []

    def strong(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                strong(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            strong(node)
    return groups


def test_the_circle_finder_finds_a_planted_circle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert circles(graph) == [["a", "b", "c"]]
    assert circles({"a": {"b"}, "b": set()}) == []


def test_no_import_circles_in_korad():
    graph = import_graph()
    assert "korad.chat.options" in graph["korad.chat.backends"]  # the graph sees real edges
    assert circles(graph) == []


GENERATION_DEFAULTS = ("max_new_tokens", "temperature")
"""Chat and generation options whose default lives only in ``BackendSpec`` (korad/chat/options.py)."""


def _literal(node: ast.AST | None) -> bool:
    """A written value (``None`` means "not set here": the value comes from elsewhere)."""
    return isinstance(node, ast.Constant) and node.value is not None


def literal_defaults(path: Path, root: Path = ROOT) -> list[str]:
    """``name=<literal>`` defaults of the generation options: parameters, fields, ``default=`` arguments."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.arguments):
            params = node.posonlyargs + node.args
            pairs = list(zip(params[len(params) - len(node.defaults) :], node.defaults, strict=True))
            pairs += [(a, d) for a, d in zip(node.kwonlyargs, node.kw_defaults, strict=True) if d is not None]
            found += [
                f"{a.arg}={ast.unparse(d)}"
                for a, d in pairs
                if a.arg in GENERATION_DEFAULTS and _literal(d)
            ]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            value = node.value
            if isinstance(value, ast.Call):  # field(default=...)
                value = next((k.value for k in value.keywords if k.arg == "default"), None)
            if node.target.id in GENERATION_DEFAULTS and _literal(value):
                found.append(f"{node.target.id}={ast.unparse(value)}")
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            flag = str(node.args[0].value).lstrip("-").replace("-", "_")
            if flag in GENERATION_DEFAULTS and any(k.arg == "default" for k in node.keywords):
                found.append(f"add_argument({node.args[0].value!r}, default=...)")
    return [f"{path.relative_to(root)}: {item}" for item in found]


def test_each_chat_generation_default_is_written_once():
    options = PACKAGE / "chat" / "options.py"
    # the chat's users; the seq2seq translator's max_new_tokens (datasets_builder) is an option of its own
    folders = ("korad/chat", "korad/eval", "korad/hub", "korad/commands", "space", "eval", "benchmarks")
    sources = [p for folder in folders for p in (ROOT / folder).rglob("*.py")] + list(PACKAGE.glob("*.py"))
    repeated = [hit for path in sources if path != options for hit in literal_defaults(path)]
    assert repeated == []
    assert literal_defaults(options) == [
        "korad/chat/options.py: max_new_tokens=256",
        "korad/chat/options.py: temperature=0.0",
    ]
    from korad.chat.local_model import TransformersBackend
    from korad.chat.remote import OpenAIBackend

    for backend in (TransformersBackend, OpenAIBackend):
        defaults = backend.__init__.__defaults__
        assert BackendSpec.max_new_tokens in defaults and BackendSpec.temperature in defaults


def test_the_default_finder_sees_a_repeated_default(tmp_path):
    planted = tmp_path / "planted.py"
    planted.write_text(
        "def answer(q, max_new_tokens=256, *, temperature=0.0):\n    pass\n"
        "class Options:\n    temperature: float = field(default=0.7)\n"
        "class Override:\n    temperature: float | None = None  # not set: the model's own\n"
    )
    assert sorted(literal_defaults(planted, tmp_path)) == [
        "planted.py: max_new_tokens=256",
        "planted.py: temperature=0.0",
        "planted.py: temperature=0.7",
    ]


DOCTEST_MODULES = sorted(
    module_name(p)
    for p in PACKAGE.rglob("*.py")
    if ">>> " in p.read_text(encoding="utf-8") and "testing" not in p.parts
)


@pytest.mark.parametrize("name", DOCTEST_MODULES)
def test_doctests(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0, f"{name}: {result.failed} of {result.attempted} examples failed"


def test_pyproject_declares_the_requirements():
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]

    def requirements(path: Path) -> set[str]:
        lines = (line.split("#")[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
        return {line.replace(" ", "") for line in lines if line and not line.startswith("-r")}

    extras = project["optional-dependencies"]
    declared = set(project["dependencies"]) | {r for name in ("train", "space", "eval", "review") for r in extras[name]}
    assert declared == requirements(ROOT / "requirements.txt")
    assert set(extras["dev"]) == requirements(ROOT / "requirements-dev.txt")
    assert project["license"] == "Apache-2.0" and "Apache License" in (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert project["scripts"] == {"korad": "korad.cli:main"}


ANSWER_LAYERS = (
    *("wording", "facts", "quotes", "nothing_new", "latest", "priors", "measures", "appearance", "readings"),
    *("bones", "heart", "comparison", "report_words", "normal", "recurrence"),
    *("presence", "sides", "urgency", "normality", "fitness", "attributes", "change", "devices", "leads", "counts"),
    *("cause", "next_steps", "certainty", "communication", "meaning", "summary", "related", "named_change"),
    *("contagion", "side_contents", "organ", "explained"),
)
"""The grounded backend's answer modules (korad/chat/answers/), lowest first: each imports only those before it."""


def test_the_answer_modules_import_only_the_layers_below():
    graph = import_graph()
    package = "korad.chat.answers"
    modules = sorted(m for m in graph if m.startswith(package + "."))
    assert modules == sorted(f"{package}.{name}" for name in ANSWER_LAYERS)  # each module is placed
    upward = [
        f"{name} imports {target}"
        for i, name in enumerate(ANSWER_LAYERS)
        for target in sorted(graph[f"{package}.{name}"])
        if target.startswith(package + ".") and ANSWER_LAYERS.index(target.rpartition(".")[2]) >= i
    ]
    assert upward == []
    assert not graph[package]  # the package itself imports nothing
