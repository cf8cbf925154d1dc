import datetime
import itertools

from django.utils import timezone

NOW = timezone.now()
_numbers = itertools.count(1)


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
