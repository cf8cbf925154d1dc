"""Public curriculum views: search."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _
from wagtail.models import Locale

from website.parsing import database_text

from .selectors import attach_courses, curriculum_search

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200


def search(request):
    """`/sok/?q=`: the published curriculum in the visitor's language."""
    query = database_text(" ".join(request.GET.get("q", "").split()))
    error = ""
    results = []
    paginator = page_obj = None
    if query is None:
        query = ""
        error = _("The search contains a character that cannot be searched for. Remove it.")
    elif len(query) > MAX_QUERY_LENGTH:
        error = _("The search is too long. Use at most %(max)d characters.") % {
            "max": MAX_QUERY_LENGTH
        }
    elif query:
        paginator = Paginator(
            curriculum_search(query=query, locale=Locale.get_active()), RESULTS_PER_PAGE
        )
        page_obj = paginator.get_page(request.GET.get("side"))
        results = attach_courses(page_obj.object_list)
    return render(
        request,
        "courses/search.html",
        {
            "query": query[:MAX_QUERY_LENGTH],
            "error": error,
            "results": results,
            "paginator": paginator,
            "page_obj": page_obj,
        },
        status=400 if error else 200,
    )
