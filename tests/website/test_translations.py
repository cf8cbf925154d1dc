"""Every user-facing text has its Norwegian translation; catalogues are compiled."""

from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parents[2] / "locale"


@pytest.mark.parametrize("language", ["nb", "en"])
def test_catalogue_exists_and_is_compiled(language):
    po = LOCALE / language / "LC_MESSAGES" / "django.po"
    mo = po.with_suffix(".mo")
    assert po.exists()
    assert mo.exists(), "run `make setup` or `make test`: they compile the translations"
    assert mo.stat().st_mtime >= po.stat().st_mtime - 1, "the .mo file is older than the .po file"


def test_every_norwegian_text_is_translated_and_none_is_fuzzy():
    catalogue = polib.pofile(str(LOCALE / "nb" / "LC_MESSAGES" / "django.po"))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert untranslated == []
    assert fuzzy == []
    assert len(catalogue.translated_entries()) > 0


def test_the_catalogue_matches_the_code(tmp_path):
    """A text added in code or templates without `make messages` would show in English."""
    import shutil
    import subprocess
    import sys

    root = LOCALE.parent
    work = tmp_path / "project"
    shutil.copytree(
        root,
        work,
        ignore=shutil.ignore_patterns(".venv", "var", ".git", "node_modules", "__pycache__"),
    )
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "--locale",
            "nb",
            "--no-obsolete",
            "--ignore",
            "tests/*",
            "--ignore",
            "bench/*",
        ],
        cwd=work,
        check=True,
        capture_output=True,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "website.settings.test"},
    )
    fresh = polib.pofile(str(work / "locale" / "nb" / "LC_MESSAGES" / "django.po"))
    committed = polib.pofile(str(LOCALE / "nb" / "LC_MESSAGES" / "django.po"))
    missing = {entry.msgid for entry in fresh} - {entry.msgid for entry in committed}
    assert missing == set(), "run `make messages` and translate the new texts"
