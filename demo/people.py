"""The organisations, their coordinators and the participants. People are found by e-mail and
left alone when they exist."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from courses.editorial import COORDINATOR_GROUP
from people.models import Organisation, Participant

from . import content
from .timeline import birth_date


def load_organisations(*, stdout) -> dict[str, Organisation]:
    organisations = {}
    for data in content.people()["organisations"]:
        organisation, created = Organisation.objects.get_or_create(
            short_code=data["short_code"], defaults=data
        )
        organisations[data["short_code"]] = organisation
        if created:
            stdout.write(f"  organisasjon {data['short_code']} opprettet")
    return organisations


def account(*, email, password_hash, first_name, last_name):
    """The account with this e-mail, created if missing. Every demo account has the same
    password, hashed once by the loader (`make_password`): hashing is slow on purpose, and a
    second per account would make `make run` wait twenty seconds more."""
    User = get_user_model()
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User(email=email, first_name=first_name, last_name=last_name)
        user.password = password_hash
        user.save()
    return user


def load_coordinators(*, organisations, password_hash: str, stdout) -> dict[str, object]:
    """One coordinator per organisation, in the Koordinatorer group; by short code."""
    group = Group.objects.get(name=COORDINATOR_GROUP)
    coordinators = {}
    for data in content.people()["coordinators"]:
        user = account(
            email=data["email"],
            password_hash=password_hash,
            first_name=data["first_name"],
            last_name=data["last_name"],
        )
        user.groups.add(group)
        organisations[data["organisation"]].coordinators.add(user)
        coordinators[data["organisation"]] = user
    return coordinators


def load_participants(
    *, organisations, password_hash: str, today, stdout
) -> dict[str, Participant]:
    """Every participant with an account and a profile in one organisation; by login."""
    participants = {}
    created = 0
    for data in content.participants():
        first_name, last_name = data["name"].split(" ", 1)
        user = account(
            email=data["email"],
            password_hash=password_hash,
            first_name=first_name,
            last_name=last_name,
        )
        participant = Participant.objects.filter(user=user).first()
        if participant is None:
            participant = Participant.objects.create(
                user=user,
                full_name=data["name"],
                birth_date=birth_date(today, data["age"]),
                municipality=data.get("municipality", ""),
                guardian_name=data.get("guardian_name", ""),
                guardian_email=data.get("guardian_email", ""),
                dietary_needs=data.get("dietary_needs", ""),
            )
            participant.organisations.add(organisations[data["organisation"]])
            created += 1
        participants[data["login"]] = participant
    if created:
        stdout.write(f"  {created} deltakere opprettet")
    return participants
