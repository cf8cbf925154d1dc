"""The erfaringslogg (issue 18 item 5): the member's assignments, hours per level of
participation and certificates, as a page and as a PDF to attach to a job application. The
builder is tested alone; the views give each member their own log only."""

import datetime
import io
from decimal import Decimal

import pytest
from pypdf import PdfReader

from network.erfaringslogg import erfaringslogg_filename, erfaringslogg_html, erfaringslogg_pdf
from network.selectors.assignments import Log, LogCertificate, LogEntry
from network.services.assignments import assignments_complete
from tests.network.assignment_factories import make_assignment, make_certificate, make_member

PAGE = "/min-side/nettverk/erfaringslogg/"
PDF = "/min-side/nettverk/erfaringslogg.pdf"


def _pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def _log():
    return Log(
        name="Sara Nilsen",
        entries=[
            LogEntry(
                title="Brukerpanel om ungdomshelse",
                kind="Et brukerpanel",
                organisation="Helse Bergen",
                level="service",
                level_label="Tjenestenivå",
                starts_on=datetime.date(2026, 3, 2),
                ends_on=None,
                hours=Decimal("3.5"),
            ),
            LogEntry(
                title="Styreplass i ungdomsrådet",
                kind="Et styre eller råd",
                organisation="Bergen kommune",
                level="system",
                level_label="Systemnivå",
                starts_on=datetime.date(2026, 4, 1),
                ends_on=datetime.date(2026, 6, 1),
                hours=Decimal("12"),
            ),
        ],
        certificates=[
            LogCertificate(
                level_label="Nivå 1",
                issued_on=datetime.date(2025, 10, 20),
                code="K7QM-2XPA-9D",
                verify_path="/bevis/K7QM-2XPA-9D/",
            )
        ],
    )


def test_the_builder_draws_assignments_hours_per_level_and_certificates():
    html = erfaringslogg_html(
        log=_log(), base_url="https://medvirk.no/", language="nb", made_on=datetime.date(2026, 7, 1)
    )
    assert "Brukerpanel om ungdomshelse" in html
    assert "Helse Bergen" in html
    assert "https://medvirk.no/bevis/K7QM-2XPA-9D/" in html
    assert "15,5" in html  # 3.5 + 12 hours in all, with a Norwegian decimal comma
    text = _pdf_text(
        erfaringslogg_pdf(
            log=_log(),
            base_url="https://medvirk.no",
            language="nb",
            made_on=datetime.date(2026, 7, 1),
        )
    )
    for expected in (
        "Erfaringslogg",
        "Sara Nilsen",
        "Styreplass i ungdomsrådet",
        "Bergen kommune",
        "Systemnivå",
        "K7QM-2XPA-9D",
        "medvirk.no/bevis/K7QM-2XPA-9D/",
    ):
        assert expected in text


def test_the_file_name_is_plain_letters():
    assert erfaringslogg_filename("Søren Ågård-Løkke") == "erfaringslogg-soren-agard-lokke.pdf"
    assert erfaringslogg_filename("") == "erfaringslogg-medlem.pdf"


@pytest.mark.django_db
def test_the_pdf_holds_the_members_assignments_and_certificates_and_nothing_of_another(
    client, organisations
):
    member = make_member(organisations["MHU"], name="Sara Nilsen")
    make_certificate(member.participant, organisations["MHU"], level="advanced")
    make_assignment(
        member,
        organisations["MHU"],
        days_ago=10,
        hours=Decimal("4"),
        title="Foredrag for studenter",
        organisation_name="Universitetet i Oslo",
        participation_level="system",
    )
    other = make_member(organisations["BAR"], name="Ola Hemmelig")
    make_assignment(
        other,
        organisations["BAR"],
        days_ago=10,
        hours=Decimal("7"),
        title="Arbeidsgruppe i Drammen",
        organisation_name="Drammen kommune",
    )
    upcoming = make_assignment(member, organisations["MHU"], days_ago=-5, title="Ikke ennå")
    assignments_complete()

    client.force_login(member.participant.user)
    response = client.get(PDF)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="erfaringslogg-sara-nilsen.pdf"'
    assert response.content.startswith(b"%PDF")
    text = _pdf_text(response.content)
    assert "Sara Nilsen" in text
    assert "Foredrag for studenter" in text
    assert "Universitetet i Oslo" in text
    own_codes = [
        certificate.display_code
        for enrolment in member.participant.enrolments.all()
        for certificate in enrolment.certificates.all()
    ]
    assert len(own_codes) == 2  # level 1 (joining) and level 2
    for code in own_codes:
        assert code in text
    assert upcoming.request.title not in text
    for foreign in ("Ola Hemmelig", "Arbeidsgruppe i Drammen", "Drammen kommune"):
        assert foreign not in text
    for enrolment in other.participant.enrolments.all():
        for certificate in enrolment.certificates.all():
            assert certificate.display_code not in text


@pytest.mark.django_db
def test_the_page_adds_up_hours_per_level_of_participation(client, organisations):
    member = make_member(organisations["MHU"])
    for hours, level in (("2.5", "service"), ("3", "service"), ("6", "system")):
        make_assignment(
            member,
            organisations["MHU"],
            days_ago=4,
            hours=Decimal(hours),
            participation_level=level,
        )
    assignments_complete()
    client.force_login(member.participant.user)
    page = client.get(PAGE).content.decode()
    assert "Timer per medvirkningsnivå" in page
    assert "5,5" in page  # service level
    assert "11,5" in page  # in all


@pytest.mark.django_db
def test_the_log_is_for_members_only(client, organisations, admin_user):
    from tests.factories import make_participant

    client.logout()
    assert client.get(PAGE).status_code == 302
    assert client.get(PDF).status_code == 302
    not_member = make_participant(organisations["MHU"])
    for user in (not_member.user, admin_user):
        client.force_login(user)
        assert client.get(PAGE).status_code == 404
        assert client.get(PDF).status_code == 404


@pytest.mark.django_db
def test_my_page_lists_assignments_waiting_for_feedback_and_links_the_log(client, organisations):
    member = make_member(organisations["MHU"])
    invitation = make_assignment(member, organisations["MHU"], days_ago=3, title="Brukerråd")
    assignments_complete()
    client.force_login(member.participant.user)
    page = client.get("/min-side/").content.decode()
    assert f"/min-side/nettverk/oppdrag/{invitation.pk}/tilbakemelding/" in page
    assert PAGE in page
    client.post(
        f"/min-side/nettverk/oppdrag/{invitation.pk}/tilbakemelding/",
        {"rating": "4", "hours": "1", "comment": ""},
    )
    page = client.get("/min-side/").content.decode()
    assert f"/min-side/nettverk/oppdrag/{invitation.pk}/tilbakemelding/" not in page


@pytest.mark.django_db
def test_the_log_is_read_in_two_queries_however_many_assignments(
    organisations, django_assert_num_queries
):
    from network.selectors.assignments import erfaringslogg

    member = make_member(organisations["MHU"])
    for count in (1, 4):
        while member.invitations.count() < count:
            make_assignment(member, organisations["MHU"], days_ago=3, hours=Decimal("1"))
        assignments_complete()
        with django_assert_num_queries(2):
            log = erfaringslogg(member.participant)
        assert len(log.entries) == count
