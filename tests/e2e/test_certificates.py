"""A visitor verifies a certificate's code; the page is accessible."""

import pytest
from playwright.sync_api import expect

from tests.e2e.accessibility import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_visitor_verifies_a_code_typed_carelessly(demo_site, new_tab):
    from django.contrib.auth import get_user_model

    from certificates.services import certificate_issue
    from cohorts.models import Enrolment

    enrolment = Enrolment.objects.get(
        gathering__slug="nye-var-2026", participant__full_name="Ida Larsen"
    )
    admin = get_user_model().objects.get(email="admin@medvirk.localhost")
    certificate = certificate_issue(enrolment=enrolment, actor=admin)
    visitor = new_tab(390, 844)
    visitor.goto(f"/bevis/{certificate.display_code.lower()}/")
    expect(visitor.get_by_role("status")).to_contain_text("Gyldig.")
    expect(visitor.get_by_text("Ida Larsen")).to_be_visible()
    assert_accessible(visitor)
    response = visitor.goto("/bevis/FINNES-IKKE/")
    assert response.status == 404
    assert_accessible(visitor)
