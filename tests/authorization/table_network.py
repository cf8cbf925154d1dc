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
