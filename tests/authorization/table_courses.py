"""The matrix's rows for the courses app (the curriculum's own pages are Wagtail pages: see
the `serve_page` row in `table_website.py`).

To add a URL: one entry here, keyed by the pattern's name; see `harness.Row`.
"""

from tests.authorization.harness import PUBLIC, Row

ROWS = {
    "search": Row("/sok/?q=brukermedvirkning", PUBLIC),
}
