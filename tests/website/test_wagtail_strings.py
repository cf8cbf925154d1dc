"""Wagtail's own admin strings that its Norwegian catalogue lacks are Norwegian in ours
(website/wagtail_strings.py keeps them), and so are its workflow e-mails to reviewers
(issue 15)."""

import glob
from pathlib import Path

import polib
import pytest
import wagtail
from django.utils import translation

from website.wagtail_strings import WAGTAIL_STRINGS

WAGTAIL = Path(wagtail.__file__).parent


def wagtail_msgids():
    msgids = set()
    for path in glob.glob(
        str(WAGTAIL / "**" / "locale" / "en" / "LC_MESSAGES" / "django.po"), recursive=True
    ):
        msgids.update(entry.msgid for entry in polib.pofile(path))
    return msgids


def test_every_marked_string_is_one_wagtail_still_uses():
    """After a Wagtail upgrade, a string it reworded no longer matches: mark the new one."""
    missing = set(WAGTAIL_STRINGS) - wagtail_msgids()
    assert missing == set()


def test_every_marked_string_has_norwegian():
    with translation.override("nb"):
        untranslated = [
            msgid
            for msgid in WAGTAIL_STRINGS
            if translation.gettext(msgid) == msgid and msgid not in {"Status: "}
        ]
    assert untranslated == []


@pytest.mark.parametrize(
    ("english", "norwegian"),
    [
        ("Request changes", "Be om endringer"),
        ("Approve with comment", "Godkjenn med kommentar"),
        ("Go to the first error", "Gå til første feil"),
        ("You have <span>unsaved edits</span>", "Du har <span>endringer som ikke er lagret</span>"),
        ("Help", "Hjelp"),
        ("New: %(model_name)s", "Ny: %(model_name)s"),
        ("Cancel", "Avbryt"),
    ],
)
def test_the_strings_staff_noticed(english, norwegian):
    with translation.override("nb"):
        assert translation.gettext(english) == norwegian


def test_wagtails_typo_tiittel_is_gone():
    with translation.override("nb"):
        text = translation.gettext("The page title as you'd like it to be seen by the public")
    assert "Tiittel" not in text and text.startswith("Sidens tittel")


@pytest.mark.django_db
def test_the_admin_shows_them_in_norwegian(client, site_tree, admin_user):
    client.force_login(admin_user)
    html = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="nb").content.decode()
    assert "Hjelp" in html
    assert '"Help"' not in html
