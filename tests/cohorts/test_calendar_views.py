"""Calendar files over HTTP: the public file of a gathering, personal feeds by secret token,
My page's links, and the coordinator's invites page."""

import datetime

import icalendar
import pytest
import vobject
from django.core import mail
from django.utils import timezone

from cohorts import ics
from cohorts.models import CalendarFeed, CalendarInvite, Enrolment, Participant, Session
from cohorts.selectors import gatherings_with_sent_invite, organizer_for
from cohorts.services import (
    calendar_feed_for,
    enrolment_apply,
    enrolment_cancel,
)
from tests.factories import (
    log_in_with_admin_access,
    make_coordinator,
    make_gathering,
    make_participant,
)
from tests.helpers import queries_for
from website.outbox import outbox_send_due

pytestmark = pytest.mark.django_db


def add_sessions(gathering, count=2, room="Storsalen"):
    start = timezone.localtime(gathering.starts_at).replace(hour=9, minute=0, second=0)
    for n in range(count):
        Session.objects.create(
            gathering=gathering,
            title=f"Økt {n + 1}, «{gathering.title}»",
            starts_at=start + datetime.timedelta(hours=2 * n),
            ends_at=start + datetime.timedelta(hours=2 * n + 1),
            room=room,
        )
    return gathering


def confirm(gathering, participant, organisation):
    return enrolment_apply(participant=participant, gathering=gathering, organisation=organisation)


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    vobject.readOne(response.content.decode())  # the independent parser reads it too
    return calendar


# The public file ------------------------------------------------------------------------------


def test_the_public_file_has_one_event_per_session_and_the_gatherings_name(client, organisations):
    gathering = add_sessions(make_gathering(organisations), count=3)
    response = client.get(f"/samlinger/{gathering.slug}/kalender.ics")
    calendar = parse(response)
    assert calendar["METHOD"] == "PUBLISH"
    assert calendar["X-WR-CALNAME"] == gathering.title
    assert len(calendar.walk("VEVENT")) == 3
    assert "public" in response["Cache-Control"]
    assert f'filename="{gathering.slug}.ics"' in response["Content-Disposition"]
    page = client.get(gathering.get_absolute_url()).content.decode()
    assert f'href="/samlinger/{gathering.slug}/kalender.ics"' in page


def test_a_draft_has_no_public_file(client, organisations):
    draft = add_sessions(make_gathering(organisations, status="draft"))
    assert client.get(f"/samlinger/{draft.slug}/kalender.ics").status_code == 404


# The personal feed ----------------------------------------------------------------------------


@pytest.fixture
def seated(organisations):
    """A participant with a confirmed seat in one gathering, waitlisted in another, cancelled
    in a third; and someone else's gathering."""
    mhu = organisations["MHU"]
    participant = make_participant(mhu)
    mine = add_sessions(make_gathering(organisations, title="Min samling"))
    full = add_sessions(
        make_gathering(organisations, title="Full samling", capacity=1, quotas=(1, 0, 0))
    )
    confirm(full, make_participant(mhu), mhu)
    left = add_sessions(make_gathering(organisations, title="Avmeldt samling"))
    other = add_sessions(make_gathering(organisations, title="Andres samling"))
    confirm(other, make_participant(mhu), mhu)
    confirm(mine, participant, mhu)
    assert confirm(full, participant, mhu).state == Enrolment.State.WAITLISTED
    enrolment_cancel(enrolment=confirm(left, participant, mhu), actor=participant.user)
    return participant


def feed_url(user):
    return f"/kalender/{calendar_feed_for(user).token}.ics"


def test_the_feed_holds_only_the_sessions_of_confirmed_seats(client, seated):
    calendar = parse(client.get(feed_url(seated.user)))
    assert calendar["METHOD"] == "PUBLISH"
    summaries = sorted(str(e["SUMMARY"]) for e in calendar.walk("VEVENT"))
    assert summaries == [
        "Økt 1, «Min samling» – Min samling",
        "Økt 2, «Min samling» – Min samling",
    ]


def test_the_feed_follows_changes_of_time_and_room(client, seated):
    session = Session.objects.filter(gathering__title="Min samling").first()
    session.room = "Lillesalen"
    session.starts_at += datetime.timedelta(minutes=30)
    session.save()
    [event] = [
        e
        for e in parse(client.get(feed_url(seated.user))).walk("VEVENT")
        if "Økt 1" in str(e["SUMMARY"])
    ]
    assert str(event["LOCATION"]).startswith("Lillesalen, ")
    assert event.decoded("DTSTART") == session.starts_at.replace(microsecond=0)


def test_the_feed_is_only_by_token_and_never_stored_on_the_way(client, seated):
    response = client.get(feed_url(seated.user))
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert client.get("/kalender/feil-token.ics").status_code == 404
    assert client.get("/kalender/.ics").status_code == 404
    token = calendar_feed_for(seated.user).token
    assert len(token) >= 43  # 256 random bits
    assert client.get(f"/kalender/{token[:-1]}.ics").status_code == 404


def test_a_replaced_address_answers_404_and_the_new_one_works(client, seated):
    old = feed_url(seated.user)
    client.force_login(seated.user)
    response = client.post("/min-side/kalender/ny-adresse/")
    assert response.status_code == 302
    client.logout()
    assert client.get(old).status_code == 404
    new = feed_url(seated.user)
    assert new != old
    assert client.get(new).status_code == 200


def test_replacing_the_address_needs_a_logged_in_post(client, seated):
    old = feed_url(seated.user)
    assert client.post("/min-side/kalender/ny-adresse/").status_code == 302  # to log in
    client.force_login(seated.user)
    assert client.get("/min-side/kalender/ny-adresse/").status_code == 405
    assert feed_url(seated.user) == old


def test_a_deactivated_account_has_no_feed(client, seated):
    url = feed_url(seated.user)
    seated.user.is_active = False
    seated.user.save()
    assert client.get(url).status_code == 404


def test_a_coordinators_feed_has_every_session_of_the_gatherings_they_coordinate(
    client, organisations
):
    coordinator = make_coordinator(organisations["BAR"])
    coordinated = add_sessions(make_gathering(organisations, title="Koordinert"), count=3)
    coordinated.coordinators.add(coordinator)
    add_sessions(make_gathering(organisations, title="Ikke min"))
    calendar = parse(client.get(feed_url(coordinator)))
    assert len(calendar.walk("VEVENT")) == 3
    assert {str(e["SUMMARY"]).split(" – ")[1] for e in calendar.walk("VEVENT")} == {"Koordinert"}


def test_the_feed_takes_the_same_number_of_queries_for_1_and_50_gatherings(client, organisations):
    mhu = organisations["MHU"]
    participant = make_participant(mhu)
    url = feed_url(participant.user)

    def with_gatherings(count):
        while participant.enrolments.count() < count:
            gathering = add_sessions(make_gathering(organisations, capacity=50), count=3)
            confirm(gathering, participant, mhu)
        return queries_for(client, url)

    one = with_gatherings(1)
    fifty = with_gatherings(50)
    assert one == fifty <= 2
    assert len(parse(client.get(url)).walk("VEVENT")) == 150


def feed_titles(client, user):
    """The gatherings the personal feed has sessions of."""
    events = parse(client.get(feed_url(user))).walk("VEVENT")
    return {str(e["SUMMARY"]).split(" – ")[1] for e in events}


def test_a_gathering_whose_invite_went_by_email_is_not_in_the_feed_too(
    client, organisations, on_commit
):
    mhu = organisations["MHU"]
    participant = make_participant(mhu)
    invited = add_sessions(make_gathering(organisations, title="Invitert"))
    waiting = add_sessions(make_gathering(organisations, title="Invitasjon ikke sendt"))
    on_commit(confirm, gathering=invited, participant=participant, organisation=mhu)
    confirm(waiting, participant, mhu)  # its invite is recorded, the e-mail not sent yet
    assert list(gatherings_with_sent_invite([participant.pk])) == [{"gathering_id": invited.pk}]
    assert feed_titles(client, participant.user) == {"Invitasjon ikke sendt"}


def test_the_feed_follows_the_newest_invite_the_person_was_sent(client, organisations, on_commit):
    """A coordinator who also has a seat: in the feed as coordinator until the invite goes,
    out while they hold it, back when it is cancelled, out again when re-invited."""
    mhu = organisations["MHU"]
    participant = make_participant(mhu)
    gathering = add_sessions(make_gathering(organisations, title="Koordinert"))
    gathering.coordinators.add(participant.user)
    other = make_participant(mhu)
    on_commit(confirm, gathering=gathering, participant=other, organisation=mhu)

    def in_feed():
        """In the feed exactly when the person holds no invite to the gathering."""
        rows = gatherings_with_sent_invite(Participant.objects.filter(pk=participant.pk))
        held = {row["gathering_id"] for row in rows}
        shown = feed_titles(client, participant.user) == {"Koordinert"}
        assert held == (set() if shown else {gathering.pk})
        return shown

    assert in_feed()
    enrolment = on_commit(confirm, gathering=gathering, participant=participant, organisation=mhu)
    assert not in_feed()
    on_commit(enrolment_cancel, enrolment=enrolment, actor=participant.user)
    assert CalendarInvite.objects.filter(participant=participant).count() == 2  # REQUEST, CANCEL
    assert in_feed()
    on_commit(confirm, gathering=gathering, participant=participant, organisation=mhu)
    assert not in_feed()
    assert feed_titles(client, other.user) == set()  # holds their own invite


def test_with_organizers_and_invites_the_feed_still_takes_two_queries(
    client, organisations, on_commit
):
    mhu = organisations["MHU"]
    participant = make_participant(mhu)
    url = feed_url(participant.user)

    def add(count):
        for _ in range(count):
            coordinated = add_sessions(make_gathering(organisations, capacity=50), count=3)
            coordinated.coordinators.add(participant.user, make_coordinator(mhu))
            invited = add_sessions(make_gathering(organisations, capacity=50), count=3)
            invited.coordinators.add(make_coordinator(mhu))
            on_commit(confirm, gathering=invited, participant=participant, organisation=mhu)

    add(1)
    one = queries_for(client, url)
    add(20)
    assert one == queries_for(client, url) <= 2
    assert len(parse(client.get(url)).walk("VEVENT")) == 21 * 3  # the coordinated ones


# ORGANIZER and SEQUENCE in the published files -------------------------------------------------


def test_every_event_names_the_organizer_the_invites_name(client, organisations, settings):
    mhu = organisations["MHU"]
    led = add_sessions(make_gathering(organisations, title="Ledet"))
    for first_name in ("Berit", "Anne"):
        coordinator = make_coordinator(mhu)
        coordinator.first_name, coordinator.last_name = first_name, "Nordmann"
        coordinator.save()
        led.coordinators.add(coordinator)
    nameless = make_coordinator(mhu)
    by_address = add_sessions(make_gathering(organisations, title="Uten navn"))
    by_address.coordinators.add(nameless)
    alone = add_sessions(make_gathering(organisations, title="Uten koordinator"))
    participant = make_participant(mhu)
    for gathering in (led, by_address, alone):
        confirm(gathering, participant, mhu)

    expected = {
        "Ledet": ics.Person("Anne Nordmann", led.coordinators.get(first_name="Anne").email),
        "Uten navn": ics.Person(nameless.email, nameless.email),
        "Uten koordinator": ics.Person("Medvirk", "post@medvirk.localhost"),
    }
    assert settings.DEFAULT_FROM_EMAIL == "Medvirk <post@medvirk.localhost>"
    for gathering in (led, by_address, alone):
        assert organizer_for(gathering) == expected[gathering.title]  # what invites say
        public = parse(client.get(f"/samlinger/{gathering.slug}/kalender.ics"))
        for event in public.walk("VEVENT"):
            assert event["ORGANIZER"] == f"mailto:{expected[gathering.title].email}"
            assert event["ORGANIZER"].params["CN"] == expected[gathering.title].name
    events = parse(client.get(feed_url(participant.user))).walk("VEVENT")
    assert len(events) == 6
    for event in events:
        organizer = expected[str(event["SUMMARY"]).split(" – ")[1]]
        assert event["ORGANIZER"] == f"mailto:{organizer.email}"
        assert event["ORGANIZER"].params["CN"] == organizer.name


def sequences(client, gathering):
    """SEQUENCE by session id, from the public file."""
    calendar = parse(client.get(f"/samlinger/{gathering.slug}/kalender.ics"))
    return {
        int(str(e["UID"]).split("@")[0].removeprefix("session-")): e.decoded("SEQUENCE")
        for e in calendar.walk("VEVENT")
    }


def test_a_sessions_sequence_grows_when_its_time_or_room_changes_and_only_then(
    client, organisations
):
    gathering = add_sessions(make_gathering(organisations), count=2)
    first, second = gathering.sessions.order_by("starts_at")
    assert sequences(client, gathering) == {first.pk: 0, second.pk: 0}

    first.title = "Nytt tema"
    first.save()
    Session.objects.get(pk=second.pk).save()  # saved as it was
    gathering.description = "Ny beskrivelse"
    gathering.capacity = 30
    gathering.save()
    assert sequences(client, gathering) == {first.pk: 0, second.pk: 0}

    first.starts_at += datetime.timedelta(minutes=30)
    first.save()
    assert first.revision == 1
    assert sequences(client, gathering) == {first.pk: 1, second.pk: 0}
    first.ends_at += datetime.timedelta(minutes=30)
    first.save(update_fields=["ends_at"])
    second.room = "Lillesalen"
    second.save()
    assert sequences(client, gathering) == {first.pk: 2, second.pk: 1}
    first.title = "Enda et tema"
    first.save()
    first.refresh_from_db()
    first.save()
    assert sequences(client, gathering) == {first.pk: 2, second.pk: 1}

    # the personal feed says the same
    participant = make_participant(organisations["MHU"])
    confirm(gathering, participant, organisations["MHU"])
    events = parse(client.get(feed_url(participant.user))).walk("VEVENT")
    assert sorted(e.decoded("SEQUENCE") for e in events) == [1, 2]


def test_every_sessions_sequence_grows_when_the_venue_changes_or_the_gathering_is_cancelled(
    client, organisations
):
    gathering = add_sessions(make_gathering(organisations), count=2)
    ids = list(gathering.sessions.values_list("pk", flat=True))

    def all_at(sequence):
        return sequences(client, gathering) == dict.fromkeys(ids, sequence)

    gathering.venue_name = "Et annet hotell"
    gathering.save()
    assert all_at(1)
    gathering.venue_address = "Ny gate 2"
    gathering.save(update_fields=["venue_address"])
    assert all_at(2)
    gathering.status = "cancelled"
    gathering.save()
    assert all_at(3)
    gathering.status = "published"
    gathering.save()
    assert all_at(4)
    gathering.status = "completed"  # the files say the same as before
    gathering.title = "Nytt navn"
    gathering.save()
    assert all_at(4)


def admin_form_data(gathering):
    """The admin's edit form for `gathering`, filled in with what is stored."""

    def local(moment):
        return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")

    data = {
        field: getattr(gathering, field)
        for field in [
            "title",
            "slug",
            "level",
            "year",
            "description",
            "venue_name",
            "venue_address",
            "capacity",
            "admission_mode",
            "offer_deadline_hours",
            "status",
        ]
    }
    data.update(
        {
            "course": "",
            "has_waiting_list": "on",
            **{
                field: local(getattr(gathering, field))
                for field in ["starts_at", "ends_at", "enrolment_opens_at", "enrolment_closes_at"]
            },
        }
    )
    for prefix, rows in [
        (
            "quotas",
            [
                {"id": q.pk, "organisation": q.organisation_id, "seats": q.seats}
                for q in gathering.quotas.order_by("pk")
            ],
        ),
        (
            "sessions",
            [
                {
                    "id": s.pk,
                    "title": s.title,
                    "starts_at": local(s.starts_at),
                    "ends_at": local(s.ends_at),
                    "room": s.room,
                    "module": "",
                }
                for s in gathering.sessions.order_by("starts_at", "pk")
            ],
        ),
    ]:
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": str(len(rows)),
                f"{prefix}-INITIAL_FORMS": str(len(rows)),
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
        for n, row in enumerate(rows):
            data.update({f"{prefix}-{n}-{key}": value for key, value in row.items()})
    return data


def test_editing_the_programme_in_the_admin_raises_only_the_changed_sessions_sequence(
    client, admin_user, organisations
):
    gathering = add_sessions(make_gathering(organisations), count=2)
    first, second = gathering.sessions.order_by("starts_at")
    client.force_login(admin_user)
    url = f"/admin/gatherings/edit/{gathering.pk}/"
    data = admin_form_data(gathering)
    assert client.post(url, data).status_code == 302  # every session is saved again
    assert sequences(client, gathering) == {first.pk: 0, second.pk: 0}
    later = first.starts_at.replace(microsecond=0) + datetime.timedelta(minutes=15)
    data["sessions-0-starts_at"] = timezone.localtime(later).strftime("%Y-%m-%d %H:%M")
    data["sessions-1-title"] = "Nytt tema"
    assert client.post(url, data).status_code == 302
    assert Session.objects.get(pk=first.pk).starts_at == later
    assert sequences(client, gathering) == {first.pk: 1, second.pk: 0}


# My page --------------------------------------------------------------------------------------


def test_my_page_shows_the_feed_to_copy_subscribe_and_download(client, seated):
    outbox_send_due()  # the sender ran
    client.force_login(seated.user)
    html = client.get("/min-side/").content.decode()
    token = CalendarFeed.objects.get(user=seated.user).token
    assert f'value="http://testserver/kalender/{token}.ics"' in html
    assert f'href="webcal://testserver/kalender/{token}.ics"' in html
    assert f'href="/kalender/{token}.ics" download' in html
    assert "Min kalender" in html
    assert "Kalenderinvitasjon sendt til e-posten din" in html


# The coordinator's invites page ---------------------------------------------------------------


@pytest.fixture
def invited(organisations, django_capture_on_commit_callbacks):
    gathering = add_sessions(make_gathering(organisations, title="Høstsamling"))
    coordinator = make_coordinator(organisations["MHU"])
    gathering.coordinators.add(coordinator)
    participants = [make_participant(organisations[c]) for c in ("MHU", "BAR")]
    with django_capture_on_commit_callbacks(execute=True):
        for participant in participants:
            confirm(gathering, participant, participant.organisations.first())
    return {"gathering": gathering, "coordinator": coordinator, "participants": participants}


def invites_url(gathering, suffix=""):
    return f"/admin/pameldinger/{gathering.pk}/kalender/{suffix}"


def test_the_invites_page_shows_who_has_which_version(client, invited):
    gathering = invited["gathering"]
    log_in_with_admin_access(client, invited["coordinator"])
    html = client.get(invites_url(gathering)).content.decode()
    assert "2 personer har gjeldende versjon." in html
    for participant in invited["participants"]:
        assert participant.full_name in html
    assert "Invitasjon, versjon 0," in html
    assert "Send 0 oppdateringer" in html
    session = gathering.sessions.first()
    session.room = "Fjordsalen"
    session.save()
    html = client.get(invites_url(gathering)).content.decode()
    assert "2 invitasjoner er utdatert." in html
    review = client.get(f"/admin/pameldinger/{gathering.pk}/").content.decode()
    assert "Kalenderinvitasjonene er utdatert: 2 personer bør få en oppdatering." in review


def test_sending_the_updates_from_the_page_runs_the_task_and_reports_the_count(
    client, invited, django_capture_on_commit_callbacks
):
    gathering = invited["gathering"]
    session = gathering.sessions.first()
    session.starts_at -= datetime.timedelta(minutes=15)
    session.save()
    mail.outbox.clear()
    log_in_with_admin_access(client, invited["coordinator"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(invites_url(gathering, "send/"), {"kind": "update"})
    assert response.status_code == 302
    assert len(mail.outbox) == 2
    status = client.get(invites_url(gathering, "status/")).json()
    assert status["finished"] and status["sent"] == 2 and status["total"] == 2
    html = client.get(invites_url(gathering)).content.decode()
    assert "2 invitasjoner sendt, 2 personer sjekket." in html
    assert "versjon 1," in html


def test_a_bad_kind_changes_nothing(client, invited):
    log_in_with_admin_access(client, invited["coordinator"])
    response = client.post(
        invites_url(invited["gathering"], "send/"), {"kind": "alle"}, follow=True
    )
    assert "Velg hva som skal sendes." in response.content.decode()
    assert not invited["gathering"].invite_runs.exists()


def test_resending_to_one_person_from_the_page(client, invited, django_capture_on_commit_callbacks):
    gathering = invited["gathering"]
    person = invited["participants"][1]
    CalendarInvite.objects.update(created_at=timezone.now() - datetime.timedelta(minutes=5))
    mail.outbox.clear()
    log_in_with_admin_access(client, invited["coordinator"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(invites_url(gathering, f"{person.pk}/send-igjen/"), follow=True)
    assert f"Invitasjonen er på vei til {person.full_name}." in response.content.decode()
    assert [m.to for m in mail.outbox] == [[person.user.email]]


def test_the_invites_pages_are_only_for_the_gatherings_coordinators(client, invited):
    gathering = invited["gathering"]
    other = make_coordinator(invited["participants"][1].organisations.first())  # BAR, not on it
    log_in_with_admin_access(client, other)
    assert client.get(invites_url(gathering)).status_code == 404
    assert client.get(invites_url(gathering, "status/")).status_code == 404
    assert client.post(invites_url(gathering, "send/"), {"kind": "update"}).status_code == 404
    person = invited["participants"][0]
    assert client.post(invites_url(gathering, f"{person.pk}/send-igjen/")).status_code == 404
    assert not gathering.invite_runs.exists()
    client.logout()
    assert client.get(invites_url(gathering)).status_code == 302  # to the admin login


def test_the_coordinator_finds_their_own_feed_in_the_admin(client, invited):
    log_in_with_admin_access(client, invited["coordinator"])
    html = client.get("/admin/pameldinger/").content.decode()
    token = CalendarFeed.objects.get(user=invited["coordinator"]).token
    assert f"http://testserver/kalender/{token}.ics" in html
