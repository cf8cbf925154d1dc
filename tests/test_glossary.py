"""The glossary (docs/glossary.md) and the Norwegian catalogue agree: every English text the
glossary lists translates to its Norwegian, no listed text uses a word the glossary says to
avoid, and «avlyst» is used only about gatherings (issue 15)."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

GLOSSARY = Path(settings.BASE_DIR) / "docs" / "glossary.md"
CATALOGUE = Path(settings.BASE_DIR) / "locale" / "nb" / "LC_MESSAGES" / "django.po"


def glossary_rows():
    rows = []
    in_terms = False
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            in_terms = line.strip() == "## Terms"
            continue
        if not in_terms or not line.startswith("|") or line.startswith("|---"):
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if cells[0] == "Norsk":
            continue
        norwegian, english, context, _meaning, avoid = cells
        rows.append(
            {
                "norwegian": norwegian,
                "msgids": re.findall(r"`([^`]+)`", english),
                "context": (re.findall(r"`([^`]+)`", context) or [None])[0],
                "avoid": re.findall(r"\*([^*]+)\*", avoid),
            }
        )
    return rows


ROWS = glossary_rows()


def translated(msgid, context):
    with translation.override("nb"):
        if context:
            return translation.pgettext(context, msgid)
        return translation.gettext(msgid)


def with_case_of(english, norwegian):
    """«samling» for `gathering`, «Samling» for `Gathering`."""
    if english[:1].isupper():
        return norwegian[:1].upper() + norwegian[1:]
    return norwegian[:1].lower() + norwegian[1:]


def catalogue_entries():
    return [
        entry
        for entry in polib.pofile(str(CATALOGUE))
        if not entry.obsolete and entry.msgstr and "fuzzy" not in entry.flags
    ]


def test_the_glossary_has_its_table():
    assert len(ROWS) >= 30
    assert all(row["msgids"] for row in ROWS)


@pytest.mark.parametrize(
    "row", ROWS, ids=[f"{row['msgids'][0]}|{row['context'] or ''}" for row in ROWS]
)
def test_each_glossary_term_is_how_the_catalogue_translates_it(row):
    known = {(entry.msgctxt, entry.msgid) for entry in catalogue_entries()}
    for msgid in row["msgids"]:
        # The glossary names texts the code uses: a term that no code uses any more is stale.
        assert (row["context"], msgid) in known, (row["context"], msgid)
        norwegian = translated(msgid, row["context"])
        assert norwegian == with_case_of(msgid, row["norwegian"]), (msgid, row["context"])
        for avoided in row["avoid"]:
            assert avoided.lower() not in norwegian.lower(), (msgid, avoided)


def test_avlyst_is_said_only_about_gatherings():
    """An application that is withdrawn or cancelled is «avmeldt»/«trukket»; «avlyst» means
    the event is called off."""
    wrong = [
        (entry.msgctxt, entry.msgid, entry.msgstr)
        for entry in catalogue_entries()
        if re.search(r"avlys", entry.msgstr, re.IGNORECASE)
        and entry.msgctxt != "gathering status"
        and not re.search(r"gathering", entry.msgid, re.IGNORECASE)
    ]
    assert wrong == []


def test_cancel_on_a_form_is_avbryt_and_meld_av_is_only_a_move_on_an_application():
    assert translated("Cancel", None) == "Avbryt"
    assert translated("Cancel", "leave a form") == "Avbryt"
    meld_av = [
        (entry.msgctxt, entry.msgid)
        for entry in catalogue_entries()
        if entry.msgstr.strip().lower() == "meld av"
    ]
    assert meld_av == [("move on an application", "Cancel")]


def test_an_application_and_a_gathering_are_cancelled_in_different_words():
    from cohorts.models import Enrolment, Gathering

    with translation.override("nb"):
        assert str(Enrolment.State.CANCELLED.label) == "Avmeldt"
        assert str(Gathering.Status.CANCELLED.label) == "Avlyst"
    with translation.override("en"):
        assert str(Enrolment.State.CANCELLED.label) == "Cancelled"
        assert str(Gathering.Status.CANCELLED.label) == "Cancelled"
