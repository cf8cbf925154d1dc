"""The rows the benches build, in bulk where there are many. Call after Django is set up."""

import datetime
import secrets

ORGANISATIONS = {
    "MHU": "Mental Helse Ungdom",
    "BAR": "Barn av rusmisbrukere",
    "LFB": "Landsforeningen for barnevernsbarn",
}


def organisations(*codes: str) -> list:
    """The organisations of `codes` (from ORGANISATIONS), created if missing."""
    from people.models import Organisation

    return [
        Organisation.objects.get_or_create(
            short_code=code,
            defaults={"name": ORGANISATIONS[code], "contact_email": f"post@{code.lower()}.example"},
        )[0]
        for code in codes
    ]


def coordinator():
    """A superuser with a name, who coordinates the gatherings the benches make."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_superuser(
        email="koordinator@bench.example",
        password=secrets.token_hex(8),
        first_name="Kari",
        last_name="Koordinator",
    )


def organisation_coordinator(organisation):
    """The organisation's coordinator with admin access (not a superuser: what the coordinator
    sees is what is timed), as the demo's `koordinator.mhu` is."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission

    user = get_user_model().objects.create_user(
        email=f"koordinator.{organisation.short_code.lower()}@bench.example",
        first_name="Mona",
        last_name="Koordinator",
    )
    organisation.coordinators.add(user)
    group, _ = Group.objects.get_or_create(name="Bench-koordinatorer")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    return user


def administrator_client():
    """(administrator, a test client logged in as them) on a site tree that exists: the benches
    that time admin pages through the site's own middleware and URLs."""
    from django.test import Client

    from website.site_structure import ensure_site_structure

    ensure_site_structure()
    administrator = coordinator()
    client = Client()
    client.force_login(administrator)
    return administrator, client


def people(count, label, members_of, *, name="Deltaker Nummer {n}", born=None) -> list:
    """COUNT participants with accounts (`<label>-<n>@bench.example`, no usable password),
    adults unless `born` says otherwise, members of `members_of` in turn."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from people.models import Participant

    User = get_user_model()
    password = make_password(None)
    users = User.objects.bulk_create(
        [User(email=f"{label}-{n}@bench.example", password=password) for n in range(count)]
    )
    participants = Participant.objects.bulk_create(
        [
            Participant(
                user=user,
                full_name=name.format(n=n),
                birth_date=born or datetime.date(2000, 1, 1),
            )
            for n, user in enumerate(users)
        ]
    )
    through = Participant.organisations.through
    through.objects.bulk_create(
        [
            through(participant_id=p.pk, organisation_id=members_of[n % len(members_of)].pk)
            for n, p in enumerate(participants)
        ]
    )
    return participants


def open_gathering(slug, capacity, *, admission_mode="first_come", quotas=(), coordinator=None):
    """A published gathering in a month, taking applications now, with two sessions; `quotas`
    are (organisation, seats) pairs."""
    from django.utils import timezone

    from cohorts.models import Gathering, Quota, Session

    now = timezone.now()
    gathering = Gathering.objects.create(
        slug=slug,
        level="new",
        year=now.year,
        title="Samling for nye brukermedvirkere, Oslo",
        venue_name="Thon Hotel Opera",
        venue_address="Dronning Eufemias gate 4, Oslo",
        starts_at=now + datetime.timedelta(days=30),
        ends_at=now + datetime.timedelta(days=31, hours=7),
        capacity=capacity,
        enrolment_opens_at=now - datetime.timedelta(days=1),
        enrolment_closes_at=now + datetime.timedelta(days=20),
        admission_mode=admission_mode,
        status="published",
    )
    for day, title in [(0, "Velkommen og rammer"), (1, "Oppsummering")]:
        start = gathering.starts_at + datetime.timedelta(days=day)
        Session.objects.create(
            gathering=gathering,
            title=title,
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=6),
            room="Sal Ørnen",
        )
    for organisation, seats in quotas:
        Quota.objects.create(gathering=gathering, organisation=organisation, seats=seats)
    if coordinator is not None:
        gathering.coordinators.add(coordinator)
    return gathering


def enrolments(gathering, participants, organisation, state) -> list:
    """Each participant's enrolment in `state`, in order."""
    from cohorts.models import Enrolment

    Enrolment.objects.bulk_create(
        [
            Enrolment(participant=p, gathering=gathering, organisation=organisation, state=state)
            for p in participants
        ]
    )
    return list(Enrolment.objects.filter(gathering=gathering).order_by("pk"))


def finished_gathering(count, organisation) -> list:
    """A gathering that ended nine days ago, one six-hour session, and COUNT confirmed
    participants of `organisation` who were all there: ready for certificates. Returns their
    enrolments."""
    from django.utils import timezone

    from cohorts.models import Gathering, Session

    now = timezone.now()
    gathering = Gathering.objects.create(
        slug="ferdig",
        level="new",
        year=now.year,
        title="Samling for nye brukermedvirkere",
        venue_name="Thon Hotel Opera",
        venue_address="Oslo",
        starts_at=now - datetime.timedelta(days=10),
        ends_at=now - datetime.timedelta(days=9),
        capacity=count,
        enrolment_opens_at=now - datetime.timedelta(days=60),
        enrolment_closes_at=now - datetime.timedelta(days=20),
        status="completed",
    )
    session = Session.objects.create(
        gathering=gathering,
        title="Dag 1",
        starts_at=gathering.starts_at,
        ends_at=gathering.starts_at + datetime.timedelta(hours=6),
    )
    confirmed = enrolments(
        gathering, people(count, "sertifikat", [organisation]), organisation, "confirmed"
    )
    present(confirmed, session)
    return confirmed


def present(enrolments, session) -> None:
    """Each of `enrolments` marked present for the whole session by the coordinator, now."""
    from django.utils import timezone

    from cohorts.models import Attendance

    now = timezone.now()
    Attendance.objects.bulk_create(
        Attendance(
            enrolment=enrolment,
            session=session,
            status="present",
            minutes_attended=session.minutes,
            marked_at=now,
            method="coordinator",
        )
        for enrolment in enrolments
    )
