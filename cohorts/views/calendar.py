"""Calendar files: a gathering's public file, personal feeds by secret token, and replacing
the token. The files are built by `cohorts.ics`; these views only choose what goes in."""

import hashlib
from operator import attrgetter

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from website.parsing import database_text

from .. import ics, services
from ..models import CalendarFeed, Gathering
from ..selectors import feed_organizers, feed_sessions, organizer_for
from ..services.calendar import uid_domain


def _calendar_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def gathering_calendar(request, slug):
    """`/samlinger/<slug>/kalender.ics`: every session of a gathering, METHOD PUBLISH."""
    gathering = get_object_or_404(
        Gathering.objects.exclude(status=Gathering.Status.DRAFT), slug=slug
    )
    sessions = list(gathering.sessions.order_by("starts_at", "pk"))
    for session in sessions:
        session.gathering = gathering
    content = ics.published_calendar(
        name=gathering.title,
        sessions=sessions,
        organizers={gathering.pk: organizer_for(gathering)},
        domain=uid_domain(),
        stamp=timezone.now(),
        base_url=settings.WAGTAILADMIN_BASE_URL,
    )
    response = _calendar_response(content, f"{gathering.slug}.ics")
    patch_cache_control(response, public=True, max_age=300)
    return response


# Raise when the feed's file changes for the same data (a change to cohorts/ics.py's output):
# calendar apps holding the old file would otherwise keep being told it is unchanged.
FEED_FORMAT = 1


def feed_etag(language: str, sessions, organizers) -> str:
    """A weak validator of what a personal feed says: the fields of its sessions and their
    gatherings the file is made from (`ics.PUBLISHED_SESSION_FIELDS`,
    `ics.PUBLISHED_GATHERING_FIELDS`: `feed_sessions` loads no others), each gathering's
    organiser, the language and the addresses. The file itself differs on every request
    (DTSTAMP is the time it is made), so it cannot be hashed; equal inputs make an equivalent
    file. Computed from rows already read, no query."""
    digest = hashlib.sha256(
        f"{FEED_FORMAT}|{language}|{uid_domain()}|{settings.WAGTAILADMIN_BASE_URL}".encode()
    )
    session_values = attrgetter(*ics.PUBLISHED_SESSION_FIELDS)
    gathering_values = attrgetter(*ics.PUBLISHED_GATHERING_FIELDS)
    gatherings = {session.gathering_id: session.gathering for session in sessions}
    # Two reprs of lists rather than one per row: the same inputs, a fraction of the time.
    digest.update(repr([session_values(session) for session in sessions]).encode())
    digest.update(
        repr([(gathering_values(g), organizers[pk]) for pk, g in gatherings.items()]).encode()
    )
    return f'W/"{digest.hexdigest()[:40]}"'


def personal_feed(request, token):
    """`/kalender/<token>.ics`: the sessions of the holder's confirmed seats and of the
    gatherings they coordinate, except gatherings whose invite they got by e-mail (see
    `feed_sessions`). Anyone with the address can read it, so it is long and random, never
    cached on the way, and can be replaced from My page. Two queries."""
    feed = (
        CalendarFeed.objects.select_related("user__participant")
        .filter(token=token, user__is_active=True)
        .first()
        if database_text(token) is not None
        else None
    )
    if feed is None:
        raise Http404
    participant = getattr(feed.user, "participant", None)
    language = participant.language if participant else settings.LANGUAGE_CODE
    sessions = list(feed_sessions(feed.user))
    organizers = feed_organizers(sessions)
    etag = feed_etag(language, sessions, organizers)
    # A calendar app that polls with the validator it was given gets 304 while nothing changed,
    # and the file is not built (most of a feed's time is icalendar's).
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        return _feed_headers(not_modified, etag)
    with translation.override(language):
        content = ics.published_calendar(
            name=_("Medvirk – my gatherings"),
            sessions=sessions,
            organizers=organizers,
            domain=uid_domain(),
            stamp=timezone.now(),
            base_url=settings.WAGTAILADMIN_BASE_URL,
        )
    return _feed_headers(_calendar_response(content, "medvirk.ics"), etag)


def _feed_headers(response, etag):
    """Personal data: never stored on the way (rule 9); the validator lets a client that keeps
    the file in its own calendar ask whether it changed."""
    response["ETag"] = etag
    response["Cache-Control"] = "no-store, private"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def feed_links(request, feed: CalendarFeed) -> dict:
    """The addresses shown for a feed: to copy, to subscribe (webcal) and to download."""
    url = request.build_absolute_uri(reverse("personal_feed", args=[feed.token]))
    return {
        "url": url,
        "subscribe": "webcal://" + url.split("://", 1)[1],
        "download": reverse("personal_feed", args=[feed.token]),
    }


@login_required
@require_POST
def feed_replace(request):
    """A new secret address for my calendar feed; the old one answers 404 from now on."""
    services.calendar_feed_replace(user=request.user)
    messages.success(
        request,
        _(
            "Your calendar has a new address. Calendar apps that used the old one must "
            "subscribe again."
        ),
    )
    if request.POST.get("next") == "admin":
        return redirect("cohorts_admin_index")
    return redirect("my_page")
