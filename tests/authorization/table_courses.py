"""The matrix's rows for the courses app (the curriculum's own pages are Wagtail pages: see
the `serve_page` row in `table_website.py`).

To add a URL: one entry here, keyed by the pattern's name; see `harness.Row`.
"""

from tests.authorization.harness import NOT_FOUND, PUBLIC, REDIRECT, Row, cells

ROWS = {
    "search": Row("/sok/?q=brukermedvirkning", PUBLIC),
    # --- the read API (issue 19, courses/api.py): the same for everyone, logged in or not ----
    "wagtailapi:pages:listing": Row("/api/v2/pages/?fields=*", PUBLIC),
    "wagtailapi:pages:detail": Row(lambda w, role: f"/api/v2/pages/{w.module_page.pk}/", PUBLIC),
    "wagtailapi:pages:find": Row("/api/v2/pages/find/?html_path=/", cells(REDIRECT)),
    # The world's pages use no image or document: the lists are empty, an id names nothing.
    "wagtailapi:images:listing": Row("/api/v2/images/", PUBLIC),
    "wagtailapi:images:detail": Row("/api/v2/images/1/", cells(NOT_FOUND)),
    "wagtailapi:images:find": Row("/api/v2/images/find/?id=1", cells(NOT_FOUND)),
    "wagtailapi:documents:listing": Row("/api/v2/documents/", PUBLIC),
    "wagtailapi:documents:detail": Row("/api/v2/documents/1/", cells(NOT_FOUND)),
    "wagtailapi:documents:find": Row("/api/v2/documents/find/?id=1", cells(NOT_FOUND)),
}
