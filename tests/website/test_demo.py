"""`manage.py load_demo`: creates the demo, prints the login, and changes nothing a second time."""

import io

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def row_counts():
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if not model._meta.label.startswith(("django_q.", "sessions.", "wagtailsearch."))
    }


def load_demo():
    out = io.StringIO()
    call_command("load_demo", "--force", stdout=out)
    return out.getvalue()


def test_demo_creates_organisations_home_page_and_administrator():
    from django.contrib.auth import authenticate

    from cohorts.models import Organisation
    from website.models import HomePage

    output = load_demo()
    assert set(Organisation.objects.values_list("short_code", flat=True)) == {"MHU", "BAR", "LFB"}
    languages = set(HomePage.objects.live().values_list("locale__language_code", flat=True))
    assert languages == {"nb", "en"}
    assert "admin@medvirk.localhost" in output
    assert "medvirk-demo" in output
    admin = authenticate(username="admin@medvirk.localhost", password="medvirk-demo")
    assert admin is not None and admin.is_superuser


def test_running_the_demo_twice_changes_nothing():
    load_demo()
    before = row_counts()
    from website.models import HomePage

    revisions_before = {page.pk: page.latest_revision_id for page in HomePage.objects.all()}
    load_demo()
    assert row_counts() == before
    assert {page.pk: page.latest_revision_id for page in HomePage.objects.all()} == revisions_before


def test_a_second_run_keeps_a_changed_administrator_password():
    from django.contrib.auth import authenticate, get_user_model

    load_demo()
    admin = get_user_model().objects.get(email="admin@medvirk.localhost")
    admin.set_password("mitt-eget-passord-42")
    admin.save()
    load_demo()
    assert authenticate(username="admin@medvirk.localhost", password="mitt-eget-passord-42")


def test_demo_refuses_to_load_on_a_production_site_unless_forced(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("load_demo", stdout=io.StringIO())
    from cohorts.models import Organisation

    assert not Organisation.objects.exists()
