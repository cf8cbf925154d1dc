"""The e-mails about applications and calendar invites.

Each is written to the outbox (`website/outbox.py`) in the transaction of the change that
calls for it, and rendered by the outbox when it goes, from the ids it holds, in the
recipient's language. The words are in `templates/email/<template>.txt` and `_subject.txt`.
Replies go to the participant's own organisation (its contact address, else its
coordinators), and the signature names it: never another organisation's.
"""

from django.conf import settings
from django.db.models import Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from website.models import OutboxMessage
from website.outbox import Email, message_enqueue

from . import ics, registry
from .models import CalendarInvite, Enrolment, Gathering, GatheringMessage
from .selectors import gathering_nights, organizer_for, waitlist_position
from .tokens import (
    GUARDIAN_ERASURE_DAYS,
    GUARDIAN_LINK_DAYS,
    guardian_erasure_token,
    guardian_token,
)

Method = CalendarInvite.Method

# The e-mails about an application, one of each kind per application at most.
ENROLMENT_KINDS = {
    "received": _("Application received"),
    "guardian_request": _("Guardian's confirmation requested"),
    "guardian_receipt": _("Guardian's confirmation received"),
    "guardian_declined": _("Guardian declined"),
    "guardian_decline_receipt": _("Guardian's refusal received"),
    "confirmed": _("Seat confirmed"),
    "waitlisted": _("On the waiting list"),
    "offered": _("Seat offered"),
    "offer_expired": _("Offer expired"),
    "cancelled": pgettext_lazy("e-mail about an application", "Withdrawn"),
    "rejected": _("Not accepted"),
}
TO_GUARDIAN = {"guardian_request", "guardian_receipt", "guardian_decline_receipt"}
# Outcomes that can be decided as the person applies; their e-mail then also says the
# application came in.
ON_APPLICATION = {"confirmed", "waitlisted"}
INVITE_KIND = "calendar_invite"


def base_url() -> str:
    return settings.WAGTAILADMIN_BASE_URL


def organisation_contact(organisation) -> tuple[list[str], str]:
    """Reply-To addresses and signature of the participant's own organisation."""
    if organisation is None:
        return [], ""
    if organisation.contact_email:
        addresses = [organisation.contact_email]
    else:
        addresses = [
            coordinator.email
            for coordinator in organisation.coordinators.filter(is_active=True).order_by("email")
        ]
    signature = organisation.name
    if addresses:
        signature += f" – {addresses[0]}"
    return addresses, f"{signature}\nMedvirk"


# --- applications ---------------------------------------------------------------------------


def enrolment_notify(enrolment: Enrolment, *kinds: str, on_application: bool = False) -> None:
    """Write the e-mails (once per application and kind); the outbox sends them after commit.
    `on_application`: the outcome is decided as the person applies, so its e-mail is also the
    receipt (one e-mail per event: "seat confirmed" or "waiting list" says the application
    came in; no separate "received")."""
    participant = enrolment.participant
    for kind in kinds:
        if kind not in ENROLMENT_KINDS:
            raise ValueError(kind)
        to_guardian = kind in TO_GUARDIAN
        context = {"enrolment_id": enrolment.pk}
        if on_application and kind in ON_APPLICATION:
            context["on_application"] = True
        message_enqueue(
            kind=f"enrolment_{kind}",
            key=f"enrolment:{enrolment.pk}:{kind}",
            to=participant.guardian_email if to_guardian else participant.user.email,
            name=participant.guardian_name if to_guardian else participant.display_name,
            language=participant.language,
            context=context,
            about=participant.user,
        )


def render_enrolment(message) -> Email | None:
    enrolment = (
        Enrolment.objects.select_related("participant__user", "gathering", "organisation")
        .filter(pk=message.context["enrolment_id"])
        .first()
    )
    if enrolment is None:
        return None
    kind = message.kind.removeprefix("enrolment_")
    participant = enrolment.participant
    context = {
        "enrolment": enrolment,
        "gathering": enrolment.gathering,
        "participant_name": participant.display_name,
        "gathering_url": f"{base_url()}{enrolment.gathering.get_absolute_url()}",
        "my_page_url": f"{base_url()}/min-side/",
        "on_application": bool(message.context.get("on_application")),
    }
    if kind == "waitlisted":
        context["position"] = waitlist_position(enrolment)
    if kind == "offered" and enrolment.offer_expires_at:
        context["deadline"] = timezone.localtime(enrolment.offer_expires_at)
    reply_to, signature = organisation_contact(enrolment.organisation)
    if kind in TO_GUARDIAN:
        context.update(guardian_facts(enrolment, reply_to))
    if kind == "guardian_request":
        context.update(
            confirm_url=f"{base_url()}/samlinger/foresatt/{guardian_token(enrolment)}/",
            confirm_days=GUARDIAN_LINK_DAYS,
            erasure_url=(
                f"{base_url()}/samlinger/foresatt/slett/{guardian_erasure_token(participant)}/"
            ),
            erasure_days=GUARDIAN_ERASURE_DAYS,
        )
    return Email(
        template=f"enrolment_{kind}", context=context, reply_to=reply_to, signature=signature
    )


def guardian_facts(enrolment: Enrolment, reply_to) -> dict:
    """What a guardian needs to decide, in their e-mails and on their page: when, where,
    whether the child stays overnight, the programme, and whom to ask."""
    gathering = enrolment.gathering
    return {
        "starts": timezone.localtime(gathering.starts_at),
        "ends": timezone.localtime(gathering.ends_at),
        "nights": gathering_nights(gathering),
        "contact_name": enrolment.organisation.name if enrolment.organisation else "",
        "contact_email": reply_to[0] if reply_to else "",
    }


# --- calendar invites -----------------------------------------------------------------------


def invite_thread(gathering_id: int, participant_id: int) -> str:
    """One person's invites to one gathering go in order: a CANCEL never overtakes its REQUEST."""
    return f"invite:{gathering_id}:{participant_id}"


def invite_enqueue(invite: CalendarInvite, *, participant) -> None:
    """Write the invite's e-mail beside the invite (same transaction) and link them: one
    UPDATE that finds the message by its key (the link is read back only if someone uses it)."""
    key = f"invite:{invite.pk}"
    message_enqueue(
        kind=INVITE_KIND,
        key=key,
        thread=invite_thread(invite.gathering_id, invite.participant_id),
        to=participant.user.email,
        name=participant.display_name,
        language=participant.language,
        context={"invite_id": invite.pk},
        about=participant.user,
    )
    CalendarInvite.objects.filter(pk=invite.pk).update(
        message=Subquery(OutboxMessage.objects.filter(key=key).values("pk")[:1])
    )
    invite.__dict__.pop("message_id", None)  # deferred: loaded on first use
    invite._state.fields_cache.pop("message", None)


def _is_replaced(invite: CalendarInvite, others) -> bool:
    """Not worth sending: a newer version exists, or it cancels an invite never sent."""
    if any(other.sequence > invite.sequence for other in others):
        return True
    if invite.method == Method.CANCEL:
        return not any(
            other.method == Method.REQUEST and other.sent_at and other.sequence < invite.sequence
            for other in others
        )
    return False


def _invite_template(invite: CalendarInvite, others) -> str:
    if invite.method == Method.CANCEL:
        if invite.gathering.status == Gathering.Status.CANCELLED:
            return "invite_gathering_cancelled"
        return "invite_cancel"
    earlier_sent = [o for o in others if o.sent_at and o.sequence < invite.sequence]
    newest_sent = max(earlier_sent, key=lambda o: (o.sequence, o.pk), default=None)
    replaces_a_sent_request = newest_sent is not None and newest_sent.method == Method.REQUEST
    if not invite.resend and replaces_a_sent_request:
        return "invite_update"
    return "invite_request"


def render_invite(message) -> Email | None:
    """The invite: readable text and HTML, the invite as a `text/calendar; method=…` part (as
    calendar clients expect) and as the attachment `invite.ics`, both the same bytes, so the
    part's `method=` always equals the file's METHOD. The thread puts one person's invites in
    order, so by now every earlier one has gone (or failed, or was skipped)."""
    invite = (
        CalendarInvite.objects.select_related(
            "gathering", "participant__user", "enrolment__organisation"
        )
        .filter(pk=message.context["invite_id"])
        .first()
    )
    if invite is None:
        return None
    others = list(
        CalendarInvite.objects.select_related("message")
        .filter(gathering_id=invite.gathering_id, participant_id=invite.participant_id)
        .exclude(pk=invite.pk)
    )
    if _is_replaced(invite, others):
        return None
    gathering = invite.gathering
    sessions = list(gathering.sessions.order_by("starts_at", "pk"))
    organizer = organizer_for(gathering)
    gathering_url = f"{base_url()}{gathering.get_absolute_url()}"
    calendar = invite_calendar(invite, sessions=sessions, organizer=organizer)
    reply_to, signature = organisation_contact(invite.enrolment.organisation)
    context = {"gathering": gathering, "gathering_url": gathering_url}
    if invite.method == Method.REQUEST:
        context["programme"] = ics.programme_text(
            gathering=gathering, sessions=sessions, url=gathering_url
        )
    return Email(
        template=_invite_template(invite, others),
        context=context,
        reply_to=reply_to or [organizer.email],
        signature=signature,
        alternatives=[(calendar.decode(), f"text/calendar; method={invite.method}")],
        attachments=[("invite.ics", calendar, "application/ics")],
    )


def invite_calendar(invite: CalendarInvite, *, sessions=None, organizer=None) -> bytes:
    """The .ics of a recorded invite, as it was decided (method, SEQUENCE, DTSTAMP)."""
    gathering = invite.gathering
    participant = invite.participant
    if sessions is None:
        sessions = list(gathering.sessions.order_by("starts_at", "pk"))
    return ics.invite(
        gathering=gathering,
        sessions=sessions,
        attendee=ics.Person(participant.full_name, participant.user.email),
        organizer=organizer or organizer_for(gathering),
        method=invite.method,
        sequence=invite.sequence,
        uid=ics.invite_uid(
            gathering_id=gathering.pk,
            participant_id=participant.pk,
            domain=settings.CALENDAR_UID_DOMAIN,
        ),
        stamp=invite.created_at,
        url=f"{base_url()}{gathering.get_absolute_url()}",
    )


# --- a coordinator's message ----------------------------------------------------------------

MESSAGE_KIND = "gathering_message"


def gathering_message_key(message: GatheringMessage, enrolment: Enrolment) -> str:
    return f"{MESSAGE_KIND}:{message.pk}:{enrolment.pk}"


def gathering_message_enqueue(message: GatheringMessage, enrolment: Enrolment) -> None:
    participant = enrolment.participant
    message_enqueue(
        kind=MESSAGE_KIND,
        key=gathering_message_key(message, enrolment),
        to=participant.user.email,
        name=participant.display_name,
        language=participant.language,
        context={"message_id": message.pk, "enrolment_id": enrolment.pk},
        about=participant.user,
    )


def render_gathering_message(message) -> Email | None:
    """The coordinator's words in the recipient's language. A preview passes the unsaved
    message in the context as `draft` (never stored: the outbox's context is JSON)."""
    written = message.context.get("draft")
    if written is None:
        written = (
            GatheringMessage.objects.select_related("gathering")
            .filter(pk=message.context["message_id"])
            .first()
        )
    enrolment = (
        Enrolment.objects.select_related("organisation")
        .filter(pk=message.context["enrolment_id"])
        .first()
    )
    if written is None or enrolment is None:
        return None
    gathering = written.gathering
    reply_to, signature = organisation_contact(enrolment.organisation)
    return Email(
        template=MESSAGE_KIND,
        context={
            "message_subject": written.subject_in(message.language),
            "message_body": written.body_in(message.language),
            "gathering": gathering,
            "gathering_url": f"{base_url()}{gathering.get_absolute_url()}",
        },
        reply_to=reply_to,
        signature=signature,
    )


def gathering_message_preview(draft: GatheringMessage, enrolment: Enrolment):
    """The e-mail exactly as `enrolment`'s participant would get it (nothing is written)."""
    from website.outbox import render

    participant = enrolment.participant
    return render(
        OutboxMessage(
            key=f"{MESSAGE_KIND}:preview:{enrolment.pk}",
            kind=MESSAGE_KIND,
            recipient=participant.user.email,
            recipient_name=participant.display_name,
            language=participant.language,
            context={"draft": draft, "enrolment_id": enrolment.pk},
        )
    )


# --- reminders and thanks -------------------------------------------------------------------

REMINDER_KIND = "gathering_reminder"
THANKS_KIND = "gathering_thanks"


def reminder_key(enrolment: Enrolment, days: int) -> str:
    return f"reminder:{enrolment.pk}:{days}"


def thanks_key(enrolment: Enrolment) -> str:
    return f"thanks:{enrolment.pk}"


def _enqueue_about(enrolment: Enrolment, *, kind: str, key: str, context: dict) -> None:
    participant = enrolment.participant
    message_enqueue(
        kind=kind,
        key=key,
        to=participant.user.email,
        name=participant.display_name,
        language=participant.language,
        context={"enrolment_id": enrolment.pk, **context},
        about=participant.user,
    )


def reminder_enqueue(enrolment: Enrolment, days: int) -> None:
    _enqueue_about(
        enrolment, kind=REMINDER_KIND, key=reminder_key(enrolment, days), context={"days": days}
    )


def thanks_enqueue(enrolment: Enrolment) -> None:
    _enqueue_about(enrolment, kind=THANKS_KIND, key=thanks_key(enrolment), context={})


def practical_information(gathering: Gathering) -> dict:
    """What a participant needs to get there, in the active language (the reminder's body)."""
    return {
        "starts": timezone.localtime(gathering.starts_at),
        "ends": timezone.localtime(gathering.ends_at),
        "sessions": list(gathering.sessions.order_by("starts_at", "pk")),
        "bring": gathering.display_bring,
        "travel": gathering.display_travel,
        "accommodation": gathering.display_accommodation,
    }


def render_reminder(message) -> Email | None:
    """Not when the application was withdrawn, the gathering cancelled, or it has begun."""
    enrolment = (
        Enrolment.objects.select_related("gathering", "organisation")
        .filter(pk=message.context["enrolment_id"])
        .first()
    )
    if enrolment is None or enrolment.state != Enrolment.State.CONFIRMED:
        return None
    gathering = enrolment.gathering
    if gathering.status != Gathering.Status.PUBLISHED or gathering.starts_at <= timezone.now():
        return None
    reply_to, signature = organisation_contact(enrolment.organisation)
    return Email(
        template=REMINDER_KIND,
        context={
            "gathering": gathering,
            "gathering_url": f"{base_url()}{gathering.get_absolute_url()}",
            "my_page_url": f"{base_url()}/min-side/",
            **practical_information(gathering),
        },
        reply_to=reply_to,
        signature=signature,
    )


def render_thanks(message) -> Email | None:
    enrolment = (
        Enrolment.objects.select_related("gathering", "organisation", "participant")
        .filter(pk=message.context["enrolment_id"])
        .first()
    )
    if enrolment is None or enrolment.gathering.status == Gathering.Status.CANCELLED:
        return None
    reply_to, signature = organisation_contact(enrolment.organisation)
    return Email(
        template=THANKS_KIND,
        context={
            "gathering": enrolment.gathering,
            "evaluation_url": registry.evaluation_link(enrolment),
            "my_page_url": f"{base_url()}/min-side/",
        },
        reply_to=reply_to,
        signature=signature,
    )


def register_renderers(register) -> None:
    for kind, label in ENROLMENT_KINDS.items():
        register(f"enrolment_{kind}", render_enrolment, label)
    register(INVITE_KIND, render_invite, _("Calendar invitation"))
    register(MESSAGE_KIND, render_gathering_message, _("Message from a coordinator"))
    register(REMINDER_KIND, render_reminder, _("Reminder before a gathering"))
    register(THANKS_KIND, render_thanks, _("Thank you after a gathering"))
