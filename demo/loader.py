"""`load()`: the whole demo, in the order its parts need each other, in one transaction; and
`summary()`: every demo login, for the newcomer who just ran `make run`."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction

from cohorts.models import Gathering

from . import content, curriculum, gatherings, people, site
from .timeline import Clock

DEFAULT_PASSWORD = "medvirk-demo"  # noqa: S105 - demo only; load_demo refuses without DEBUG


@transaction.atomic
def load(*, stdout, password: str = DEFAULT_PASSWORD, today: datetime.date | None = None):
    """Create whatever of the demo is missing; what exists is left alone, so a second run
    changes nothing. Dates are relative to `today` (the real today unless given)."""
    clock = Clock.for_day(today)
    password_hash = make_password(password)
    messages_before = site.last_message_id()
    site.load_home_pages(stdout=stdout)
    site.load_footer(stdout=stdout)
    site.load_administrator(password_hash=password_hash, stdout=stdout)
    organisations = people.load_organisations(stdout=stdout)
    curriculum.load(stdout=stdout)
    site.load_navigation(stdout=stdout)
    curriculum.load_staff(password_hash=password_hash, stdout=stdout)
    coordinators = people.load_coordinators(
        organisations=organisations, password_hash=password_hash, stdout=stdout
    )
    participants = people.load_participants(
        organisations=organisations,
        password_hash=password_hash,
        today=clock.today,
        stdout=stdout,
    )
    administrator = get_user_model().objects.get(email=content.people()["administrator"]["email"])
    gatherings.load(
        clock=clock,
        organisations=organisations,
        coordinators=coordinators,
        participants=participants,
        administrator=administrator,
        stdout=stdout,
    )
    site.load_statements(stdout=stdout)
    site.verify_addresses()
    site.mark_messages_sent(after=messages_before)


def summary(*, password: str) -> list[str]:
    """What load_demo prints at the end: every demo login with its role, and the gatherings."""
    rows = content.logins()
    width = max(len(email) for email, _role in rows)
    lines = [
        f"Demo-innlogginger / demo logins, alle med passordet / all with the password "
        f"«{password}» (settes bare når en konto opprettes / set only when an account is "
        "created). Ansatte / staff: /admin/, deltakere / participants: /konto/login/",
    ]
    lines += [f"  {email.ljust(width)}  {role}" for email, role in rows]
    data = content.gatherings()
    titles = dict(Gathering.objects.values_list("slug", "title"))
    lines.append("Samlinger / gatherings (/samlinger/):")
    for spec in data["gatherings"]:
        if spec["slug"] in titles:
            lines.append(f"  {titles[spec['slug']]}: {data['shows'][spec['shows']]}")
    return lines
