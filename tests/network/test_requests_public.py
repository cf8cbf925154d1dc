"""A service asks for a representative (issue 18 item 3): the public form, its spam protection
(honeypot, rate limit, e-mail verification), the request's own page at its link, withdrawing,
and design rule 11 — the service never sees a member before that member accepts."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from network.models import (
    Membership,
    RequestEvent,
    RequestInvitation,
    ServiceRequest,
)
from tests.factories import make_participant
from website.models import AuditEntry, OutboxMessage

pytestmark = pytest.mark.django_db

FORM = "/nettverk/foresporsel/"
State = ServiceRequest.State
TODAY = timezone.localdate()


@pytest.fixture(autouse=True)
def limiter_clock(steady_limiter_clock):
    return steady_limiter_clock


def form_data(**changes):
    data = {
        "organisation_name": "NAV Grünerløkka",
        "contact_name": "Kari Nordmann",
        "contact_email": "kari@nav.example",
        "contact_phone": "912 34 567",
        "kind": "user_panel",
        "title": "Ungdomspanel om NAV-veiledning",
        "description": "Vi vil høre fra unge om hvordan veiledningen oppleves.",
        "field": "mental_health",
        "participation_level": "service",
        "certificate_level": "",
        "county": "03",
        "starts_on": (TODAY + datetime.timedelta(days=30)).isoformat(),
        "ends_on": (TODAY + datetime.timedelta(days=60)).isoformat(),
        "duration": "Tre møter à to timer",
        "fee_paid": "on",
        "travel_paid": "on",
        "payment_details": "Kommunens møtesatser",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def counts():
    return (
        ServiceRequest.objects.count(),
        RequestEvent.objects.count(),
        OutboxMessage.objects.count(),
        AuditEntry.objects.count(),
    )


def submit(client, django_capture_on_commit_callbacks, **changes):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(FORM, form_data(**changes))


def link_in(message, suffix):
    return next(
        re.sub(r"^https?://[^/]+", "", word)
        for word in message.body.split()
        if "/nettverk/foresporsel/" in word and word.endswith(suffix)
    )


def submitted(client, django_capture_on_commit_callbacks, **changes):
    """A request submitted through the form, and the confirmation link from its e-mail."""
    response = submit(client, django_capture_on_commit_callbacks, **changes)
    assert response.status_code == 302, response.content.decode()[:2000]
    service_request = ServiceRequest.objects.latest("pk")
    [message] = [m for m in mail.outbox if m.to == [service_request.contact_email]]
    return service_request, link_in(message, "/bekreft/")


# --- The form -------------------------------------------------------------------------------


def test_the_form_is_public_and_never_cached(client):
    response = client.get(FORM)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    assert "Be om en ung brukermedvirker" in page
    assert 'name="nettside"' in page  # the honeypot, hidden


def test_a_request_is_stored_unverified_and_a_link_is_mailed(
    client, django_capture_on_commit_callbacks
):
    response = submit(client, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert response["Location"] == "/nettverk/foresporsel/takk/"
    service_request = ServiceRequest.objects.get()
    assert service_request.state == State.UNVERIFIED
    assert service_request.email_verified_at is None
    assert service_request.language == "nb"
    assert service_request.county == "03" and service_request.fee_paid
    assert list(service_request.events.values_list("kind", flat=True)) == ["received"]
    assert AuditEntry.objects.filter(action=AuditEntry.Action.NETWORK_REQUEST).count() == 1
    [message] = mail.outbox
    assert message.to == ["kari@nav.example"]
    assert "Bekreft" in message.subject
    # The retention period the deletion of unconfirmed requests uses.
    assert "innen 7 dager" in message.body
    link = link_in(message, "/bekreft/")
    assert link == f"/nettverk/foresporsel/{service_request.token}/bekreft/"
    # The thank-you page gives nothing away: no link to the request, no word of the address.
    thanks = client.get(response["Location"]).content.decode()
    assert service_request.token not in thanks
    assert "kari@nav.example" not in thanks


def test_an_english_visitor_gets_the_email_in_english(
    english_visitor, django_capture_on_commit_callbacks
):
    response = submit(english_visitor, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert ServiceRequest.objects.get().language == "en"
    [message] = mail.outbox
    assert message.subject.startswith("Confirm your request")


def test_the_thank_you_page_is_the_same_for_an_address_seen_before(
    client, django_capture_on_commit_callbacks
):
    submit(client, django_capture_on_commit_callbacks)
    first = client.get("/nettverk/foresporsel/takk/").content
    submit(client, django_capture_on_commit_callbacks, title="En annen forespørsel")
    second = client.get("/nettverk/foresporsel/takk/").content
    assert first == second
    assert ServiceRequest.objects.count() == 2


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"organisation_name": ""}, "organisation_name", "navnet på organisasjonen"),
        ({"contact_email": "kari"}, "contact_email", "hele e-postadressen"),
        ({"contact_email": ""}, "contact_email", "Skriv e-postadressen"),
        ({"contact_phone": "ring meg"}, "contact_phone", "med sifre"),
        ({"kind": ""}, "kind", "Velg hva"),
        ({"kind": "party"}, "kind", "Velg et av alternativene"),
        ({"title": ""}, "title", "kort tittel"),
        ({"title": "x" * 201}, "title", "høyst 200 tegn"),
        ({"description": "x" * 2001}, "description", "høyst 2000 tegn"),
        ({"description": "tekst\x00"}, "description", "tegn som ikke kan lagres"),
        ({"participation_level": ""}, "participation_level", "Velg nivået"),
        ({"field": "astrology"}, "field", "Velg et av alternativene"),
        ({"certificate_level": "expert"}, "certificate_level", "Velg et av alternativene"),
        ({"county": "99"}, "county", "Velg et av fylkene"),
        ({"county": ""}, "county", "kan gjøres digitalt"),
        ({"starts_on": ""}, "starts_on", "datoen det starter"),
        ({"starts_on": "31.02.2027"}, "starts_on", "Skriv datoen"),
        (
            {"starts_on": (TODAY - datetime.timedelta(days=1)).isoformat()},
            "starts_on",
            "Startdatoen har passert",
        ),
        ({"starts_on": "2099-01-01", "ends_on": ""}, "starts_on", "Sjekk årstallet"),
        (
            {
                "starts_on": (TODAY + datetime.timedelta(days=10)).isoformat(),
                "ends_on": (TODAY + datetime.timedelta(days=9)).isoformat(),
            },
            "ends_on",
            "Sluttdatoen kan ikke være før startdatoen",
        ),
        ({"duration": ""}, "duration", "hvor lenge"),
    ],
)
def test_bad_input_is_refused_with_a_norwegian_message_and_changes_nothing(
    client, django_capture_on_commit_callbacks, changes, field, message
):
    before = counts()
    response = submit(client, django_capture_on_commit_callbacks, **changes)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page, page[page.find("ds-error-summary") :][:1500]
    # The error summary at the top links to the field.
    summary = page[page.index("ds-error-summary") :]
    assert f'href="#id_{field}' in summary
    assert counts() == before
    assert mail.outbox == []


def test_a_digital_request_needs_no_county(client, django_capture_on_commit_callbacks):
    response = submit(client, django_capture_on_commit_callbacks, county="", digital="on")
    assert response.status_code == 302
    request = ServiceRequest.objects.get()
    assert request.digital and request.county == ""


def test_an_empty_post_lists_every_missing_field_at_once(client):
    response = client.post(FORM, {})
    assert response.status_code == 400
    page = response.content.decode()
    for text in ("navnet på organisasjonen", "Skriv e-postadressen", "kort tittel", "hvor lenge"):
        assert text in page
    assert ServiceRequest.objects.count() == 0


def test_a_filled_in_honeypot_is_refused_and_changes_nothing(
    client, django_capture_on_commit_callbacks
):
    before = counts()
    response = submit(client, django_capture_on_commit_callbacks, nettside="http://spam.example")
    assert response.status_code == 400
    assert counts() == before
    assert mail.outbox == []


def test_the_form_is_rate_limited_per_client(client, settings, django_capture_on_commit_callbacks):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "network_request": (2, 3600)}
    for number in range(2):
        response = submit(
            client, django_capture_on_commit_callbacks, contact_email=f"k{number}@nav.example"
        )
        assert response.status_code == 302
    refused = submit(client, django_capture_on_commit_callbacks, contact_email="k9@nav.example")
    assert refused.status_code == 429
    assert refused["Retry-After"]
    assert ServiceRequest.objects.count() == 2


def test_the_form_is_rate_limited_per_typed_in_address(
    client, settings, django_capture_on_commit_callbacks
):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "network_request": (2, 3600)}
    for number in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                FORM, form_data(contact_email="SAME@nav.example"), REMOTE_ADDR=f"10.0.0.{number}"
            )
        assert response.status_code == 302
    # Another client, the same address with other capitals: refused.
    refused = client.post(FORM, form_data(contact_email="same@NAV.example"), REMOTE_ADDR="10.0.0.9")
    assert refused.status_code == 429
    assert ServiceRequest.objects.count() == 2


# --- Verification -----------------------------------------------------------------------------


def test_opening_the_link_does_not_verify_pressing_the_button_does(
    client, django_capture_on_commit_callbacks
):
    service_request, link = submitted(client, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    page = client.get(link)
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    assert "Bekreft forespørselen" in page.content.decode()
    client.head(link)
    service_request.refresh_from_db()
    assert service_request.state == State.UNVERIFIED
    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(link)
    assert response.status_code == 302
    assert response["Location"] == service_request.get_absolute_url()
    service_request.refresh_from_db()
    assert service_request.state == State.OPEN
    assert service_request.email_verified_at is not None
    assert list(service_request.events.values_list("kind", flat=True)) == ["received", "verified"]
    # A receipt with the request's own link.
    [receipt] = mail.outbox
    assert link_in(receipt, "/") == service_request.get_absolute_url()
    assert "bekreftet" in client.get(response["Location"]).content.decode()


def test_confirming_twice_is_harmless(client, django_capture_on_commit_callbacks):
    service_request, link = submitted(client, django_capture_on_commit_callbacks)
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(link).status_code == 302
    service_request.refresh_from_db()
    assert service_request.state == State.OPEN
    assert service_request.events.filter(kind="verified").count() == 1
    receipts = OutboxMessage.objects.filter(kind="network_request_receipt")
    assert receipts.count() == 1
    again = client.get(link).content.decode()
    assert "bekreftet allerede" in again


def test_an_unverified_request_is_invisible_to_coordinators(
    client, django_capture_on_commit_callbacks
):
    from network.selectors.requests import requests_visible_to_coordinators

    service_request, link = submitted(client, django_capture_on_commit_callbacks)
    assert service_request not in requests_visible_to_coordinators()
    client.post(link)
    assert service_request in requests_visible_to_coordinators()


@pytest.mark.parametrize("suffix", ["", "bekreft/"])
def test_an_unknown_or_altered_token_is_a_404(client, django_capture_on_commit_callbacks, suffix):
    service_request, _link = submitted(client, django_capture_on_commit_callbacks)
    token = service_request.token
    altered = token[:-1] + ("A" if token[-1] != "A" else "B")
    for bad in (altered, "finnes-ikke", token.upper() if token.upper() != token else token + "x"):
        response = client.get(f"/nettverk/foresporsel/{bad}/{suffix}")
        assert response.status_code == 404
        # A POST to an unknown link changes nothing either (the page itself takes no POST).
        posted = client.post(f"/nettverk/foresporsel/{bad}/{suffix}")
        assert posted.status_code == (404 if suffix else 405)
    service_request.refresh_from_db()
    assert service_request.state == State.UNVERIFIED


# --- The request's page and withdrawing ---------------------------------------------------------


def confirmed_request(client, django_capture_on_commit_callbacks, **changes):
    service_request, link = submitted(client, django_capture_on_commit_callbacks, **changes)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(link)
    service_request.refresh_from_db()
    return service_request


def test_the_request_page_shows_the_details_and_status_and_is_never_cached(
    client, django_capture_on_commit_callbacks
):
    service_request = confirmed_request(client, django_capture_on_commit_callbacks)
    response = client.get(service_request.get_absolute_url())
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    assert "Ungdomspanel om NAV-veiledning" in page
    assert "Mottatt." in page
    assert "Oslo" in page


def test_withdrawing_closes_the_request_with_the_reason(client, django_capture_on_commit_callbacks):
    service_request = confirmed_request(client, django_capture_on_commit_callbacks)
    url = f"{service_request.get_absolute_url()}trekk-tilbake/"
    assert client.get(url).status_code == 405
    response = client.post(url, {"reason": "Vi fant en annen løsning"})
    assert response.status_code == 302
    service_request.refresh_from_db()
    assert service_request.state == State.CLOSED
    assert service_request.close_reason == "Vi fant en annen løsning"
    assert service_request.events.filter(kind="closed").count() == 1
    # Twice: nothing more.
    assert client.post(url).status_code == 302
    assert service_request.events.filter(kind="closed").count() == 1
    page = client.get(service_request.get_absolute_url()).content.decode()
    assert "Lukket." in page
    assert "trekk-tilbake" not in page


def test_a_completed_request_cannot_be_withdrawn(client, django_capture_on_commit_callbacks):
    service_request = confirmed_request(client, django_capture_on_commit_callbacks)
    ServiceRequest.objects.filter(pk=service_request.pk).update(state=State.COMPLETED)
    response = client.post(f"{service_request.get_absolute_url()}trekk-tilbake/")
    assert response.status_code == 400
    assert "kan ikke trekkes tilbake" in response.content.decode()
    service_request.refresh_from_db()
    assert service_request.state == State.COMPLETED


def test_an_unreadable_reason_is_refused_and_changes_nothing(
    client, django_capture_on_commit_callbacks
):
    service_request = confirmed_request(client, django_capture_on_commit_callbacks)
    before = counts()
    response = client.post(
        f"{service_request.get_absolute_url()}trekk-tilbake/", {"reason": "x" * 2001}
    )
    assert response.status_code == 400
    assert counts() == before
    service_request.refresh_from_db()
    assert service_request.state == State.OPEN


# --- Rule 11: nothing about a member before they accept ----------------------------------------


def member(organisation, name, email, phone):
    participant = make_participant(organisation, name=name)
    now = timezone.now()
    return Membership.objects.create(
        participant=participant,
        state=Membership.State.ACTIVE,
        consent_given_at=now,
        consent_version="1",
        joined_at=now,
        last_active_at=now,
        contact_email=email,
        contact_phone=phone,
        field_mental_health=True,
    )


def invite(service_request, membership, state, organisation):
    now = timezone.now()
    accepted = state in (RequestInvitation.State.ACCEPTED, RequestInvitation.State.CONFIRMED)
    return RequestInvitation.objects.create(
        request=service_request,
        membership=membership,
        organisation=organisation,
        state=state,
        invited_at=now,
        answered_at=now if state != RequestInvitation.State.INVITED else None,
        shared_email=membership.contact_email if accepted else "",
        shared_phone=membership.contact_phone if accepted else "",
    )


def test_the_service_never_sees_a_member_who_has_not_accepted(
    client, organisations, django_capture_on_commit_callbacks
):
    service_request = confirmed_request(client, django_capture_on_commit_callbacks)
    ServiceRequest.objects.filter(pk=service_request.pk).update(state=State.INVITING)
    hidden = {
        RequestInvitation.State.INVITED: member(
            organisations["MHU"], "Ingrid Invitert", "ingrid@medlem.example", "401 11 111"
        ),
        RequestInvitation.State.DECLINED: member(
            organisations["BAR"], "Didrik Avslo", "didrik@medlem.example", "402 22 222"
        ),
        RequestInvitation.State.WITHDRAWN: member(
            organisations["LFB"], "Wenche Trukket", "wenche@medlem.example", "403 33 333"
        ),
    }
    for state, membership in hidden.items():
        invite(service_request, membership, state, organisations["MHU"])
    secrets = [
        text
        for membership in hidden.values()
        for text in (
            membership.participant.full_name,
            membership.contact_email,
            membership.contact_phone,
            membership.participant.user.email,
        )
    ]

    def assert_nothing_shown():
        page = client.get(service_request.get_absolute_url()).content.decode()
        for secret in secrets:
            assert secret not in page
        to_service = [m for m in mail.outbox if m.to == [service_request.contact_email]]
        assert to_service  # the confirmation and the receipt
        for message in to_service:
            text = message.body + message.subject + message.alternatives[0][0]
            for secret in secrets:
                assert secret not in text

    assert_nothing_shown()
    assert "som sa ja" not in client.get(service_request.get_absolute_url()).content.decode()

    # One member accepts: that member's chosen contact and name appear, the others still not.
    accepting = member(
        organisations["MHU"], "Aksel Aksepterer", "aksel@medlem.example", "404 44 444"
    )
    invite(service_request, accepting, RequestInvitation.State.ACCEPTED, organisations["MHU"])
    ServiceRequest.objects.filter(pk=service_request.pk).update(state=State.ACCEPTED)
    page = client.get(service_request.get_absolute_url()).content.decode()
    assert "Aksel Aksepterer" in page
    assert "aksel@medlem.example" in page
    assert "404 44 444" in page
    assert_nothing_shown()


def test_a_confirmed_match_shows_the_contact_and_a_member_who_left_does_not(
    client, organisations, django_capture_on_commit_callbacks
):
    service_request = confirmed_request(client, django_capture_on_commit_callbacks)
    ServiceRequest.objects.filter(pk=service_request.pk).update(state=State.MATCHED)
    confirmed = member(organisations["BAR"], "Kari Bekreftet", "kari.b@medlem.example", "")
    invitation = invite(
        service_request, confirmed, RequestInvitation.State.CONFIRMED, organisations["BAR"]
    )
    page = client.get(service_request.get_absolute_url()).content.decode()
    assert "Kari Bekreftet" in page and "kari.b@medlem.example" in page
    assert "Bekreftet av en koordinator" in page
    confirmed.delete()  # leaving the network removes the profile at once
    invitation.refresh_from_db()
    page = client.get(service_request.get_absolute_url()).content.decode()
    assert "Kari Bekreftet" not in page and "kari.b@medlem.example" not in page


def test_withdrawing_tells_a_member_who_had_accepted_and_withdraws_open_invitations(
    client, organisations, django_capture_on_commit_callbacks
):
    service_request = confirmed_request(client, django_capture_on_commit_callbacks)
    waiting = member(organisations["MHU"], "Vilde Venter", "vilde@medlem.example", "")
    accepted = member(organisations["MHU"], "Are Akseptert", "are@medlem.example", "")
    declined = member(organisations["MHU"], "Dina Nei", "dina@medlem.example", "")
    invite(service_request, waiting, RequestInvitation.State.INVITED, organisations["MHU"])
    invite(service_request, accepted, RequestInvitation.State.ACCEPTED, organisations["MHU"])
    invite(service_request, declined, RequestInvitation.State.DECLINED, organisations["MHU"])
    ServiceRequest.objects.filter(pk=service_request.pk).update(state=State.ACCEPTED)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{service_request.get_absolute_url()}trekk-tilbake/")
    states = dict(
        service_request.invitations.values_list("membership__participant__full_name", "state")
    )
    assert states == {
        "Vilde Venter": "withdrawn",
        "Are Akseptert": "withdrawn",
        "Dina Nei": "declined",
    }
    assert [m.to for m in mail.outbox] == [["are@medlem.example"]]
    assert "trukket tilbake" in mail.outbox[0].body


def test_a_completed_request_links_to_the_services_feedback(
    client, organisations, django_capture_on_commit_callbacks
):
    service_request = confirmed_request(client, django_capture_on_commit_callbacks)
    done = member(organisations["LFB"], "Frida Ferdig", "frida@medlem.example", "")
    invite(service_request, done, RequestInvitation.State.CONFIRMED, organisations["LFB"])
    ServiceRequest.objects.filter(pk=service_request.pk).update(state=State.COMPLETED)
    page = client.get(service_request.get_absolute_url()).content.decode()
    assert "Fullført." in page
    assert f"{service_request.get_absolute_url()}tilbakemelding/" in page
    assert "trekk-tilbake" not in page
