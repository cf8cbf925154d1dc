"""No one else's personal data in what a coordinator (or a participant) can open: the pages
and exports each viewer may open, the search of a response's text (HTML, CSV, JSON, the XML
inside XLSX, the text of PDFs) and the other organisations' (other people's) values to look for.
"""

import html
import io
import re
import zipfile

import pytest

from tests.authorization.harness import param_id

# Whose data each viewer may see: a coordinator their organisation's participants (design
# rule 6), a participant only themselves.
LEAK_VIEWERS = {
    "coordinator_same": ("organisation", "MHU"),
    "coordinator_other": ("organisation", "BAR"),
    "participant": ("person", "MHU1"),
    "other_participant": ("person", "BAR1"),
}


def _bulk_confirmation(w):
    # The confirmation page of a bulk decision, with every applicant of every organisation
    # ticked (the second step, `confirmed=yes`, is never sent).
    return {"decision": "reject", "enrolment": [e.pk for e in w.enrolments.values()]}


def _own_feed(w, role):
    return f"/kalender/{w.coordinator_feeds[role]}.ics"


# Pages and exports the matrix does not GET as such: name → (viewers, method, url, data).
EXTRA_PAGES = {
    "cohorts_admin_export (xlsx)": (
        ("coordinator_same", "coordinator_other"),
        "get",
        lambda w, role: f"/admin/pameldinger/{w.gathering.pk}/eksport.xlsx",
        None,
    ),
    "cohorts_admin_bulk (confirmation page)": (
        ("coordinator_same", "coordinator_other"),
        "post",
        lambda w, role: f"/admin/pameldinger/{w.gathering.pk}/samlet/",
        _bulk_confirmation,
    ),
    "personal_feed (own)": (("coordinator_same", "coordinator_other"), "get", _own_feed, None),
    "cohorts_admin_attendance (csv)": (
        ("coordinator_same",),
        "get",
        lambda w, role: f"/admin/pameldinger/{w.gathering.pk}/oppmote/?format=csv",
        None,
    ),
    "cohorts_admin_attendance (xlsx)": (
        ("coordinator_same",),
        "get",
        lambda w, role: f"/admin/pameldinger/{w.gathering.pk}/oppmote/?format=xlsx",
        None,
    ),
    "cohorts_admin_checkin (session, search)": (
        ("coordinator_same",),
        "get",
        lambda w, role: (
            f"/admin/pameldinger/{w.gathering.pk}/innsjekk/?okt={w.session.pk}&q=Deltaker"
        ),
        None,
    ),
    "my_data (json)": (
        tuple(LEAK_VIEWERS),
        "get",
        lambda w, role: "/min-side/mine-data/?format=json",
        None,
    ),
}


def leak_cases(rows):
    for role in LEAK_VIEWERS:
        for pid, row in rows.items():
            if row.expected_get(role) == 200:
                yield pytest.param(role, pid, id=f"{role}-{param_id(pid, 'get')}")
        for name, (viewers, *_rest) in EXTRA_PAGES.items():
            if role in viewers:
                yield pytest.param(role, name, id=f"{role}-{name}")


def body_text(response):
    content = (
        b"".join(response.streaming_content) if response.streaming else bytes(response.content)
    )
    if content.startswith(b"%PDF"):
        from pypdf import PdfReader

        return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages)
    if content.startswith(b"PK"):  # XLSX: search the XML parts (shared strings, sheets)
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return "\n".join(
                archive.read(name).decode("utf-8", "replace")
                for name in archive.namelist()
                if name.endswith(".xml")
            )
    return content.decode("utf-8", "replace")


def squash(text):
    return re.sub(r"\s+", "", html.unescape(text)).lower()


def foreign_values(w, role):
    """Every value of the people `role` must not see, as {"label.field": value}."""
    kind, key = LEAK_VIEWERS[role]
    return {
        f"{label}.{field}": value
        for label, values in w.values.items()
        if (w.organisation_of[label] if kind == "organisation" else label) != key
        for field, value in values.items()
        if value
    }
