"""No one else's personal data in what a coordinator (or a participant) can open: the pages
and exports each viewer may open, the search of a response's text (HTML, CSV, JSON, the XML
inside XLSX, the text of PDFs) and the other organisations' (other people's) values to look for.
"""

import html
import io
import re
import zipfile
from urllib.parse import quote

import pytest

from tests.authorization.data import NETWORK_CONTACT_PARTS, NETWORK_PROFILE_PARTS
from tests.authorization.harness import param_id

# Whose data each viewer may see: a coordinator their organisation's participants (design
# rule 6) and the network profiles of members visible network-wide; a participant only
# themselves; a network member themselves and the profile parts other members chose to show
# members; a service holding its request's link the contact of the members who accepted it
# (rule 11), nothing else.
LEAK_VIEWERS = {
    "coordinator_same": ("organisation", "MHU"),
    "coordinator_other": ("organisation", "BAR"),
    "participant": ("person", "MHU1"),
    "other_participant": ("person", "BAR1"),
    "member": ("member", "MHUMEM"),
    "service_requester": ("service", None),
}
LOGGED_IN_VIEWERS = tuple(role for role, (kind, _key) in LEAK_VIEWERS.items() if kind != "service")


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
        LOGGED_IN_VIEWERS,
        "get",
        lambda w, role: "/min-side/mine-data/?format=json",
        None,
    ),
    # Messages: the page a POST leads to, with the message it left. A tap with a bad status
    # for another organisation's participant at the door names them (they are on the list).
    "cohorts_admin_checkin_mark (message)": (
        ("coordinator_same",),
        "post-follow",
        lambda w, role: f"/admin/pameldinger/{w.gathering.pk}/innsjekk/marker/",
        lambda w: {"session": w.session.pk, "enrolment": w.enrolments["BAR1"].pk, "status": "x"},
    ),
    "cohorts_admin_invite_resend (message)": (
        ("coordinator_same",),
        "post-follow",
        lambda w, role: (
            f"/admin/pameldinger/{w.gathering.pk}/kalender/{w.people['MHU1'].pk}/send-igjen/"
        ),
        lambda w: {},
    ),
}

# Where a coordinator may see other organisations' members at all: at the door of a gathering
# they run, by name, those with a confirmed seat (design rule 6). Everywhere else (lists,
# reports, exports, the invites page) their own organisations' members only.
DOOR_PAGES = {
    "cohorts_admin_checkin",
    "cohorts_admin_checkin (session, search)",
    "cohorts_admin_signin_sheet",
    "cohorts_admin_checkin_mark (message)",
}


def names_network_wide_members(page):
    """Whether `page` may name another organisation's member who chose to be visible
    network-wide (the coordinators' matching: the network's pages, their URL names start with
    "network"); never with their organisation unless they chose to show it (they have not)."""
    return page.startswith("network")


# A public page for whoever holds the secret in its address: the verification page names the
# certificate's holder to anyone with the code (that is what it is for), never their organisation;
# so does the certificate's Open Badges credential at the same code (issue 19).
CAPABILITY_PAGES = {"certificate_verify", "certificate_credential"}


def leak_cases(rows):
    for role in LEAK_VIEWERS:
        for pid, row in rows.items():
            if row.expected_get(role) == 200:
                yield pytest.param(role, pid, id=f"{role}-{param_id(pid, 'get')}")
        for name, (viewers, *_rest) in EXTRA_PAGES.items():
            if role in viewers:
                yield pytest.param(role, name, id=f"{role}-{name}")


def body_bytes(response):
    return b"".join(response.streaming_content) if response.streaming else bytes(response.content)


_CSRF_TOKEN = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*"')


def comparable_bytes(response, path):
    """The body with the CSRF token blanked and the requested `path` written as `<path>`.
    Django masks the token afresh for every response (two answers to the very same request
    differ there), and a page that repeats the address it was asked for (the language
    switcher's return address) tells the client only what it sent."""
    content = _CSRF_TOKEN.sub(rb'\1"', body_bytes(response))
    for form in {path, quote(path, safe="")}:
        content = content.replace(form.encode(), b"<path>")
    return content


def body_text(response):
    content = body_bytes(response)
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


NETWORK_PROFILE_VALUES = {f"network_{part}" for part in NETWORK_PROFILE_PARTS}
NETWORK_CONTACT_VALUES = {f"network_{part}" for part in NETWORK_CONTACT_PARTS}


def may_see(w, role, label, field):
    """Whether `role` may be shown `label`'s value `field` (see LEAK_VIEWERS)."""
    kind, key = LEAK_VIEWERS[role]
    if kind == "organisation":
        own = w.organisation_of[label] == key
        return own or (label in w.network_wide and field in NETWORK_PROFILE_VALUES)
    if kind == "member":
        return label == key or field in w.members_see.get(label, ())
    if kind == "service":
        return label in w.contact_shared and field in NETWORK_CONTACT_VALUES
    return label == key


def foreign_values(w, role):
    """Every value of the people `role` must not see, as {"label.field": value}."""
    return {
        f"{label}.{field}": value
        for label, values in w.values.items()
        for field, value in values.items()
        if value and not may_see(w, role, label, field)
    }


# ----------------------------------------------------------------------------------------------
# Another organisation's member's organisation
# ----------------------------------------------------------------------------------------------

# Where one entry of a page ends (a table row, a list item, a paragraph, a heading): a name and
# an organisation in one entry belong together.
_HTML_ENTRY_END = re.compile(r"</(?:tr|li|p|h[1-6]|option|dt|dd|caption|title|summary)\s*>", re.I)


def entries(response):
    """The response's text cut into entries: a row of a CSV or XLSX file, a line of a PDF or a
    calendar, a row, list item or paragraph of a page."""
    content = body_bytes(response)
    if content.startswith(b"%PDF"):
        return body_text(response).splitlines()
    if content.startswith(b"PK"):
        from openpyxl import load_workbook

        sheet = load_workbook(io.BytesIO(content)).active
        return [
            ";".join("" if v is None else str(v) for v in row)
            for row in sheet.iter_rows(values_only=True)
        ]
    text = content.decode("utf-8", "replace")
    if not response.get("Content-Type", "").startswith("text/html"):
        return text.splitlines()
    return [html.unescape(re.sub(r"<[^>]+>", " ", part)) for part in _HTML_ENTRY_END.split(text)]


def foreign_members(w, role):
    """The people of organisations other than the coordinator `role`'s: label → (name, the
    organisation's short code and name, whether they hold a confirmed seat)."""
    _kind, own = LEAK_VIEWERS[role]
    return {
        label: (
            person.full_name,
            w.organisation_of[label],
            w.organisations[w.organisation_of[label]].name,
            label in w.enrolments and w.enrolments[label].state == "confirmed",
        )
        for label, person in w.people.items()
        if w.organisation_of[label] != own
    }


def organisation_shown(entries_, name, code, organisation_name):
    """The entries that hold `name` together with their organisation's code or name."""
    code_word = re.compile(rf"\b{re.escape(code)}\b")
    return [
        " ".join(entry.split())
        for entry in entries_
        if name in entry and (code_word.search(entry) or organisation_name in entry)
    ]
