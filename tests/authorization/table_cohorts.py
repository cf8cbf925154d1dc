"""The matrix's rows for the cohorts app: the public gathering pages, the participant's own
pages, the capability links (a guardian's signed link, a personal calendar feed), the
coordinators' admin (/admin/pameldinger/) and the organisations and gatherings viewsets.

To add a URL: one entry here, keyed by the pattern's name (with namespace); see `harness.Row`.
A refused role gets 404 (`REFUSED`), as if the page did not exist.
"""

from tests.authorization import data, states
from tests.authorization.harness import (
    ADMIN_GATE,
    ADMIN_POST_ONLY,
    ADMINISTRATOR_ONLY,
    GATHERING_TEAM_VIEW,
    LOGGED_IN,
    LOGIN,
    NOT_FOUND,
    ORGANISATION_VIEW,
    PUBLIC,
    REDIRECT,
    REFUSED,
    ROLES,
    UNCHANGED_LOGIN,
    UNCHANGED_REFUSED,
    Row,
    administrators_only,
    cells,
    post,
)


def _mhu_side_only(data, state):
    """A change to an MHU participant's enrolment or attendance: MHU's coordinator (also the
    gathering's own) and administrators make it; editors and BAR's coordinator are refused."""
    return post(
        data,
        state,
        anonymous=UNCHANGED_LOGIN,
        participants=UNCHANGED_LOGIN,
        editorial=UNCHANGED_REFUSED,
        coordinator_other=UNCHANGED_REFUSED,
        coordinator_same=(REDIRECT, True),
        administrator=(REDIRECT, True),
    )


def _message_form(w):
    import uuid

    return {
        "step": "send",
        "token": str(uuid.uuid4()),
        "audience": "confirmed",
        "subject": "Hei",
        "body": "Tekst",
        "subject_en": "Hi",
        "body_en": "Text",
    }


def _messages_to_mhu1(w):
    from website.models import OutboxMessage

    return list(
        OutboxMessage.objects.filter(
            kind="gathering_message", about=w.people["MHU1"].user
        ).values_list("pk", flat=True)
    )


ROWS = {
    # --- public and participant ---------------------------------------------------------------
    "gathering_list": Row("/samlinger/", PUBLIC),
    "gathering_detail": Row("/samlinger/{slug}/", PUBLIC),
    # The read API and the embeddable list (issue 19): the same for everyone.
    "api_gatherings": Row("/api/samlinger/?lang=en", PUBLIC),
    "api_schema": Row("/api/schema/", PUBLIC),
    "gathering_embed": Row("/samlinger/innebygd/?level=new", PUBLIC),
    "gathering_calendar": Row("/samlinger/{slug}/kalender.ics", PUBLIC),
    "gathering_apply": Row(
        "/samlinger/{slug}/pamelding/",
        # Not a participant yet: sent to fill in a profile first.
        cells(REDIRECT, anonymous=LOGIN, participants=200),
        post=post(
            lambda w: {"organisation": w.organisations["MHU"].pk, "motivation": "x"},
            states.enrolment_count,
            visitor=UNCHANGED_LOGIN,
            guardian=UNCHANGED_LOGIN,
        ),
    ),
    # Your own application's receipt; without an application, back to the gathering.
    "gathering_apply_receipt": Row(
        "/samlinger/{slug}/pamelding/kvittering/",
        cells(REDIRECT, anonymous=LOGIN, participants=200),
    ),
    # The signed link is what authorises: a forged (or other) link is a bad request.
    "guardian_confirmation": Row(
        data.guardian_url,
        cells(400, guardian=200),
        post=post(
            lambda w: {},
            states.enrolment_state("MHUMINOR"),
            **{role: (400, False) for role in ROLES if role != "guardian"},
            guardian=(200, True),
        ),
    ),
    "session_checkin": Row(
        data.checkin_url,
        LOGGED_IN,
        post=post(
            lambda w: {},
            states.attendance,
            anonymous=UNCHANGED_LOGIN,
            participant=(200, True),
            # Not enrolled in the gathering: a clear message, nothing recorded.
            editorial=(400, False),
            coordinators=(400, False),
            administrator=(400, False),
        ),
    ),
    # A made-up feed address is not found, whoever asks.
    "personal_feed": Row(data.feed_url, cells(NOT_FOUND, participant=200)),
    "feed_replace": Row(
        "/min-side/kalender/ny-adresse/",
        cells(405, anonymous=LOGIN),
        post=post(
            lambda w: {},
            states.feed_token,
            anonymous=UNCHANGED_LOGIN,
            participant=(REDIRECT, True),
            # Everyone else replaces their own feed, never the participant's.
            other_participant=(REDIRECT, False),
            editorial=(REDIRECT, False),
            coordinators=(REDIRECT, False),
            administrator=(REDIRECT, False),
        ),
    ),
    "my_page": Row(
        "/min-side/",
        cells(REDIRECT, anonymous=LOGIN, participants=200),  # no profile → profile
    ),
    "profile": Row(
        "/min-side/profil/",
        LOGGED_IN,
        post=post(
            lambda w: {"full_name": "Uten konto", "birth_date": "2000-01-01"},
            states.participants,
            anonymous=UNCHANGED_LOGIN,
        ),
    ),
    # The question before withdrawing: only ever about your own enrolment.
    "enrolment_withdraw": Row(
        "/min-side/pameldinger/{e}/meld-av/",
        cells(REFUSED, anonymous=LOGIN, participant=200),
    ),
    "enrolment_action": Row(
        "/min-side/pameldinger/{e}/cancel/",
        cells(405, anonymous=LOGIN),
        post=post(
            lambda w: {},
            states.enrolment_state("MHU1"),
            anonymous=UNCHANGED_LOGIN,
            # Only ever your own enrolment; administrators use the admin.
            other_participant=UNCHANGED_REFUSED,
            editorial=UNCHANGED_REFUSED,
            coordinators=UNCHANGED_REFUSED,
            administrator=UNCHANGED_REFUSED,
        ),
    ),
    # --- coordinator admin (/admin/pameldinger/) ----------------------------------------------
    "cohorts_admin_index": Row("/admin/pameldinger/", ORGANISATION_VIEW),
    "cohorts_admin_exceptions": Row(
        "/admin/pameldinger/unntak/",
        ADMINISTRATOR_ONLY,
        post=administrators_only(
            lambda w: {
                "email": w.people["BAR1"].user.email,
                "level": "advanced",
                "reason": "Matrisetest",
            },
            states.exceptions,
        ),
    ),
    "cohorts_admin_review": Row("/admin/pameldinger/{g}/", ORGANISATION_VIEW),
    "cohorts_admin_export": Row("/admin/pameldinger/{g}/eksport.csv", ORGANISATION_VIEW),
    "cohorts_admin_participant": Row(
        "/admin/pameldinger/pamelding/{e}/",
        cells(
            **ADMIN_GATE,
            editorial=REFUSED,
            coordinator_same=200,
            coordinator_other=REFUSED,
            administrator=200,
        ),
    ),
    "cohorts_admin_bulk": Row(
        "/admin/pameldinger/{g}/samlet/",
        ADMIN_POST_ONLY,
        post=post(
            lambda w: {
                "decision": "reject",
                "enrolment": [w.enrolments["MHUAPPL"].pk],
                "confirmed": "yes",
            },
            states.enrolment_state("MHUAPPL"),
            anonymous=UNCHANGED_LOGIN,
            participants=UNCHANGED_LOGIN,
            editorial=UNCHANGED_REFUSED,
            # The gathering is theirs too, but another organisation's applicant is filtered
            # out of the selection: "choose at least one", nothing changes.
            coordinator_other=(REDIRECT, False),
            coordinator_same=(REDIRECT, True),
            administrator=(REDIRECT, True),
        ),
    ),
    # Issue 16: every gathering's applications in one list, and bulk decisions from it.
    "cohorts_admin_applications": Row("/admin/pameldinger/alle/", ORGANISATION_VIEW),
    "cohorts_admin_bulk_all": Row(
        "/admin/pameldinger/alle/samlet/",
        ADMIN_POST_ONLY,
        post=post(
            lambda w: {
                "decision": "reject",
                "enrolment": [w.enrolments["MHUAPPL"].pk],
                "confirmed": "yes",
            },
            states.enrolment_state("MHUAPPL"),
            anonymous=UNCHANGED_LOGIN,
            participants=UNCHANGED_LOGIN,
            editorial=UNCHANGED_REFUSED,
            coordinator_other=(REDIRECT, False),  # another organisation's: filtered out
            coordinator_same=(REDIRECT, True),
            administrator=(REDIRECT, True),
        ),
    ),
    # Moving to another gathering: the world's only gathering has started, so no target is
    # open — the application's own side is let in and told to choose; others are refused.
    "cohorts_admin_transfer": Row(
        "/admin/pameldinger/pamelding/{appl}/ny-samling/",
        ADMIN_POST_ONLY,
        post=post(
            lambda w: {"gathering": w.gathering.pk, "reason": "Testgrunn"},
            states.enrolment_state("MHUAPPL"),
            anonymous=UNCHANGED_LOGIN,
            participants=UNCHANGED_LOGIN,
            editorial=UNCHANGED_REFUSED,
            coordinator_other=UNCHANGED_REFUSED,
            coordinator_same=(REDIRECT, False),
            administrator=(REDIRECT, False),
        ),
    ),
    "cohorts_admin_move": Row(
        "/admin/pameldinger/pamelding/{appl}/flytt/",
        ADMIN_POST_ONLY,
        post=_mhu_side_only(
            lambda w: {"to": "waitlist", "reason": "Testgrunn"},
            states.enrolment_state("MHUAPPL"),
        ),
    ),
    "cohorts_admin_decide": Row(
        "/admin/pameldinger/pamelding/{appl}/reject/",
        ADMIN_POST_ONLY,
        post=_mhu_side_only(lambda w: {}, states.enrolment_state("MHUAPPL")),
    ),
    # --- messages to participants: own organisation's members only ---------------------------
    "cohorts_admin_message_all": Row(
        "/admin/pameldinger/melding/samling/{g}/",
        ORGANISATION_VIEW,
        post=post(
            _message_form,
            _messages_to_mhu1,
            anonymous=UNCHANGED_LOGIN,
            participants=UNCHANGED_LOGIN,
            editorial=UNCHANGED_REFUSED,
            # BAR's coordinator writes to BAR's confirmed participants: MHU1 gets nothing.
            coordinator_other=(REDIRECT, False),
            coordinator_same=(REDIRECT, True),
            administrator=(REDIRECT, True),
        ),
    ),
    "cohorts_admin_message_one": Row(
        "/admin/pameldinger/melding/pamelding/{e}/",
        cells(
            **ADMIN_GATE,
            editorial=REFUSED,
            coordinator_same=200,
            coordinator_other=REFUSED,
            administrator=200,
        ),
        post=_mhu_side_only(_message_form, _messages_to_mhu1),
    ),
    "cohorts_admin_message": Row(
        "/admin/pameldinger/melding/{gm}/",
        # Its author's and administrators'.
        cells(
            **ADMIN_GATE,
            editorial=REFUSED,
            coordinator_same=200,
            coordinator_other=REFUSED,
            administrator=200,
        ),
    ),
    "cohorts_admin_message_status": Row(
        "/admin/pameldinger/melding/{gm}/status/",
        cells(
            **ADMIN_GATE,
            editorial=REFUSED,
            coordinator_same=200,
            coordinator_other=REFUSED,
            administrator=200,
        ),
    ),
    # --- the gathering's own team: check-in, attendance, invites ------------------------------
    "cohorts_admin_checkin": Row("/admin/pameldinger/{g}/innsjekk/", GATHERING_TEAM_VIEW),
    "cohorts_admin_attendance": Row("/admin/pameldinger/{g}/oppmote/", GATHERING_TEAM_VIEW),
    "cohorts_admin_signin_sheet": Row(
        "/admin/pameldinger/{g}/innsjekk/{s}/ark.pdf", GATHERING_TEAM_VIEW
    ),
    "cohorts_admin_checkin_qr": Row("/admin/pameldinger/{g}/innsjekk/{s}/qr/", GATHERING_TEAM_VIEW),
    "cohorts_admin_checkin_mark": Row(
        "/admin/pameldinger/{g}/innsjekk/marker/",
        ADMIN_POST_ONLY,
        post=_mhu_side_only(
            lambda w: {
                "session": w.session.pk,
                "enrolment": w.enrolments["MHU1"].pk,
                "status": "present",
            },
            states.attendance,
        ),
    ),
    "cohorts_admin_invites": Row("/admin/pameldinger/{g}/kalender/", GATHERING_TEAM_VIEW),
    "cohorts_admin_invites_send": Row(
        "/admin/pameldinger/{g}/kalender/send/",
        ADMIN_POST_ONLY,
        post=post(
            lambda w: {"kind": "update"},
            states.invite_runs,
            anonymous=UNCHANGED_LOGIN,
            participants=UNCHANGED_LOGIN,
            editorial=UNCHANGED_REFUSED,
            coordinator_other=UNCHANGED_REFUSED,
            coordinator_same=(REDIRECT, True),
        ),
    ),
    "cohorts_admin_invite_resend": Row(
        "/admin/pameldinger/{g}/kalender/{p}/send-igjen/",
        ADMIN_POST_ONLY,
        post=post(
            lambda w: {},
            states.invites_of_mhu1,
            anonymous=UNCHANGED_LOGIN,
            participants=UNCHANGED_LOGIN,
            editorial=UNCHANGED_REFUSED,
            coordinator_other=UNCHANGED_REFUSED,
        ),
    ),
    # --- viewsets: organisations and gatherings (administrators only) -------------------------
    "organisations:index": Row("/admin/organisations/", ADMINISTRATOR_ONLY),
    "organisations:index_results": Row("/admin/organisations/results/", ADMINISTRATOR_ONLY),
    "organisations:add": Row("/admin/organisations/new/", ADMINISTRATOR_ONLY),
    "organisations:edit": Row(
        "/admin/organisations/edit/{org}/",
        ADMINISTRATOR_ONLY,
        # Naming yourself coordinator of another organisation would open its members' data.
        post=administrators_only(
            lambda w: {
                "name": "Overtatt",
                "short_code": "MHU",
                "coordinators": [w.users["coordinator_other"].pk],
            },
            states.organisation,
        ),
    ),
    "organisations:delete": Row("/admin/organisations/delete/{org}/", ADMINISTRATOR_ONLY),
    "organisations:history": Row("/admin/organisations/history/{org}/", ADMINISTRATOR_ONLY),
    "organisations:history_results": Row(
        "/admin/organisations/history-results/{org}/", ADMINISTRATOR_ONLY
    ),
    "organisations:usage": Row("/admin/organisations/usage/{org}/", ADMINISTRATOR_ONLY),
    "organisations:copy": Row("/admin/organisations/copy/{org}/", ADMINISTRATOR_ONLY),
    "gatherings:index": Row("/admin/gatherings/", ADMINISTRATOR_ONLY),
    "gatherings:index_results": Row("/admin/gatherings/results/", ADMINISTRATOR_ONLY),
    "gatherings:add": Row("/admin/gatherings/new/", ADMINISTRATOR_ONLY),
    "gatherings:edit": Row("/admin/gatherings/edit/{g}/", ADMINISTRATOR_ONLY),
    "gatherings:delete": Row(
        "/admin/gatherings/delete/{g}/",
        ADMINISTRATOR_ONLY,
        post=administrators_only(lambda w: {}, states.gathering_exists),
    ),
    "gatherings:history": Row("/admin/gatherings/history/{g}/", ADMINISTRATOR_ONLY),
    "gatherings:history_results": Row("/admin/gatherings/history-results/{g}/", ADMINISTRATOR_ONLY),
    "gatherings:usage": Row("/admin/gatherings/usage/{g}/", ADMINISTRATOR_ONLY),
    "gatherings:copy": Row("/admin/gatherings/copy/{g}/", ADMINISTRATOR_ONLY),
    # --- reports (/admin/rapporter/): counts only; a coordinator's own organisations ---------
    "cohorts_reports": Row("/admin/rapporter/", ORGANISATION_VIEW),
    "cohorts_reports_file": Row("/admin/rapporter/rapport.xlsx", ORGANISATION_VIEW),
    # The funder report of MHU: MHU's coordinator and administrators; BAR's gets 404.
    "cohorts_reports_funder": Row(
        "/admin/rapporter/tilskudd/{org}.pdf",
        cells(
            **ADMIN_GATE,
            editorial=REFUSED,
            coordinator_same=200,
            coordinator_other=REFUSED,
            administrator=200,
        ),
    ),
}
