"""A coordinator issues certificates; the participant downloads one; a visitor verifies it;
after revocation the verification page says so."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.accessibility import assert_accessible
from tests.e2e.people import log_in

pytestmark = pytest.mark.django_db(transaction=True)
PHONE = (390, 844)


def test_issue_download_verify_and_revoke(demo_site, new_tab):
    from certificates.models import Certificate
    from cohorts.models import Gathering

    Certificate.objects.all().delete()  # start from a gathering with none issued
    gathering = Gathering.objects.get(slug="nye-brukermedvirkere-oslo")  # finished

    coordinator = new_tab()
    log_in(coordinator, "koordinator.bar@medvirk.localhost")
    coordinator.get_by_role("link", name="Påmeldinger").click()
    coordinator.get_by_role("link", name=gathering.title).click()
    coordinator.get_by_role("link", name="Kursbevis").click()
    expect(coordinator.locator("tr", has_text="Ida Larsen")).to_contain_text("Ja")
    coordinator.get_by_role("button", name="Utsted til de valgte").click()
    expect(coordinator.get_by_text("kursbevis utstedt")).to_be_visible()
    code = coordinator.locator("tr", has_text="Ida Larsen").get_by_role("link").inner_text()
    assert re.fullmatch(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}", code)

    ida = new_tab(*PHONE)
    ida.goto("/konto/login/")
    ida.locator("input[name=login]").fill("ida@medvirk.localhost")
    ida.locator("input[name=password]").fill("medvirk-demo")
    ida.get_by_role("button", name="Logg inn").click()
    expect(ida.get_by_role("heading", name="Mine kursbevis")).to_be_visible()
    assert_accessible(ida)
    href = ida.get_by_role("link", name="Last ned kursbeviset (PDF)").get_attribute("href")
    pdf = ida.request.get(href)
    assert pdf.status == 200 and pdf.body().startswith(b"%PDF")

    visitor = new_tab(*PHONE)
    visitor.goto(f"/bevis/{code.lower()}/")
    expect(visitor.get_by_role("status")).to_contain_text("Gyldig kursbevis")
    expect(visitor.get_by_text("Ida Larsen")).to_be_visible()
    assert_accessible(visitor)

    idas_form = coordinator.locator("form.certificate-change", has_text="Ida Larsen")
    idas_form.get_by_label("Begrunnelse").fill("Utstedt ved en feil")
    idas_form.get_by_role("button", name="Tilbakekall").click()
    expect(coordinator.get_by_text("Kursbeviset er tilbakekalt.")).to_be_visible()
    visitor.reload()
    expect(visitor.get_by_role("status")).to_contain_text("Tilbakekalt")
    assert "Utstedt ved en feil" not in visitor.content()
    assert_accessible(visitor)
    assert visitor.goto("/bevis/FINNES-IKKE/").status == 404
    assert_accessible(visitor)
