"""`/samlinger/innebygd/`: the upcoming gatherings as a small page an organisation frames on its
own site (issue 19). The same list, status and seats as `/samlinger/` and `/api/samlinger/`
(views/api.py `upcoming_with_status`), filtered by `level` and `kind`, in `lang`.

It is the one page any site may frame: no X-Frame-Options and `frame-ancestors *` for this
view only (the rest of the site stays DENY / 'self'). It has no form, no cookie and nothing
personal, so framing it gives a clickjacker nothing to click that changes anything; its links
open Medvirk in a new tab, saying so. `static/js/embed-frame.js` tells the framing page its
height; `static/js/samlinger-embed.js` is the optional snippet that inserts the frame and
follows that height.
"""

from csp.decorators import csp_replace
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_GET

from .api import BadParameter, parse_filters, upcoming_with_status


@require_GET
@xframe_options_exempt
@csp_replace({"frame-ancestors": ["*"]})
def gathering_embed(request):
    try:
        filters = parse_filters(request.GET)
    except BadParameter as refusal:
        return render(
            request, "cohorts/embed.html", {"error": refusal.message, "rows": []}, status=400
        )
    with translation.override(filters["lang"]):
        rows = upcoming_with_status(level=filters["level"], kind=filters["kind"])
        return render(request, "cohorts/embed.html", {"rows": rows, "language": filters["lang"]})
