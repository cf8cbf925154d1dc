"""Erasure: nothing that identifies the person is left in any table; what funders count and
what certificates prove stays; the guardian of an under-18 can ask by signed link."""

import datetime
import re

import pytest
from django.apps import apps
from django.conf import settings
from django.core import mail, serializers
from django.db.models import Count
from django.utils import timezone

from certificates.models import Certificate
from certificates.services import certificate_issue
from cohorts.models import Attendance, Enrolment, Participant, Session
from cohorts.services import (
    attendance_mark,
    calendar_feed_for,
    enrolment_apply,
    enrolment_cancel,
    guardian_erasure_token,
    personal_data_viewed,
)
from privacy.services import (
    ErasureError,
    account_erase,
    guardian_erase,
    is_erased,
    participant_erase,
)
from privacy.services.erasure import placeholder_email
from tests.factories import make_coordinator, make_gathering, make_participant
from tests.privacy.network_factories import (
    make_feedback,
    make_invitation,
    make_member,
    make_message,
    make_service_request,
)
from website.models import AuditEntry, OutboxMessage

pytestmark = pytest.mark.django_db

IDENTIFYING = [
    "Åse Øyen",
    "Åsa",
    "ase.oyen@example.org",
    "ÅSE-KOST",
    "ÅSE-TILRETTELEGGING",
    "Mor Øyen",
    "mor.oyen@example.org",
    "Nødkontakt Øyen",
    "99887766",
    "Tromsø",
    "Jeg vil bli hørt, Åse",
    "Trenger stille rom",
    "Syk i to dager",
    # The network (issue 18): the profile, the contact given to a service, a coordinator's
    # note, a message she wrote, her feedback and the service's about her.
    "ÅSE-PRESENTASJON",
    "ÅSE-SPRÅK",
    "ase.nettverk@example.org",
    "ÅSE-NETT-TLF",
    "Hei Åsa, passer dette for deg?",
    "ÅSE-MELDING-TIL-KARI",
    "ÅSE-TILBAKEMELDING",
    "Åsa gjorde en god jobb",
]


@pytest.fixture
def world(organisations):
    mhu = organisations["MHU"]
    past = make_gathering(
        organisations,
        title="Vårsamling",
        starts_at=timezone.now() - datetime.timedelta(days=40),
        ends_at=timezone.now() - datetime.timedelta(days=39),
        enrolment_opens_at=timezone.now() - datetime.timedelta(days=90),
        enrolment_closes_at=timezone.now() - datetime.timedelta(days=50),
    )
    upcoming = make_gathering(organisations, title="Høstsamling", capacity=1, quotas=(1, 0, 0))
    session = Session.objects.create(
        gathering=past,
        title="Velkommen",
        starts_at=past.starts_at,
        ends_at=past.starts_at + datetime.timedelta(hours=2),
    )
    coordinator = make_coordinator(mhu)
    past.coordinators.add(coordinator)
    person = make_participant(mhu, name="Åse Øyen")
    person.preferred_name = "Åsa"
    person.phone = "99887766"
    person.municipality = "Tromsø"
    person.dietary_needs = "ÅSE-KOST"
    person.accessibility_needs = "ÅSE-TILRETTELEGGING"
    person.emergency_contact_name = "Nødkontakt Øyen"
    person.guardian_name = "Mor Øyen"
    person.guardian_email = "mor.oyen@example.org"
    person.save()
    person.user.email = "ase.oyen@example.org"
    person.user.first_name = "Åse"
    person.user.save()
    enrolment = enrolment_apply(
        participant=person,
        gathering=past,
        organisation=mhu,
        motivation="Jeg vil bli hørt, Åse",
        needs="Trenger stille rom",
        now=past.enrolment_opens_at + datetime.timedelta(days=1),
    )
    attendance_mark(
        enrolment=enrolment,
        session=session,
        status="present",
        actor=coordinator,
        now=past.starts_at,
    )
    attendance_mark(
        enrolment=enrolment,
        session=session,
        status="excused",
        actor=coordinator,
        reason="Syk i to dager",
        now=past.ends_at + datetime.timedelta(days=1),
    )
    certificate = certificate_issue(
        enrolment=enrolment, actor=coordinator, exception_reason="Syk i to dager"
    )
    personal_data_viewed(viewer=coordinator, participant=person, object_label="Vårsamling")
    calendar_feed_for(person.user)
    network = _network(person, mhu, organisations["BAR"], coordinator)
    seat = enrolment_apply(participant=person, gathering=upcoming, organisation=mhu)
    waiting = make_participant(mhu, name="Neste På Lista")
    next_in_line = enrolment_apply(participant=waiting, gathering=upcoming, organisation=mhu)
    assert (seat.state, next_in_line.state) == ("confirmed", "waitlisted")
    return {
        "person": person,
        "certificate": certificate,
        "upcoming": upcoming,
        "next_in_line": next_in_line,
        "coordinator": coordinator,
        **network,
    }


def _network(person, mhu, bar, coordinator):
    """Åse is a member: a confirmed assignment with feedback both ways, a message to Kari and
    one from her; Kari has written to a third member too."""
    from network.services.history import request_step

    membership = make_member(
        person,
        introduction="ÅSE-PRESENTASJON",
        languages="ÅSE-SPRÅK",
        contact_email="ase.nettverk@example.org",
        contact_phone="ÅSE-NETT-TLF",
    )
    kari = make_member(make_participant(bar, name="Kari Annen"))
    third = make_member(make_participant(bar, name="Tredje Medlem"))
    request = make_service_request("Ungdomsrådet")
    invitation = make_invitation(
        request,
        membership,
        mhu,
        state="confirmed",
        note="Hei Åsa, passer dette for deg?",
        invited_by=coordinator,
    )
    request_step(request=request, step="accepted", actor=person.user, invitation=invitation)
    make_feedback(invitation, "member", "ÅSE-TILBAKEMELDING", rating=5)
    make_feedback(invitation, "service", "Åsa gjorde en god jobb", rating=4)
    make_message(membership, kari, "ÅSE-MELDING-TIL-KARI")
    make_message(kari, membership, "KARI-SVAR-TIL-ÅSE")
    kept = make_message(kari, third, "KARI-TIL-TREDJE")
    return {"membership": membership, "invitation": invitation, "kept_message": kept}


def everything_stored() -> str:
    """Every row of every table of our apps, accounts and sessions, as text."""
    ours = {c.label for c in apps.get_app_configs() if c.path.startswith(str(settings.BASE_DIR))}
    labels = ours | {"account", "sessions"}
    models = [m for m in apps.get_models() if m._meta.app_label in labels and not m._meta.proxy]
    return "".join(
        serializers.serialize("json", m._base_manager.all(), ensure_ascii=False) for m in models
    )


def funder_counts():
    return {
        "enrolments": list(
            Enrolment.objects.values("organisation__short_code", "gathering__title", "state")
            .annotate(n=Count("id"))
            .order_by("organisation__short_code", "gathering__title", "state")
        ),
        "attendance": list(
            Attendance.objects.values("session__title", "status")
            .annotate(n=Count("id"))
            .order_by("session__title", "status")
        ),
        "certificates": list(
            Certificate.objects.values("level").annotate(n=Count("id")).order_by("level")
        ),
        "participants": list(
            Participant.objects.values("organisations__short_code")
            .annotate(n=Count("id"))
            .order_by("organisations__short_code")
        ),
    }


def test_before_the_person_is_everywhere_after_nowhere(world):
    before = everything_stored()
    for text in IDENTIFYING:
        assert text in before, text  # the fixture really stored it
    participant_erase(participant=world["person"], actor=world["person"].user)
    after = everything_stored()
    for text in IDENTIFYING:
        assert text not in after, text


def test_funder_counts_are_the_same_after_except_the_cancelled_seat(world):
    participant_erase(participant=world["person"], actor=world["person"].user)
    counts_after = funder_counts()
    # the upcoming seat was cancelled (and went to the next person), so compare to that
    world["next_in_line"].refresh_from_db()
    assert world["next_in_line"].state == "offered"
    assert {
        "organisation__short_code": "MHU",
        "gathering__title": "Vårsamling",
        "state": "confirmed",
        "n": 1,
    } in counts_after["enrolments"]
    assert counts_after["certificates"] == [{"level": "new", "n": 1}]
    assert {"session__title": "Velkommen", "status": "excused", "n": 1} in counts_after[
        "attendance"
    ]


def test_counts_of_what_happened_are_unchanged_by_an_erasure(world):
    person = world["person"]
    for enrolment in Enrolment.objects.filter(participant=person, gathering=world["upcoming"]):
        enrolment_cancel(enrolment=enrolment, actor=person.user)
    before = funder_counts()
    participant_erase(participant=person, actor=person.user)
    assert funder_counts() == before


def test_the_certificate_still_verifies_without_the_name(client, world):
    certificate = world["certificate"]
    participant_erase(participant=world["person"], actor=world["person"].user)
    response = client.get(certificate.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Gyldig kursbevis" in html
    assert "navnet holdes tilbake" in html
    assert "Åse" not in html


def test_the_name_stays_on_certificates_when_the_participant_chooses(client, world):
    certificate = world["certificate"]
    participant_erase(
        participant=world["person"], actor=world["person"].user, keep_name_on_certificates=True
    )
    certificate.refresh_from_db()
    assert certificate.holder_name == "Åse Øyen"
    assert "Åse Øyen" in client.get(certificate.get_absolute_url()).content.decode()


def test_the_account_no_longer_logs_in_and_the_feed_is_gone(client, world):
    person = world["person"]
    token = calendar_feed_for(person.user).token
    client.force_login(person.user)
    participant_erase(participant=person, actor=person.user)
    assert client.get("/min-side/").status_code == 302  # the session no longer works
    assert client.get(f"/kalender/{token}.ics").status_code == 404
    assert not client.login(email="ase.oyen@example.org", password="x")


def test_the_audit_log_keeps_its_entries_without_the_name_and_records_the_erasure(world):
    person = world["person"]
    entries_before = AuditEntry.objects.filter(participant_id=person.pk).count()
    participant_erase(participant=person, actor=person.user)
    entries = AuditEntry.objects.filter(participant_id=person.pk)
    assert entries.count() >= entries_before + 1
    assert set(entries.values_list("subject_label", flat=True)) <= {"", "Slettet deltaker"}
    assert entries.filter(action="erased").count() == 1


def test_erasing_twice_is_refused_and_changes_nothing(world):
    person = world["person"]
    participant_erase(participant=person, actor=person.user)
    stored = everything_stored()
    person.refresh_from_db()
    with pytest.raises(ErasureError) as error:
        participant_erase(participant=person, actor=None)
    assert error.value.code == "already_erased"
    assert everything_stored() == stored


def test_not_during_a_gathering_that_is_going_on(organisations):
    gathering = make_gathering(
        organisations,
        starts_at=timezone.now() - datetime.timedelta(hours=2),
        ends_at=timezone.now() + datetime.timedelta(hours=20),
        enrolment_opens_at=timezone.now() - datetime.timedelta(days=30),
        enrolment_closes_at=timezone.now() - datetime.timedelta(days=1),
    )
    person = make_participant(organisations["MHU"])
    enrolment_apply(
        participant=person,
        gathering=gathering,
        organisation=organisations["MHU"],
        now=timezone.now() - datetime.timedelta(days=10),
    )
    with pytest.raises(ErasureError) as error:
        participant_erase(participant=person, actor=person.user)
    assert error.value.code == "in_progress"
    person.refresh_from_db()
    assert person.full_name != "Slettet deltaker"


def test_from_my_page_with_the_password(client, world):
    person = world["person"]
    person.user.set_password("et-langt-passord-123")
    person.user.save()
    client.force_login(person.user)
    wrong = client.post("/min-side/slett/", {"password": "feil"})
    assert wrong.status_code == 400
    assert "Passordet er ikke riktig." in wrong.content.decode()
    person.refresh_from_db()
    assert person.full_name == "Åse Øyen"
    response = client.post("/min-side/slett/", {"password": "et-langt-passord-123"}, follow=True)
    assert "Kontoen din og dataene dine er slettet." in response.content.decode()
    person.refresh_from_db()
    assert person.full_name == "Slettet deltaker"


def test_a_guardian_asks_by_the_signed_link_in_their_email(client, organisations, on_commit):
    minor = make_participant(organisations["MHU"], age=16)
    gathering = make_gathering(organisations)
    on_commit(
        enrolment_apply, participant=minor, gathering=gathering, organisation=organisations["MHU"]
    )
    [request] = [m for m in mail.outbox if minor.guardian_email in m.to]
    link = re.search(r"http://testserver(/samlinger/foresatt/slett/[^/\s]+/)", request.body)[1]
    page = client.get(link)  # opening the link (or a mail scanner) deletes nothing
    assert page.status_code == 200 and minor.display_name in page.content.decode()
    minor.refresh_from_db()
    assert minor.full_name != "Slettet deltaker"
    done = client.post(link)
    assert done.status_code == 200 and "Dataene er slettet." in done.content.decode()
    minor.refresh_from_db()
    assert minor.full_name == "Slettet deltaker"
    assert Enrolment.objects.get(participant=minor).state == "cancelled"


def test_a_forged_link_or_an_adult_participant_is_refused(client, organisations):
    adult = make_participant(organisations["MHU"], age=19)
    response = client.post(f"/samlinger/foresatt/slett/{guardian_erasure_token(adult)}/")
    assert response.status_code == 400
    assert "18 år eller eldre" in response.content.decode()
    assert client.post("/samlinger/foresatt/slett/feil-lenke/").status_code == 400
    adult.refresh_from_db()
    assert adult.full_name != "Slettet deltaker"
    with pytest.raises(ErasureError):
        guardian_erase(token="feil-lenke")


# ---- the mark of an erased person: User.erased_at -----------------------------------------


def test_an_erased_person_is_marked_by_erased_at_and_cannot_log_in(world):
    person = world["person"]
    before = timezone.now()
    participant_erase(participant=person, actor=person.user)
    person.refresh_from_db()
    assert is_erased(person)
    assert before <= person.user.erased_at <= timezone.now()
    assert not person.user.is_active and not person.user.has_usable_password()
    assert person.user.email == placeholder_email(person.user)


def test_an_address_that_looks_erased_marks_nobody(organisations):
    person = make_participant(organisations["MHU"])
    person.user.email = placeholder_email(person.user)
    person.user.save()
    person.refresh_from_db()
    assert not is_erased(person)


def test_an_account_without_a_profile_is_marked_too(db):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user("uten.profil@example.org", "et-passord-123")
    calendar_feed_for(user)
    account_erase(user=user)
    user.refresh_from_db()
    assert user.erased_at is not None and not user.is_active
    assert "uten.profil" not in everything_stored()


def test_erased_people_stay_erased_after_retention_runs(world):
    from privacy.services import retention_apply

    person = world["person"]
    participant_erase(participant=person, actor=person.user)
    retention_apply()
    person.refresh_from_db()
    assert is_erased(person) and person.full_name == "Slettet deltaker"
    with pytest.raises(ErasureError):
        participant_erase(participant=person, actor=None)


def test_the_migration_marks_accounts_erased_before_the_field(world, organisations):
    import importlib

    from django.apps import apps as registry
    from django.contrib.auth import get_user_model

    User = get_user_model()
    migration = importlib.import_module("privacy.migrations.0002_mark_erased_accounts")
    person = world["person"]
    participant_erase(participant=person, actor=person.user)
    erased_entry = AuditEntry.objects.get(action="erased", participant_id=person.pk)
    account_only = User.objects.create_user("uten.profil@example.org", "et-passord-123")
    account_only.email = placeholder_email(account_only)
    account_only.is_active = False
    account_only.set_unusable_password()
    account_only.save()
    lookalike = make_participant(organisations["MHU"]).user
    lookalike.email = f"slettet-{lookalike.pk + 1000}@medvirk.invalid"
    lookalike.save()
    untouched = make_participant(organisations["MHU"]).user
    # as before the field existed: only the placeholder address says who was erased
    User.objects.update(erased_at=None)

    migration.mark_erased(registry, None)
    migration.mark_erased(registry, None)  # and again: nothing more changes

    erased = {u.pk: u for u in User.objects.filter(erased_at__isnull=False)}
    assert set(erased) == {person.user.pk, account_only.pk}
    assert erased[person.user.pk].erased_at == erased_entry.created_at
    assert all(not u.is_active and not u.has_usable_password() for u in erased.values())
    assert User.objects.get(pk=lookalike.pk).is_active
    assert User.objects.get(pk=untouched.pk).has_usable_password()
    person.refresh_from_db()
    with pytest.raises(ErasureError) as error:
        participant_erase(participant=person, actor=None)
    assert error.value.code == "already_erased"


def test_the_network_keeps_the_requests_history_without_the_member(world):
    """The membership and the messages to and from her go; the request keeps its invitation
    (state, dates, hours) and both ratings, without her, her contact or the comments."""
    from network.models import AssignmentFeedback, MemberMessage, Membership, RequestInvitation

    participant_erase(participant=world["person"], actor=world["person"].user)
    assert not Membership.objects.filter(pk=world["membership"].pk).exists()
    invitation = RequestInvitation.objects.get(pk=world["invitation"].pk)
    assert invitation.membership is None
    assert (invitation.state, invitation.hours) == ("confirmed", 4)
    assert (invitation.shared_email, invitation.shared_phone, invitation.note) == ("", "", "")
    feedback = AssignmentFeedback.objects.filter(invitation=invitation)
    assert sorted(feedback.values_list("side", "rating", "comment")) == [
        ("member", 5, ""),
        ("service", 4, ""),
    ]
    assert list(MemberMessage.objects.values_list("body", flat=True)) == ["KARI-TIL-TREDJE"]


def test_an_email_to_her_addresses_goes_even_if_not_marked_as_about_her(world):
    from website.outbox import message_enqueue

    for address, key in (("ase.oyen@example.org", "a"), ("ase.nettverk@example.org", "b")):
        message_enqueue(
            kind="network_invitation", key=f"test:{key}", to=address, name="Åsa", language="nb"
        )
    participant_erase(participant=world["person"], actor=world["person"].user)
    assert not OutboxMessage.objects.filter(
        recipient__in=["ase.oyen@example.org", "ase.nettverk@example.org"]
    ).exists()
