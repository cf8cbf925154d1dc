"""The bench scripts run with the command their docstring gives (issue 20).

Run as `.venv/bin/python bench/<name>.py`, Python puts bench/ first on sys.path, so a script
named like a standard-library module (bench/calendar.py did) or a top-level package of the
project shadows it for everything the script imports.
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = sorted(p for p in (ROOT / "bench").glob("*.py") if p.name != "__init__.py")


def test_no_bench_script_shadows_a_module_it_might_import():
    packages = {p.parent.name for p in ROOT.glob("*/__init__.py")}
    packages |= {p.parent.name for p in ROOT.glob("*/apps.py")}
    shadowing = [
        p.name
        for p in SCRIPTS
        if p.stem in sys.stdlib_module_names or p.stem in packages - {"bench"}
    ]
    assert SCRIPTS
    assert shadowing == []


def test_every_bench_script_documents_the_command_that_runs_it():
    runnable = [p for p in SCRIPTS if 'if __name__ == "__main__":' in p.read_text()]
    assert len(runnable) >= 5
    for script in runnable:
        text = script.read_text()
        assert f".venv/bin/python bench/{script.name}" in text, script.name


def test_every_bench_script_starts():
    """`--help` runs each script as its docstring says (bench/ first on sys.path) up to its
    argument parser: every import it makes at the top resolves (bench/coordinator.py imported a
    function bench/pages.py no longer had, and nothing noticed)."""
    runnable = [p for p in SCRIPTS if 'if __name__ == "__main__":' in p.read_text()]
    failed = []
    for script in runnable:
        answer = subprocess.run(
            [sys.executable, f"bench/{script.name}", "--help"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        if answer.returncode != 0 or "usage:" not in answer.stdout:
            failed.append(f"{script.name}: {answer.returncode}\n{answer.stderr[-2000:]}")
    assert not failed, "\n".join(failed)
