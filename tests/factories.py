"""Data builders shared by test modules (test modules never import each other's helpers).

Plain functions, not factory-boy: each builder is a few lines with keyword defaults, and the
Wagtail pages must be added to the tree (`add_child`) and published, which factory-boy's
`create` does not do. Fixtures that use these builders stay in the conftests.
"""

import datetime
import itertools
import types
from zoneinfo import ZoneInfo

from django.utils import timezone, translation

from cohorts import ics

NOW = timezone.now()
_numbers = itertools.count(1)


# --- People and gatherings (cohorts) ------------------------------------------------------


def make_gathering(organisations, *, capacity=20, quotas=(6, 6, 6), mode="first_come", **fields):
    from cohorts.models import Gathering, Quota

    number = next(_numbers)
    defaults = {
        "slug": f"samling-{number}",
        "level": "new",
        "year": NOW.year,
        "title": f"Samling {number}",
        "venue_name": "Scandic Oslo",
        "venue_address": "Storgata 1, Oslo",
        "starts_at": NOW + datetime.timedelta(days=30),
        "ends_at": NOW + datetime.timedelta(days=32),
        "capacity": capacity,
        "enrolment_opens_at": NOW - datetime.timedelta(days=1),
        "enrolment_closes_at": NOW + datetime.timedelta(days=20),
        "admission_mode": mode,
        "offer_deadline_hours": 48,
        "status": "published",
    }
    gathering = Gathering.objects.create(**{**defaults, **fields})
    for code, seats in zip(["MHU", "BAR", "LFB"], quotas, strict=True):
        Quota.objects.create(gathering=gathering, organisation=organisations[code], seats=seats)
    return gathering


def make_participant(organisation, *, age=22, guardian=True, name=None):
    from django.contrib.auth import get_user_model

    from cohorts.models import Participant

    number = next(_numbers)
    user = get_user_model().objects.create_user(email=f"deltaker{number}@example.org", password="x")
    born = NOW.date().replace(year=NOW.year - age) - datetime.timedelta(days=10)
    participant = Participant.objects.create(
        user=user,
        full_name=name or f"Deltaker {number}",
        birth_date=born,
        guardian_name="Foresatt" if age < 18 and guardian else "",
        guardian_email=f"foresatt{number}@example.org" if age < 18 and guardian else "",
    )
    participant.organisations.add(organisation)
    return participant


def make_coordinator(organisation):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(
        email=f"koordinator{next(_numbers)}@example.org", password="x"
    )
    organisation.coordinators.add(user)
    return user


# --- Admin access -------------------------------------------------------------------------


def admin_access_permission():
    """Wagtail's "can access the admin" permission. A migration creates it, so a transactional
    test that flushed the database earlier on this worker may have taken it away."""
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    content_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="access_admin",
        defaults={"name": "Can access Wagtail admin"},
    )
    return permission


def log_in_with_admin_access(client, user):
    """Give `user` Wagtail admin access (group "Admin-tilgang") and log `client` in as them."""
    from django.contrib.auth.models import Group

    group, _ = Group.objects.get_or_create(name="Admin-tilgang")
    group.permissions.add(admin_access_permission())
    user.groups.add(group)
    client.force_login(user)


def user_in_group(email, group_name):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user(email=email, password="et-langt-passord-123")
    user.groups.add(Group.objects.get(name=group_name))
    return user


# --- Curriculum pages (courses) -----------------------------------------------------------

MODULE_BODY = [
    {"type": "heading", "value": {"text": "Innledning", "level": "h2"}},
    {"type": "paragraph", "value": "<p>Brukermedvirkning i barnevernet handler om å bli hørt.</p>"},
    {
        "type": "reflection_exercise",
        "value": {"question": "Når ble du hørt?", "minutes": 10, "instructions": "<p>I par.</p>"},
    },
    {"type": "facilitator_note", "value": {"note": "<p>Hemmelig kursholdertips: ta pause.</p>"}},
]


def make_programme(home):
    from courses.models import ProgrammePage

    page = ProgrammePage(
        title="Programmet",
        slug="program",
        intro="<p>Ett program for alle.</p>",
        individual_level="I egen sak.",
        service_level="I tjenesten.",
        system_level="I styrer og råd.",
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def make_course(programme, *, level="new", slug="nye", title="Kurs for nye"):
    from courses.models import CoursePage

    course = CoursePage(
        title=title,
        slug=slug,
        level=level,
        summary="Et kurs for deg som er ny.",
        audience="<p>Nye brukermedvirkere.</p>",
        learning_outcomes="<ul><li>Å bli hørt</li></ul>",
        certificate_text="Innehaveren kan delta i brukermedvirkning på individnivå.",
    )
    programme.add_child(instance=course)
    course.save_revision().publish()
    return course


def make_module(course, *, title, slug, minutes=60, body=None, publish=True, organisations=()):
    from courses.models import ModulePage

    module = ModulePage(
        title=title,
        slug=slug,
        summary=f"Sammendrag av {title}.",
        learning_objectives="<ul><li>Forstå</li></ul>",
        duration_minutes=minutes,
        trains_individual_level=True,
        body=MODULE_BODY if body is None else body,
        facilitator_guide="<p>Kursholderveiledning: start med en runde.</p>",
    )
    module.authoring_organisations = list(organisations)
    module.live = publish  # add_child would otherwise make it live at once
    course.add_child(instance=module)
    revision = module.save_revision()
    if publish:
        revision.publish()
    return module


# --- Sessions and seats (cohorts) ---------------------------------------------------------


def add_sessions(gathering, count=2, room="Storsalen"):
    from cohorts.models import Session

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


def apply_for_seat(gathering, participant, organisation):
    from cohorts.services import enrolment_apply

    return enrolment_apply(participant=participant, gathering=gathering, organisation=organisation)


def make_invite_gathering(organisations):
    """A gathering of two sessions a day apart, with an MHU coordinator (`.coordinator`)."""
    from cohorts.models import Session

    gathering = make_gathering(organisations, title="Samling for nye, høsten; Bergen")
    start = timezone.localtime(gathering.starts_at).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    for offset, title, room in [(0, "Velkommen", "Storsalen"), (26, "Oppsummering", "Fløyen")]:
        Session.objects.create(
            gathering=gathering,
            title=title,
            starts_at=start + datetime.timedelta(hours=offset),
            ends_at=start + datetime.timedelta(hours=offset, minutes=90),
            room=room,
        )
    coordinator = make_coordinator(organisations["MHU"])
    coordinator.first_name, coordinator.last_name = "Kari", "Koordinator"
    coordinator.save()
    gathering.coordinators.add(coordinator)
    gathering.coordinator = coordinator
    return gathering


def confirmed_enrolment(on_commit, gathering, organisation, **kwargs):
    from cohorts.services import enrolment_apply

    participant = make_participant(organisation, **kwargs)
    enrolment = on_commit(
        enrolment_apply, participant=participant, gathering=gathering, organisation=organisation
    )
    return enrolment


# --- Calendar files in memory (cohorts.ics) --------------------------------------------------

OSLO = ZoneInfo("Europe/Oslo")
UTC = ZoneInfo("UTC")
ICS_TITLE = "Samling for nye, høsten; Bergen\nog Ålesund"


def ics_gathering(**fields):
    values = {
        "pk": 7,
        "title": ICS_TITLE,
        "venue_name": "Scandic Ørnen",
        "venue_address": "Lars Hilles gate 18, 5008 Bergen",
        # Saturday before and Monday after the October 2026 change (25 October, 03:00 → 02:00)
        "starts_at": datetime.datetime(2026, 10, 24, 10, 0, tzinfo=OSLO),
        "ends_at": datetime.datetime(2026, 10, 26, 15, 0, tzinfo=OSLO),
        "status": "published",
        "slug": "nye-host",
        "revision": 0,
    }
    values.update(fields)
    result = types.SimpleNamespace(**values)
    result.get_absolute_url = lambda: f"/samlinger/{result.slug}/"
    return result


def ics_sessions(event_gathering):
    rows = [
        (
            1,
            "Velkommen, og bli kjent; del 1",
            datetime.datetime(2026, 10, 24, 10, 0),
            90,
            "Storsalen",
        ),
        (2, "Rettigheter for unge", datetime.datetime(2026, 10, 24, 13, 0), 120, "Rom «Fløyen»"),
        (3, "Oppsummering", datetime.datetime(2026, 10, 26, 13, 0), 120, ""),
    ]
    return [
        types.SimpleNamespace(
            pk=pk,
            title=title,
            starts_at=start.replace(tzinfo=OSLO),
            ends_at=start.replace(tzinfo=OSLO) + datetime.timedelta(minutes=minutes),
            room=room,
            revision=0,
            gathering=event_gathering,
        )
        for pk, title, start, minutes, room in rows
    ]


ICS_ORGANIZER = ics.Person("Kari Nordmann, MHU", "kari@mhu.example")
ICS_ATTENDEE = ics.Person("Åse Øyen; «Åsa»", "ase@example.org")
ICS_STAMP = datetime.datetime(2026, 10, 1, 12, 0, tzinfo=UTC)


def build_invite(method="REQUEST", sequence=0, **fields):
    event_gathering = ics_gathering(**fields)
    with translation.override("nb"):
        return ics.invite(
            gathering=event_gathering,
            sessions=ics_sessions(event_gathering),
            attendee=ICS_ATTENDEE,
            organizer=ICS_ORGANIZER,
            method=method,
            sequence=sequence,
            uid=ics.invite_uid(gathering_id=7, participant_id=42, domain="medvirk.no"),
            stamp=ICS_STAMP,
            url="https://medvirk.no/samlinger/nye-host/",
        )


def build_published():
    event_gathering = ics_gathering()
    return ics.published_calendar(
        name="Medvirk – mine samlinger",
        sessions=ics_sessions(event_gathering),
        organizers={7: ICS_ORGANIZER},
        domain="medvirk.no",
        stamp=ICS_STAMP,
        base_url="https://medvirk.no",
    )


def every_ics_file():
    return {
        "request": build_invite(),
        "update": build_invite(sequence=1),
        "cancel": build_invite("CANCEL", 2),
        "publish": build_published(),
    }


def published_calendar(sessions, organizers):
    return ics.published_calendar(
        name="x",
        sessions=sessions,
        organizers=organizers,
        domain="medvirk.no",
        stamp=ICS_STAMP,
        base_url="https://medvirk.no",
    )


# --- Many applications at once (query counts, bench) ------------------------------------------

# The states `many_applications` cycles through, with what each state needs stamped.
BULK_STATES = ("applied", "waitlisted", "confirmed", "guardian_pending", "offered")


def mark_present(enrolments, *sessions, minutes=None):
    """Each of `enrolments` marked present at each of `sessions` by the coordinator (for the
    whole session unless `minutes` says otherwise), at the session's start: one bulk insert."""
    from cohorts.models import Attendance

    return Attendance.objects.bulk_create(
        Attendance(
            enrolment=enrolment,
            session=session,
            status="present",
            minutes_attended=session.minutes if minutes is None else minutes,
            marked_at=session.starts_at,
            method="coordinator",
        )
        for enrolment in enrolments
        for session in sessions
    )


def many_applications(gathering, organisation, count, *, states=BULK_STATES, prefix="mange"):
    """`count` participants of `organisation` with an application to `gathering` each, the
    states taken in turn from `states` — three bulk inserts, not three per person. No seat
    rules are checked (build the counts the test needs)."""
    from django.contrib.auth import get_user_model

    from cohorts.models import Enrolment, Participant

    tag = f"{prefix}{gathering.pk}-{next(_numbers)}"
    users = get_user_model().objects.bulk_create(
        get_user_model()(email=f"{tag}-{n}@example.org") for n in range(count)
    )
    born = NOW.date().replace(year=NOW.year - 20)
    participants = Participant.objects.bulk_create(
        Participant(user=user, full_name=f"Person {tag} {n:04}", birth_date=born)
        for n, user in enumerate(users)
    )
    Participant.organisations.through.objects.bulk_create(
        Participant.organisations.through(participant=p, organisation=organisation)
        for p in participants
    )
    enrolments = []
    for n, participant in enumerate(participants):
        state = states[n % len(states)]
        enrolments.append(
            Enrolment(
                participant=participant,
                gathering=gathering,
                organisation=organisation,
                state=state,
                waitlisted_at=NOW if state == "waitlisted" else None,
                offered_at=NOW if state == "offered" else None,
                offer_expires_at=NOW + datetime.timedelta(hours=24) if state == "offered" else None,
                confirmed_at=NOW if state == "confirmed" else None,
            )
        )
    return Enrolment.objects.bulk_create(enrolments)


# --- A gathering to evaluate (evaluation) -----------------------------------------------------


def make_ended_gathering(organisations, home, *, attended=3, absent=1, ended=None, **fields):
    """A completed gathering that ended `ended` ago (default: an hour): a welcome session and
    two that taught a module each (with English titles); `attended` confirmed participants who
    were present (the first one reads English) and `absent` who were not. Returns the
    gathering with `.came` and `.stayed_away` (their enrolments) and `.rated` (the two
    sessions that taught a module)."""
    from cohorts.models import Attendance, Enrolment, Session

    course = make_course(make_programme(home))
    modules = [
        make_module(course, title="Hva er brukermedvirkning?", slug="hva-er"),
        make_module(course, title="Egen erfaring som kunnskap", slug="egen-erfaring"),
    ]
    ends = timezone.now() - (ended or datetime.timedelta(hours=1))
    starts = ends - datetime.timedelta(hours=7)
    gathering = make_gathering(
        organisations,
        title="Samling i Oslo",
        title_en="Gathering in Oslo",
        starts_at=starts,
        ends_at=ends,
        enrolment_opens_at=starts - datetime.timedelta(days=60),
        enrolment_closes_at=starts - datetime.timedelta(days=10),
        status="completed",
        **fields,
    )
    titles = [
        ("Velkommen", "Welcome", None),
        ("Hva er brukermedvirkning?", "What is user participation?", modules[0]),
        ("Egen erfaring som kunnskap", "Your own experience as knowledge", modules[1]),
    ]
    sessions = [
        Session.objects.create(
            gathering=gathering,
            title=title,
            title_en=title_en,
            module=module,
            starts_at=starts + datetime.timedelta(hours=2 * number),
            ends_at=starts + datetime.timedelta(hours=2 * number + 1),
            room="Storsalen",
        )
        for number, (title, title_en, module) in enumerate(titles)
    ]
    enrolments = []
    for number in range(attended + absent):
        participant = make_participant(organisations["MHU"])
        if number == 0:
            participant.language = "en"
            participant.save(update_fields=["language"])
        enrolment = Enrolment.objects.create(
            participant=participant,
            gathering=gathering,
            organisation=organisations["MHU"],
            state=Enrolment.State.CONFIRMED,
            confirmed_at=starts - datetime.timedelta(days=20),
        )
        status = Attendance.Status.PRESENT if number < attended else Attendance.Status.ABSENT
        for session in sessions:
            Attendance.objects.create(
                enrolment=enrolment,
                session=session,
                status=status,
                minutes_attended=session.minutes if number < attended else 0,
                marked_at=session.ends_at,
                method=Attendance.Method.COORDINATOR,
            )
        enrolments.append(enrolment)
    gathering.came = enrolments[:attended]
    gathering.stayed_away = enrolments[attended:]
    gathering.rated = sessions[1:]
    return gathering


# --- Evaluation answers (evaluation) ------------------------------------------------------


def make_evaluation_responses(
    gathering,
    count,
    *,
    module=None,
    session=None,
    usefulness=4,
    clarity=3,
    comment="Kommentar {n}",
    missing="",
    keep="",
    readiness=("yes", "partly", ""),
):
    """`count` anonymous responses to `gathering`, each rating `module` (a page, or its
    translation_key) when one is given. Text arguments are formats with `{n}` (1, 2, …); ""
    leaves the answer empty. Bulk inserts: three queries whatever the count."""
    from evaluation.models import GatheringResponse, ModuleRating

    responses = [
        GatheringResponse(
            gathering=gathering,
            missing=missing.format(n=n) if missing else "",
            keep=keep.format(n=n) if keep else "",
            ready_individual=readiness[0],
            ready_service=readiness[1],
            ready_system=readiness[2],
        )
        for n in range(1, count + 1)
    ]
    GatheringResponse.objects.bulk_create(responses)
    if module is not None:
        key = getattr(module, "translation_key", module)
        ModuleRating.objects.bulk_create(
            ModuleRating(
                response=response,
                session=session,
                module_key=key,
                usefulness=usefulness(n) if callable(usefulness) else usefulness,
                clarity=clarity(n) if callable(clarity) else clarity,
                comment=comment.format(n=n) if comment else "",
            )
            for n, response in enumerate(responses, start=1)
        )
    return responses
