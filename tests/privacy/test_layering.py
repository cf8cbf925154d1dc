"""Privacy sits on top of the apps it serves (design.md): nothing below imports it, and it
takes only from the layers below. tests/test_layers.py checks every app; this one names what
moved here from cohorts and website, so a copy left behind fails too."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BELOW = ("website", "people", "courses", "cohorts", "certificates", "evaluation", "network")
MOVED = [
    "cohorts/personal_data.py",
    "cohorts/services/erasure.py",
    "cohorts/services/retention.py",
    "cohorts/views/retention.py",
    "website/statements.py",
]


def imported_apps(path):
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            yield node.module.split(".")[0]


def modules(app):
    return [p for p in sorted((ROOT / app).rglob("*.py")) if "migrations" not in p.parts]


def test_nothing_below_privacy_imports_it():
    found = [
        str(path.relative_to(ROOT))
        for app in BELOW
        if (ROOT / app).is_dir()
        for path in modules(app)
        if "privacy" in set(imported_apps(path))
    ]
    assert found == []


def test_privacy_imports_only_from_the_layers_below():
    ours = {*BELOW, "privacy", "demo"}
    found = [
        f"{path.relative_to(ROOT)} imports {app}"
        for path in modules("privacy")
        for app in imported_apps(path)
        if app in ours and app not in (*BELOW, "privacy")
    ]
    assert modules("privacy") and found == []


def test_what_moved_is_gone_from_where_it_was():
    assert [name for name in MOVED if (ROOT / name).exists()] == []
    tasks = ast.parse((ROOT / "cohorts" / "tasks.py").read_text())
    names = {node.name for node in tasks.body if isinstance(node, ast.FunctionDef)}
    assert "apply_retention" not in names
