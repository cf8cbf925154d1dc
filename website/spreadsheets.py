"""Cells of every spreadsheet the site writes (CSV and XLSX), safe to open.

A cell that begins with `=`, `+`, `-` or `@` (or a tab or carriage return before one) is run
as a formula by Excel, LibreOffice and Google Sheets: a participant named
`=HYPERLINK("http://x","y")` becomes a link, or worse, in a coordinator's export (CSV/formula
injection, OWASP). `safe_cell` puts an apostrophe in front, which spreadsheet programs show
as text. Our own exports (cohorts/exports.py) call it for every cell; Wagtail's admin exports
(the site history and audit log, the users listing, every report and listing with CSV/XLSX
buttons) go through `neutralise_wagtail_exports`, applied in WebsiteConfig.ready.
"""

import functools

# Fullwidth forms too: some spreadsheet programs read "＝" (U+FF1D) as "=".
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def safe_cell(value) -> str:
    """`value` as text a spreadsheet program shows and never runs ("" for None)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def neutralise_wagtail_exports() -> None:
    """Make every Wagtail spreadsheet export pass its text cells and headings through
    `safe_cell`.

    Wagtail writes them raw (its XLSX writer only stops openpyxl from storing a formula; the
    cell still holds "=…", which becomes a formula when edited, and its CSV is raw). Wagtail
    has no setting or hook for this, and the exports are in many views (reports, listings,
    form submissions), so the one place all of them pass through is patched:
    `SpreadsheetExportMixin.preprocess_field_value` (each cell, both formats) and
    `get_heading`. Numbers and dates keep their type. tests/website/test_spreadsheets.py pins
    both methods' signatures and that every export calls them: when a Wagtail upgrade fails
    it, find the method the CSV and XLSX writers now call for each value and patch that."""
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    if getattr(SpreadsheetExportMixin, "_cells_neutralised", False):
        return
    preprocess, heading = (
        SpreadsheetExportMixin.preprocess_field_value,
        SpreadsheetExportMixin.get_heading,
    )

    @functools.wraps(preprocess)
    def preprocess_field_value(self, field, value, export_format):
        value = preprocess(self, field, value, export_format)
        return safe_cell(value) if isinstance(value, str) else value

    @functools.wraps(heading)
    def get_heading(self, queryset, field):
        return safe_cell(heading(self, queryset, field))

    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
    SpreadsheetExportMixin.get_heading = get_heading
    SpreadsheetExportMixin._cells_neutralised = True
