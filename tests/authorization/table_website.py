"""The matrix's rows for the website app: health, the favicon, Wagtail's pages, and the admin
viewsets for the audit log (administrators read it; nobody writes) and outgoing e-mail
(administrators read it and send failed ones again).

To add a URL: one entry here, keyed by the pattern's name (with namespace) or, unnamed, its
route; see `harness.Row`. A refused role gets 404 (`REFUSED`), as if the page did not exist.
"""

from tests.authorization import states
from tests.authorization.harness import (
    ADMIN_GATE,
    ADMINISTRATOR_ONLY,
    NOBODY,
    NOT_FOUND,
    PUBLIC,
    REDIRECT,
    REFUSED,
    UNCHANGED_LOGIN,
    UNCHANGED_REFUSED,
    Row,
    cells,
    post,
)


def _refused_everyone_in_the_admin(data, state):
    """A POST that every role with admin access is refused, administrators included."""
    return post(
        data,
        state,
        anonymous=UNCHANGED_LOGIN,
        participants=UNCHANGED_LOGIN,
        editorial=UNCHANGED_REFUSED,
        coordinators=UNCHANGED_REFUSED,
        administrator=UNCHANGED_REFUSED,
    )


# A background job (website/jobs.py): whoever started it, and administrators.
JOB_OWNER = cells(REFUSED, **ADMIN_GATE, coordinator_same=200, administrator=200)

ROWS = {
    # Open to everyone; 503 is the health verdict (say, a migration not yet run), not a refusal.
    "health": Row("/helse/", cells((200, 503))),
    "favicon.ico": Row("/favicon.ico", cells(301)),
    "robots_txt": Row("/robots.txt", PUBLIC),
    "sitemap": Row("/sitemap.xml", PUBLIC),
    "language_choose": Row("/i18n/en/?next=/program/", cells(REDIRECT)),  # sets the cookie
    r"^((?:[\w\-]+/)*)$": Row("/", PUBLIC),  # Wagtail pages, via serve_page
    # --- background jobs: whoever started one (the MHU coordinator here) and administrators --
    "job_status": Row(
        "/admin/jobber/{job}/",
        JOB_OWNER,
    ),
    "job_file": Row(
        "/admin/jobber/{job}/fil/",
        JOB_OWNER,
    ),
    # --- the audit log (administrators read it; nobody writes) --------------------------------
    "audit_log:index": Row("/admin/revisjonslogg/", ADMINISTRATOR_ONLY),
    "audit_log:index_results": Row("/admin/revisjonslogg/results/", ADMINISTRATOR_ONLY),
    "audit_log:inspect": Row("/admin/revisjonslogg/inspect/{audit}/", ADMINISTRATOR_ONLY),
    "audit_log:history": Row("/admin/revisjonslogg/history/{audit}/", NOBODY),
    "audit_log:history_results": Row("/admin/revisjonslogg/history-results/{audit}/", NOBODY),
    "audit_log:usage": Row("/admin/revisjonslogg/usage/{audit}/", NOBODY),
    "audit_log:add": Row(
        "/admin/revisjonslogg/new/",
        NOBODY,
        post=_refused_everyone_in_the_admin(
            lambda w: {"reason": "Forfalsket"}, states.audit_entries
        ),
    ),
    "audit_log:edit": Row(
        "/admin/revisjonslogg/edit/{audit}/",
        NOBODY,
        post=_refused_everyone_in_the_admin(lambda w: {"reason": "Forfalsket"}, states.audit_entry),
    ),
    "audit_log:delete": Row(
        "/admin/revisjonslogg/delete/{audit}/",
        NOBODY,
        post=_refused_everyone_in_the_admin(lambda w: {}, states.audit_entry),
    ),
    # --- outgoing e-mail (administrators read it and send failed ones again) ------------------
    "outbox:index": Row("/admin/utgaende-epost/", ADMINISTRATOR_ONLY),
    "outbox:index_results": Row("/admin/utgaende-epost/results/", ADMINISTRATOR_ONLY),
    "outbox:inspect": Row("/admin/utgaende-epost/inspect/{message}/", ADMINISTRATOR_ONLY),
    "outbox:history": Row("/admin/utgaende-epost/history/{message}/", NOBODY),
    "outbox:history_results": Row("/admin/utgaende-epost/history-results/{message}/", NOBODY),
    "outbox:usage": Row("/admin/utgaende-epost/usage/{message}/", NOBODY),
    "outbox:add": Row("/admin/utgaende-epost/new/", NOBODY),
    "outbox:edit": Row(
        "/admin/utgaende-epost/edit/{message}/",
        NOBODY,
        post=_refused_everyone_in_the_admin(lambda w: {"state": "sent"}, states.message_state),
    ),
    "outbox:delete": Row("/admin/utgaende-epost/delete/{message}/", NOBODY),
    "outbox:send_again": Row(
        "/admin/utgaende-epost/{message}/send-again/",
        cells(NOT_FOUND, **ADMIN_GATE),  # a POST-only view: GET is 404 for administrators too
        post=post(
            lambda w: {},
            states.message_state,
            anonymous=UNCHANGED_LOGIN,
            participants=UNCHANGED_LOGIN,
            editorial=UNCHANGED_REFUSED,
            coordinators=UNCHANGED_REFUSED,
            administrator=(REDIRECT, True),
        ),
    ),
    # --- staff two-factor set-up (website/staff_setup.py) ------------------------------------
    # A link with a token nobody holds: 404 for everyone (the page says to ask for a new one).
    "staff_setup": Row("/konto/tofaktor/oppsett/MQ/feil-token/", cells(NOT_FOUND)),
    "staff_two_factor_required": Row("/konto/tofaktor/kreves/", PUBLIC),
    "staff_setup_links": Row("/admin/tofaktor-lenker/", ADMINISTRATOR_ONLY),
}
