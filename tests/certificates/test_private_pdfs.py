"""Certificate PDFs are private files (issue 14, finding 9): stored outside MEDIA_ROOT (which
the proxy serves at /media/), handed out only by /min-side/kursbevis/<id>/ after the access
policy, deleted on revocation, downloads by staff recorded; files left in MEDIA_ROOT by
earlier versions are moved."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage

from certificates.models import Certificate
from certificates.services import certificate_issue, certificate_revoke
from certificates.storage import pdfs_make_private, private_storage_is_private
from website.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(finished, on_commit):
    """Ida's certificate, its PDF rendered (as the task queued on commit does)."""
    certificate = on_commit(
        certificate_issue, enrolment=finished["present"], actor=finished["coordinator"]
    )
    certificate.refresh_from_db()
    return certificate


def download(client, user, certificate):
    client.force_login(user)
    return client.get(f"/min-side/kursbevis/{certificate.pk}/")


def test_the_pdf_is_stored_outside_the_public_media_folder(issued):
    media = Path(settings.MEDIA_ROOT).resolve()
    stored = Path(issued.pdf.path).resolve()
    assert stored.read_bytes().startswith(b"%PDF")
    assert media not in stored.parents
    assert not (media / issued.pdf.name).exists()
    assert stored == Path(settings.PRIVATE_MEDIA_ROOT).resolve() / issued.pdf.name


def test_a_coordinators_and_an_administrators_download_is_logged_as_sensitive(
    client, issued, finished, admin_user
):
    holder = finished["present"].participant
    assert download(client, holder.user, issued).status_code == 200
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT).exists()
    for staff in (finished["coordinator"], admin_user):
        response = download(client, staff, issued)
        assert b"".join(response.streaming_content).startswith(b"%PDF")
    entries = AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT).order_by("pk")
    assert [(e.actor, e.participant_id, e.sensitive) for e in entries] == [
        (finished["coordinator"], holder.pk, True),
        (admin_user, holder.pk, True),
    ]
    assert issued.display_code in entries[0].summary and "PDF" in entries[0].summary


def test_a_revoked_certificates_pdf_is_deleted_and_nobody_downloads_it(
    client, issued, finished, admin_user, on_commit
):
    path = Path(issued.pdf.path)
    on_commit(certificate_revoke, certificate=issued, actor=finished["coordinator"], reason="Feil")
    assert not path.exists()
    for user in (finished["present"].participant.user, finished["coordinator"], admin_user):
        assert download(client, user, issued).status_code == 404
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT).exists()


def test_behind_nginx_the_view_lets_the_proxy_send_the_file(client, issued, finished, settings):
    settings.PRIVATE_MEDIA_ACCEL_REDIRECT = "/_privat/"
    response = download(client, finished["present"].participant.user, issued)
    assert response.status_code == 200 and response.content == b""
    assert response["X-Accel-Redirect"] == f"/_privat/{issued.pdf.name}"
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]


def test_the_check_refuses_a_private_folder_inside_the_public_media_folder(settings):
    assert private_storage_is_private() == []
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": Path(settings.MEDIA_ROOT) / "privat"},
        },
    }
    assert [error.id for error in private_storage_is_private()] == ["certificates.E001"]


def test_pdfs_left_in_media_by_earlier_versions_move_and_revoked_ones_go(
    issued, finished, tmp_path
):
    """What migration certificates.0003 does, against folders of the test's own."""
    public = FileSystemStorage(location=tmp_path / "media")
    private = FileSystemStorage(location=tmp_path / "private")
    live = issued
    revoked = certificate_revoke(certificate=live, actor=finished["coordinator"], reason="Feil")
    Certificate.objects.filter(pk=revoked.pk).update(pdf="certificates/kursbevis-OLD.pdf")
    live = certificate_issue(enrolment=finished["present"], actor=finished["coordinator"])
    Certificate.objects.filter(pk=live.pk).update(pdf=f"certificates/kursbevis-{live.code}.pdf")
    for name in (
        f"certificates/kursbevis-{live.code}.pdf",
        "certificates/kursbevis-OLD.pdf",
        "certificates/kursbevis-NOROW.pdf",
    ):
        public.save(name, ContentFile(b"%PDF " + name.encode()))

    counts = pdfs_make_private(Certificate, public=public, private=private, log=lambda _: None)

    assert counts == {"moved": 1, "deleted": 1, "unclaimed": 1}
    assert public.listdir("certificates") == ([], [])
    with private.open(f"certificates/kursbevis-{live.code}.pdf") as moved:
        assert moved.read() == f"%PDF certificates/kursbevis-{live.code}.pdf".encode()
    assert private.exists("certificates/kursbevis-NOROW.pdf")
    assert not private.exists("certificates/kursbevis-OLD.pdf")
    assert Certificate.objects.get(pk=revoked.pk).pdf.name == ""
    again = pdfs_make_private(Certificate, public=public, private=private, log=lambda _: None)
    assert again == {"moved": 0, "deleted": 0, "unclaimed": 0}


def test_verification_is_never_stored_by_a_cache(client, issued, finished):
    for url in (issued.get_absolute_url(), "/bevis/AAAA-BBBB-CC/"):
        assert "no-store" in client.get(url)["Cache-Control"]
    certificate_revoke(certificate=issued, actor=finished["coordinator"], reason="Feil")
    assert "no-store" in client.get(issued.get_absolute_url())["Cache-Control"]
