"""After an assignment, on a phone: a member whose assignment is completed logs in, gives
feedback with the hours spent from My page, opens the erfaringslogg and downloads it as a PDF."""

import pytest
from playwright.sync_api import expect

from tests.e2e.accessibility import assert_accessible
from tests.e2e.people import PHONE, log_in, log_in_on_site

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_member_gives_feedback_and_downloads_the_erfaringslogg(organisations, new_tab):
    from allauth.account.models import EmailAddress

    from network.services.assignments import assignments_complete
    from tests.network.assignment_factories import make_assignment, make_member

    member = make_member(organisations["MHU"], name="Sara Nilsen")
    user = member.participant.user
    user.set_password("medvirk-demo")
    user.save()
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    make_assignment(
        member,
        organisations["MHU"],
        days_ago=2,
        title="Innlegg på fagdag om ungdomshelse",
        organisation_name="Helse Bergen",
        participation_level="system",
    )
    assignments_complete()

    tab = new_tab(*PHONE)
    log_in_on_site(tab, user.email)
    tab.get_by_role("link", name="Hvordan gikk «Innlegg på fagdag om ungdomshelse»?").click()
    expect(tab.get_by_role("heading", level=1, name="Hvordan gikk det?")).to_be_visible()
    assert_accessible(tab)

    tab.get_by_role("button", name="Send tilbakemelding").click()  # nothing chosen
    expect(tab.get_by_text("Velg hvordan det gikk").first).to_be_visible()
    assert_accessible(tab)

    tab.get_by_label("4 – bra").check()
    tab.get_by_label("Timer du brukte").fill("3,5")
    tab.get_by_label("Kommentar").fill("Godt forberedt, hyggelige folk.")
    tab.get_by_role("button", name="Send tilbakemelding").click()

    expect(tab.get_by_role("heading", level=1, name="Erfaringslogg")).to_be_visible()
    expect(tab.get_by_text("Takk for tilbakemeldingen!")).to_be_visible()
    expect(tab.get_by_text("Helse Bergen")).to_be_visible()
    expect(tab.locator(".enrolment", has_text="Innlegg på fagdag")).to_contain_text("3,5")
    assert_accessible(tab)

    with tab.expect_download() as download_info:
        tab.get_by_role("link", name="Last ned erfaringsloggen (PDF)").click()
    download = download_info.value
    assert download.suggested_filename == "erfaringslogg-sara-nilsen.pdf"
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"


def test_the_service_answers_and_a_coordinator_reads_the_figures(organisations, new_tab):
    from allauth.account.models import EmailAddress
    from django.contrib.auth.models import Group

    from network.services.assignments import assignments_complete
    from tests.factories import admin_access_permission, make_coordinator
    from tests.network.assignment_factories import make_assignment, make_member

    member = make_member(organisations["MHU"])
    invitation = make_assignment(member, organisations["MHU"], days_ago=2, title="Brukerpanel")
    assignments_complete()

    service = new_tab(*PHONE)
    service.goto(f"/nettverk/foresporsel/{invitation.request.token}/")
    service.get_by_role("link", name="Fortell oss hvordan det gikk").click()
    expect(service.get_by_role("heading", level=1, name="Hvordan gikk det?")).to_be_visible()
    assert_accessible(service)
    service.get_by_label("5 – veldig bra").check()
    service.get_by_label("Kommentar").fill("Svært nyttige innspill.")
    service.get_by_role("button", name="Send tilbakemelding").click()
    expect(service.get_by_text("Takk for tilbakemeldingen!")).to_be_visible()
    expect(service.get_by_role("button", name="Lagre endringene")).to_be_visible()
    assert_accessible(service)

    coordinator = make_coordinator(organisations["MHU"])
    coordinator.set_password("medvirk-demo")
    coordinator.save()
    EmailAddress.objects.create(
        user=coordinator, email=coordinator.email, verified=True, primary=True
    )
    group, _created = Group.objects.get_or_create(name="Admin-tilgang")
    group.permissions.add(admin_access_permission())
    coordinator.groups.add(group)
    desk = new_tab()
    log_in(desk, coordinator.email)
    desk.goto("/admin/rapporter/nettverk/")
    expect(desk.get_by_role("heading", level=1)).to_contain_text("Nettverkstall")
    expect(desk.get_by_role("table").first).to_contain_text("< 5")
    assert_accessible(desk)
