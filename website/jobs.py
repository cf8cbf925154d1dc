"""Background jobs with progress: one mechanism for every long piece of work started in the
admin (issuing a gathering's certificates, sending its invites, a zip of its certificates,
bulk messages, a year's exports).

A job is a row (`website.models.Job`): what it is, who asked, how far it has come, and when
finished a summary, links and perhaps a file. The page that started it shows it with one
include and one script, and the bar moves by itself:

    {% include "website/admin/includes/progress.html" with job=job_state %}

(`job_state` is `jobs.job_state(job)`; with None the include shows nothing). The include
brings its script (static/js/job-progress.js), which polls the job's status
address (`/admin/jobber/<id>/`, JSON; only the person who started the job or an
administrator gets an answer, anyone else 404) until the job is finished, then shows the
summary and the links without a reload. Without JavaScript the include says to reload.

Starting one (in a view or service, inside or outside a transaction)::

    job = job_start(kind="certificates.issue", actor=request.user, subject=f"gathering:{pk}",
                    label=_("Issuing certificates"), task="certificates.tasks.issue_job",
                    params={"enrolments": [...]}, total=len(enrolments))

The task is queued after commit with the job's id. The task (a thin wrapper in the app's
tasks.py) runs the work under `job_running`, which claims the job — a second copy of the task
finds it claimed or finished and does nothing — and writes the summary in the language of the
person who asked::

    def issue_job(job_id):
        with job_running(job_id) as job:
            if job is None:
                return
            for done, item in enumerate(items, start=1):
                ...                                   # each step safe to do twice
                job_progress(job, done=done)          # also renews the claim
            job_finish(job, summary=_("…"), links=[{"text": _("…"), "url": "…"}])

Or `job_finish(job, summary=…, file=ContentFile(data), filename="report.xlsx")`: the file is
kept in the private storage and a download link (`/admin/jobber/<id>/fil/`, same access rule)
is added; the sweep deletes it after `FILE_KEPT`.

Lost work resumes: a job whose task stopped renewing its claim for `HEARTBEAT` is queued
again by the five-minute sweep (`jobs_sweep`), at most `MAX_ATTEMPTS` times, then finished as
failed. So every step must be safe to repeat (check before doing, or rely on a unique key).
A task that raises leaves the job unfinished for the sweep to try again.

Jobs with an empty `task` are progress reports for work another row runs and resumes (the
calendar invite runs in cohorts): that work calls `job_progress` and `job_finish` on them.
"""

import contextlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.files.storage import storages
from django.db import transaction
from django.db.models import F, Q
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django_q.tasks import async_task

from .models import Job

HEARTBEAT = timedelta(minutes=2)
MAX_ATTEMPTS = 3
FILE_KEPT = timedelta(days=1)
JOB_KEPT = timedelta(days=30)


def job_start(
    *,
    kind: str,
    actor,
    task: str = "",
    params: dict | None = None,
    subject: str = "",
    label: str = "",
    total: int = 0,
) -> Job:
    """Record the job and queue `task` (a dotted path, called with the job's id) after
    commit. The job remembers the active language for its summary."""
    job = Job.objects.create(
        kind=kind,
        subject=subject,
        label=str(label)[:200],
        requested_by=actor if getattr(actor, "pk", None) else None,
        language=translation.get_language() or "nb",
        task=task,
        params=params or {},
        total=total,
    )
    if task:
        transaction.on_commit(lambda: async_task(task, job.pk))
    return job


def job_claim(job_id: int, *, now=None) -> Job | None:
    """Take the job unless it is finished or another worker renewed its claim lately."""
    now = now or timezone.now()
    claimed = (
        Job.objects.filter(pk=job_id, finished_at__isnull=True)
        .filter(Q(heartbeat_at__isnull=True) | Q(heartbeat_at__lt=now - HEARTBEAT))
        .update(heartbeat_at=now)
    )
    if not claimed:
        return None
    Job.objects.filter(pk=job_id).update(attempts=F("attempts") + 1)
    return Job.objects.get(pk=job_id)


@contextlib.contextmanager
def job_running(job_id: int):
    """Claim the job for this task and speak the language of the person who asked; yields
    None when there is nothing to do (finished, or another copy is at it)."""
    job = job_claim(job_id)
    if job is None:
        yield None
        return
    with translation.override(job.language):
        yield job


def job_progress(job: Job, *, done: int, total: int | None = None) -> None:
    """Report how far the job has come (and renew the worker's claim on it)."""
    fields = {"done": done, "heartbeat_at": timezone.now()}
    if total is not None:
        fields["total"] = job.total = total
    Job.objects.filter(pk=job.pk, finished_at__isnull=True).update(**fields)
    job.done = done


def job_finish(
    job: Job,
    *,
    summary: str,
    links=(),
    failed: bool = False,
    file=None,
    filename: str = "",
) -> Job:
    """Mark the job finished with what it did and where to go next; `file` (a File, say
    `ContentFile(data)`) is stored privately and offered for download as `filename`."""
    job.finished_at = timezone.now()
    job.summary = str(summary)
    job.links = [{"text": str(link["text"]), "url": str(link["url"])} for link in links]
    job.failed = failed
    if job.total and not failed:
        job.done = job.total
    fields = ["finished_at", "summary", "links", "failed", "done"]
    if file is not None:
        name = f"jobs/{job.pk}-{secrets.token_hex(8)}-{filename or 'file'}"
        job.file = _storage().save(name, file)
        job.filename = filename
        job.links.insert(
            0, {"text": _("Download %(name)s") % {"name": filename}, "url": job_file_url(job)}
        )
        fields += ["file", "filename"]
    job.save(update_fields=fields)
    return job


def _storage():
    return storages["private"]


def job_get_or_404(user, pk) -> Job:
    """The job, for the person who started it or an administrator; 404 for anyone else, the
    same answer as for a job that does not exist."""
    jobs = Job.objects.all()
    if not user.is_superuser:
        jobs = jobs.filter(requested_by_id=user.pk)
    job = jobs.filter(pk=pk).first()
    if job is None:
        raise Http404
    return job


def job_latest(*, user, kind: str, subject: str = "", since: timedelta | None = None) -> Job | None:
    """The newest job of this kind about this subject that `user` started (any person's,
    for an administrator): what a page shows when it opens. With `since`, a job that
    finished longer ago than that is left out (the page no longer reports it)."""
    jobs = Job.objects.filter(kind=kind, subject=subject)
    if since is not None:
        jobs = jobs.filter(Q(finished_at__isnull=True) | Q(finished_at__gte=timezone.now() - since))
    if not user.is_superuser:
        jobs = jobs.filter(requested_by_id=user.pk)
    return jobs.first()


def job_status_url(job: Job) -> str:
    return reverse("job_status", args=[job.pk])


def job_file_url(job: Job) -> str:
    return reverse("job_file", args=[job.pk])


def job_state(job: Job | None) -> dict | None:
    """What the progress include shows and the status address answers (plain values)."""
    if job is None:
        return None
    finished = job.finished_at is not None
    percent = 100 if finished else (min(99, job.done * 100 // job.total) if job.total else 0)
    if finished:
        text = job.summary or _("Finished.")
    elif job.total:
        text = _("%(what)s: %(done)s of %(total)s done.") % {
            "what": job.label or _("Working"),
            "done": job.done,
            "total": job.total,
        }
    else:
        text = _("%(what)s: starting …") % {"what": job.label or _("Working")}
    return {
        "id": job.pk,
        "label": job.label,
        "finished": finished,
        "failed": job.failed,
        "done": job.done,
        "total": job.total,
        "percent": percent,
        "text": text,
        "links": job.links if finished else [],
        "started": formats.date_format(timezone.localtime(job.created_at), "SHORT_DATETIME_FORMAT"),
        "status_url": job_status_url(job),
    }


def jobs_sweep(*, now=None) -> int:
    """Queue again the jobs whose task went quiet (lost, or timed out); a job that has had
    its tries is finished as failed. Delete job files after FILE_KEPT and old jobs after
    JOB_KEPT. Returns how many jobs were queued again."""
    now = now or timezone.now()
    queued = 0
    stale = Job.objects.filter(finished_at__isnull=True).exclude(task="")
    stale = stale.filter(
        Q(heartbeat_at__lt=now - HEARTBEAT)
        | Q(heartbeat_at__isnull=True, created_at__lt=now - HEARTBEAT)
    )
    for job in stale:
        if job.attempts >= MAX_ATTEMPTS:
            with translation.override(job.language):
                job_finish(
                    job, summary=_("It stopped before it was done; please try again."), failed=True
                )
        else:
            async_task(job.task, job.pk)
            queued += 1
    for job in Job.objects.exclude(file="").filter(finished_at__lt=now - FILE_KEPT):
        _storage().delete(job.file)
        job.links = [link for link in job.links if link["url"] != job_file_url(job)]
        job.file = ""
        job.save(update_fields=["file", "links"])
    for job in Job.objects.filter(created_at__lt=now - JOB_KEPT):
        if job.file:
            _storage().delete(job.file)
        job.delete()
    return queued


@never_cache
def status_view(request, pk):
    """`/admin/jobber/<id>/`: the job's state as JSON, polled by static/js/job-progress.js."""
    return JsonResponse(job_state(job_get_or_404(request.user, pk)))


@never_cache
def file_view(request, pk):
    """`/admin/jobber/<id>/fil/`: the file the job made, from the private storage, for the
    person who started it or an administrator (404 for anyone else, and once deleted)."""
    job = job_get_or_404(request.user, pk)
    if not job.file or not _storage().exists(job.file):
        raise Http404
    if settings.PRIVATE_MEDIA_ACCEL_REDIRECT:
        response = HttpResponse()
        prefix = settings.PRIVATE_MEDIA_ACCEL_REDIRECT.rstrip("/")
        response["X-Accel-Redirect"] = f"{prefix}/{job.file}"
        response["Content-Disposition"] = f'attachment; filename="{job.filename}"'
        return response
    return FileResponse(_storage().open(job.file, "rb"), as_attachment=True, filename=job.filename)
