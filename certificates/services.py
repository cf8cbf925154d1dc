"""Issuing, revoking and re-issuing certificates. One transaction each; issuing twice gives
one certificate (the enrolment's row is locked, and a unique constraint backs it up)."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cohorts.models import Enrolment
from cohorts.selectors import enrolment_completion
from website.audit import audit_record
from website.models import AuditEntry
from website.rules import RuleError

from .codes import new_code
from .models import Certificate

ERRORS = {
    "not_confirmed": _("Only participants with a confirmed seat can get a certificate."),
    "not_eligible": _("Not eligible: %(reason)s Give a reason to issue it anyway."),
    "not_coordinator": _("Only a coordinator of the participant's organisation can do that."),
    "reason_required": _("Give a reason."),
    "already_revoked": _("This certificate is already revoked."),
}


class CertificateError(RuleError):
    messages = ERRORS


def certificate_eligibility(enrolment: Enrolment):
    """(eligible, reason): confirmed, and attended enough of the gathering (its threshold)."""
    if enrolment.state != Enrolment.State.CONFIRMED:
        return False, ERRORS["not_confirmed"]
    result = enrolment_completion(enrolment)
    return result.complete, result.reason


def _require_coordinator(actor, enrolment):
    if actor.is_superuser:
        return
    if not actor.coordinated_organisations.filter(pk=enrolment.organisation_id).exists():
        raise CertificateError("not_coordinator")


def certificate_issue(
    *, enrolment: Enrolment, actor, exception_reason: str = "", now=None
) -> Certificate:
    """Issue the enrolment's certificate, or return the one it has. A participant who is not
    eligible gets one only with a recorded reason (an exception)."""
    now = now or timezone.now()
    with transaction.atomic():
        enrolment = (
            Enrolment.objects.select_for_update()
            .select_related("participant", "gathering")
            .get(pk=enrolment.pk)
        )
        _require_coordinator(actor, enrolment)
        existing = Certificate.objects.filter(enrolment=enrolment, revoked_at__isnull=True).first()
        if existing:
            return existing
        if enrolment.state != Enrolment.State.CONFIRMED:
            raise CertificateError("not_confirmed")
        eligible, reason = certificate_eligibility(enrolment)
        if not eligible and not exception_reason.strip():
            raise CertificateError("not_eligible", reason=reason)
        for _attempt in range(5):  # a code collision (1 in 2^50) just draws again
            try:
                with transaction.atomic():
                    certificate = Certificate.objects.create(
                        code=new_code(),
                        enrolment=enrolment,
                        level=enrolment.gathering.level,
                        holder_name=enrolment.participant.full_name,
                        issued_at=now,
                        issued_by=actor,
                        exception_reason="" if eligible else exception_reason.strip(),
                    )
                audit_record(
                    actor=actor,
                    action=(
                        AuditEntry.Action.CERTIFICATE_ISSUED
                        if eligible
                        else AuditEntry.Action.CERTIFICATE_EXCEPTION
                    ),
                    participants=[enrolment.participant],
                    object_label=enrolment.gathering.title,
                    summary=certificate.display_code,
                    reason=certificate.exception_reason,
                )
                transaction.on_commit(lambda pk=certificate.pk: _queue_delivery(pk))
                return certificate
            except IntegrityError:
                continue
        raise RuntimeError("could not draw a free certificate code")


def _queue_delivery(certificate_id):
    from django_q.tasks import async_task

    async_task("certificates.tasks.deliver_certificate", certificate_id)


def certificate_revoke(*, certificate: Certificate, actor, reason: str, now=None) -> Certificate:
    """Revoke with a reason; the code then verifies as revoked (with the date, not the reason)."""
    if not reason.strip():
        raise CertificateError("reason_required")
    with transaction.atomic():
        certificate = (
            Certificate.objects.select_for_update()
            .select_related("enrolment")
            .get(pk=certificate.pk)
        )
        _require_coordinator(actor, certificate.enrolment)
        if certificate.is_revoked:
            raise CertificateError("already_revoked")
        certificate.revoked_at = now or timezone.now()
        certificate.revoked_by = actor
        certificate.revoke_reason = reason.strip()
        certificate.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
        audit_record(
            actor=actor,
            action=AuditEntry.Action.CERTIFICATE_REVOKED,
            participants=[certificate.enrolment.participant],
            object_label=certificate.enrolment.gathering.title,
            summary=certificate.display_code,
            reason=certificate.revoke_reason,
        )
        return certificate


def certificate_reissue(*, certificate: Certificate, actor, reason: str) -> Certificate:
    """Revoke and issue anew, with a new code (for example after a name change)."""
    with transaction.atomic():
        certificate_revoke(certificate=certificate, actor=actor, reason=reason)
        return certificate_issue(
            enrolment=certificate.enrolment,
            actor=actor,
            exception_reason=certificate.exception_reason or "",
        )
