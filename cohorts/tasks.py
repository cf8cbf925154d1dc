"""django-q2 entry points for enrolment. Thin wrappers: safe to run twice (design rule 7)."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_q.tasks import async_task

from .models import Notification

logger = logging.getLogger(__name__)


def queue_notification(enrolment_id: int, kind: str) -> None:
    async_task("cohorts.tasks.send_notification", enrolment_id, kind)


def _content(notification):
    """Subject, paragraphs and recipient for one kind of e-mail, in the active language."""
    from .selectors import waitlist_position
    from .services import guardian_erasure_token, guardian_token

    enrolment = notification.enrolment
    gathering = enrolment.gathering
    participant = enrolment.participant
    Kind = Notification.Kind
    base_url = settings.WAGTAILADMIN_BASE_URL
    values = {"gathering": gathering.title, "name": participant.display_name}
    texts = {
        Kind.RECEIVED: (
            _("We have received your application to %(gathering)s") % values,
            [
                _(
                    "Thank you for applying to %(gathering)s. "
                    "We will let you know what happens next."
                )
                % values
            ],
        ),
        Kind.CONFIRMED: (
            _("Your seat at %(gathering)s is confirmed") % values,
            [_("Welcome! Your seat at %(gathering)s is confirmed.") % values],
        ),
        Kind.WAITLISTED: (
            _("You are on the waiting list for %(gathering)s") % values,
            [
                _(
                    "All seats are taken for now, so you are on the waiting list, "
                    "number %(position)s."
                )
                % {"position": waitlist_position(enrolment) or "–"},
                _("If a seat becomes free, we offer it to you by e-mail."),
            ],
        ),
        Kind.OFFERED: (
            _("A seat at %(gathering)s is yours if you want it") % values,
            [
                _("A seat has become free. Accept it on My page before %(deadline)s.")
                % {
                    "deadline": timezone.localtime(enrolment.offer_expires_at).strftime(
                        "%d.%m.%Y %H:%M"
                    )
                }
            ],
        ),
        Kind.OFFER_EXPIRED: (
            _("The offered seat at %(gathering)s has expired") % values,
            [_("The deadline passed, so the seat has gone to the next person on the list.")],
        ),
        Kind.CANCELLED: (
            _("Your application to %(gathering)s is cancelled") % values,
            [_("Your application to %(gathering)s has been cancelled.") % values],
        ),
        Kind.REJECTED: (
            _("About your application to %(gathering)s") % values,
            [_("We could not offer you a seat at %(gathering)s this time.") % values],
        ),
    }
    if notification.kind == Kind.GUARDIAN_REQUEST:
        link = f"{base_url}/samlinger/foresatt/{guardian_token(enrolment)}/"
        subject = _("Please confirm %(name)s's application to %(gathering)s") % values
        paragraphs = [
            _(
                "%(name)s, who is under 18, has applied to %(gathering)s, a gathering in the "
                "training programme for young user representatives."
            )
            % values,
            _("As guardian, please confirm the application by opening this link within 7 days:"),
            link,
            _(
                "You can also ask us to delete %(name)s's data at any time before they turn 18, "
                "from this link (valid for 90 days):"
            )
            % values,
            f"{base_url}/samlinger/foresatt/slett/{guardian_erasure_token(participant)}/",
        ]
        return subject, paragraphs, participant.guardian_email, participant.guardian_name
    subject, paragraphs = texts[notification.kind]
    paragraphs.append(
        _("See your applications on My page: %(url)s") % {"url": f"{base_url}/min-side/"}
    )
    return subject, paragraphs, participant.user.email, participant.display_name


def send_notification(enrolment_id: int, kind: str) -> bool:
    """Send one recorded e-mail unless it has been sent; returns whether it sent now.
    The row lock makes two copies of the task, running at once, send it once."""
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update()
            .select_related("enrolment__participant__user", "enrolment__gathering")
            .filter(enrolment_id=enrolment_id, kind=kind, sent_at__isnull=True)
            .first()
        )
        if notification is None:
            return False
        with translation.override(notification.enrolment.participant.language):
            subject, paragraphs, recipient, name = _content(notification)
            context = {"name": name, "paragraphs": paragraphs, "subject": subject}
            text = render_to_string("email/message.txt", context)
            html = render_to_string("email/message.html", context)
        message = EmailMultiAlternatives(subject, text, to=[recipient])
        message.attach_alternative(html, "text/html")
        message.send()
        notification.sent_at = timezone.now()
        notification.save(update_fields=["sent_at"])
        return True


def expire_offers() -> int:
    from .services import offers_expire

    return offers_expire()


def queue_invite(invite_id: int) -> None:
    async_task("cohorts.tasks.send_invite", invite_id)


def queue_invite_run(run_id: int) -> None:
    async_task("cohorts.tasks.run_invites", run_id)


def send_invite(invite_id: int) -> bool:
    from .services import invite_send

    return invite_send(invite_id=invite_id)


def run_invites(run_id: int):
    from .services import invite_run_execute

    run = invite_run_execute(run_id=run_id)
    return None if run is None else run.processed


def send_pending() -> int:
    """Scheduled sweep: e-mails and invites recorded but never sent (a worker died between the
    commit and queueing, or the queue lost the task)."""
    from .services import invite_runs_resume, invites_send_pending

    invite_runs_resume()
    return notifications_send_pending() + invites_send_pending()


def notifications_send_pending(*, older_than=timedelta(minutes=2)) -> int:
    """One refused address must not stop the others: each e-mail is tried on its own."""
    pending = Notification.objects.filter(
        sent_at__isnull=True, created_at__lte=timezone.now() - older_than
    ).values_list("enrolment_id", "kind")
    sent = 0
    for enrolment_id, kind in list(pending):
        try:
            sent += send_notification(enrolment_id, kind)
        except Exception:
            logger.exception("E-mail %s for enrolment %s could not be sent", kind, enrolment_id)
    return sent


def apply_retention() -> dict:
    """Daily: delete personal data whose time is up (settings.RETENTION)."""
    from .services import retention_apply

    return {result.key: result.count for result in retention_apply()}
