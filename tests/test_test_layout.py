"""The test tree's own rules: test modules share builders through `tests/factories.py` and
helpers through `tests/helpers.py` (or a support module such as `tests/e2e/accessibility.py`),
never by importing another test module or a conftest."""

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent

# Imports that break the rule today, in files another engineer owns (the browser tests).
# Each one must still be there (the list only shrinks): move the helper into a support
# module, then delete its line here.
PENDING = set()


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


def imported_modules(path: Path) -> set[str]:
    """Every module `path` imports, as dotted names (relative imports resolved; for
    `from package import name` both `package` and `package.name`)."""
    package = module_name(path).rsplit(".", 1)[0]
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def is_test_module_or_conftest(dotted: str) -> bool:
    last = dotted.rsplit(".", 1)[-1]
    return dotted.startswith("tests.") and (last.startswith("test_") or last == "conftest")


def violations() -> set[tuple[str, str]]:
    found = set()
    for path in sorted(TESTS.rglob("*.py")):
        for dotted in imported_modules(path):
            if is_test_module_or_conftest(dotted) and dotted != module_name(path):
                found.add((str(path.relative_to(ROOT)), dotted))
    return found


def test_no_module_imports_a_test_module_or_a_conftest():
    new = violations() - PENDING
    assert not new, (
        "Import shared builders from tests/factories.py and helpers from tests/helpers.py, "
        f"not from another test module or a conftest: {sorted(new)}"
    )


def test_the_pending_list_only_lists_imports_still_there():
    gone = PENDING - violations()
    assert not gone, f"Fixed, so remove from PENDING in {Path(__file__).name}: {sorted(gone)}"


def test_the_checker_sees_each_kind_of_import(tmp_path, monkeypatch):
    package = TESTS / "cohorts"
    cases = {
        "from tests.cohorts.test_concurrency import run_concurrently": True,
        "from tests.cohorts import test_concurrency": True,
        "import tests.cohorts.test_concurrency": True,
        "from .test_concurrency import run_concurrently": True,
        "from . import conftest": True,
        "from ..conftest import organisations": True,
        "from tests.factories import make_gathering": False,
        "from tests.helpers import queries_for": False,
        "from tests.e2e.accessibility import assert_accessible": False,
    }
    for source, bad in cases.items():
        path = package / "test_layout_probe.py"
        monkeypatch.setattr(Path, "read_text", lambda self, source=source: source)
        found = {d for d in imported_modules(path) if is_test_module_or_conftest(d)}
        assert bool(found) is bad, source
