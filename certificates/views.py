"""Public verification of a certificate by its code: `/bevis/<code>/`."""

from django.shortcuts import render
from django.utils.translation import gettext as _

from website.ratelimit import client_key, hit

from .codes import normalise
from .models import Certificate

LOOKUPS_PER_WINDOW = 30
WINDOW_SECONDS = 600


def verify(request, code):
    """Valid or revoked (with the date, never the reason), name, level, gathering and date,
    organisation — nothing else about the person. Unknown codes answer 404."""
    if hit(
        key=client_key(request, "bevis"), limit=LOOKUPS_PER_WINDOW, window_seconds=WINDOW_SECONDS
    ):
        return render(
            request,
            "certificates/verify.html",
            {"error": _("Too many look-ups from your network. Wait ten minutes and try again.")},
            status=429,
        )
    certificate = (
        Certificate.objects.select_related("enrolment__gathering", "enrolment__organisation")
        .filter(code=normalise(code))
        .first()
    )
    if certificate is None:
        return render(
            request, "certificates/verify.html", {"code": code, "not_found": True}, status=404
        )
    return render(request, "certificates/verify.html", {"certificate": certificate})
