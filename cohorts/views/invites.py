"""Calendar invites in the admin: who has which version, send updates or resend for the whole
gathering (a task with a progress bar, website/jobs.py), resend to one person. For the
gathering's coordinators and administrators, like check-in. The counts and the runs cover
everyone; the list and the resend to one person only the coordinator's own organisations'
members (design rule 6)."""

from datetime import timedelta

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from website import policy
from website.jobs import job_latest, job_state

from .. import services
from ..models import Enrolment, Gathering, InviteRun
from ..selectors import invite_overview
from ..services.calendar import INVITES_JOB

JOB_SHOWN = timedelta(days=1)


def _gathering(request, pk):
    return policy.get_or_404(request.user, Gathering.objects.all(), policy.RUN, pk=pk)


def _run_notes(run: InviteRun | None) -> list[str]:
    """What the progress bar does not say: e-mails of the latest run that wait for another
    try, or failed for good (the bar follows the run's people; the outbox sends the mail)."""
    if run is None:
        return []
    retrying = run.invites.filter(message__state="pending", message__attempts__gt=0).count()
    failed = run.invites.filter(message__state="failed").count()
    notes = []
    if retrying:
        notes.append(
            _("%(count)s could not be sent yet; they are tried again in a little while.")
            % {"count": retrying}
        )
    if failed:
        notes.append(
            _("%(failed)s could not be sent; an administrator sees them under Outgoing e-mail.")
            % {"failed": failed}
        )
    return notes


def invites(request, pk):
    gathering = _gathering(request, pk)
    rows, counts = invite_overview(gathering, user=request.user)
    job = job_latest(
        user=request.user,
        kind=INVITES_JOB,
        subject=f"gathering:{gathering.pk}",
        since=JOB_SHOWN,
    )
    return render(
        request,
        "cohorts/admin/invites.html",
        {
            "gathering": gathering,
            "rows": rows,
            "counts": counts,
            "job": job_state(job),
            "run_notes": _run_notes(gathering.invite_runs.first()),
            "over": gathering.ends_at <= timezone.now(),
            "page_title": gathering.title,
            "page_subtitle": _("Calendar invites"),
            "header_icon": "date",
        },
    )


@require_POST
def invites_send(request, pk):
    gathering = _gathering(request, pk)
    kind = request.POST.get("kind", "")
    if kind not in InviteRun.Kind.values:
        messages.error(request, _("Choose what to send."))
        return redirect("cohorts_admin_invites", pk=pk)
    try:
        services.invite_run_start(gathering=gathering, kind=kind, actor=request.user)
    except services.InviteError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The invites are being sent. Progress is shown below."))
    return redirect("cohorts_admin_invites", pk=pk)


@require_POST
def invite_resend(request, pk, participant_pk):
    gathering = _gathering(request, pk)
    # The person's newest enrolment in the gathering (the one their invite follows), if it
    # came through the user's own organisations; anyone else is answered as an id that does
    # not exist, so the answer says nothing about them.
    newest = (
        Enrolment.objects.filter(gathering=gathering, participant_id=participant_pk)
        .order_by("-pk")
        .values("pk")[:1]
    )
    enrolment = policy.get_or_404(
        request.user,
        Enrolment.objects.select_related("participant").filter(pk__in=newest),
        policy.DECIDE,
    )
    name = enrolment.participant.full_name
    try:
        services.invite_resend(enrolment=enrolment, actor=request.user)
    except services.InviteError as error:
        messages.error(request, f"{name}: {error.message}")
    else:
        messages.success(request, _("The invite is on its way to %(name)s.") % {"name": name})
    return redirect("cohorts_admin_invites", pk=pk)
