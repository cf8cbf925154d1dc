"""Issuing, revoking and re-issuing certificates, and storing their PDFs. One transaction
each; issuing twice gives one certificate (the enrolment's row is locked, and a unique
constraint backs it up). The e-mail with the PDF is written to the outbox in the issuing
transaction; the PDF is rendered once, when that e-mail goes (or when the certificate is first
downloaded or zipped, if that comes first), and stored under a name of its own, so a retry
reuses it."""

import io
import re
import zipfile
from dataclasses import dataclass, field
from functools import partial

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from cohorts.models import Enrolment, Gathering
from cohorts.selectors import enrolment_completion
from cohorts.services import personal_data_exported
from website import policy
from website.audit import audit_record
from website.jobs import job_finish, job_progress, job_running, job_start
from website.models import AuditEntry
from website.outbox import message_enqueue
from website.rules import REASON_MESSAGES, RuleError, reason_problem

from .codes import new_code
from .models import Certificate
from .pdf import certificate_html, html_to_pdf

ERRORS = {
    "not_confirmed": _("Only participants with a confirmed seat can get a certificate."),
    "not_eligible": _("Not eligible: %(reason)s Give a reason to issue it anyway."),
    "not_coordinator": _("Only a coordinator of the participant's organisation can do that."),
    "reason_required": _("Give a reason."),
    "already_revoked": _("This certificate is already revoked."),
    "not_gathering_coordinator": _("Only the gathering's coordinators can do that."),
    "network_gathering": _(
        "A network gathering gives no certificate: it is for members of the network, who are "
        "certified already."
    ),
}
ISSUE_JOB = "certificates.issue"
ZIP_JOB = "certificates.zip"


class CertificateError(RuleError):
    messages = {**ERRORS, **REASON_MESSAGES}


def certificate_eligibility(enrolment: Enrolment):
    """(eligible, reason): not a network gathering (it gives no certificate), confirmed, and
    attended enough of the gathering (its threshold)."""
    if enrolment.gathering.kind == Gathering.Kind.NETWORK:
        return False, ERRORS["network_gathering"]
    if enrolment.state != Enrolment.State.CONFIRMED:
        return False, ERRORS["not_confirmed"]
    result = enrolment_completion(enrolment)
    return result.complete, result.reason


def _require_coordinator(actor, enrolment):
    if not policy.permits(actor, policy.DECIDE, enrolment):
        raise CertificateError("not_coordinator")


def certificate_issue(
    *, enrolment: Enrolment, actor, exception_reason: str = "", now=None
) -> Certificate:
    """Issue the enrolment's certificate, or return the one it has. A participant who is not
    eligible gets one only with a recorded reason (an exception)."""
    certificate, _created = _issue(
        enrolment=enrolment, actor=actor, exception_reason=exception_reason, now=now
    )
    return certificate


@dataclass
class BulkIssue:
    """What `certificates_issue_many` did: the certificates it issued, those the enrolments
    already had, and the refusals as (enrolment, message) pairs."""

    issued: list = field(default_factory=list)
    already: list = field(default_factory=list)
    refused: list = field(default_factory=list)


def certificates_issue_many(
    *, enrolments, actor, exception_reasons: dict | None = None, now=None
) -> BulkIssue:
    """A coordinator issues certificates to several participants at once; `exception_reasons`
    maps an enrolment id to the reason for issuing to someone not eligible.

    One transaction per certificate, as for bulk decisions: a refusal (say, not eligible and
    no reason) stops only that one; each enrolment's row lock is held for its own issue, not
    until the last of the batch; and a batch cut short keeps what it issued — running it again
    issues the rest, since issuing twice gives one certificate."""
    exception_reasons = exception_reasons or {}
    summary = BulkIssue()
    for enrolment in enrolments:
        try:
            certificate, created = _issue(
                enrolment=enrolment,
                actor=actor,
                exception_reason=exception_reasons.get(enrolment.pk, ""),
                now=now,
            )
        except CertificateError as error:
            summary.refused.append((enrolment, error.message))
        else:
            (summary.issued if created else summary.already).append(certificate)
    return summary


def _issue(*, enrolment, actor, exception_reason, now) -> tuple[Certificate, bool]:
    """(certificate, issued now): the enrolment's live certificate, or a new one."""
    now = now or timezone.now()
    with transaction.atomic():
        enrolment = (
            Enrolment.objects.select_for_update()
            .select_related("participant__user", "gathering")
            .get(pk=enrolment.pk)
        )
        _require_coordinator(actor, enrolment)
        existing = Certificate.objects.filter(enrolment=enrolment, revoked_at__isnull=True).first()
        if existing:
            return existing, False
        if enrolment.gathering.kind == Gathering.Kind.NETWORK:
            raise CertificateError("network_gathering")  # not even as an exception
        if enrolment.state != Enrolment.State.CONFIRMED:
            raise CertificateError("not_confirmed")
        eligible, reason = certificate_eligibility(enrolment)
        if problem := reason_problem(exception_reason):
            raise CertificateError(**problem)
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
                    # Its bit in the revocation status list: the row's id, never reused.
                    certificate.status_index = certificate.pk
                    certificate.save(update_fields=["status_index"])
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
                # Its PDF is rendered when this e-mail goes (one render, no task of its own).
                _enqueue_email(certificate, enrolment.participant)
                return certificate, True
            except IntegrityError:
                continue
        raise RuntimeError("could not draw a free certificate code")


def _enqueue_email(certificate: Certificate, participant) -> None:
    message_enqueue(
        kind="certificate",
        key=f"certificate:{certificate.pk}",
        to=participant.user.email,
        name=participant.display_name,
        language=participant.language,
        context={"certificate_id": certificate.pk},
        about=participant.user,
    )


def pdf_name(certificate: Certificate) -> str:
    return f"certificates/kursbevis-{certificate.code}.pdf"


def certificate_pdf_ensure(*, certificate_id: int) -> Certificate | None:
    """Render and store the certificate's PDF unless it has one; None if it is revoked or gone.
    The certificate comes with its enrolment's participant, gathering (and course) and
    organisation loaded."""
    found = _pdf_ensure(certificate_id)
    return found and found[0]


def certificate_pdf(*, certificate_id: int) -> tuple[Certificate, bytes] | None:
    """The certificate (loaded as by `certificate_pdf_ensure`) and its PDF: rendered and stored
    now if it had none — then not read back from the storage it was just written to — or the
    stored file. None if it is revoked or gone."""
    found = _pdf_ensure(certificate_id)
    if found is None:
        return None
    certificate, content = found
    if content is None:
        with certificate.pdf.open("rb") as pdf:
            content = pdf.read()
    return certificate, content


def _pdf_ensure(certificate_id: int) -> tuple[Certificate, bytes | None] | None:
    """(certificate, the PDF if rendered now). The row lock makes two copies render once; the
    name is the certificate's own, so a copy that rolled back after writing the file leaves
    nothing beside it (the next overwrites)."""
    with transaction.atomic():
        certificate = (
            Certificate.objects.select_for_update(of=("self",))
            .select_related("enrolment__participant", "enrolment__gathering__course")
            .select_related("enrolment__organisation", "issued_by")
            .filter(pk=certificate_id, revoked_at__isnull=True)
            .first()
        )
        if certificate is None:
            return None
        # (A row whose file was lost, say with the media volume, renders anew.)
        if certificate.pdf and certificate.pdf.storage.exists(certificate.pdf.name):
            return certificate, None
        name = pdf_name(certificate)
        content = render_pdf(certificate)
        certificate.pdf.storage.delete(name)
        certificate.pdf.save(name.split("/")[-1], ContentFile(content), save=False)
        certificate.save(update_fields=["pdf"])
        return certificate, content


def certificate_pdf_download(*, certificate: Certificate, actor) -> Certificate | None:
    """The certificate with its stored PDF, for `actor`, whom the view found may see it
    (policy.VIEW: the holder, coordinators of the holder's organisation, administrators).
    None once it is revoked: its PDF was deleted with the revocation, and nobody, an
    administrator neither, gets a file that says "valid" about a revoked certificate.

    The PDF names the holder's organisation, which can reveal health or family matters
    (design rule 6): a download by anyone but the holder is recorded, as sensitive, in the
    audit log (the holder sees it under My data)."""
    with transaction.atomic():
        certificate = certificate_pdf_ensure(certificate_id=certificate.pk)
        if certificate is None:
            return None
        participant = certificate.enrolment.participant
        if participant.user_id != actor.pk:
            personal_data_exported(
                viewer=actor,
                participants=[participant],
                object_label=certificate.enrolment.gathering.title,
                what=_("Certificate %(code)s (PDF)") % {"code": certificate.display_code},
                sensitive=True,
            )
        return certificate


def render_pdf(certificate: Certificate) -> bytes:
    """The certificate's PDF (the HTML of `certificate_document`, by `html_to_pdf`)."""
    return html_to_pdf(certificate_document(certificate))


def certificate_document(certificate: Certificate) -> str:
    """The certificate's HTML (the pure builder in pdf.py, on `certificate_content`)."""
    return certificate_html(**certificate_content(certificate))


def certificate_content(certificate: Certificate) -> dict:
    """What the certificate shows, as `certificate_html` takes it. Reads the gathering's
    modules or sessions and the course's text in the holder's language; the rest comes with
    the certificate as `certificate_pdf_ensure` loads it."""
    enrolment = certificate.enrolment
    gathering = enrolment.gathering
    modules, teaching_minutes = _teaching(gathering)
    return {
        "certificate": certificate,
        "gathering": gathering,
        "organisation": enrolment.organisation,
        "modules": modules,
        "teaching_minutes": teaching_minutes,
        "url": f"{settings.WAGTAILADMIN_BASE_URL}{certificate.get_absolute_url()}",
        "language": enrolment.participant.language,
        "meaning": _course_text(gathering, enrolment.participant.language),
    }


def _teaching(gathering) -> tuple[list[str], int]:
    """The modules and teaching minutes a certificate states: the course's, as its page states
    them (CoursePage.total_minutes); for a gathering outside the curriculum, its sessions'."""
    course = gathering.course
    if course is not None:
        return [module.title for module in course.modules], course.total_minutes
    sessions = list(gathering.sessions.select_related("module").order_by("starts_at"))
    modules = list(dict.fromkeys(s.module.title for s in sessions if s.module))
    return modules, sum(s.minutes for s in sessions)


def _course_text(gathering, language) -> str:
    """What the certificate says the holder can do: the course page's text, in the
    participant's language when the course is translated."""
    course = gathering.course
    if course is None:
        return ""
    translated = (
        type(course)
        .objects.filter(translation_key=course.translation_key, locale__language_code=language)
        .first()
    )
    return (translated or course).certificate_text


def certificate_revoke(*, certificate: Certificate, actor, reason: str, now=None) -> Certificate:
    """Revoke with a reason; the code then verifies as revoked (with the date, not the reason)."""
    if not reason.strip():
        raise CertificateError("reason_required")
    if problem := reason_problem(reason):
        raise CertificateError(**problem)
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
        pdf = certificate.pdf.name
        certificate.pdf = ""
        certificate.save(update_fields=["revoked_at", "revoked_by", "revoke_reason", "pdf"])
        if pdf:
            # The file says "valid" to whoever holds it: it goes once the revocation holds.
            transaction.on_commit(lambda: certificate.pdf.storage.delete(pdf))
        audit_record(
            actor=actor,
            action=AuditEntry.Action.CERTIFICATE_REVOKED,
            participants=[certificate.enrolment.participant],
            object_label=certificate.enrolment.gathering.title,
            summary=certificate.display_code,
            reason=certificate.revoke_reason,
        )
        return certificate


def certificate_holder_erase(*, enrolments, keep_name: bool) -> int:
    """For an erasure (privacy/services/erasure.py), in its transaction: the certificates of
    these enrolments lose the reasons written about the person and, unless the person chose
    to keep it, the holder's name and the stored PDF that prints it (deleted once the erasure
    holds). They keep verifying: "a participant (name withheld)". Returns how many."""
    certificates = list(Certificate.objects.select_for_update().filter(enrolment__in=enrolments))
    for certificate in certificates:
        certificate.exception_reason = certificate.revoke_reason = ""
        fields = ["exception_reason", "revoke_reason"]
        pdf = ""
        if not keep_name:
            pdf = certificate.pdf.name
            certificate.holder_name = certificate.pdf = ""
            fields += ["holder_name", "pdf"]
        certificate.save(update_fields=fields)
        if pdf:
            transaction.on_commit(partial(certificate.pdf.storage.delete, pdf))
    return len(certificates)


def certificate_reissue(*, certificate: Certificate, actor, reason: str) -> Certificate:
    """Revoke and issue anew, with a new code (for example after a name change)."""
    with transaction.atomic():
        certificate_revoke(certificate=certificate, actor=actor, reason=reason)
        return certificate_issue(
            enrolment=certificate.enrolment,
            actor=actor,
            exception_reason=certificate.exception_reason or "",
        )


# Background jobs (website/jobs.py): bulk issue and the zip of a gathering's certificates ----


def certificates_issue_start(*, gathering, enrolments, actor, exception_reasons=None):
    """Issue to the chosen enrolments of one gathering by task, with a progress bar: the
    job records the enrolments and reasons; `certificates_issue_run` does the work."""
    ids = [enrolment.pk for enrolment in enrolments]
    reasons = {str(pk): reason for pk, reason in (exception_reasons or {}).items() if reason}
    for reason in reasons.values():  # bad input is refused here, before any work starts
        if problem := reason_problem(reason):
            raise CertificateError(**problem)
    return job_start(
        kind=ISSUE_JOB,
        actor=actor,
        subject=f"gathering:{gathering.pk}",
        label=_("Issuing certificates"),
        task="certificates.tasks.issue_certificates",
        params={"gathering": gathering.pk, "enrolments": ids, "reasons": reasons},
        total=len(ids),
    )


def certificates_issue_run(*, job_id: int) -> None:
    """The task behind a bulk issue: one certificate at a time (`certificates_issue_many`'s
    rules), progress reported as it goes. Safe to run twice and to resume: issuing twice
    gives one certificate, and the summary counts from the certificates themselves."""
    with job_running(job_id) as job:
        if job is None:
            return
        ids = job.params["enrolments"]
        reasons = {int(pk): reason for pk, reason in job.params.get("reasons", {}).items()}
        order = {pk: position for position, pk in enumerate(ids)}
        enrolments = sorted(
            Enrolment.objects.filter(pk__in=ids).select_related("participant"),
            key=lambda enrolment: order[enrolment.pk],
        )
        refused = []
        for done, enrolment in enumerate(enrolments, start=1):
            summary = certificates_issue_many(
                enrolments=[enrolment],
                actor=job.requested_by,
                exception_reasons=reasons,
            )
            refused += [f"{e.participant.full_name}: {message}" for e, message in summary.refused]
            job_progress(job, done=done)
        live = Certificate.objects.filter(enrolment_id__in=ids, revoked_at__isnull=True)
        issued = live.filter(issued_by=job.requested_by, issued_at__gte=job.created_at).count()
        lines = [
            _("%(count)s certificates issued; they are e-mailed to the participants.")
            % {"count": issued}
        ]
        if already := live.count() - issued:
            lines.append(_("%(count)s already had one.") % {"count": already})
        if refused:
            lines.append(_("Not issued: %(list)s.") % {"list": "; ".join(refused)})
        url = reverse("certificates_admin_issue", args=[job.params["gathering"]])
        job_finish(
            job,
            summary=" ".join(str(line) for line in lines),
            links=[{"text": _("Show the certificates"), "url": url}],
        )


def certificates_for_zip(*, gathering, actor):
    """The live certificates of a gathering that `actor` may take out as files: a
    coordinator their own organisations' participants' (design rule 6), an administrator
    all. A certificate whose holder's name was erased is left out (its PDF went with it)."""
    certificates = Certificate.objects.filter(
        enrolment__gathering=gathering, revoked_at__isnull=True
    ).exclude(holder_name="")
    return policy.visible(actor, certificates, policy.DECIDE).order_by("holder_name", "pk")


def certificates_zip_start(*, gathering, actor):
    """All of a gathering's certificates as one zip file, built by task (PDFs not yet
    rendered are rendered first, with progress). For the gathering's coordinators and
    administrators."""
    if not policy.permits(actor, policy.RUN, gathering):
        raise CertificateError("not_gathering_coordinator")
    return job_start(
        kind=ZIP_JOB,
        actor=actor,
        subject=f"gathering:{gathering.pk}",
        label=_("Collecting the certificates"),
        task="certificates.tasks.zip_certificates",
        params={"gathering": gathering.pk},
        total=certificates_for_zip(gathering=gathering, actor=actor).count(),
    )


def certificates_zip_run(*, job_id: int) -> None:
    """The task behind the zip: render what is missing, then pack the PDFs (one file per
    certificate, named by its holder and code) and keep the zip privately for its asker.
    Run again, it starts over: the PDFs rendered the first time are reused."""
    with job_running(job_id) as job:
        if job is None:
            return
        gathering = Gathering.objects.get(pk=job.params["gathering"])
        actor = job.requested_by
        if not policy.permits(actor, policy.RUN, gathering):
            job_finish(job, summary=ERRORS["not_gathering_coordinator"], failed=True)
            return
        ids = list(
            certificates_for_zip(gathering=gathering, actor=actor).values_list("pk", flat=True)
        )
        job_progress(job, done=0, total=len(ids))
        buffer, holders = io.BytesIO(), []
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:  # PDFs are packed
            for done, pk in enumerate(ids, start=1):
                found = certificate_pdf(certificate_id=pk)
                if found is not None:
                    certificate, content = found
                    archive.writestr(zip_member_name(certificate), content)
                    holders.append(certificate.enrolment.participant)
                job_progress(job, done=done)
        personal_data_exported(
            viewer=actor,
            participants=holders,
            object_label=gathering.title,
            what=_("Certificates of the gathering (zip)"),
            sensitive=True,
        )
        summary = _("%(count)s certificates in one zip file.") % {"count": len(holders)}
        if not actor.is_superuser:
            summary += " " + _("Only your own organisations' participants are included.")
        job_finish(
            job,
            summary=summary,
            file=ContentFile(buffer.getvalue()),
            filename=f"kursbevis-{slugify(gathering.title) or gathering.pk}.zip",
        )


def zip_member_name(certificate: Certificate) -> str:
    """The holder's name made safe as a file name (no folders, no odd characters), with the
    certificate's code so that two people of the same name get a file each."""
    stem = re.sub(r"[^\w.-]+", "_", certificate.holder_name.strip()).strip("._-")[:80]
    return f"{stem or 'deltaker'}-{certificate.display_code}.pdf"
