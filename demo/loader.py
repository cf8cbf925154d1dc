"""`load()`: the whole demo, in the order its parts need each other, in one transaction; and
`summary()`: every demo login, for the newcomer who just ran `make run`."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction

from cohorts.models import Gathering
from website import staff_setup

from . import content, curriculum, evaluation, gatherings, network, people, site, surveys
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
    evaluation.load(clock=clock, participants=participants, stdout=stdout)
    network.load(clock=clock, participants=participants, stdout=stdout)
    surveys.load(clock=clock, stdout=stdout)
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
    lines += network.request_lines()
    return lines


def staff_setup_lines() -> list[str]:
    """Staff must sign in with two-factor, and a staff account sets it up only through a
    one-time link (website.staff_setup): one per demo staff account that has none yet, so a
    newcomer can try the admin. Printed, never e-mailed or logged (a second run changes
    nothing); each run prints fresh ones."""
    if not settings.STAFF_MFA_REQUIRED:
        return []
    accounts = [user for user in staff_setup.staff_accounts() if not staff_setup.has_totp(user)]
    if not accounts:
        return []
    lines = [
        f"Tofaktor-oppsett for ansatte / staff two-factor set-up (én gang hver, gyldig i "
        f"{settings.STAFF_SETUP_LINK_HOURS} timer / once each, valid "
        f"{settings.STAFF_SETUP_LINK_HOURS} hours; ny / new: manage.py staff_setup_link --email …):"
    ]
    for user in sorted(accounts, key=lambda account: account.email):
        lines.append(f"  {user.email}: {staff_setup.link_url(user)}")
    return lines
