"""The matrix's rows for the network app (issue 18): the public pages about the network, a
service's request form and its capability link, the members' pages, a member's answers to
invitations, and the coordinators' matching in the admin.

To add a URL: one entry here, keyed by the pattern's name (with namespace); see `harness.Row`.
A refused role gets 404 (`REFUSED`), as if the page did not exist.
"""

ROWS = {}


# --- helper n3: a service asks for a representative (issue 18 item 3) -------------------------
# The form and its thank-you are public; the request's link (its token, as e-mailed) is the
# whole authority, as the evaluation link is: whoever holds it — the service_requester, or
# anyone logged in who was given it — sees the request and may confirm or withdraw it. Without
# the token (a forged one, absent.py) it is a 404 like any unknown page.


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


def _unverified_confirm_url(w, role):
    return f"/nettverk/foresporsel/{w.unverified_request.token}/bekreft/"


def _everyone(outcome):
    from tests.authorization.harness import ROLES

    return {role: outcome for role in ROLES}


def _request_rows():
    from tests.authorization.harness import PUBLIC, REDIRECT, Row, cells, post

    return {
        # Anyone may send a request: it is stored unconfirmed (coordinators do not see it).
        "network:request_form": Row(
            "/nettverk/foresporsel/",
            PUBLIC,
            post=post(_request_form, _service_requests, **_everyone((REDIRECT, True))),
        ),
        "network:request_thanks": Row("/nettverk/foresporsel/takk/", PUBLIC),
        # The open request: BARMEM accepted (the page shows BARMEM's chosen contact), MHUMEM
        # is invited and MHUHIDDEN declined (neither is named: rule 11, leaks.py).
        "network:request_page": Row("/nettverk/foresporsel/{request_token}/", PUBLIC),
        # GET shows a button; the POST confirms (the unconfirmed request becomes open).
        "network:request_verify": Row(
            _unverified_confirm_url,
            PUBLIC,
            post=post(lambda w: {}, _service_requests, **_everyone((REDIRECT, True))),
        ),
        "network:request_withdraw": Row(
            "/nettverk/foresporsel/{request_token}/trekk-tilbake/",
            cells(405),
            post=post(
                lambda w: {"reason": "Trengs ikke"},
                _service_requests,
                **_everyone((REDIRECT, True)),
            ),
        ),
    }


ROWS.update(_request_rows())
