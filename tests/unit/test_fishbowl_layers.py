"""The fishbowl package's layers: no Qt under kiosk.core, no import circle inside the package.

Read from the source (every import, those inside functions and ``TYPE_CHECKING`` included), so a
circle hidden behind a late import fails here even though it would import fine.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

from tests.conftest import REPO

CORE = REPO / "kiosk" / "core"
PACKAGE = CORE / "fishbowl"


def imported_modules(path: Path) -> set[str]:
    """The absolute names of the modules ``path`` imports (``from a.b import c`` gives a.b and
    a.b.c: c may be a module)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}: a relative import"
            assert node.module is not None
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_no_module_under_kiosk_core_imports_qt() -> None:
    sources = sorted(CORE.rglob("*.py"))
    assert PACKAGE / "session.py" in sources
    for path in sources:
        qt = {name for name in imported_modules(path) if name.split(".")[0] == "PySide6"}
        assert not qt, f"{path.relative_to(REPO)} imports {sorted(qt)}"


def test_importing_all_of_kiosk_core_loads_no_qt() -> None:
    """What the source check cannot see: a module outside kiosk.core that pulls Qt in."""
    code = (
        "import importlib, pkgutil, sys, kiosk.core\n"
        "for m in pkgutil.walk_packages(kiosk.core.__path__, 'kiosk.core.'):\n"
        "    importlib.import_module(m.name)\n"
        "print(sorted(n for n in sys.modules if n.startswith('kiosk.core.fishbowl.')))\n"
        "print(sorted(n for n in sys.modules if n.split('.')[0] == 'PySide6'))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert run.returncode == 0, run.stderr
    loaded, qt = run.stdout.splitlines()
    assert "kiosk.core.fishbowl.session" in loaded
    assert qt == "[]"


def test_the_fishbowl_modules_import_each_other_without_a_circle() -> None:
    modules = {p.stem: p for p in PACKAGE.glob("*.py") if p.stem != "__init__"}
    assert {"session", "config", "snapshot", "store", "export"} <= set(modules)
    graph = {
        name: {
            dep.rsplit(".", 1)[1]
            for dep in imported_modules(path)
            if dep.startswith("kiosk.core.fishbowl.") and dep.rsplit(".", 1)[1] in modules
        }
        for name, path in modules.items()
    }
    assert "snapshot" in graph["session"] and "session" in graph["store"]  # the edges are seen
    try:
        TopologicalSorter(graph).prepare()
    except CycleError as exc:
        raise AssertionError(f"an import circle: {' -> '.join(exc.args[1])}") from None


def test_the_package_init_is_only_a_docstring() -> None:
    """Every import names the module that defines the name: nothing is re-exported."""
    body = ast.parse((PACKAGE / "__init__.py").read_text(encoding="utf-8")).body
    assert len(body) == 1
    assert isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant)
    assert isinstance(body[0].value.value, str)
