"""Operator-facing views."""

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Q
from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.templatetags.static import static
from django.utils import timezone, translation
from django.views.decorators.cache import never_cache
from django_q.models import OrmQ
from wagtail import views as wagtail_views
from wagtail.models import Page

from .models import OutboxMessage


def _database_check():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"ok": True}


def _migrations_check():
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return {"ok": not plan, "unapplied": len(plan)}


def _task_queue_check():
    queued = OrmQ.objects.filter(key=settings.Q_CLUSTER["name"])
    oldest = queued.order_by("id").first()  # the ORM broker is first in, first out
    age = None
    if oldest is not None:
        started = oldest.task.get("started")
        age = round((timezone.now() - started).total_seconds(), 1) if started else None
    limit = settings.HEALTH_MAX_QUEUE_AGE_SECONDS
    return {
        "ok": age is None or age <= limit,
        "queued": queued.count(),
        "oldest_age_seconds": age,
        "max_age_seconds": limit,
    }


def _outbox_check():
    """E-mails waiting past their time mean no sender is running (or the mail server has been
    down for long); failed ones are for an administrator and do not make the site unhealthy."""
    now = timezone.now()
    State = OutboxMessage.State
    due = OutboxMessage.objects.filter(
        Q(state=State.PENDING, next_attempt_at__lte=now)
        | Q(state=State.SENDING, lease_until__lt=now)
    )
    oldest = due.order_by("next_attempt_at").values_list("next_attempt_at", flat=True).first()
    age = round((now - oldest).total_seconds(), 1) if oldest else None
    limit = settings.HEALTH_MAX_QUEUE_AGE_SECONDS
    return {
        "ok": age is None or age <= limit,
        "due": due.count(),
        "oldest_due_age_seconds": age,
        "failed": OutboxMessage.objects.filter(state=State.FAILED).count(),
    }


@never_cache
def health(request):
    """`/helse/`: is the database reachable, are migrations applied, is the task queue moving.

    200 when every check is ok, 503 otherwise; JSON either way, for a load balancer
    or a monitor to read.
    """
    checks = {}
    try:
        checks["database"] = _database_check()
    except DatabaseError as error:
        checks["database"] = {"ok": False, "error": error.__class__.__name__}
    else:
        try:
            checks["migrations"] = _migrations_check()
            checks["task_queue"] = _task_queue_check()
            checks["outbox"] = _outbox_check()
        except DatabaseError as error:
            checks["migrations"] = {"ok": False, "error": error.__class__.__name__}
    healthy = all(check["ok"] for check in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": checks},
        status=200 if healthy else 503,
    )


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says; send them to the real icon."""
    return HttpResponsePermanentRedirect(static("favicon.svg"))


def serve_page(request, path):
    """Wagtail's page serving, with Norwegian as the fallback for untranslated pages.

    With English chosen, Wagtail routes through the English tree; a page nobody has
    translated yet (say, a module) is then found in the Norwegian tree and shown in
    Norwegian inside the English site, rather than answering 404.

    `Page.route_for_request` (public) keeps its answer on the request, and `serve` uses it:
    the miss is deleted so that routing runs again through the Norwegian tree. Wagtail has no
    public way to forget it; the attribute is named in that method's docstring, Wagtail is
    pinned to 8.0.x, and tests/website/test_private_apis.py fails if it changes.
    """
    if Page.route_for_request(request, path) is None and (
        translation.get_language() != settings.LANGUAGE_CODE
    ):
        del request._wagtail_route_for_request  # private: see the docstring
        with translation.override(settings.LANGUAGE_CODE):
            Page.route_for_request(request, path)
    return wagtail_views.serve(request, path)
