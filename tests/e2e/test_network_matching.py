"""Matching, in two browsers: a coordinator logs into the admin, opens the new request from
the dashboard and invites a member; the member logs in on a phone and accepts from My page;
the service's e-mail then holds the member's chosen contact, and so does its request page."""

import pytest
from playwright.sync_api import expect

from tests.e2e.accessibility import assert_accessible
from tests.e2e.people import PHONE, log_in, log_in_on_site

pytestmark = pytest.mark.django_db(transaction=True)


def _with_password(user):
    from allauth.account.models import EmailAddress

    user.set_password("medvirk-demo")
    user.save()
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def test_a_coordinator_invites_and_the_member_accepts_from_my_page(organisations, new_tab):
    from django.contrib.auth.models import Group

    from network.models import RequestInvitation
    from network.services.matching import CONTACT_KIND
    from tests.factories import admin_access_permission, make_coordinator
    from tests.network.matching_factories import member, service_request
    from website import outbox
    from website.models import OutboxMessage

    coordinator = _with_password(make_coordinator(organisations["MHU"]))
    group, _created = Group.objects.get_or_create(name="Admin-tilgang")
    group.permissions.add(admin_access_permission())
    coordinator.groups.add(group)
    sara = member(
        organisations["MHU"],
        name="Sara Nilsen",
        contact_email="sara.oppdrag@example.org",
        contact_phone="945 67 890",
        did_service=True,
    )
    _with_password(sara.participant.user)
    request = service_request(title="Foredrag for veiledere i NAV", organisation_name="NAV Sagene")

    # The coordinator, on a desktop.
    admin = new_tab()
    log_in(admin, coordinator.email)
    panel = admin.get_by_role("region", name="Nye forespørsler")
    panel.get_by_role("link", name="1 forespørsel om en brukermedvirker venter på deg").click()
    admin.get_by_role("link", name="Foredrag for veiledere i NAV").click()
    expect(admin.get_by_role("heading", name="Medlemmer som passer")).to_be_visible()
    admin.get_by_label("Sara Nilsen").check()
    admin.get_by_label("Beskjed til medlemmene").fill("Du har gjort dette før – passer deg?")
    admin.get_by_role("button", name="Inviter medlemmene du har valgt").click()
    expect(admin.get_by_text("1 medlem er invitert.")).to_be_visible()

    # The service has heard nothing about Sara yet.
    assert not OutboxMessage.objects.filter(recipient=request.contact_email).exists()

    # The member, on a phone.
    phone = new_tab(*PHONE)
    log_in_on_site(phone, sara.participant.user.email)
    phone.get_by_role("link", name="Foredrag for veiledere i NAV").click()
    title = phone.get_by_role("heading", level=1, name="Foredrag for veiledere i NAV")
    expect(title).to_be_visible()
    expect(phone.get_by_text("Du har gjort dette før – passer deg?")).to_be_visible()
    expect(phone.get_by_text(request.contact_email)).to_have_count(0)
    assert_accessible(phone)
    phone.get_by_role("button", name="Ja, jeg kan ta det").click()
    expect(phone.get_by_text("Takk! Tjenesten har fått kontaktinformasjonen din")).to_be_visible()
    expect(phone.get_by_text(request.contact_email)).to_be_visible()
    assert_accessible(phone)

    invitation = RequestInvitation.objects.get(request=request)
    assert invitation.state == RequestInvitation.State.ACCEPTED
    [message] = OutboxMessage.objects.filter(recipient=request.contact_email, kind=CONTACT_KIND)
    email = outbox.render(message)
    assert "sara.oppdrag@example.org" in email.body and "945 67 890" in email.body

    # The service's own page (its link from the e-mail) shows the contact too.
    service = new_tab(*PHONE)
    service.goto(request.get_absolute_url())
    expect(service.get_by_text("sara.oppdrag@example.org")).to_be_visible()

    # Back in the admin: the coordinator confirms the match.
    admin.reload()
    admin.get_by_role("button", name="Bekreft oppdraget").click()
    expect(admin.get_by_text("Oppdraget er bekreftet.")).to_be_visible()
