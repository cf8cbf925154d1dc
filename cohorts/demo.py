"""Demo content for gatherings: the organisations, this year's three gatherings (one past, one
soon, one open for applications), participants from all three organisations, coordinators.

Enrolments are made through the services, so every state is one the rules can produce.
Idempotent: gatherings and people are found by slug and e-mail and left alone when they exist.
"""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from website.demo import DEFAULT_ADMIN_PASSWORD

from .models import (
    Enrolment,
    Gathering,
    Organisation,
    Participant,
    ProgressionException,
    Quota,
    Session,
)

ORGANISATIONS = [
    {"short_code": "MHU", "name": "Mental Helse Ungdom", "contact_email": "medvirk@mhu.localhost"},
    {
        "short_code": "BAR",
        "name": "Barn av rusmisbrukere",
        "contact_email": "medvirk@bar.localhost",
    },
    {
        "short_code": "LFB",
        "name": "Landsforeningen for barnevernsbarn",
        "contact_email": "medvirk@lfb.localhost",
    },
]

COORDINATORS = {
    "MHU": ("koordinator.mhu@medvirk.localhost", "Mona", "Koordinator (MHU)"),
    "BAR": ("koordinator.bar@medvirk.localhost", "Kim", "Koordinator (BAR)"),
    "LFB": ("koordinator.lfb@medvirk.localhost", "Leo", "Koordinator (LFB)"),
}

# (e-mail local part, full name, organisation, age)
PEOPLE = [
    ("deltaker", "Sara Nilsen", "MHU", 19),
    ("jonas", "Jonas Berg", "MHU", 22),
    ("amina", "Amina Hassan", "MHU", 24),
    ("ola", "Ola Dahl", "MHU", 20),
    ("ida", "Ida Larsen", "BAR", 21),
    ("mats", "Mats Solberg", "BAR", 25),
    ("nora", "Nora Lie", "BAR", 17),
    ("emil", "Emil Haugen", "BAR", 23),
    ("thea", "Thea Moen", "LFB", 19),
    ("sander", "Sander Eriksen", "LFB", 26),
    ("maja", "Maja Johansen", "LFB", 20),
    ("elias", "Elias Pedersen", "LFB", 29),
    ("vilde", "Vilde Kristiansen", "MHU", 21),
    ("henrik", "Henrik Andersen", "BAR", 24),
]


def _day(days, hour=10):
    moment = timezone.localtime() + datetime.timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


def _gatherings():
    return [
        {
            "slug": "nye-var-2026",
            "level": "new",
            "title": "Samling for nye brukermedvirkere, våren 2026",
            "description": (
                "To dager om hva brukermedvirkning er, og hvordan du bruker egen erfaring trygt."
            ),
            "venue_name": "Thon Hotel Opera",
            "venue_address": "Dronning Eufemias gate 4, 0191 Oslo",
            "starts_at": _day(-60, 10),
            "ends_at": _day(-59, 16),
            "enrolment_opens_at": _day(-120),
            "enrolment_closes_at": _day(-70),
            "capacity": 12,
            "quotas": {"MHU": 4, "BAR": 3, "LFB": 3},
            "status": Gathering.Status.COMPLETED,
            "mode": Gathering.AdmissionMode.FIRST_COME,
        },
        {
            "slug": "viderekomne-host-2026",
            "level": "advanced",
            "title": "Samling for viderekomne, høsten 2026",
            "description": (
                "For deg som har fullført første nivå: råd og styrer, og å endre tjenester."
            ),
            "venue_name": "Scandic Bergen City",
            "venue_address": "Håkons gate 2, 5015 Bergen",
            "starts_at": _day(12, 10),
            "ends_at": _day(13, 15),
            "enrolment_opens_at": _day(-40),
            "enrolment_closes_at": _day(-2),
            "capacity": 10,
            "quotas": {"MHU": 3, "BAR": 3, "LFB": 3},
            "status": Gathering.Status.PUBLISHED,
            "mode": Gathering.AdmissionMode.APPLICATION,
        },
        {
            "slug": "nye-vinter-2027",
            "level": "new",
            "title": "Samling for nye brukermedvirkere, vinteren 2027",
            "description": "Bli kjent med andre unge medvirkere og lær hvordan du kan bli hørt.",
            "venue_name": "Clarion Hotel Trondheim",
            "venue_address": "Brattørkaia 1, 7010 Trondheim",
            "starts_at": _day(75, 10),
            "ends_at": _day(76, 15),
            "enrolment_opens_at": _day(-10),
            "enrolment_closes_at": _day(60),
            "capacity": 8,
            "quotas": {"MHU": 2, "BAR": 2, "LFB": 2},
            "status": Gathering.Status.PUBLISHED,
            "mode": Gathering.AdmissionMode.FIRST_COME,
        },
    ]


def _sessions(gathering, course):
    modules = list(course.modules) if course else []
    day_one = timezone.localtime(gathering.starts_at)
    day_two = timezone.localtime(gathering.ends_at).replace(hour=9, minute=0)
    slots = [
        (day_one, 90, "Velkommen og bli kjent", "Storsalen"),
        (day_one + datetime.timedelta(hours=2), 120, None, "Storsalen"),
        (day_one + datetime.timedelta(hours=4, minutes=30), 90, None, "Grupperom 1"),
        (day_two, 120, None, "Storsalen"),
        (
            day_two + datetime.timedelta(hours=2, minutes=30),
            90,
            "Oppsummering og veien videre",
            "Storsalen",
        ),
    ]
    for index, (start, minutes, title, room) in enumerate(slots):
        module = modules[index - 1] if title is None and 0 <= index - 1 < len(modules) else None
        Session.objects.create(
            gathering=gathering,
            title=title or (module.title if module else "Arbeid i grupper"),
            starts_at=start,
            ends_at=start + datetime.timedelta(minutes=minutes),
            room=room,
            module=module,
        )


def _people(organisations, password):
    User = get_user_model()
    participants = {}
    for local_part, full_name, code, age in PEOPLE:
        email = f"{local_part}@medvirk.localhost"
        user = User.objects.filter(email=email).first()
        if user is None:
            first, last = full_name.split(" ", 1)
            user = User.objects.create_user(
                email=email, password=password, first_name=first, last_name=last
            )
        participant = Participant.objects.filter(user=user).first()
        if participant is None:
            today = timezone.localdate()
            participant = Participant.objects.create(
                user=user,
                full_name=full_name,
                birth_date=today.replace(year=today.year - age) - datetime.timedelta(days=40),
                municipality="Oslo",
                guardian_name="Kari Lie" if age < 18 else "",
                guardian_email="kari.lie@medvirk.localhost" if age < 18 else "",
                dietary_needs="Vegetar" if local_part in {"amina", "mats"} else "",
            )
            participant.organisations.add(organisations[code])
        participants[local_part] = participant
    return participants


def _coordinators(organisations, password):
    User = get_user_model()
    group = Group.objects.get(name="Koordinatorer")
    for code, (email, first, last) in COORDINATORS.items():
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email=email, password=password, first_name=first, last_name=last
            )
        user.groups.add(group)
        organisations[code].coordinators.add(user)
    return {code: User.objects.get(email=email) for code, (email, *_rest) in COORDINATORS.items()}


def _enrol(gathering, participants, names, organisations, *, now):
    from .services import enrolment_apply

    for name in names:
        participant = participants[name]
        if not Enrolment.objects.filter(participant=participant, gathering=gathering).exists():
            enrolment_apply(
                participant=participant,
                gathering=gathering,
                organisation=participant.organisations.first(),
                motivation="Jeg vil lære mer om å bli hørt.",
                now=now,
            )


def _attendance(coordinators):
    """The past gathering's attendance: most present, some late, one who did not complete."""
    from .models import Attendance
    from .services import attendance_mark

    gathering = Gathering.objects.filter(slug="nye-var-2026").first()
    if gathering is None or Attendance.objects.filter(session__gathering=gathering).exists():
        return
    coordinator = next(iter(coordinators.values()))
    sessions = list(gathering.sessions.order_by("starts_at"))
    for enrolment in gathering.enrolments.filter(state=Enrolment.State.CONFIRMED).select_related(
        "participant__user"
    ):
        name = enrolment.participant.user.email.split("@")[0]
        for index, session in enumerate(sessions):
            status, minutes = Attendance.Status.PRESENT, None
            if name == "mats" and index == 0:
                status, minutes = Attendance.Status.LATE, session.minutes - 25
            if name == "thea" and index == 3:
                status, minutes = Attendance.Status.LEFT_EARLY, session.minutes // 2
            if name == "maja" and index in (1, 2, 3):
                status = Attendance.Status.ABSENT  # does not complete
            if name == "sander" and index == 2:
                status = Attendance.Status.EXCUSED
            attendance_mark(
                enrolment=enrolment,
                session=session,
                status=status,
                minutes=minutes,
                actor=coordinator,
                now=session.starts_at,
            )


@transaction.atomic
def load_organisations(*, stdout) -> dict:
    organisations = {}
    for data in ORGANISATIONS:
        organisation, created = Organisation.objects.get_or_create(
            short_code=data["short_code"], defaults=data
        )
        organisations[data["short_code"]] = organisation
        if created:
            stdout.write(f"  organisasjon {data['short_code']} opprettet")
    return organisations


@transaction.atomic
def load(*, stdout, password: str = DEFAULT_ADMIN_PASSWORD) -> None:
    """Gatherings, participants and coordinators; runs after the curriculum demo."""
    from courses.models import CoursePage

    organisations = load_organisations(stdout=stdout)
    if not Group.objects.filter(name="Koordinatorer").exists():
        return  # the editorial migration has not run (a flushed test database)
    coordinators = _coordinators(organisations, password)
    participants = _people(organisations, password)

    for data in _gatherings():
        if Gathering.objects.filter(slug=data["slug"]).exists():
            continue
        quotas = data.pop("quotas")
        status = data.pop("status")
        mode = data.pop("mode")
        course = CoursePage.objects.filter(level=data["level"], locale__language_code="nb").first()
        gathering = Gathering.objects.create(
            **data,
            year=data["starts_at"].year,
            course=course,
            admission_mode=mode,
            status=Gathering.Status.PUBLISHED,
            offer_deadline_hours=48,
        )
        gathering.coordinators.add(*coordinators.values())
        for code, seats in quotas.items():
            Quota.objects.create(gathering=gathering, organisation=organisations[code], seats=seats)
        _sessions(gathering, course)
        if data["slug"] == "nye-var-2026":
            applied_at = data["enrolment_opens_at"] + datetime.timedelta(days=3)
            _enrol(
                gathering,
                participants,
                ["deltaker", "jonas", "ida", "mats", "thea", "sander", "maja", "amina"],
                organisations,
                now=applied_at,
            )
        elif data["slug"] == "viderekomne-host-2026":
            from .services import enrolment_decide

            applied_at = data["enrolment_opens_at"] + datetime.timedelta(days=1)
            for name in ["jonas", "ida", "sander"]:
                ProgressionException.objects.get_or_create(
                    participant=participants[name],
                    level="advanced",
                    defaults={"reason": "Demodata: fullførte nivå 1 før Medvirk fantes."},
                )
            _enrol(
                gathering, participants, ["jonas", "ida", "sander"], organisations, now=applied_at
            )
            for enrolment in gathering.enrolments.all():
                coordinator = coordinators[enrolment.organisation.short_code]
                if enrolment.participant.user.email.startswith("sander"):
                    continue  # left in the review queue
                enrolment_decide(
                    enrolment=enrolment, decision="accept", actor=coordinator, now=applied_at
                )
            # A room changed after the invites went out: the coordinator's *Calendar invites*
            # page shows two invites out of date, ready to send as updates.
            last = gathering.sessions.order_by("starts_at").last()
            last.room = "Fjordsalen"
            last.save(update_fields=["room"])
        else:
            _enrol(
                gathering,
                participants,
                [
                    "jonas",
                    "amina",
                    "ola",
                    "vilde",
                    "ida",
                    "nora",
                    "emil",
                    "henrik",
                    "thea",
                    "elias",
                ],
                organisations,
                now=timezone.now(),
            )
        gathering.status = status
        gathering.save(update_fields=["status"])
        stdout.write(f"  samling «{gathering.title}» opprettet")
    _attendance(coordinators)
