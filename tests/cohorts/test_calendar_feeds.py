"""Calendar files over HTTP: the public file of a gathering, personal feeds by secret token
and My page's links to them."""

import datetime

import pytest

from cohorts.models import CalendarFeed, CalendarInvite, Enrolment, Participant, Session
from cohorts.selectors import gatherings_with_sent_invite
from cohorts.services import (
    calendar_feed_for,
    enrolment_cancel,
)
from tests.factories import (
    add_sessions,
    apply_for_seat,
    make_coordinator,
    make_gathering,
    make_participant,
)
from tests.helpers import parse_calendar, personal_feed_url, queries_for
from website.outbox import outbox_send_due

pytestmark = pytest.mark.django_db


# The public file ------------------------------------------------------------------------------


def test_the_public_file_has_one_event_per_session_and_the_gatherings_name(client, organisations):
    gathering = add_sessions(make_gathering(organisations), count=3)
    response = client.get(f"/samlinger/{gathering.slug}/kalender.ics")
    calendar = parse_calendar(response)
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
    apply_for_seat(full, make_participant(mhu), mhu)
    left = add_sessions(make_gathering(organisations, title="Avmeldt samling"))
    other = add_sessions(make_gathering(organisations, title="Andres samling"))
    apply_for_seat(other, make_participant(mhu), mhu)
    apply_for_seat(mine, participant, mhu)
    assert apply_for_seat(full, participant, mhu).state == Enrolment.State.WAITLISTED
    enrolment_cancel(enrolment=apply_for_seat(left, participant, mhu), actor=participant.user)
    return participant


def test_the_feed_holds_only_the_sessions_of_confirmed_seats(client, seated):
    calendar = parse_calendar(client.get(personal_feed_url(seated.user)))
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
        for e in parse_calendar(client.get(personal_feed_url(seated.user))).walk("VEVENT")
        if "Økt 1" in str(e["SUMMARY"])
    ]
    assert str(event["LOCATION"]).startswith("Lillesalen, ")
    assert event.decoded("DTSTART") == session.starts_at.replace(microsecond=0)


def test_a_calendar_app_polling_with_the_etag_gets_304_until_the_feed_changes(client, seated):
    """Issue 20: calendar apps poll the feed; while nothing in it changed they get 304 with no
    body (the file is not built), and any change to what it says gives a new file."""
    url = personal_feed_url(seated.user)
    first = client.get(url)
    etag = first["ETag"]
    assert first.status_code == 200 and etag.startswith('W/"')
    again = client.get(url, headers={"if-none-match": etag})
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == etag and "no-store" in again["Cache-Control"]
    # A title changes without raising the calendar revision: still a new file.
    session = Session.objects.filter(gathering__title="Min samling").first()
    session.title = "Økt med nytt navn"
    session.save()
    changed = client.get(url, headers={"if-none-match": etag})
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert "Økt med nytt navn" in changed.content.decode()
    # Losing the seat changes it too; the language the person reads in as well.
    assert client.get(url, headers={"if-none-match": changed["ETag"]}).status_code == 304
    enrolment_cancel(
        enrolment=Enrolment.objects.get(participant=seated, gathering=session.gathering),
        actor=seated.user,
    )
    cancelled = client.get(url, headers={"if-none-match": changed["ETag"]})
    assert cancelled.status_code == 200 and "Min samling" not in cancelled.content.decode()
    seated.language = "en"
    seated.save(update_fields=["language"])
    english = client.get(url, headers={"if-none-match": cancelled["ETag"]})
    assert english.status_code == 200 and english["ETag"] != cancelled["ETag"]


def test_the_etag_follows_what_the_file_shows_of_a_gathering_and_nothing_else(client, seated):
    """The feed loads and hashes only what its file is made from (`ics.PUBLISHED_*_FIELDS`):
    a gathering's title or venue changes the file and the validator; its description or
    capacity is not in the file, so a polling calendar app still gets 304."""
    url = personal_feed_url(seated.user)
    etag = client.get(url)["ETag"]
    gathering = Session.objects.filter(gathering__title="Min samling").first().gathering
    gathering.description = "Ny beskrivelse som ikke står i kalenderen"
    gathering.capacity += 5
    gathering.save()
    assert client.get(url, headers={"if-none-match": etag}).status_code == 304
    for field, value in (("title", "Min samling, nytt navn"), ("venue_address", "Ny gate 1")):
        setattr(gathering, field, value)
        gathering.save()
        changed = client.get(url, headers={"if-none-match": etag})
        assert changed.status_code == 200 and changed["ETag"] != etag
        assert value in changed.content.decode().replace("\r\n ", "").replace("\\,", ",")
        etag = changed["ETag"]


def test_the_feed_is_built_from_the_loaded_fields_without_a_query(
    seated, django_assert_num_queries
):
    """What the builder reads is what `feed_sessions` loads: a field it did not load would be
    read with one query per session or gathering."""
    from cohorts.selectors import feed_organizers, feed_sessions
    from tests.factories import published_calendar

    sessions = feed_sessions(seated.user)
    assert {s.gathering.title for s in sessions} == {"Min samling"}
    with django_assert_num_queries(0):
        content = published_calendar(sessions, feed_organizers(sessions))
    assert content.count(b"BEGIN:VEVENT") == len(sessions) > 0


def test_the_feed_is_only_by_token_and_never_stored_on_the_way(client, seated):
    response = client.get(personal_feed_url(seated.user))
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert client.get("/kalender/feil-token.ics").status_code == 404
    assert client.get("/kalender/.ics").status_code == 404
    token = calendar_feed_for(seated.user).token
    assert len(token) >= 43  # 256 random bits
    assert client.get(f"/kalender/{token[:-1]}.ics").status_code == 404


def test_a_feed_address_with_a_nul_character_is_not_found(client, seated):
    client.raise_request_exception = False  # (a 500 must show as one, not as an exception)
    token = calendar_feed_for(seated.user).token
    for url in ("/kalender/%00.ics", f"/kalender/{token}%00.ics", "/kalender/%00abc.ics"):
        assert client.get(url).status_code == 404


def test_a_replaced_address_answers_404_and_the_new_one_works(client, seated):
    old = personal_feed_url(seated.user)
    client.force_login(seated.user)
    response = client.post("/min-side/kalender/ny-adresse/")
    assert response.status_code == 302
    client.logout()
    assert client.get(old).status_code == 404
    new = personal_feed_url(seated.user)
    assert new != old
    assert client.get(new).status_code == 200


def test_replacing_the_address_needs_a_logged_in_post(client, seated):
    old = personal_feed_url(seated.user)
    assert client.post("/min-side/kalender/ny-adresse/").status_code == 302  # to log in
    client.force_login(seated.user)
    assert client.get("/min-side/kalender/ny-adresse/").status_code == 405
    assert personal_feed_url(seated.user) == old


def test_a_deactivated_account_has_no_feed(client, seated):
    url = personal_feed_url(seated.user)
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
    calendar = parse_calendar(client.get(personal_feed_url(coordinator)))
    assert len(calendar.walk("VEVENT")) == 3
    assert {str(e["SUMMARY"]).split(" – ")[1] for e in calendar.walk("VEVENT")} == {"Koordinert"}


def test_the_feed_takes_the_same_number_of_queries_for_1_and_50_gatherings(client, organisations):
    mhu = organisations["MHU"]
    participant = make_participant(mhu)
    url = personal_feed_url(participant.user)

    def with_gatherings(count):
        while participant.enrolments.count() < count:
            gathering = add_sessions(make_gathering(organisations, capacity=50), count=3)
            apply_for_seat(gathering, participant, mhu)
        return queries_for(client, url)

    one = with_gatherings(1)
    fifty = with_gatherings(50)
    assert one == fifty <= 2
    assert len(parse_calendar(client.get(url)).walk("VEVENT")) == 150


def feed_titles(client, user):
    """The gatherings the personal feed has sessions of."""
    events = parse_calendar(client.get(personal_feed_url(user))).walk("VEVENT")
    return {str(e["SUMMARY"]).split(" – ")[1] for e in events}


def test_a_gathering_whose_invite_went_by_email_is_not_in_the_feed_too(
    client, organisations, on_commit
):
    mhu = organisations["MHU"]
    participant = make_participant(mhu)
    invited = add_sessions(make_gathering(organisations, title="Invitert"))
    waiting = add_sessions(make_gathering(organisations, title="Invitasjon ikke sendt"))
    on_commit(apply_for_seat, gathering=invited, participant=participant, organisation=mhu)
    apply_for_seat(waiting, participant, mhu)  # its invite is recorded, the e-mail not sent yet
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
    on_commit(apply_for_seat, gathering=gathering, participant=other, organisation=mhu)

    def in_feed():
        """In the feed exactly when the person holds no invite to the gathering."""
        rows = gatherings_with_sent_invite(Participant.objects.filter(pk=participant.pk))
        held = {row["gathering_id"] for row in rows}
        shown = feed_titles(client, participant.user) == {"Koordinert"}
        assert held == (set() if shown else {gathering.pk})
        return shown

    assert in_feed()
    enrolment = on_commit(
        apply_for_seat, gathering=gathering, participant=participant, organisation=mhu
    )
    assert not in_feed()
    on_commit(enrolment_cancel, enrolment=enrolment, actor=participant.user)
    assert CalendarInvite.objects.filter(participant=participant).count() == 2  # REQUEST, CANCEL
    assert in_feed()
    on_commit(apply_for_seat, gathering=gathering, participant=participant, organisation=mhu)
    assert not in_feed()
    assert feed_titles(client, other.user) == set()  # holds their own invite


def test_with_organizers_and_invites_the_feed_still_takes_two_queries(
    client, organisations, on_commit
):
    mhu = organisations["MHU"]
    participant = make_participant(mhu)
    url = personal_feed_url(participant.user)

    def add(count):
        for _ in range(count):
            coordinated = add_sessions(make_gathering(organisations, capacity=50), count=3)
            coordinated.coordinators.add(participant.user, make_coordinator(mhu))
            invited = add_sessions(make_gathering(organisations, capacity=50), count=3)
            invited.coordinators.add(make_coordinator(mhu))
            on_commit(apply_for_seat, gathering=invited, participant=participant, organisation=mhu)

    add(1)
    one = queries_for(client, url)
    add(20)
    assert one == queries_for(client, url) <= 2
    assert len(parse_calendar(client.get(url)).walk("VEVENT")) == 21 * 3  # the coordinated ones


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
