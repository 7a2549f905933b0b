"""The house rules, read from the source (the AST, no import): no import cycle between dateline modules, a stage
reached only through its package face, SQL only in dateline/store/.

Imports count wherever they are written: at the top, inside functions, under `if TYPE_CHECKING:`.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator, Mapping
from pathlib import Path

DATELINE = Path(__file__).resolve().parent.parent / "dateline"

# Stage packages: other modules import them only through their face (`from dateline import places`), never a
# submodule (`from dateline.places.locate import ...`).
STAGES = ("clean", "times", "places", "actors", "events", "casualties", "quotes", "story", "nlp")
# The evaluation suites score what the product outputs: they reach neither into a stage nor into resolve.
EVALUATION_MAY_NOT_REACH_INTO = (*STAGES, "resolve")
STORE = "dateline.store"
# Modules outside the store allowed to run SQL, and why. The store benchmark times raw queries on the store's own
# tables (docs/storage.md); it runs nothing in the product.
SQL_ALLOWED_OUTSIDE_STORE = {"dateline.bench.store": "times raw queries on the store's tables"}

# Imports of another stage's submodule still in stage and evaluation code that other branches are fixing
# (issue 17), as (importer, imported). The lead empties this after merging them; nothing may be added to it.
PENDING_STAGE_FIXES: frozenset[tuple[str, str]] = frozenset()

# A statement of SQL in a string (upper-case keywords, as every query of dateline is written).
SQL_STATEMENT = re.compile(
    r"\bSELECT\b[\s\S]*\bFROM\b|\bINSERT\s+(?:OR\s+\w+\s+)?INTO\b|\bUPDATE\s+\w+\s+SET\b|\bDELETE\s+FROM\b"
    r"|\b(?:CREATE|DROP|ALTER)\s+(?:TABLE|VIEW|INDEX|SCHEMA|SEQUENCE)\b|\bCOPY\s*\(|\bBEGIN\s+TRANSACTION\b"
    r"|\bPRAGMA\b|\bATTACH\s+DATABASE\b"
)
# Methods that run SQL on a DuckDB connection or through the Store.
SQL_METHODS = frozenset({"execute", "executemany", "sql", "query", "fetch_dicts"})

type Sources = Mapping[str, tuple[str, bool]]  # module name -> (source text, is a package __init__)
type Graph = dict[str, set[str]]


def dateline_sources(root: Path = DATELINE) -> dict[str, tuple[str, bool]]:
    """Every module of the dateline package by its dotted name."""
    sources: dict[str, tuple[str, bool]] = {}
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root.parent).with_suffix("").parts
        if "node_modules" in parts:
            continue
        is_package = parts[-1] == "__init__"
        name = ".".join(parts[:-1] if is_package else parts)
        sources[name] = (path.read_text(encoding="utf-8"), is_package)
    return sources


def _imported_names(module: str, is_package: bool, node: ast.Import | ast.ImportFrom) -> Iterator[str]:
    """The dotted names an import statement asks for: `a.b` for `import a.b`, `a.b.c` for `from a.b import c`."""
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names)
        return
    base = node.module or ""
    if node.level:
        package = module.split(".") if is_package else module.split(".")[:-1]
        anchor = package[: len(package) - (node.level - 1)]
        base = ".".join([*anchor, *([node.module] if node.module else [])])
    for alias in node.names:
        yield f"{base}.{alias.name}"


def _owning_module(name: str, modules: Mapping[str, object]) -> str | None:
    """The module a dotted name lives in: itself when it is a module, else its longest prefix that is one."""
    while name not in modules and "." in name:
        name = name.rsplit(".", 1)[0]
    return name if name in modules else None


def import_graph(sources: Sources) -> Graph:
    """Module -> the dateline modules it imports (a submodule when one is named, else the package)."""
    graph: Graph = {}
    for module, (text, is_package) in sources.items():
        targets: set[str] = set()
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.Import | ast.ImportFrom):
                for name in _imported_names(module, is_package, node):
                    target = _owning_module(name, sources)
                    if target is not None and target != module:
                        targets.add(target)
        graph[module] = targets
    return graph


def import_cycles(graph: Graph) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for target in sorted(graph.get(module, ())):
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in on_stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            component: list[str] = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == module:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return sorted(cycles)


def _inside(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def face_violations(graph: Graph) -> set[tuple[str, str]]:
    """(importer, imported) where a module imports a submodule of a stage it is not part of, or an evaluation
    module imports a submodule of a stage or of resolve."""
    found: set[tuple[str, str]] = set()
    for module, targets in graph.items():
        evaluation = _inside(module, "dateline.evaluation")
        for target in targets:
            parts = target.split(".")
            if len(parts) < 3 or parts[0] != "dateline":
                continue
            package = f"dateline.{parts[1]}"
            guarded = EVALUATION_MAY_NOT_REACH_INTO if evaluation else STAGES
            if parts[1] in guarded and not _inside(module, package):
                found.add((module, target))
    return found


def _docstring_nodes(tree: ast.Module) -> set[int]:
    nodes: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                nodes.add(id(first.value))
    return nodes


def _string_text(node: ast.AST) -> str | None:
    """The text of a string literal; an f-string's replacement fields become "{}"."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(part.value if isinstance(part, ast.Constant) else "{}" for part in node.values)
    return None


def sql_uses(text: str) -> list[tuple[int, str]]:
    """(line, what) for every SQL statement written in a string and every call of a SQL-running method."""
    tree = ast.parse(text)
    skipped = _docstring_nodes(tree)
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            skipped.update(id(part) for part in node.values)  # read whole, below, not part by part
        string = _string_text(node) if id(node) not in skipped else None
        if string is not None and (match := SQL_STATEMENT.search(string)):
            found.append((getattr(node, "lineno", 0), f"SQL in a string: {match.group(0)[:40]!r}"))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in SQL_METHODS:
            found.append((node.lineno, f"calls .{node.func.attr}()"))
    return sorted(found)


# --- The rules, on dateline itself -------------------------------------------------------------------------------


def test_architecture_no_import_cycle() -> None:
    assert import_cycles(import_graph(dateline_sources())) == []


def test_architecture_stages_reached_through_their_package_face() -> None:
    leaks = face_violations(import_graph(dateline_sources())) - PENDING_STAGE_FIXES
    assert sorted(leaks) == [], "import the stage's package face instead (from dateline import places; places.x)"


def test_architecture_pending_stage_fixes_are_still_pending() -> None:
    fixed = PENDING_STAGE_FIXES - face_violations(import_graph(dateline_sources()))
    assert sorted(fixed) == [], "fixed: remove these from PENDING_STAGE_FIXES"


def test_architecture_sql_only_in_the_store() -> None:
    outside = {
        f"{module}:{line}: {what}"
        for module, (text, _is_package) in dateline_sources().items()
        if not _inside(module, STORE) and module not in SQL_ALLOWED_OUTSIDE_STORE
        for line, what in sql_uses(text)
    }
    assert sorted(outside) == []


def test_architecture_store_is_found_speaking_sql() -> None:
    """The SQL check sees the store's own queries (so an empty result elsewhere means something)."""
    store_uses = [
        use for module, (text, _) in dateline_sources().items() if _inside(module, STORE) for use in sql_uses(text)
    ]
    assert len(store_uses) > 20


# --- The checks themselves, on small made-up packages -----------------------------------------------------------


def test_architecture_cycle_found_through_an_import_inside_a_function() -> None:
    sources = {
        "dateline": ("", True),
        "dateline.a": ("from dateline import b\n", False),
        "dateline.b": ("def f():\n    from dateline.a import g\n", False),
        "dateline.c": ("import dateline.a\n", False),
    }
    assert import_cycles(import_graph(sources)) == [["dateline.a", "dateline.b"]]


def test_architecture_relative_and_type_checking_imports_count() -> None:
    sources = {
        "dateline": ("", True),
        "dateline.web": ("from . import app\n", True),
        "dateline.web.app": ("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .api import x\n", False),
        "dateline.web.api": ("from dateline.web.app import y\n", False),
    }
    graph = import_graph(sources)
    assert graph["dateline.web"] == {"dateline.web.app"}
    assert import_cycles(graph) == [["dateline.web.api", "dateline.web.app"]]


def test_architecture_face_violations() -> None:
    sources = {
        "dateline": ("", True),
        "dateline.places": ("from dateline.places.locate import is_street\n", True),
        "dateline.places.locate": ("from dateline.places.gazetteer import Gazetteer\n", False),
        "dateline.places.gazetteer": ("", False),
        "dateline.events": ("from dateline import places\nfrom dateline.places import locate\n", True),
        "dateline.resolve": ("", True),
        "dateline.resolve.score": ("", False),
        "dateline.evaluation": ("", True),
        "dateline.evaluation.gvc": (
            "from dateline.resolve.score import text_vector\nfrom dateline import resolve\n",
            False,
        ),
        "dateline.jobs": ("from dateline.resolve.score import text_vector\n", True),
    }
    assert face_violations(import_graph(sources)) == {
        ("dateline.events", "dateline.places.locate"),
        ("dateline.evaluation.gvc", "dateline.resolve.score"),
    }


def test_architecture_sql_found_in_strings_and_calls_not_in_docstrings() -> None:
    text = '''"""Reads rows: SELECT id FROM events (a docstring says so)."""
def f(con, table, columns):
    """DELETE FROM nothing: documentation."""
    con.execute(f"DELETE FROM {table} WHERE id = ?", [1])
    rows = f"SELECT {columns} FROM events"
    query = "INSERT OR REPLACE INTO links VALUES (?, ?)"
    note = "Select the town from the list."
'''
    assert sql_uses(text) == [
        (4, "SQL in a string: 'DELETE FROM'"),
        (4, "calls .execute()"),
        (5, "SQL in a string: 'SELECT {} FROM'"),
        (6, "SQL in a string: 'INSERT OR REPLACE INTO'"),
    ]
