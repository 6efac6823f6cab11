"""The layers of STYLE.md hold: cli -> workflows -> report -> inputs -> core, never back up,
and no module cycle, counting function-local imports (those under TYPE_CHECKING aside)."""

from __future__ import annotations

import ast
from pathlib import Path

import readout_diff

ROOT = Path(readout_diff.__file__).parent
ORDER = ["cli", "workflows", "report", "inputs", "core"]  # each imports only to its right


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = {
        id(n)
        for s in ast.walk(tree)
        if isinstance(s, ast.If) and "TYPE_CHECKING" in ast.unparse(s.test)
        for b in s.body
        for n in ast.walk(b)
    }
    found = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # `from pkg import submodule` is an arrow to the submodule, not to pkg/__init__
            subs = {f"{node.module}.{a.name}" for a in node.names} & MODULES
            found |= subs | ({node.module} if len(subs) < len(node.names) else set())
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
    return {m for m in found if m.split(".")[0] == "readout_diff"}


MODULES = {_module(p) for p in ROOT.rglob("*.py")}
GRAPH = {_module(p): _imports(p) for p in ROOT.rglob("*.py")}
EDGES = {m: {t for t in ts if t in GRAPH and t != m} for m, ts in GRAPH.items()}


def _layer(module: str) -> int:
    """The layer's rank (0 is cli); modules beside the packages (errors, exit_codes) are below
    them all; the package's __init__ and __main__ above them all (the public API, the entry)."""
    part = module.split(".")[1] if "." in module else ""
    top = module in ("readout_diff", "readout_diff.__main__")
    return ORDER.index(part) if part in ORDER else (-1 if top else len(ORDER))


def test_imports_point_down_the_layers() -> None:
    up = [f"{m} -> {t}" for m, ts in EDGES.items() for t in ts if _layer(t) < _layer(m)]
    assert not up, "imports against cli -> workflows -> report -> inputs -> core:\n" + "\n".join(
        sorted(up)
    )


def test_no_module_cycle() -> None:
    cycles, done = [], set()

    def visit(module: str, path: list[str]) -> None:
        if module in path:
            cycles.append(" -> ".join(path[path.index(module) :] + [module]))
        elif module not in done:
            for target in sorted(EDGES[module]):
                visit(target, path + [module])
            done.add(module)

    for module in sorted(EDGES):
        visit(module, [])
    assert not cycles, "import cycles:\n" + "\n".join(cycles)


def test_the_walk_sees_function_local_imports() -> None:
    """A guard for the two tests above: cli/compare.py imports the workflow inside its command."""
    assert "readout_diff.workflows.compare" in EDGES["readout_diff.cli.compare"]
