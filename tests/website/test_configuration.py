"""Start-up configuration: bad environment stops with a message naming the variable;
production settings pass Django's deployment checklist."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOOD_PRODUCTION_ENV = {
    "SECRET_KEY": "k" * 20 + "-production-secret-key-that-is-long-and-random-0123456789",
    "ALLOWED_HOSTS": "medvirk.example.no",
    "DATABASE_URL": "postgres://medvirk@db.example.no:5432/medvirk",
    "CREDENTIAL_SIGNING_KEYS": "prod-1:" + "A" * 43,
}


def run_django(settings_module, env_overrides, *args):
    # A clean environment: nothing from this test run (the browser tests set
    # DJANGO_ALLOW_ASYNC_UNSAFE) may leak into the settings under test.
    inherited = {"PATH", "HOME", "LANG", "VIRTUAL_ENV", "PYTHONPATH"}
    env = {k: v for k, v in os.environ.items() if k in inherited}
    env.update(env_overrides)
    env["DJANGO_SETTINGS_MODULE"] = settings_module
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deployment_checklist_without_warnings():
    result = run_django(
        "website.settings.production",
        GOOD_PRODUCTION_ENV,
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"])
def test_production_without_a_required_variable_stops_and_names_it(missing):
    env = {k: v for k, v in GOOD_PRODUCTION_ENV.items() if k != missing}
    result = run_django("website.settings.production", env, "check")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert f"Miljøvariabelen {missing}" in result.stderr


@pytest.mark.parametrize(
    "bad_url", ["garbage", "mysqlx://host/db", "postgres://user@host:notaport/db", "postgres://"]
)
def test_an_unparsable_database_url_stops_start_up_and_names_the_variable(bad_url):
    result = run_django("website.settings.dev", {"DATABASE_URL": bad_url}, "check")
    assert result.returncode != 0
    assert "Miljøvariabelen DATABASE_URL" in result.stderr
    assert "Traceback" not in result.stderr.split("ImproperlyConfigured")[-1]


def test_a_malformed_boolean_names_its_variable():
    result = run_django("website.settings.dev", {"DEBUG": "kanskje"}, "check")
    assert result.returncode != 0
    assert "Miljøvariabelen DEBUG" in result.stderr


def test_the_first_run_defaults_to_a_sqlite_file_under_var():
    result = run_django(
        "website.settings.dev",
        {},
        "shell",
        "-c",
        "from django.conf import settings; d = settings.DATABASES['default'];"
        "print(d['ENGINE'], d['NAME'])",
    )
    assert result.returncode == 0, result.stderr
    engine, name = result.stdout.split()[-2:]
    assert engine == "django.db.backends.sqlite3"
    assert Path(name) == ROOT / "var" / "medvirk.sqlite3"


def test_smtp_is_used_once_an_email_host_is_configured():
    result = run_django(
        "website.settings.dev",
        {"EMAIL_HOST": "smtp.example.no", "EMAIL_PORT": "2525"},
        "shell",
        "-c",
        "from django.conf import settings; print(settings.EMAIL_BACKEND, settings.EMAIL_PORT)",
    )
    assert result.returncode == 0, result.stderr
    assert "django.core.mail.backends.smtp.EmailBackend 2525" in result.stdout


def test_the_site_speaks_norwegian_in_oslo_time():
    from django.conf import settings

    assert settings.LANGUAGE_CODE == "nb"
    assert settings.TIME_ZONE == "Europe/Oslo"
    assert settings.USE_TZ is True
