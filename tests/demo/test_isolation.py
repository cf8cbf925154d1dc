"""The demo is development only: production apps hold no demo content, import nothing from
`demo`, and production's settings do not install it."""

import ast
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def production_apps():
    """Every app of ours but the demo: a folder at the root with an apps.py."""
    return sorted(
        path.parent
        for path in ROOT.glob("*/apps.py")
        if (path.parent / "__init__.py").exists() and path.parent.name != "demo"
    )


def python_files(folder):
    return [path for path in folder.rglob("*.py") if "migrations" not in path.parts]


def imports_demo(path) -> list[int]:
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and not node.level:
            names = [node.module or ""]
        else:
            continue
        if any(name == "demo" or name.startswith("demo.") for name in names):
            lines.append(node.lineno)
    return lines


def test_there_are_production_apps_to_check():
    names = {folder.name for folder in production_apps()}
    assert {"website", "people", "courses", "cohorts", "certificates"} <= names


def test_no_module_outside_the_demo_imports_it():
    found = [
        f"{path.relative_to(ROOT)}:{line}"
        for folder in [*production_apps(), ROOT / "scripts"]
        for path in python_files(folder)
        for line in imports_demo(path)
    ]
    assert found == []


def test_the_check_sees_an_import_of_the_demo(tmp_path):
    module = tmp_path / "module.py"
    module.write_text("def f():\n    from demo.content import people\n")
    assert imports_demo(module) == [2]


def test_no_production_app_has_demo_modules_or_demo_content():
    from demo import content

    assert not [
        path.relative_to(ROOT)
        for folder in production_apps()
        for path in folder.rglob("*.py")
        if path.stem.startswith("demo")
    ]
    # The demo's texts and people live in demo/data/ only.
    samples = [content.site()["home"]["nb"]["intro"][:60]]
    samples += [course["nb"]["summary"][:60] for course in content.courses()]
    samples += [
        module["summary"][:60] for course in content.courses() for module in course["modules"]
    ]
    samples += [person["name"] for person in content.participants()]
    samples += [person["email"] for person in content.participants()]
    for folder in production_apps():
        for path in folder.rglob("*"):
            if path.suffix in {".py", ".html", ".txt"} and "migrations" not in path.parts:
                text = path.read_text(encoding="utf-8")
                assert not [s for s in samples if s in text], path.relative_to(ROOT)


def run_python(settings_module, code):
    # A clean environment: nothing from this test run may leak into the settings under test.
    inherited = {"PATH", "HOME", "LANG", "VIRTUAL_ENV", "PYTHONPATH"}
    env = {k: v for k, v in os.environ.items() if k in inherited}
    env.update(
        DJANGO_SETTINGS_MODULE=settings_module,
        SECRET_KEY="k" * 20 + "-production-secret-key-that-is-long-and-random-0123456789",
        ALLOWED_HOSTS="medvirk.example.no",
        CREDENTIAL_SIGNING_KEYS="prod-1:" + "A" * 43,
        DATABASE_URL="postgres://medvirk@db.example.no:5432/medvirk",
    )
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_production_does_not_install_the_demo_and_has_no_load_demo():
    code = (
        "import django; django.setup()\n"
        "from django.conf import settings\n"
        "from django.core.management import get_commands\n"
        "print('demo' in settings.INSTALLED_APPS, 'load_demo' in get_commands())\n"
    )
    production = run_python("website.settings.production", code)
    assert production.returncode == 0, production.stderr
    assert production.stdout.split() == ["False", "False"]
    development = run_python("website.settings.dev", code)
    assert development.returncode == 0, development.stderr
    assert development.stdout.split() == ["True", "True"]
