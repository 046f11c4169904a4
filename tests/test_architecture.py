"""Data flows one way (ingest -> graph -> api) and no module imports itself back.

Every `import` in ingest/, graph/ and api/ is read with ast, at any depth (an import inside a
function runs too, only later), and resolved to the project module it names: `from . import x`
names the submodule x where there is one, else the package. An import of a submodule is an edge
to that submodule only: Python initialises its parent packages first, but a package's own
__init__ importing its submodules is how packages are built, not a cycle.
"""
from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parents[1]
LAYERS = ("ingest", "graph", "api")       # each may import only itself and those before it


def _modules() -> dict[str, Path]:
    out = {}
    for top in LAYERS:
        for path in (ROOT / top).rglob("*.py"):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            out[".".join(parts)] = path
    return out


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[:len(anchor) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names]
        else:
            continue
        for t in targets:
            while t and t not in modules:          # `import graph.store.x` -> graph.store
                t = t.rpartition(".")[0]
            if t and t != name:
                found.add(t)
    return found


@pytest.fixture(scope="module")
def imports() -> nx.DiGraph:
    modules = _modules()
    g = nx.DiGraph()
    g.add_nodes_from(modules)
    for name, path in modules.items():
        g.add_edges_from((name, t) for t in _imports(name, path, modules))
    return g


def test_the_scan_sees_the_imports_it_should(imports):
    # a few edges known by hand, so that a scan that found nothing would fail here
    assert ("graph.build", "ingest.models") in imports.edges
    assert ("ingest.pipeline", "ingest.tables") in imports.edges
    assert ("ingest.tables.cells", "ingest.agencies") in imports.edges     # from ..agencies import
    assert ("api.server", "api.sparql") in imports.edges                    # from . import sparql
    assert imports.number_of_nodes() > 40


def test_no_upward_import(imports):
    rank = {top: i for i, top in enumerate(LAYERS)}
    upward = [(a, b) for a, b in imports.edges if rank[b.split(".")[0]] > rank[a.split(".")[0]]]
    assert upward == []


def test_no_cycle(imports):
    assert list(nx.simple_cycles(imports)) == []
