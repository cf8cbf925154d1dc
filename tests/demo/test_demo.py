"""`manage.py load_demo`: creates the demo, prints every login, and changes nothing a second
time."""

import io
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db

README = Path(__file__).resolve().parents[2] / "README.md"


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


def test_the_summary_names_every_demo_login_with_its_role_and_the_password():
    from django.contrib.auth import authenticate, get_user_model

    output = load_demo()
    lines = output.splitlines()
    emails = set(
        get_user_model()
        .objects.filter(email__endswith="@medvirk.localhost")
        .values_list("email", flat=True)
    )
    assert len(emails) == 26
    for email in emails:
        [line] = [line for line in lines if line.split() and line.split()[0] == email]
        assert len(line.split(maxsplit=1)) == 2, f"{email} has no role"
        assert authenticate(username=email, password="medvirk-demo"), email
    assert "«medvirk-demo»" in output
    for role in ("programadministrator", "redaktør", "godkjenner", "koordinator", "deltaker"):
        assert role in output
    # and it says what each gathering shows
    for shows in ("avsluttet", "pågår nå", "åpen for søknader", "venteliste"):
        assert shows in output


def test_the_summary_uses_the_password_given():
    out = io.StringIO()
    call_command("load_demo", "--force", "--admin-password", "et-annet-passord-7", stdout=out)
    assert "«et-annet-passord-7»" in out.getvalue()
    from django.contrib.auth import authenticate

    assert authenticate(username="jonas@medvirk.localhost", password="et-annet-passord-7")


def test_the_readme_lists_the_same_logins_as_the_loader():
    from demo import content

    text = README.read_text(encoding="utf-8")
    table = text.split("| login | role |", 1)[1].split("\n\n", 1)[0]
    in_readme = re.findall(r"[\w.]+@medvirk\.localhost", table)
    assert len(in_readme) == len(set(in_readme)), "a login is listed twice"
    assert set(in_readme) == {email for email, _role in content.logins()}


def test_the_summary_gives_each_demo_staff_account_a_two_factor_set_up_link(client, settings):
    """Staff set up two-factor only through a one-time link (issue 14), so the demo prints
    one per staff account; it opens the set-up page for that account."""
    settings.STAFF_MFA_REQUIRED = True
    output = load_demo()
    links = dict(re.findall(r"^  (\S+@medvirk\.localhost): (http\S+)$", output, re.M))
    assert {"admin@medvirk.localhost", "koordinator.mhu@medvirk.localhost"} <= set(links)
    assert "deltaker@medvirk.localhost" not in links  # participants need none
    response = client.get(urlsplit(links["koordinator.mhu@medvirk.localhost"]).path)
    assert response.status_code == 200
    assert "koordinator.mhu@medvirk.localhost" in response.content.decode()
