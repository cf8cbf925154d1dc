"""Gatherings and enrolment as people use them over HTTP: public pages, applying, Min side,
the guardian's link, and the coordinator's admin pages with per-organisation access."""

import csv
import io

import pytest
from django.core import mail

from cohorts.models import Enrolment
from cohorts.services import guardian_token
from tests.factories import make_coordinator, make_gathering, make_participant
from tests.helpers import admin_form_data
from website.models import AuditEntry

pytestmark = pytest.mark.django_db
State = Enrolment.State


@pytest.fixture
def gathering(organisations):
    return make_gathering(organisations, capacity=3, quotas=(1, 1, 1))


def test_the_gathering_list_shows_published_gatherings_with_seats_left(
    client, organisations, gathering
):
    make_gathering(organisations, status="draft", title="Hemmelig utkast")
    make_participant(organisations["MHU"])
    html = client.get("/samlinger/").content.decode()
    assert gathering.title in html
    assert "Hemmelig utkast" not in html
    assert "3 ledige plasser" in html


def test_a_gathering_page_tells_a_visitor_to_log_in_to_apply(client, gathering):
    html = client.get(gathering.get_absolute_url()).content.decode()
    assert "Scandic Oslo" in html
    assert f"/konto/login/?next=/samlinger/{gathering.slug}/pamelding/" in html


def test_a_draft_gathering_is_not_found(client, organisations):
    draft = make_gathering(organisations, status="draft")
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_applying_asks_for_a_profile_first(client, gathering, user):
    client.force_login(user)
    response = client.get(f"/samlinger/{gathering.slug}/pamelding/")
    assert response.status_code == 302
    assert response["Location"] == f"/min-side/profil/?next=/samlinger/{gathering.slug}/pamelding/"


def test_a_profile_under_18_needs_a_guardian(client, user, organisations):
    client.force_login(user)
    response = client.post(
        "/min-side/profil/",
        {
            "full_name": "Ung Person",
            "birth_date": "2011-05-01",
            "organisations": [organisations["MHU"].pk],
            "language": "nb",
        },
    )
    assert response.status_code == 400
    assert "Må fylles ut når du er under 18 år." in response.content.decode()
    assert not hasattr(user, "participant") or user.participant is None


def test_a_participant_applies_and_sees_the_result_on_my_page(client, gathering, organisations):
    participant = make_participant(organisations["LFB"])
    client.force_login(participant.user)
    response = client.post(
        f"/samlinger/{gathering.slug}/pamelding/",
        {"organisation": organisations["LFB"].pk, "motivation": "Jeg vil bli hørt"},
    )
    receipt = f"/samlinger/{gathering.slug}/pamelding/kvittering/"
    assert response.status_code == 302 and response["Location"] == receipt
    assert "Plassen din er bekreftet" in client.get(receipt).content.decode()
    html = client.get("/min-side/").content.decode()
    assert gathering.title in html
    assert "Plass bekreftet" in html


def test_applying_through_someone_elses_organisation_changes_nothing(
    client, gathering, organisations
):
    participant = make_participant(organisations["LFB"])
    client.force_login(participant.user)
    response = client.post(
        f"/samlinger/{gathering.slug}/pamelding/", {"organisation": organisations["MHU"].pk}
    )
    assert response.status_code == 400
    assert not Enrolment.objects.exists()


def test_you_can_cancel_only_your_own_enrolment(client, gathering, organisations):
    mine = make_participant(organisations["MHU"])
    other = make_participant(organisations["BAR"])
    from cohorts.services import enrolment_apply

    theirs = enrolment_apply(
        participant=other, gathering=gathering, organisation=organisations["BAR"]
    )
    client.force_login(mine.user)
    assert client.post(f"/min-side/pameldinger/{theirs.pk}/cancel/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.state == State.CONFIRMED


def test_a_waitlisted_person_accepts_an_offer_on_my_page(client, gathering, organisations):
    from cohorts.services import enrolment_apply

    mhu = organisations["MHU"]  # one quota seat, no shared pool
    first, second = make_participant(mhu), make_participant(mhu)
    enrolment_apply(participant=first, gathering=gathering, organisation=mhu)
    waiting = enrolment_apply(participant=second, gathering=gathering, organisation=mhu)
    assert waiting.state == State.WAITLISTED
    client.force_login(first.user)
    held = Enrolment.objects.get(participant=first)
    client.post(f"/min-side/pameldinger/{held.pk}/cancel/")
    client.force_login(second.user)
    html = client.get("/min-side/").content.decode()
    assert "Takk ja til plassen" in html
    client.post(f"/min-side/pameldinger/{waiting.pk}/accept/")
    waiting.refresh_from_db()
    assert waiting.state == State.CONFIRMED


def test_the_guardian_confirms_with_a_button_not_by_opening_the_link(
    client, gathering, organisations
):
    from cohorts.services import enrolment_apply

    minor = make_participant(organisations["MHU"], age=16, name="Nora Lie")
    enrolment = enrolment_apply(
        participant=minor, gathering=gathering, organisation=organisations["MHU"]
    )
    url = f"/samlinger/foresatt/{guardian_token(enrolment)}/"
    page = client.get(url)
    assert "Nora Lie" in page.content.decode()
    assert "no-store" in page["Cache-Control"] or "no-cache" in page["Cache-Control"]
    enrolment.refresh_from_db()
    assert enrolment.state == State.GUARDIAN_PENDING
    client.post(url)
    enrolment.refresh_from_db()
    assert enrolment.state == State.CONFIRMED
    assert client.post("/samlinger/foresatt/ugyldig:lenke/").status_code == 400


# Coordinators ---------------------------------------------------------------------------


@pytest.fixture
def two_organisations(organisations):
    gathering = make_gathering(organisations, mode="application")
    from cohorts.services import enrolment_apply

    mhu_applicant = make_participant(organisations["MHU"], name="Mia MHU")
    mhu_applicant.dietary_needs = "Glutenfri"
    mhu_applicant.save()
    bar_applicant = make_participant(organisations["BAR"], name="Bo BAR")
    return {
        "gathering": gathering,
        "mhu": enrolment_apply(
            participant=mhu_applicant, gathering=gathering, organisation=organisations["MHU"]
        ),
        "bar": enrolment_apply(
            participant=bar_applicant, gathering=gathering, organisation=organisations["BAR"]
        ),
        "bar_coordinator": make_coordinator(organisations["BAR"]),
    }


def _admin_login(client, user):
    from django.contrib.auth.models import Group, Permission

    group, _ = Group.objects.get_or_create(name="Koordinatorer-test")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    client.force_login(user)


def test_a_bar_coordinator_sees_only_bar_applicants(client, two_organisations):
    case = two_organisations
    _admin_login(client, case["bar_coordinator"])
    html = client.get(f"/admin/pameldinger/{case['gathering'].pk}/").content.decode()
    assert "Bo BAR" in html
    assert "Mia MHU" not in html


def test_a_bar_coordinator_gets_404_on_an_mhu_applicant_and_cannot_decide(
    client, two_organisations
):
    case = two_organisations
    _admin_login(client, case["bar_coordinator"])
    mhu = case["mhu"]
    assert client.get(f"/admin/pameldinger/pamelding/{mhu.pk}/").status_code == 404
    assert client.post(f"/admin/pameldinger/pamelding/{mhu.pk}/accept/").status_code == 404
    mhu.refresh_from_db()
    assert mhu.state == State.APPLIED
    assert not AuditEntry.objects.filter(sensitive=True).exists()


def test_the_export_holds_only_the_coordinators_organisation(client, two_organisations):
    case = two_organisations
    _admin_login(client, case["bar_coordinator"])
    response = client.get(f"/admin/pameldinger/{case['gathering'].pk}/eksport.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert [row[0] for row in rows[1:]] == ["Bo BAR"]
    xlsx = client.get(f"/admin/pameldinger/{case['gathering'].pk}/eksport.xlsx")
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["Bo BAR"]
    assert AuditEntry.objects.filter(action="export", sensitive=True).count() == 2


def test_viewing_an_applicants_sensitive_fields_is_recorded(client, two_organisations, admin_user):
    case = two_organisations
    client.force_login(admin_user)
    response = client.get(f"/admin/pameldinger/pamelding/{case['mhu'].pk}/")
    assert "Glutenfri" in response.content.decode()
    [access] = AuditEntry.objects.filter(sensitive=True)
    assert (access.actor, access.participant_id, access.action) == (
        admin_user,
        case["mhu"].participant.pk,
        "sensitive_viewed",
    )


def test_a_coordinator_accepts_from_the_review_page(client, two_organisations):
    case = two_organisations
    _admin_login(client, case["bar_coordinator"])
    response = client.post(f"/admin/pameldinger/pamelding/{case['bar'].pk}/accept/")
    assert response.status_code == 302
    case["bar"].refresh_from_db()
    assert case["bar"].state == State.CONFIRMED


def test_participants_cannot_reach_the_coordinator_pages(client, two_organisations):
    case = two_organisations
    client.force_login(case["mhu"].participant.user)
    assert client.get("/admin/pameldinger/").status_code in (302, 403)
    assert client.get(f"/admin/pameldinger/{case['gathering'].pk}/eksport.csv").status_code in (
        302,
        403,
    )


def test_a_csv_export_neutralises_formulas():
    from cohorts.exports import to_csv

    content = to_csv(["Navn"], [['=HYPERLINK("x")']]).decode("utf-8-sig")
    assert "'=HYPERLINK" in content


def test_the_administrator_cannot_give_quotas_above_capacity(client, admin_user, organisations):
    client.force_login(admin_user)
    data = {
        "title": "Ny",
        "slug": "ny",
        "kind": "programme",
        "level": "new",
        "year": "2027",
        "description": "",
        "course": "",
        "venue_name": "Sted",
        "venue_address": "Gate 1",
        "starts_at": "2027-03-01 10:00",
        "ends_at": "2027-03-02 15:00",
        "capacity": "5",
        "admission_mode": "first_come",
        "offer_deadline_hours": "48",
        "evaluation_days": "21",
        "enrolment_opens_at": "2027-01-01 10:00",
        "enrolment_closes_at": "2027-02-01 10:00",
        "status": "draft",
        "quotas-TOTAL_FORMS": "2",
        "quotas-INITIAL_FORMS": "0",
        "quotas-MIN_NUM_FORMS": "0",
        "quotas-MAX_NUM_FORMS": "1000",
        "quotas-0-organisation": organisations["MHU"].pk,
        "quotas-0-seats": "3",
        "quotas-0-ORDER": "1",
        "quotas-0-DELETE": "",
        "quotas-1-organisation": organisations["BAR"].pk,
        "quotas-1-seats": "3",
        "quotas-1-ORDER": "2",
        "quotas-1-DELETE": "",
        "sessions-TOTAL_FORMS": "0",
        "sessions-INITIAL_FORMS": "0",
        "sessions-MIN_NUM_FORMS": "0",
        "sessions-MAX_NUM_FORMS": "1000",
    }
    response = client.post("/admin/gatherings/new/", data)
    assert response.status_code == 200
    assert "6" in response.content.decode() and "kapasiteten" in response.content.decode()
    from cohorts.models import Gathering

    assert not Gathering.objects.filter(slug="ny").exists()
    data["capacity"] = "8"
    assert client.post("/admin/gatherings/new/", data).status_code == 302
    assert Gathering.objects.get(slug="ny").quotas.count() == 2


def test_the_course_page_lists_upcoming_gatherings_of_its_level(client, organisations, site_tree):
    from tests.factories import make_course, make_programme

    course = make_course(make_programme(site_tree), level="new")
    gathering = make_gathering(organisations, level="new")
    make_gathering(organisations, level="advanced", title="Annen samling")
    html = client.get(course.url).content.decode()
    assert gathering.title in html and "Annen samling" not in html
    assert len(mail.outbox) == 0


def test_a_coordinator_moves_an_application_only_with_a_reason(client, two_organisations):
    case = two_organisations
    _admin_login(client, case["bar_coordinator"])
    bar = case["bar"]
    client.post(f"/admin/pameldinger/pamelding/{bar.pk}/flytt/", {"to": "waitlist", "reason": " "})
    bar.refresh_from_db()
    assert bar.state == State.APPLIED
    client.post(
        f"/admin/pameldinger/pamelding/{bar.pk}/flytt/",
        {"to": "waitlist", "reason": "Venter på kvote"},
    )
    bar.refresh_from_db()
    assert bar.state == State.WAITLISTED
    event = bar.events.last()
    assert (event.actor, event.reason) == (case["bar_coordinator"], "Venter på kvote")


@pytest.mark.parametrize("reason", ["Feil\x00", "x" * 2001])
def test_a_reason_that_cannot_be_stored_gets_a_message_and_changes_nothing(
    client, two_organisations, reason
):
    """A NUL character (PostgreSQL refuses it: was a 500) or a reason over 2000 characters."""
    case = two_organisations
    _admin_login(client, case["bar_coordinator"])
    bar = case["bar"]
    events = bar.events.count()
    response = client.post(
        f"/admin/pameldinger/pamelding/{bar.pk}/flytt/",
        {"to": "waitlist", "reason": reason},
        follow=True,
    )
    assert response.status_code == 200
    assert "Begrunnelsen må være ren tekst på høyst 2000 tegn" in response.content.decode()
    bar.refresh_from_db()
    assert bar.state == State.APPLIED and bar.events.count() == events


def test_bulk_decisions_ask_for_confirmation_and_skip_other_organisations(client, organisations):
    from cohorts.services import enrolment_apply

    gathering = make_gathering(organisations, capacity=4, quotas=(1, 1, 1), mode="application")
    bar = organisations["BAR"]
    coordinator = make_coordinator(bar)
    bar_enrolments = [
        enrolment_apply(participant=make_participant(bar), gathering=gathering, organisation=bar)
        for _ in range(3)
    ]
    mhu_enrolment = enrolment_apply(
        participant=make_participant(organisations["MHU"]),
        gathering=gathering,
        organisation=organisations["MHU"],
    )
    _admin_login(client, coordinator)
    chosen = [e.pk for e in bar_enrolments] + [mhu_enrolment.pk]
    url = f"/admin/pameldinger/{gathering.pk}/samlet/"
    confirm = client.post(url, {"decision": "accept", "enrolment": chosen})
    assert confirm.status_code == 200
    assert Enrolment.objects.filter(state=State.CONFIRMED).count() == 0  # nothing yet
    response = client.post(
        url, {"decision": "accept", "enrolment": chosen, "confirmed": "yes"}, follow=True
    )
    html = response.content.decode()
    # BAR's quota seat and the one pool seat go; the third is refused with the reason.
    assert Enrolment.objects.filter(organisation=bar, state=State.CONFIRMED).count() == 2
    assert "Det er ingen ledig plass for denne organisasjonen" in html
    mhu_enrolment.refresh_from_db()
    assert mhu_enrolment.state == State.APPLIED


def test_a_session_ending_before_it_starts_gets_a_norwegian_message(
    client, admin_user, organisations
):
    gathering = make_gathering(organisations)
    client.force_login(admin_user)
    form = client.get(f"/admin/gatherings/edit/{gathering.pk}/")
    assert form.status_code == 200
    from cohorts.models import Session
    from cohorts.viewsets import gathering_viewset

    form_class = gathering_viewset.get_form_class(for_update=True)
    data = admin_form_data(gathering)
    data.update(
        {
            "sessions-TOTAL_FORMS": "1",
            "sessions-INITIAL_FORMS": "0",
            "sessions-0-title": "Økt",
            "sessions-0-room": "",
            "sessions-0-starts_at": "2027-03-01 12:00",
            "sessions-0-ends_at": "2027-03-01 11:00",
        }
    )
    bound = form_class(data, instance=gathering, for_user=admin_user)
    assert not bound.is_valid()
    assert "En økt må slutte etter at den starter." in str(bound.formsets["sessions"].errors)
    assert not Session.objects.exists()


def test_naming_a_coordinator_in_the_admin_gives_them_access(
    client, admin_user, organisations, site_tree
):
    from django.apps import apps
    from django.contrib.auth import get_user_model

    from courses.editorial import ensure_editorial_setup

    ensure_editorial_setup(apps)
    new = get_user_model().objects.create_user(email="ny.koordinator@example.org", password="x")
    bar = organisations["BAR"]
    client.force_login(admin_user)
    response = client.post(
        f"/admin/organisations/edit/{bar.pk}/",
        {
            "name": bar.name,
            "short_code": "BAR",
            "contact_email": "",
            "website": "",
            "coordinators": [new.pk],
        },
    )
    assert response.status_code == 302
    client.force_login(new)
    assert client.get("/admin/pameldinger/").status_code == 200


def test_a_cancelled_gathering_still_answers_and_says_so(client, organisations):
    cancelled = make_gathering(organisations, status="cancelled")
    response = client.get(cancelled.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Denne samlingen er avlyst." in html
    assert "Logg inn for å søke" not in html
