"""The shape of the house: modules small enough to read whole, and no import circle among the
project's modules (``loaders -> graph -> api``, each package's modules in one direction)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("api", "graph", "loaders", "settings")
MAX_LINES = 400
#: Modules over the limit, each with the most lines it may have (it may shrink, not grow).
OVER_LIMIT: dict[str, int] = {}
#: Packages whose modules still import each other in a circle (through imports inside functions).
CIRCLES_ALLOWED_IN: tuple[str, ...] = ()


def modules() -> dict[str, Path]:
    """Every module of the project's packages, by dotted name."""
    found: dict[str, Path] = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The project modules ``name`` imports, at any depth of its code (an import inside a function
    is still a dependency)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            targets = [f"{module}.{a.name}" for a in node.names] + [module]
        else:
            continue
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                out.add(target)
    return out


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The import circles of ``graph`` (Tarjan's strongly connected components of two or more)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_cycles_finds_a_circle_and_only_a_circle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


@pytest.mark.parametrize("name,path", sorted(modules().items()))
def test_module_is_under_the_line_limit(name: str, path: Path) -> None:
    rel = path.relative_to(ROOT).as_posix()
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= OVER_LIMIT.get(rel, MAX_LINES), f"{rel} has {lines} lines: split it by what it holds"


def test_no_import_circle_among_the_project_modules() -> None:
    found = modules()
    known = set(found)
    graph = {name: imports(name, path, known) for name, path in found.items()}
    # a package's __init__ re-exporting its modules is not a circle: its modules never import it
    for name in graph:
        graph[name] = {t for t in graph[name] if not name.startswith(t + ".")}
    found_cycles = [c for c in cycles(graph) if not all(m.startswith(CIRCLES_ALLOWED_IN) for m in c)]
    assert found_cycles == []


def test_layers_point_one_way() -> None:
    """``graph`` never imports ``api`` or ``loaders``; ``loaders`` never imports ``api``."""
    found = modules()
    known = set(found)
    for name, path in found.items():
        deps = {d.split(".")[0] for d in imports(name, path, known)}
        if name.startswith("graph"):
            assert not deps & {"api", "loaders"}, f"{name} imports {deps & {'api', 'loaders'}}"
        if name.startswith("loaders"):
            assert "api" not in deps, f"{name} imports api"
        if name.startswith("settings"):
            assert deps <= {"settings"}, f"{name} imports {deps}"
