"""`/bevis/`: a form to type a certificate's code; a code in any spelling goes on to
`/bevis/<code>/`, a text that cannot be a code is answered on the form without a look-up."""

import pytest
from django.conf import settings
from django.utils import timezone

from certificates.codes import display

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("steady_limiter_clock")]


def test_the_page_without_a_code_is_a_form(client):
    response = client.get("/bevis/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<form method="get" action="/bevis/"' in html
    assert 'name="kode"' in html
    assert "Kode på kursbeviset" in html


@pytest.mark.parametrize("spelling", ["lower", "spaces", "plain"])
def test_a_code_in_any_spelling_goes_to_its_page(client, certificate, spelling):
    code = display(certificate.code)
    typed = {
        "lower": code.lower(),
        "spaces": " " + code.replace("-", " ") + " ",
        "plain": certificate.code,
    }[spelling]
    response = client.get("/bevis/", {"kode": typed})
    assert response.status_code == 302
    assert response["Location"] == f"/bevis/{code}/"
    page = client.get(response["Location"]).content.decode()
    assert "Gyldig kursbevis" in page and "Ida Larsen" in page


def test_an_empty_or_impossible_code_is_answered_on_the_form(client, db):
    empty = client.get("/bevis/", {"kode": "  "})
    assert empty.status_code == 400
    assert "Skriv koden som står på kursbeviset." in empty.content.decode()
    wrong = client.get("/bevis/", {"kode": "hei"})
    html = wrong.content.decode()
    assert wrong.status_code == 400
    assert "Det er ikke en kode for kursbevis" in html
    assert 'aria-invalid="true"' in html and "ds-error-summary" in html


def test_an_unknown_code_says_so_and_offers_the_form_again(client, db):
    response = client.get("/bevis/AAAA-BBBB-CC/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Ingen kursbevis har denne koden" in html
    assert 'name="kode"' in html and 'value="AAAA-BBBB-CC"' in html


def test_the_form_does_not_count_towards_the_look_up_limit(client, db):
    limit, _window = settings.RATE_LIMITS["certificate_lookup"]
    for _n in range(limit + 5):
        assert client.get("/bevis/", {"kode": "hei"}).status_code == 400
    assert client.get("/bevis/AAAA-BBBB-CC/").status_code == 404


def test_valid_and_revoked_are_a_success_and_a_danger_alert(client, certificate):
    html = client.get(certificate.get_absolute_url()).content.decode()
    assert 'class="ds-alert" data-color="success"' in html
    certificate.revoked_at = timezone.now()
    certificate.save(update_fields=["revoked_at"])
    html = client.get(certificate.get_absolute_url()).content.decode()
    assert 'class="ds-alert" data-color="danger"' in html
    assert "Tilbakekalt" in html
