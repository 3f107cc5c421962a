"""The layers import one way only (README, "Architecture"), and no module imports in a circle.

Read from the source with `ast`, every import counted (also those under `TYPE_CHECKING` or
inside a function), so a circle cannot hide from these tests the way it hides from Python.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.helpers import ROOT

# Top to bottom; each layer may import only its own and the layers below it.
LAYERS = ("app_pages", "components", "drafting", "storage", "core")
# Inside core, bottom to top; a module may import its own rank and the ranks below it.
CORE_RANKS = (
    ("core.vocabulary", "core.problems", "core.dates", "core.text", "core.jobs"),
    ("core.model", "core.files", "core.mentions"),
    ("core.checks", "core.classroom", "core.state", "core.classwork"),
    ("core.bundle", "core.validate", "core.analysis", "core.publish", "core.archive", "core.rows"),
    ("core.markup", "core.timeline"),
    ("core.page",),
)
# What the reader must start without: the drafting engine and its NLP stack.
NOT_FOR_THE_READER = ("drafting", "spacy", "trafilatura", "dateparser", "htmldate")


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _sources() -> dict[str, Path]:
    """Every module of the app by dotted name ('app' for app.py, 'app_pages.x' for a page)."""
    found = {"app": ROOT / "app.py"}
    for folder in LAYERS:
        for path in sorted((ROOT / folder).rglob("*.py")):
            found[_module_name(path)] = path
    return found


SOURCES = _sources()


def _imports(path: Path) -> set[str]:
    """Every module `path` imports, by dotted name (`from a import b` counts as a.b if that is
    a module of the app, else as a)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                names.add(submodule if submodule in SOURCES else node.module)
    return names


IMPORTS = {name: _imports(path) for name, path in SOURCES.items()}


def _layer(module: str) -> int | None:
    """0 for app.py and app_pages, then components, drafting, storage, core; None outside."""
    top = module.split(".")[0]
    if top == "app":
        return 0
    return LAYERS.index(top) if top in LAYERS else None


def _core_rank(module: str) -> int:
    return next(n for n, rank in enumerate(CORE_RANKS) for m in rank if _within(module, m))


def _within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def test_the_layers_are_known():
    assert {"app", "core.page", "core.markup.escaping", "components.data"} <= set(SOURCES)
    for module in SOURCES:
        if module.startswith("core."):
            assert _core_rank(module) is not None, f"{module} needs a rank in CORE_RANKS"


@pytest.mark.parametrize("module", sorted(SOURCES))
def test_no_module_imports_a_layer_above_its_own(module):
    own = _layer(module)
    upward = [name for name in IMPORTS[module] if _layer(name) is not None and _layer(name) < own]
    assert not upward, f"{module} imports {upward}, which sit above it"


@pytest.mark.parametrize("module", sorted(m for m in SOURCES if m.startswith("core")))
def test_core_imports_no_streamlit_and_only_downward_inside(module):
    assert not any(_within(name, "streamlit") for name in IMPORTS[module]), module
    if module == "core":
        return
    own = _core_rank(module)
    upward = [
        name for name in IMPORTS[module] if name.startswith("core.") and _core_rank(name) > own
    ]
    assert not upward, f"{module} imports {upward}, which build on it"


def _closure(start: str) -> set[str]:
    seen, todo = set(), [start]
    while todo:
        module = todo.pop()
        if module in seen:
            continue
        seen.add(module)
        todo += [name for name in IMPORTS.get(module, ()) if name in SOURCES]
        todo += [parent for parent in _parents(module) if parent in SOURCES]
    return seen


def _parents(module: str) -> list[str]:
    parts = module.split(".")
    return [".".join(parts[:n]) for n in range(1, len(parts))]


@pytest.mark.parametrize("start", ["app", "app_pages.read"])
def test_the_reader_starts_without_the_drafting_engine(start):
    reached = _closure(start)
    everything = {name for module in reached for name in IMPORTS[module]} | reached
    banned = [n for n in everything if any(_within(n, ban) for ban in NOT_FOR_THE_READER)]
    assert not banned, f"{start} reaches {banned}"


def test_no_module_imports_in_a_circle():
    state: dict[str, str] = {}

    def visit(module: str, path: list[str]) -> None:
        state[module] = "open"
        for name in sorted(IMPORTS[module]):
            if name not in SOURCES or name == module or _within(module, name):
                continue  # a package's own __init__ is not a circle
            if state.get(name) == "open":
                pytest.fail("import circle: " + " -> ".join([*path, module, name]))
            if name not in state:
                visit(name, [*path, module])
        state[module] = "done"

    for module in sorted(SOURCES):
        if module not in state:
            visit(module, [])


def test_the_benchmarks_import_nothing_from_the_tests():
    for path in sorted((ROOT / "bench").rglob("*.py")):
        imported = _imports(path)
        assert not [name for name in imported if _within(name, "tests")], path
