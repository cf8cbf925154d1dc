"""The read API's gatherings (issue 19): `/api/samlinger/` and its OpenAPI description at
`/api/schema/`.

Upcoming gatherings as the public list `/samlinger/` shows them — published, not ended,
soonest first — with the status and seats left from the same rules (`gathering_status`,
`with_seat_counts`: three queries whatever their number). What a gathering's public page
says and nothing more: no coordinator, no contact person (a name, phone and e-mail on a page
a person reads is one thing; copied by machines onto other sites it spreads further than its
purpose: the `url` leads to them), no participant data.

Query parameters (anything else, or a value not listed, answers 400 with a message):
`level` (new, advanced, communicator), `kind` (programme, network), `lang` (nb, the default,
or en: titles and labels in English where the gathering has an English title).
"""

import json
from functools import cache
from pathlib import Path

from django.http import JsonResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from courses.models import Level

from .. import selectors, services
from ..models import Gathering

PARAMETERS = {
    "level": tuple(Level.values),
    "kind": tuple(Gathering.Kind.values),
    "lang": ("nb", "en"),
}
UNESCAPED = {"ensure_ascii": False}  # "Tromsø", not "Troms\u00f8"
SCHEMA_PATH = Path(__file__).resolve().parent.parent / "openapi.json"


class BadParameter(ValueError):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def parse_filters(query) -> dict:
    """{"level", "kind", "lang"} from a query string (`request.GET`); BadParameter for an
    unknown parameter or value. Shared with the embeddable list (views/embed.py)."""
    chosen = {"level": None, "kind": None, "lang": "nb"}
    for name in query:
        values = query.getlist(name)
        if name not in PARAMETERS:
            raise BadParameter(
                _("Unknown parameter “%(name)s”. Allowed: %(allowed)s.")
                % {"name": name, "allowed": ", ".join(PARAMETERS)}
            )
        if len(values) != 1 or values[0] not in PARAMETERS[name]:
            raise BadParameter(
                _("“%(name)s” must be one of: %(allowed)s.")
                % {"name": name, "allowed": ", ".join(PARAMETERS[name])}
            )
        chosen[name] = values[0]
    return chosen


def upcoming_with_status(*, level=None, kind=None) -> list[tuple[Gathering, object]]:
    """(gathering, its public status) for each upcoming gathering, in three queries."""
    gatherings = selectors.with_seat_counts(selectors.upcoming_gatherings(level=level, kind=kind))
    now = timezone.now()
    return [(gathering, services.gathering_status(gathering, now=now)) for gathering in gatherings]


def _moment(value) -> str:
    return timezone.localtime(value).isoformat()


def gathering_item(gathering, status, *, absolute) -> dict:
    """One gathering in the active language; `absolute(path)` makes a full address."""
    return {
        "slug": gathering.slug,
        "title": gathering.display_title,
        "kind": gathering.kind,
        "kind_label": str(Gathering.Kind(gathering.kind).label),
        "level": gathering.level,
        "level_label": str(Level(gathering.level).label),
        "starts_at": _moment(gathering.starts_at),
        "ends_at": _moment(gathering.ends_at),
        "enrolment_opens_at": _moment(gathering.enrolment_opens_at),
        "enrolment_closes_at": _moment(gathering.enrolment_closes_at),
        "venue": {"name": gathering.venue_name, "address": gathering.venue_address},
        "status": status.code,
        "status_label": str(status.label),
        "can_apply": status.can_apply,
        # As the public page shows it: a number only while there are seats to apply for.
        "seats_left": status.seats_left if status.shows_seats else None,
        "url": absolute(gathering.get_absolute_url()),
        "calendar_url": absolute(f"{gathering.get_absolute_url()}kalender.ics"),
    }


def _error(message, status=400):
    return JsonResponse({"error": message}, status=status, json_dumps_params=UNESCAPED)


# Read only: any method but GET (and HEAD) is 405, before the CSRF check could answer 403.
@csrf_exempt
@require_GET
def gatherings(request):
    """`/api/samlinger/`: upcoming gatherings as JSON."""
    try:
        filters = parse_filters(request.GET)
    except BadParameter as refusal:
        return _error(refusal.message)
    with translation.override(filters["lang"]):
        rows = upcoming_with_status(level=filters["level"], kind=filters["kind"])
        items = [
            gathering_item(gathering, status, absolute=request.build_absolute_uri)
            for gathering, status in rows
        ]
    return JsonResponse(
        {"language": filters["lang"], "count": len(items), "gatherings": items},
        json_dumps_params=UNESCAPED,
    )


@cache
def _schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@csrf_exempt
@require_GET
def schema(request):
    """`/api/schema/`: the OpenAPI 3 description of the read API (cohorts/openapi.json, written
    by hand and checked against the answers by tests/cohorts/test_read_api_schema.py)."""
    return JsonResponse(_schema(), json_dumps_params=UNESCAPED)
