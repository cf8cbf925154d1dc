"""Calendar invites in the admin: who has which version, send updates or resend for the whole
gathering (a task with progress), resend to one person. For the gathering's coordinators and
administrators, like check-in. The counts and the runs cover everyone; the list and the
resend to one person only the coordinator's own organisations' members (design rule 6)."""

from django.contrib import messages
from django.db.models import Count
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from website import policy

from .. import services
from ..models import Enrolment, Gathering, InviteRun
from ..selectors import invite_overview


def _gathering(request, pk):
    return policy.get_or_404(request.user, Gathering.objects.all(), policy.RUN, pk=pk)


def _run_state(run: InviteRun | None) -> dict | None:
    """The run's progress: people checked by the run, then its e-mails leaving the outbox."""
    if run is None:
        return None
    states = dict(run.invites.values_list("message__state").annotate(count=Count("pk")).order_by())
    sent = states.get("sent", 0)
    waiting = states.get("pending", 0) + states.get("sending", 0)
    failed = states.get("failed", 0)
    retrying = run.invites.filter(message__state="pending", message__attempts__gt=0).count()
    finished = run.finished_at is not None and waiting == 0
    if finished:
        text = _("Finished %(time)s: %(sent)s invites sent to %(total)s people checked.") % {
            "time": formats.date_format(timezone.localtime(run.finished_at), "j. F H:i"),
            "sent": sent,
            "total": run.total,
        }
    else:
        text = _("Sending: %(processed)s of %(total)s people done, %(sent)s invites sent.") % {
            "processed": run.processed,
            "total": run.total or "…",
            "sent": sent,
        }
    if retrying:
        text += " " + _(
            "%(count)s could not be sent yet; they are tried again in a little while."
        ) % {"count": retrying}
    if failed:
        text += " " + _(
            "%(failed)s could not be sent; an administrator sees them under Outgoing e-mail."
        ) % {"failed": failed}
    return {
        "finished": finished,
        "processed": run.processed,
        "total": run.total,
        "sent": sent,
        "text": text,
    }


def invites(request, pk):
    gathering = _gathering(request, pk)
    rows, counts = invite_overview(gathering, user=request.user)
    run = gathering.invite_runs.first()
    return render(
        request,
        "cohorts/admin/invites.html",
        {
            "gathering": gathering,
            "rows": rows,
            "counts": counts,
            "run": _run_state(run),
            "over": gathering.ends_at <= timezone.now(),
            "page_title": gathering.title,
            "page_subtitle": _("Calendar invites"),
            "header_icon": "date",
        },
    )


def run_status(request, pk):
    """The latest run's progress, polled by the invites page while it runs."""
    gathering = _gathering(request, pk)
    return JsonResponse(_run_state(gathering.invite_runs.first()) or {})


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
