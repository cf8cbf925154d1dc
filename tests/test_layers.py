"""The layers run one way (design.md, docs/architecture.md): a module never imports from an
app above its own. This parses every module's imports — at the top and inside functions — so a
new backward import fails here, with the file and line named."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Lowest first. Apps on one floor do not import each other either.
LAYERS = [
    ("website",),
    ("people",),
    ("courses",),
    ("cohorts",),
    ("certificates",),
    ("evaluation", "network"),
    ("privacy",),
    ("demo",),
]
FLOOR = {app: floor for floor, apps in enumerate(LAYERS) for app in apps}


def modules():
    for app in FLOOR:
        folder = ROOT / app
        if folder.is_dir():
            for path in sorted(folder.rglob("*.py")):
                if "migrations" not in path.parts:
                    yield app, path


def imported_apps(tree, package):
    """(line, app, in_function) for every import of one of our apps in a module."""
    functions = {
        id(node)
        for func in ast.walk(tree)
        if isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef)
        for node in ast.walk(func)
    }
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: stays inside the app
                continue
            names = [node.module or ""]
        for name in names:
            top = name.split(".")[0]
            if top in FLOOR:
                yield node.lineno, top, id(node) in functions


def backward_imports():
    found = []
    for app, path in modules():
        tree = ast.parse(path.read_text(), filename=str(path))
        for line, target, _in_function in imported_apps(tree, app):
            if target != app and FLOOR[target] >= FLOOR[app]:
                found.append(f"{path.relative_to(ROOT)}:{line} imports {target}")
    return found


def test_no_module_imports_from_a_higher_layer():
    assert backward_imports() == []


def test_the_check_sees_a_backward_import(tmp_path):
    tree = ast.parse("def f():\n    from certificates.models import Certificate\n")
    assert list(imported_apps(tree, "cohorts")) == [(2, "certificates", True)]


def test_every_app_is_placed_in_a_layer():
    apps = {
        path.parent.name
        for path in ROOT.glob("*/apps.py")
        if (path.parent / "__init__.py").exists()
    }
    assert apps <= set(FLOOR), f"place these apps in LAYERS: {sorted(apps - set(FLOOR))}"


def test_the_architecture_document_lists_the_same_layers():
    text = (ROOT / "docs" / "architecture.md").read_text()
    block = text.split("<!-- layers -->")[1].split("<!-- /layers -->")[0]
    documented = [
        tuple(name.strip() for name in line.removeprefix("- ").split(","))
        for line in block.strip().splitlines()
    ]
    assert documented == LAYERS
