"""The dashboard's "certificates to issue" panel (issue 16): a gathering that ended without
certificates shows for its organisations' coordinators until one is issued."""

import pytest
from django.utils import timezone

from certificates.codes import new_code
from certificates.models import Certificate
from tests.factories import log_in_with_admin_access, make_coordinator

pytestmark = pytest.mark.django_db


def dashboard(client, user):
    log_in_with_admin_access(client, user)
    return client.get("/admin/").content.decode()


def test_an_ended_gathering_without_certificates_links_to_the_issue_page(
    client, finished, organisations, site_tree
):
    gathering = finished["gathering"]
    link = f'<a href="/admin/kursbevis/samling/{gathering.pk}/"><strong>{gathering.title}</strong>'
    assert finished["present"].state == "confirmed"
    assert link in dashboard(client, finished["coordinator"])
    # MHU's coordinator has no member there: nothing to issue for them
    assert link not in dashboard(client, make_coordinator(organisations["MHU"]))
    Certificate.objects.create(
        enrolment=finished["present"],
        level="new",
        code=new_code(),
        holder_name="Ida Larsen",
        issued_at=timezone.now(),
    )
    page = dashboard(client, finished["coordinator"])
    assert link not in page and "Ingenting venter på deg" in page
