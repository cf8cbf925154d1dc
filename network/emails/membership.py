"""The e-mails about joining the network, rendered by the outbox (website/outbox.py) when they
go, in the recipient's language. Written by `services.membership` in the transaction of the
change; the words are in `templates/email/network_<kind>.txt` and `_subject.txt`.

A guardian's request is built from the membership when it goes (the signed link is not stored)
and is skipped if the membership is gone or already confirmed. The messages after a refusal
carry the participant's id, since the membership is deleted with the refusal.
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from cohorts.messages import organisation_contact
from cohorts.models import Participant
from website.outbox import Email, message_enqueue

KINDS = {
    "joined": _("Network: welcome"),
    "pending": _("Network: waiting for the guardian"),
    "guardian_request": _("Network: guardian's confirmation requested"),
    "confirmed": _("Network: guardian confirmed"),
    "guardian_receipt": _("Network: guardian's confirmation received"),
    "declined": _("Network: guardian declined"),
    "guardian_decline_receipt": _("Network: guardian's refusal received"),
}
TO_GUARDIAN = {"guardian_request", "guardian_receipt", "guardian_decline_receipt"}


def _kind(name: str) -> str:
    return f"network_membership_{name}"


def membership_notify(membership, *names: str) -> None:
    """Write the e-mails (once per membership and kind) in the caller's transaction."""
    participant = membership.participant
    for name in names:
        if name not in KINDS:
            raise ValueError(name)
        to_guardian = name in TO_GUARDIAN
        message_enqueue(
            kind=_kind(name),
            key=f"network:membership:{membership.pk}:{name}",
            to=participant.guardian_email if to_guardian else participant.user.email,
            name=participant.guardian_name if to_guardian else participant.display_name,
            language=participant.language,
            context={"membership_id": membership.pk, "participant_id": participant.pk},
            about=participant.user,
        )


def _base_url() -> str:
    return settings.WAGTAILADMIN_BASE_URL


def _renderer(name: str):
    def render(message) -> Email | None:
        from ..models import Membership
        from ..services.membership import GUARDIAN_LINK_DAYS, guardian_token

        participant = (
            Participant.objects.select_related("user")
            .filter(pk=message.context["participant_id"])
            .first()
        )
        if participant is None:
            return None
        membership = Membership.objects.filter(pk=message.context["membership_id"]).first()
        context = {
            "participant_name": participant.display_name,
            "my_page_url": f"{_base_url()}/min-side/",
            "network_url": f"{_base_url()}/nettverk/",
        }
        if name == "guardian_request":
            if membership is None or membership.state != Membership.State.GUARDIAN_PENDING:
                return None  # answered, withdrawn or left: the link is not needed any more
            context.update(
                confirm_url=f"{_base_url()}/nettverk/foresatt/{guardian_token(membership)}/",
                confirm_days=GUARDIAN_LINK_DAYS,
            )
        elif name in {"joined", "pending", "confirmed"} and membership is None:
            return None  # the participant has left again before it went
        organisation = participant.organisations.order_by("name").first()
        reply_to, signature = organisation_contact(organisation)
        return Email(template=_kind(name), context=context, reply_to=reply_to, signature=signature)

    return render


def register(register) -> None:
    for name, label in KINDS.items():
        register(_kind(name), _renderer(name), label)
