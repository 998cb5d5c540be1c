"""Dependencies point one way (DESIGN.md): the layers below never import the layers above.

Read from the source with ast, imports inside functions included, so a "lazy" import
cannot hide a dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Each app and the apps it must never import.
FORBIDDEN = {
    "config": {"accounts", "cooperation", "news", "portal", "dashboard", "api"},
    "accounts": {"cooperation", "news", "portal", "dashboard", "api"},
    "cooperation": {"news", "portal", "dashboard", "api"},
    "news": {"portal", "dashboard", "api"},
    "portal": {"dashboard", "api"},
    "api": {"portal", "dashboard"},
}
# The root URLconf wires the apps together, by design.
WIRING = {"config/urls.py"}


def imported_apps(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def sources(app: str) -> list[Path]:
    return [
        path
        for path in sorted((ROOT / app).rglob("*.py"))
        if str(path.relative_to(ROOT)) not in WIRING
    ]


@pytest.mark.parametrize("app", sorted(FORBIDDEN))
def test_an_app_never_imports_the_apps_above_it(app):
    wrong = {
        str(path.relative_to(ROOT)): sorted(imported_apps(path) & FORBIDDEN[app])
        for path in sources(app)
    }
    assert {path: apps for path, apps in wrong.items() if apps} == {}


def test_the_check_reads_lazy_imports(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from portal.cache import x\n")
    assert imported_apps(module) == {"portal"}
