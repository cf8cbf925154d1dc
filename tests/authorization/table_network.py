"""The matrix's rows for the network app (issue 18): the public pages about the network, a
service's request form and its capability link, the members' pages, a member's answers to
invitations, and the coordinators' matching in the admin.

To add a URL: one entry here, keyed by the pattern's name (with namespace); see `harness.Row`.
A refused role gets 404 (`REFUSED`), as if the page did not exist.
"""

ROWS = {}


# --- helper n3: a service asks for a representative (issue 18 item 3) -------------------------
# The form and its thank-you are public. The request's link (its token, as e-mailed) is the
# whole authority: the service_requester holds the real one and sees the request, confirms it
# or withdraws it; every other role tries a made-up token of the same shape (data.py
# `service_request_url`) and gets the 404 an unknown page gets, changing nothing.


def _request_form(w):
    import datetime

    from django.utils import timezone

    starts = timezone.localdate() + datetime.timedelta(days=20)
    return {
        "organisation_name": "Matrisekommunen",
        "contact_name": "Mona Matrise",
        "contact_email": "matrise@kommune.example",
        "kind": "talk",
        "title": "Foredrag for ansatte",
        "description": "Et foredrag om brukermedvirkning.",
        "participation_level": "service",
        "digital": "on",
        "starts_on": starts.isoformat(),
        "duration": "En time",
    }


def _service_requests(w):
    from network.models import ServiceRequest

    return sorted(ServiceRequest.objects.values_list("pk", "state"))


def _request_rows():
    from tests.authorization.data import service_request_url
    from tests.authorization.harness import (
        PUBLIC,
        REDIRECT,
        REFUSED,
        ROLES,
        UNCHANGED_REFUSED,
        Row,
        cells,
        post,
    )

    def only_the_service(data):
        outcomes = {role: UNCHANGED_REFUSED for role in ROLES}
        outcomes["service_requester"] = (REDIRECT, True)
        return post(data, _service_requests, **outcomes)

    return {
        # Anyone may send a request: it is stored unconfirmed (coordinators do not see it).
        "network:request_form": Row(
            "/nettverk/foresporsel/",
            PUBLIC,
            post=post(
                _request_form, _service_requests, **{role: (REDIRECT, True) for role in ROLES}
            ),
        ),
        "network:request_thanks": Row("/nettverk/foresporsel/takk/", PUBLIC),
        # The open request: BARMEM accepted (the page shows BARMEM's chosen contact), MHUMEM
        # is invited and MHUHIDDEN declined (neither is named: rule 11, leaks.py).
        "network:request_page": Row(service_request_url(), cells(REFUSED, service_requester=200)),
        # GET shows a button; the POST confirms (the unconfirmed request becomes open).
        "network:request_verify": Row(
            service_request_url("bekreft/", request="unverified_request"),
            cells(REFUSED, service_requester=200),
            post=only_the_service(lambda w: {}),
        ),
        "network:request_withdraw": Row(
            service_request_url("trekk-tilbake/"),
            cells(REFUSED, service_requester=405),
            post=only_the_service(lambda w: {"reason": "Trengs ikke"}),
        ),
    }


ROWS.update(_request_rows())


# --- helper n4: coordinators' matching and the member's answer (issue 18 item 4) ---------------
# Every coordinator (and administrator) sees every confirmed request; the members shown on its
# page are the policy's (own organisations', and network-wide ones: leaks.py checks the names).
# An invitation is withdrawn or confirmed by its organisation's coordinators only (MHUMEM's
# unanswered one is MHU's, BARMEM's accepted one BAR's); it is answered by its member alone.


def _request_state(w):
    from network.models import ServiceRequest

    return ServiceRequest.objects.get(pk=w.service_request.pk).state


def _invitation_state(name):
    def state(w):
        from network.models import RequestInvitation

        return RequestInvitation.objects.get(pk=getattr(w, name).pk).state

    return state


def _invitations(w):
    from network.models import RequestInvitation

    return sorted(RequestInvitation.objects.values_list("pk", "state"))


def _matching_rows():
    from tests.authorization.harness import (
        ADMIN_POST_ONLY,
        LOGIN,
        ORGANISATION_VIEW,
        REDIRECT,
        REFUSED,
        UNCHANGED_LOGIN,
        UNCHANGED_REFUSED,
        Row,
        cells,
        post,
    )

    def staff_post(data, state, **coordinators):
        return post(
            data,
            state,
            anonymous=UNCHANGED_LOGIN,
            participants=UNCHANGED_LOGIN,
            editorial=UNCHANGED_REFUSED,
            administrator=(REDIRECT, True),
            **coordinators,
        )

    return {
        "network_admin_requests": Row("/admin/nettverk/foresporsler/", ORGANISATION_VIEW),
        "network_admin_request": Row("/admin/nettverk/foresporsler/{request}/", ORGANISATION_VIEW),
        # Every member is invited to the open request already: inviting MHUHIDDEN again changes
        # nothing; BAR's coordinator cannot see MHUHIDDEN, so for them nobody was chosen (400).
        "network_admin_invite": Row(
            "/admin/nettverk/foresporsler/{request}/inviter/",
            ADMIN_POST_ONLY,
            post=post(
                lambda w: {"member": [w.memberships["MHUHIDDEN"].pk]},
                _invitations,
                anonymous=UNCHANGED_LOGIN,
                participants=UNCHANGED_LOGIN,
                editorial=UNCHANGED_REFUSED,
                coordinator_same=(REDIRECT, False),
                coordinator_other=(400, False),
                administrator=(REDIRECT, False),
            ),
        ),
        # Any coordinator may close a request (it belongs to no organisation).
        "network_admin_close": Row(
            "/admin/nettverk/foresporsler/{request}/lukk/",
            ADMIN_POST_ONLY,
            post=staff_post(
                lambda w: {"reason": "Matrisen lukker"},
                _request_state,
                coordinators=(REDIRECT, True),
            ),
        ),
        "network_admin_withdraw": Row(
            "/admin/nettverk/foresporsler/invitasjon/{invitation}/trekk/",
            ADMIN_POST_ONLY,
            post=staff_post(
                lambda w: {},
                _invitation_state("invitation"),
                coordinator_same=(REDIRECT, True),
                coordinator_other=UNCHANGED_REFUSED,
            ),
        ),
        "network_admin_confirm": Row(
            "/admin/nettverk/foresporsler/invitasjon/{accepted_invitation}/bekreft/",
            ADMIN_POST_ONLY,
            post=staff_post(
                lambda w: {},
                _invitation_state("accepted_invitation"),
                coordinator_same=UNCHANGED_REFUSED,
                coordinator_other=(REDIRECT, True),
            ),
        ),
        # MHUMEM's unanswered invitation: MHUMEM (the "member") alone; not even an administrator.
        "network:invitation": Row(
            "/min-side/nettverk/foresporsler/{invitation}/",
            cells(REFUSED, anonymous=LOGIN, member=200),
            post=post(
                lambda w: {"answer": "decline"},
                _invitation_state("invitation"),
                anonymous=UNCHANGED_LOGIN,
                participants=UNCHANGED_REFUSED,
                editorial=UNCHANGED_REFUSED,
                coordinators=UNCHANGED_REFUSED,
                administrator=UNCHANGED_REFUSED,
                member=(REDIRECT, True),
            ),
        ),
    }


ROWS.update(_matching_rows())


# --- helper n2: members find each other (issue 18 item 2) -------------------------------------
# The members' page and writing to a member are for active members only: a visitor logs in,
# anyone else logged in gets the page that explains the list is for members (403, never the
# list). MHUMEM (the "member") writes to BARMEM (listed); the receipt without a message sent
# goes back to the form. The answer page is MHUMEM's alone (BARMEM wrote to them): 404 for
# everyone else, the sender included.


def _messages(w):
    from network.models import MemberMessage

    return sorted(MemberMessage.objects.values_list("pk", flat=True))


def _directory_rows():
    from tests.authorization.harness import (
        LOGIN,
        REDIRECT,
        REFUSED,
        UNCHANGED_LOGIN,
        UNCHANGED_REFUSED,
        Row,
        cells,
        post,
    )

    members_only = cells(403, anonymous=LOGIN, member=200)

    def to_barmem(suffix=""):
        return lambda w, role: f"/nettverk/medlemmer/{w.memberships['BARMEM'].pk}/melding/{suffix}"

    return {
        "network:member_list": Row("/nettverk/medlemmer/", members_only),
        "network:message_write": Row(
            to_barmem(),
            members_only,
            post=post(
                lambda w: {"body": "Hei fra matrisen"},
                _messages,
                anonymous=UNCHANGED_LOGIN,
                participants=(403, False),
                editorial=(403, False),
                coordinators=(403, False),
                administrator=(403, False),
                member=(REDIRECT, True),
            ),
        ),
        "network:message_sent": Row(
            to_barmem("sendt/"), cells(403, anonymous=LOGIN, member=REDIRECT)
        ),
        "network:message_answer": Row(
            "/nettverk/meldinger/{member_message}/svar/",
            cells(REFUSED, anonymous=LOGIN, member=200),
            post=post(
                lambda w: {"body": "Svar fra matrisen"},
                _messages,
                anonymous=UNCHANGED_LOGIN,
                participants=UNCHANGED_REFUSED,
                editorial=UNCHANGED_REFUSED,
                coordinators=UNCHANGED_REFUSED,
                administrator=UNCHANGED_REFUSED,
                member=(REDIRECT, True),
            ),
        ),
    }


ROWS.update(_directory_rows())


# --- helper n1: joining the network and the member's own profile (issue 18 item 1) -------------
# /nettverk/ is public. Joining is for a logged-in participant with a live certificate (MHU1 and
# BAR1 hold one; staff have no participant profile and are sent to make one); the member is sent
# on to their profile. The profile and leaving are the member's own (MHUMEM): anyone else is
# sent on (to join, or to My page), changing nothing. The guardian's link (MHUMINOR's pending
# membership) works for its holder; the others try a forged one, and the participant the
# application's guardian link (signed, but for another use): 400, changing nothing.


def _membership_rows_by_participant(w):
    from network.models import Membership

    return sorted(Membership.objects.values_list("participant_id", "state", "county"))


def _pending_state(w):
    from network.models import Membership

    return Membership.objects.get(pk=w.pending_membership.pk).state


def _network_guardian_url(w, role):
    from tests.authorization.data import FORGED_GUARDIAN_TOKEN

    wrong = w.guardian_token if role == "participant" else FORGED_GUARDIAN_TOKEN
    token = w.network_guardian_token if role == "guardian" else wrong
    return f"/nettverk/foresatt/{token}/"


def _membership_rows():
    from tests.authorization.harness import (
        LOGIN,
        PUBLIC,
        REDIRECT,
        ROLES,
        UNCHANGED_LOGIN,
        Row,
        cells,
        post,
    )

    sent_on = (REDIRECT, False)
    staff = {"editorial": sent_on, "coordinators": sent_on, "administrator": sent_on}
    profile = {"availability": "often", "county": "46", "consent": "on"}
    return {
        "network:home": Row("/nettverk/", PUBLIC),
        "network:join": Row(
            "/min-side/nettverk/bli-med/",
            cells(REDIRECT, anonymous=LOGIN, participant=200, other_participant=200),
            post=post(
                lambda w: profile,
                _membership_rows_by_participant,
                anonymous=UNCHANGED_LOGIN,
                participants=(REDIRECT, True),
                member=sent_on,
                **staff,
            ),
        ),
        "network:profile": Row(
            "/min-side/nettverk/profil/",
            cells(REDIRECT, anonymous=LOGIN, member=200),
            post=post(
                lambda w: profile,
                _membership_rows_by_participant,
                anonymous=UNCHANGED_LOGIN,
                participants=sent_on,
                member=(REDIRECT, True),
                **staff,
            ),
        ),
        "network:leave": Row(
            "/min-side/nettverk/forlat/",
            cells(REDIRECT, anonymous=LOGIN, member=200),
            post=post(
                lambda w: {},
                _membership_rows_by_participant,
                anonymous=UNCHANGED_LOGIN,
                participants=sent_on,
                member=(REDIRECT, True),
                **staff,
            ),
        ),
        "network:guardian": Row(
            _network_guardian_url,
            cells(400, guardian=200),
            post=post(
                lambda w: {"answer": "confirm"},
                _pending_state,
                **{role: (400, False) for role in ROLES if role != "guardian"},
                guardian=(200, True),
            ),
        ),
    }


ROWS.update(_membership_rows())


# --- helper n6: after the assignment (issue 18 item 5) ----------------------------------------
# MHUMEM (the "member") did the completed request: their feedback form (with the hours) is
# theirs alone, not even an administrator's; the service's feedback works at the completed
# request's link (the service_requester holds it here; everyone else a made-up token). The
# erfaringslogg (page and PDF) is the member's own: a participant who is not a member and staff
# without a participant profile get 404. The network's figures are the coordinators' and
# administrators'.


def _feedback_state(w):
    from network.models import AssignmentFeedback, RequestInvitation

    return (
        sorted(AssignmentFeedback.objects.values_list("invitation_id", "side", "rating")),
        sorted(RequestInvitation.objects.values_list("pk", "hours")),
    )


def _assignment_rows():
    from tests.authorization.data import service_request_url
    from tests.authorization.harness import (
        ADMIN_GATE,
        LOGIN,
        REDIRECT,
        REFUSED,
        ROLES,
        UNCHANGED_LOGIN,
        UNCHANGED_REFUSED,
        Row,
        cells,
        post,
    )

    own = cells(REFUSED, anonymous=LOGIN, member=200)
    service_only = {role: UNCHANGED_REFUSED for role in ROLES}
    service_only["service_requester"] = (REDIRECT, True)
    figures = cells(**ADMIN_GATE, editorial=REFUSED, coordinators=200, administrator=200)
    return {
        "network:assignment_feedback": Row(
            "/min-side/nettverk/oppdrag/{done_invitation}/tilbakemelding/",
            own,
            post=post(
                lambda w: {"rating": "4", "hours": "2,5", "comment": "Fra matrisen"},
                _feedback_state,
                anonymous=UNCHANGED_LOGIN,
                participants=UNCHANGED_REFUSED,
                editorial=UNCHANGED_REFUSED,
                coordinators=UNCHANGED_REFUSED,
                administrator=UNCHANGED_REFUSED,
                member=(REDIRECT, True),
            ),
        ),
        "network:service_feedback": Row(
            service_request_url("tilbakemelding/", request="done_request"),
            cells(REFUSED, service_requester=200),
            post=post(
                lambda w: {"rating": "5", "comment": "Fra matrisen"},
                _feedback_state,
                **service_only,
            ),
        ),
        "network:erfaringslogg": Row("/min-side/nettverk/erfaringslogg/", own),
        "network:erfaringslogg_pdf": Row("/min-side/nettverk/erfaringslogg.pdf", own),
        "network_report": Row("/admin/rapporter/nettverk/", figures),
        "network_report_xlsx": Row("/admin/rapporter/nettverk/rapport.xlsx", figures),
    }


ROWS.update(_assignment_rows())
