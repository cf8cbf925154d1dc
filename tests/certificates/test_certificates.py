"""Certificates: codes, issuing rules, revocation, progression, public verification."""

import pytest

from certificates.codes import ALPHABET, display, new_code, normalise
from certificates.models import Certificate
from certificates.services import (
    CertificateError,
    certificate_issue,
    certificate_reissue,
    certificate_revoke,
)
from tests.factories import make_coordinator

pytestmark = pytest.mark.django_db


def test_codes_have_50_bits_in_an_unambiguous_alphabet():
    code = new_code()
    assert len(code) == 10 and set(code) <= set(ALPHABET)
    assert not set("ILOU") & set(ALPHABET)
    assert len(ALPHABET) ** 10 >= 2**50
    assert len({new_code() for _ in range(2000)}) == 2000


def test_codes_are_shown_grouped_and_matched_ignoring_case_spaces_dashes_and_lookalikes():
    assert display("K7QM2XPA9D") == "K7QM-2XPA-9D"
    assert normalise(" k7qm-2xpa 9d ") == "K7QM2XPA9D"
    assert normalise("1O1L-i") == "10111"


def test_a_participant_who_attended_enough_gets_one_certificate_however_often_issued(finished):
    first = certificate_issue(enrolment=finished["present"], actor=finished["coordinator"])
    again = certificate_issue(enrolment=finished["present"], actor=finished["coordinator"])
    assert first.pk == again.pk
    assert Certificate.objects.count() == 1
    assert (first.level, first.holder_name, first.exception_reason) == ("new", "Ida Larsen", "")


def test_not_eligible_needs_an_exception_with_a_reason(finished):
    with pytest.raises(CertificateError) as error:
        certificate_issue(enrolment=finished["absent"], actor=finished["coordinator"])
    assert "Deltok 0 av 120 minutter" in str(error.value.message)
    assert not Certificate.objects.exists()
    certificate = certificate_issue(
        enrolment=finished["absent"],
        actor=finished["coordinator"],
        exception_reason="Syk, tok igjen stoffet med veileder",
    )
    assert certificate.exception_reason == "Syk, tok igjen stoffet med veileder"


def test_only_the_participants_organisations_coordinators_may_issue(finished, organisations):
    with pytest.raises(CertificateError) as error:
        certificate_issue(
            enrolment=finished["present"], actor=make_coordinator(organisations["MHU"])
        )
    assert error.value.code == "not_coordinator"
    assert not Certificate.objects.exists()


def test_revoking_needs_a_reason_and_reissuing_gives_a_new_code(finished):
    certificate = certificate_issue(enrolment=finished["present"], actor=finished["coordinator"])
    with pytest.raises(CertificateError):
        certificate_revoke(certificate=certificate, actor=finished["coordinator"], reason=" ")
    new = certificate_reissue(
        certificate=certificate, actor=finished["coordinator"], reason="Navnet var feil"
    )
    certificate.refresh_from_db()
    assert certificate.is_revoked and certificate.revoke_reason == "Navnet var feil"
    assert new.code != certificate.code and not new.is_revoked


def test_a_level_one_certificate_opens_advanced_gatherings_and_a_revoked_one_does_not(
    finished, organisations
):
    from cohorts.selectors import progression_missing

    participant = finished["present"].participant
    assert progression_missing(participant=participant, level="advanced") == "new"
    certificate = certificate_issue(enrolment=finished["present"], actor=finished["coordinator"])
    assert progression_missing(participant=participant, level="advanced") is None
    assert progression_missing(participant=participant, level="communicator") == "advanced"
    certificate_revoke(certificate=certificate, actor=finished["coordinator"], reason="Feil")
    assert progression_missing(participant=participant, level="advanced") == "new"


# Verification -----------------------------------------------------------------------------


def test_anyone_verifies_a_code_and_sees_only_what_the_certificate_says(client, finished):
    participant = finished["present"].participant
    participant.dietary_needs = "Nøtteallergi"
    participant.phone = "99887766"
    participant.save()
    certificate = certificate_issue(enrolment=finished["present"], actor=finished["coordinator"])
    response = client.get(f"/bevis/{certificate.display_code.lower().replace('-', ' ')}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Gyldig kursbevis" in html and "Ida Larsen" in html
    assert finished["gathering"].title in html
    assert "Barn av rusmisbrukere" in html
    for private in (
        "Nøtteallergi",
        "99887766",
        participant.user.email,
        str(participant.birth_date.year),
    ):
        assert private not in html


def test_a_revoked_code_says_so_with_the_date_but_not_the_reason(client, finished):
    certificate = certificate_issue(enrolment=finished["present"], actor=finished["coordinator"])
    certificate_revoke(
        certificate=certificate, actor=finished["coordinator"], reason="Hemmelig grunn"
    )
    html = client.get(certificate.get_absolute_url()).content.decode()
    assert "Tilbakekalt" in html
    assert "Hemmelig grunn" not in html


def test_an_unknown_code_is_not_found(client, db):
    response = client.get("/bevis/AAAA-BBBB-CC/")
    assert response.status_code == 404
    assert "Ingen kursbevis har denne koden" in response.content.decode()


def test_lookups_are_rate_limited_per_client(client, db):
    statuses = [client.get(f"/bevis/AAAA-BBBB-{n:02d}/").status_code for n in range(31)]
    assert statuses[:30] == [404] * 30
    assert statuses[30] == 429
    other = client.get("/bevis/AAAA-BBBB-CC/", REMOTE_ADDR="10.0.0.2")
    assert other.status_code == 404


# PDF, e-mail and download ------------------------------------------------------------------


def test_the_pdf_names_the_holder_level_and_code_and_is_emailed_once(
    finished, django_capture_on_commit_callbacks
):
    import io

    from django.core import mail
    from pypdf import PdfReader

    from certificates.tasks import render_certificate
    from website.tasks import send_outbox

    with django_capture_on_commit_callbacks(execute=True):
        certificate = certificate_issue(
            enrolment=finished["present"], actor=finished["coordinator"]
        )
    certificate.refresh_from_db()
    text = PdfReader(io.BytesIO(certificate.pdf.read())).pages[0].extract_text()
    assert "Ida Larsen" in text
    assert "Nye brukermedvirkere" in text
    assert certificate.display_code in text

    def certificate_mails():  # (the fixture's application e-mails go out with it)
        return [m for m in mail.outbox if any(a[2] == "application/pdf" for a in m.attachments)]

    assert len(certificate_mails()) == 1
    assert certificate_mails()[0].attachments[0][2] == "application/pdf"
    first_pdf = certificate.pdf.name
    render_certificate(certificate.pk)  # the tasks running again render and send nothing more
    send_outbox()
    assert len(certificate_mails()) == 1
    certificate.refresh_from_db()
    assert certificate.pdf.name == first_pdf == f"certificates/kursbevis-{certificate.code}.pdf"
    assert certificate_mails()[0].attachments[0][1] == certificate.pdf.open("rb").read()


def test_the_pdf_is_rendered_once_by_its_email_and_reused_by_download_and_zip(
    client, finished, django_capture_on_commit_callbacks, monkeypatch
):
    """Issuing queues no render of its own (issue 20): the e-mail, sent on commit, renders and
    stores the PDF and attaches what it rendered; the download and the gathering's zip hand
    out that same file."""
    import io
    import zipfile

    from django.core import mail
    from django.core.files.storage import storages

    from certificates import services
    from certificates.services import certificates_zip_run, certificates_zip_start

    rendered = []
    render = services.render_pdf
    monkeypatch.setattr(services, "render_pdf", lambda c: rendered.append(c.pk) or render(c))
    with django_capture_on_commit_callbacks(execute=True):
        certificate = certificate_issue(
            enrolment=finished["present"], actor=finished["coordinator"]
        )
    assert rendered == [certificate.pk]
    certificate.refresh_from_db()
    stored = certificate.pdf.open("rb").read()
    [attached] = [a for m in mail.outbox for a in m.attachments if a[2] == "application/pdf"]
    assert attached[1] == stored and stored.startswith(b"%PDF")
    client.force_login(finished["present"].participant.user)
    response = client.get(f"/min-side/kursbevis/{certificate.pk}/")
    assert b"".join(response.streaming_content) == stored
    job = certificates_zip_start(
        gathering=finished["present"].gathering, actor=finished["coordinator"]
    )
    certificates_zip_run(job_id=job.pk)
    job.refresh_from_db()
    with (
        storages["private"].open(job.file) as kept,
        zipfile.ZipFile(io.BytesIO(kept.read())) as archive,
    ):
        assert [archive.read(name) for name in archive.namelist()] == [stored]
    assert rendered == [certificate.pk]


def test_a_certificate_whose_pdf_file_was_lost_is_rendered_anew(finished, on_commit):
    from certificates.services import certificate_pdf_ensure

    certificate = on_commit(
        certificate_issue, enrolment=finished["present"], actor=finished["coordinator"]
    )
    certificate.refresh_from_db()
    name = certificate.pdf.name
    certificate.pdf.storage.delete(name)  # say, the media volume was restored from an old copy
    certificate_pdf_ensure(certificate_id=certificate.pk)
    assert certificate.pdf.storage.exists(name)


def test_a_revoked_certificate_loses_its_pdf_and_its_unsent_email(finished, monkeypatch):
    from certificates.services import certificate_revoke
    from website.models import OutboxMessage
    from website.outbox import outbox_send_due

    monkeypatch.setattr("website.outbox._queue_sender", lambda: None)  # not sent yet
    certificate = certificate_issue(enrolment=finished["present"], actor=finished["coordinator"])
    certificate_revoke(certificate=certificate, actor=finished["coordinator"], reason="Feil navn")
    outbox_send_due()
    assert OutboxMessage.objects.get(key=f"certificate:{certificate.pk}").state == "skipped"
    certificate.refresh_from_db()
    assert not certificate.pdf


def test_the_qr_code_decodes_to_the_verification_address(finished):
    import io

    import zxingcpp
    from PIL import Image

    from certificates.pdf import verification_qr

    certificate = certificate_issue(enrolment=finished["present"], actor=finished["coordinator"])
    url = f"http://testserver{certificate.get_absolute_url()}"
    png = io.BytesIO()
    verification_qr(url).save(png, kind="png", scale=6)
    decoded = zxingcpp.read_barcodes(Image.open(io.BytesIO(png.getvalue())))
    assert [result.text for result in decoded] == [url]


def test_only_the_holder_their_coordinators_and_administrators_download_the_pdf(
    client, finished, organisations, admin_user
):
    certificate = certificate_issue(enrolment=finished["present"], actor=finished["coordinator"])
    url = f"/min-side/kursbevis/{certificate.pk}/"
    client.force_login(finished["present"].participant.user)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    for outsider in (finished["absent"].participant.user, make_coordinator(organisations["MHU"])):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
    for allowed in (finished["coordinator"], admin_user):
        client.force_login(allowed)
        assert client.get(url).status_code == 200


def test_my_page_lists_my_certificates(client, finished):
    certificate = certificate_issue(enrolment=finished["present"], actor=finished["coordinator"])
    client.force_login(finished["present"].participant.user)
    html = client.get("/min-side/").content.decode()
    assert certificate.display_code in html
    assert f"/min-side/kursbevis/{certificate.pk}/" in html


# The coordinator's page ----------------------------------------------------------------------


def _admin_access(user):
    from django.contrib.auth.models import Group, Permission

    group, _ = Group.objects.get_or_create(name="Admin-tilgang")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)


def test_the_issue_page_lists_eligibility_with_reasons_and_issues_the_chosen(
    client, finished, django_capture_on_commit_callbacks
):
    _admin_access(finished["coordinator"])
    client.force_login(finished["coordinator"])
    url = f"/admin/kursbevis/samling/{finished['gathering'].pk}/"
    html = client.get(url).content.decode()
    assert "Ida Larsen" in html and "Emil Haugen" in html
    assert "Deltok 0 av 120 minutter" in html
    with django_capture_on_commit_callbacks(execute=True):  # the job's task, after commit
        client.post(url, {"enrolment": [finished["present"].pk, finished["absent"].pk]})
    assert Certificate.objects.filter(enrolment=finished["present"]).exists()
    assert not Certificate.objects.filter(enrolment=finished["absent"]).exists()
    # The job's summary, under the progress bar.
    html = client.get(url).content.decode()
    assert "1 kursbevis utstedt; de sendes til deltakerne på e-post." in html
    assert "Ikke utstedt: Emil Haugen: " in html
    assert "Skriv en begrunnelse for å utstede likevel" in html
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url,
            {
                "enrolment": [finished["absent"].pk],
                f"reason-{finished['absent'].pk}": "Avtalt unntak",
            },
        )
    assert Certificate.objects.get(enrolment=finished["absent"]).exception_reason == "Avtalt unntak"


def test_coordinators_of_other_organisations_see_none_of_these_participants(
    client, finished, organisations
):
    other = make_coordinator(organisations["MHU"])
    _admin_access(other)
    client.force_login(other)
    html = client.get(f"/admin/kursbevis/samling/{finished['gathering'].pk}/").content.decode()
    assert "Ida Larsen" not in html


def test_revoking_from_the_page_needs_a_reason(client, finished):
    certificate = certificate_issue(enrolment=finished["present"], actor=finished["coordinator"])
    _admin_access(finished["coordinator"])
    client.force_login(finished["coordinator"])
    client.post(f"/admin/kursbevis/{certificate.pk}/revoke/", {"reason": ""})
    certificate.refresh_from_db()
    assert not certificate.is_revoked
    client.post(f"/admin/kursbevis/{certificate.pk}/reissue/", {"reason": "Navnet var stavet feil"})
    certificate.refresh_from_db()
    assert certificate.is_revoked
    assert (
        Certificate.objects.filter(enrolment=finished["present"], revoked_at__isnull=True).count()
        == 1
    )


def test_the_qr_printed_in_the_pdf_decodes_to_the_verification_address(finished, tmp_path):
    import subprocess

    import zxingcpp
    from PIL import Image

    from certificates.services import render_pdf

    certificate = certificate_issue(enrolment=finished["present"], actor=finished["coordinator"])
    (tmp_path / "bevis.pdf").write_bytes(render_pdf(certificate))
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "200",
            "-f",
            "1",
            "-l",
            "1",
            str(tmp_path / "bevis.pdf"),
            str(tmp_path / "side"),
        ],
        check=True,
    )
    page = Image.open(next(tmp_path.glob("side*.png")))
    texts = [result.text for result in zxingcpp.read_barcodes(page)]
    assert texts == [f"http://testserver{certificate.get_absolute_url()}"]


def test_the_pdf_says_what_the_level_means_from_the_course_page(finished, site_tree):
    import io

    from pypdf import PdfReader

    from certificates.services import render_pdf
    from tests.factories import make_course, make_programme

    course = make_course(make_programme(site_tree), level="new")
    finished["gathering"].course = course
    finished["gathering"].save()
    certificate = certificate_issue(enrolment=finished["present"], actor=finished["coordinator"])
    text = PdfReader(io.BytesIO(render_pdf(certificate))).pages[0].extract_text()
    assert "Innehaveren kan delta i brukermedvirkning" in text


def test_a_participant_who_chose_english_gets_an_english_certificate(finished):
    import io

    from pypdf import PdfReader

    from certificates.services import render_pdf

    participant = finished["present"].participant
    participant.language = "en"
    participant.save()
    certificate = certificate_issue(enrolment=finished["present"], actor=finished["coordinator"])
    text = PdfReader(io.BytesIO(render_pdf(certificate))).pages[0].extract_text()
    assert "Certificate" in text and "This certifies that" in text
    assert "New representatives" in text
    assert "Dette bekrefter at" not in text


def test_a_reason_with_a_nul_character_gets_a_message_and_changes_nothing(client, finished):
    certificate = certificate_issue(enrolment=finished["present"], actor=finished["coordinator"])
    _admin_access(finished["coordinator"])
    client.force_login(finished["coordinator"])
    client.raise_request_exception = False  # (a 500 must show as one, not as an exception)
    for action, reason in [
        ("revoke", "Feil\x00"),
        ("reissue", "Feil\x00"),
        ("revoke", "x" * 2001),  # over the one limit on typed reasons
    ]:
        response = client.post(
            f"/admin/kursbevis/{certificate.pk}/{action}/", {"reason": reason}, follow=True
        )
        assert response.status_code == 200
        assert "Begrunnelsen må være ren tekst på høyst 2000 tegn" in response.content.decode()
    certificate.refresh_from_db()
    assert not certificate.is_revoked
    response = client.post(
        f"/admin/kursbevis/samling/{finished['gathering'].pk}/",
        {"enrolment": [finished["absent"].pk], f"reason-{finished['absent'].pk}": "Unntak\x00"},
        follow=True,
    )
    assert "Begrunnelsen må være ren tekst på høyst 2000 tegn" in response.content.decode()
    assert not Certificate.objects.filter(enrolment=finished["absent"]).exists()
