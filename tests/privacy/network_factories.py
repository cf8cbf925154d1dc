"""Network rows for the privacy tests (export, retention, erasure), built with the models: the
network's own rules are tested in tests/network/; here only what the privacy layer keeps,
shows and removes matters."""

import datetime

from django.utils import timezone


def make_member(participant, *, now=None, **profile):
    """An active membership with a profile whose typed-in parts name the participant."""
    from network.models import Membership

    now = now or timezone.now()
    name = participant.full_name.split()[0].upper()
    fields = {
        "state": Membership.State.ACTIVE,
        "consent_given_at": now - datetime.timedelta(days=10),
        "consent_version": "2026-12-01",
        "joined_at": now - datetime.timedelta(days=10),
        "last_active_at": now - datetime.timedelta(days=1),
        "field_mental_health": True,
        "county": "46",
        "languages": f"{name}-SPRÅK",
        "introduction": f"{name}-INTRODUKSJON",
        "contact_email": f"{name.lower()}-kontakt@example.org",
        "contact_phone": f"{name}-TLF",
        "listed_for_members": True,
        "members_see_introduction": True,
    }
    fields.update(profile)
    return Membership.objects.create(participant=participant, **fields)


def make_service_request(title="Ungdomsrådet", *, now=None, **fields):
    """A confirmed request from a service, with its contact and texts."""
    from network.models import ServiceRequest

    now = now or timezone.now()
    values = {
        "state": ServiceRequest.State.OPEN,
        "organisation_name": f"Tjenesten {title}",
        "contact_name": f"KONTAKTPERSON-{title}",
        "contact_email": f"kontakt-{title.lower()}@tjeneste.example",
        "contact_phone": "TJENESTE-TLF",
        "email_verified_at": now - datetime.timedelta(days=20),
        "kind": ServiceRequest.Kind.BOARD,
        "title": f"Plass i {title}",
        "description": f"BESKRIVELSE-{title}",
        "participation_level": "system",
        "county": "46",
        "starts_on": (now - datetime.timedelta(days=10)).date(),
        "duration": "To timer",
        "payment_details": f"BETALING-{title}",
        "created_at": now - datetime.timedelta(days=20),
    }
    values.update(fields)
    return ServiceRequest.objects.create(**values)


def make_invitation(request, membership, organisation, *, state="invited", now=None, **fields):
    from network.models import RequestInvitation

    now = now or timezone.now()
    values = {"invited_at": now - datetime.timedelta(days=15), "note": "NOTAT-TIL-MEDLEMMET"}
    if state in ("accepted", "confirmed"):
        values.update(
            answered_at=now - datetime.timedelta(days=14),
            shared_email=membership.contact_email,
            shared_phone=membership.contact_phone,
        )
    if state == "confirmed":
        values.update(confirmed_at=now - datetime.timedelta(days=13), hours=4)
    values.update(fields)
    return RequestInvitation.objects.create(
        request=request, membership=membership, organisation=organisation, state=state, **values
    )


def make_feedback(invitation, side, comment, *, now=None, rating=4):
    from network.models import AssignmentFeedback

    return AssignmentFeedback.objects.create(
        invitation=invitation,
        side=side,
        rating=rating,
        comment=comment,
        submitted_at=now or timezone.now(),
    )


def make_message(sender, recipient, body, *, sent_at=None):
    from network.models import MemberMessage

    return MemberMessage.objects.create(
        sender=sender, recipient=recipient, body=body, sent_at=sent_at or timezone.now()
    )
