"""The holder downloads her certificate as an Open Badges credential from My page; a visitor
opens /bevis/<code>/, which says the signature is valid and that it is not revoked; after
revocation the same page says the list of revoked certificates says so."""

import json

import pytest
from playwright.sync_api import expect

from tests.e2e.accessibility import assert_accessible
from tests.e2e.people import log_in_on_site

pytestmark = pytest.mark.django_db(transaction=True)
PHONE = (390, 844)


def test_the_holder_downloads_the_credential_and_the_verification_page_checks_it(
    demo_site, new_tab
):
    from django.contrib.auth import get_user_model

    from certificates.badges import documents
    from certificates.models import Certificate
    from certificates.services import certificate_revoke

    certificate = Certificate.objects.get(
        enrolment__participant__user__email="ida@medvirk.localhost", revoked_at__isnull=True
    )

    ida = new_tab(*PHONE)
    log_in_on_site(ida, "ida@medvirk.localhost")
    expect(ida.get_by_role("heading", name="Mine kursbevis")).to_be_visible()
    link = ida.get_by_role("link", name="Digitalt kursbevis (Open Badges, .json)")
    with ida.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename == f"kursbevis-{certificate.display_code}.json"
    credential = json.loads(download.path().read_text(encoding="utf-8"))
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert documents.check(credential).valid
    assert_accessible(ida)

    visitor = new_tab(*PHONE)
    visitor.goto(f"/bevis/{certificate.display_code}/")
    checks = visitor.locator(".credential-check")
    expect(checks).to_contain_text("Signaturen er gyldig")
    expect(checks).to_contain_text("Ikke tilbakekalt")
    expect(visitor.get_by_role("link", name="Legg til på LinkedIn")).to_be_visible()
    assert_accessible(visitor)

    # An employer who got the file checks it on /bevis/.
    employer = new_tab()
    employer.goto("/bevis/")
    employer.get_by_role("link", name="Har du fått et kursbevis som fil? Sjekk fila").click()
    assert_accessible(employer)
    employer.get_by_label("Fila med kursbeviset (.json)").set_input_files(download.path())
    employer.get_by_role("button", name="Sjekk fila").click()
    expect(employer.get_by_role("status")).to_contain_text("Gyldig kursbevis")
    expect(employer.get_by_text("Ida Larsen")).to_be_visible()
    assert_accessible(employer)

    administrator = get_user_model().objects.filter(is_superuser=True).first()
    certificate_revoke(certificate=certificate, actor=administrator, reason="Utstedt ved en feil")
    visitor.reload()
    expect(checks).to_contain_text("Signaturen er gyldig")
    expect(checks).to_contain_text("Listen vår over tilbakekalte kursbevis sier det samme.")
    expect(visitor.get_by_role("link", name="Legg til på LinkedIn")).to_have_count(0)
    assert_accessible(visitor)
