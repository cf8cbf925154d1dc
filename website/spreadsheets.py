"""Cells of every spreadsheet the site writes (CSV and XLSX), safe to open and typed.

A cell that begins with `=`, `+`, `-` or `@` (or a tab or carriage return before one) is run
as a formula by Excel, LibreOffice and Google Sheets: a participant named
`=HYPERLINK("http://x","y")` becomes a link, or worse, in a coordinator's export (CSV/formula
injection, OWASP).

- CSV has no types: `safe_cell` puts an apostrophe in front of such a cell, which spreadsheet
  programs show as text (`csv_bytes` writes a whole file that way).
- XLSX has types (`xlsx_append`, `xlsx_bytes`): numbers are numbers, dates are dates, and
  text is a text cell, so nothing needs an apostrophe — a phone number "+47 …" shows as
  typed. A text cell that begins like a formula also gets Excel's "quote prefix" (what typing
  an apostrophe in Excel stores: not shown, and editing the cell keeps it text).

Our own exports (cohorts/exports.py, the reports) use these; Wagtail's admin exports (the
site history and audit log, the users listing, every report and listing with CSV/XLSX
buttons) go through `neutralise_wagtail_exports`, applied in WebsiteConfig.ready.
"""

import csv
import datetime
import decimal
import functools
import io
import re

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Font

# Fullwidth forms too: some spreadsheet programs read "＝" (U+FF1D) as "=".
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def safe_cell(value) -> str:
    """`value` as text a spreadsheet program shows and never runs ("" for None)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_text(value) -> str:
    """A typed value as CSV text: local date and time as in our XLSX, numbers plainly."""
    if isinstance(value, datetime.datetime):
        return _local(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%Y-%m-%d")
    return "" if value is None else str(value)


def csv_bytes(header, rows) -> bytes:
    """A CSV file (semicolons, UTF-8 with a BOM so that Excel reads æøå), every cell safe."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([safe_cell(csv_text(value)) for value in header])
    writer.writerows([[safe_cell(csv_text(value)) for value in row] for row in rows])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


DATE_FORMAT = "DD.MM.YYYY"
DATETIME_FORMAT = "DD.MM.YYYY HH:MM"


def _local(moment: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(moment) if timezone.is_aware(moment) else moment


def xlsx_cell(sheet, value, *, bold: bool = False) -> Cell:
    """One typed XLSX cell: a number stays a number, a date or time a date (local time;
    spreadsheets have no time zones), True/False a boolean, and anything else text — never
    a formula (see the module docstring)."""
    number_format = None
    if isinstance(value, datetime.datetime):
        value, number_format = _local(value).replace(tzinfo=None), DATETIME_FORMAT
    elif isinstance(value, datetime.date):
        number_format = DATE_FORMAT
    elif isinstance(value, decimal.Decimal):
        value = float(value)
    elif value is not None and not isinstance(value, bool | int | float):
        value = ILLEGAL_CHARACTERS_RE.sub("", str(value))  # (openpyxl refuses control codes)
    cell = Cell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # openpyxl would store "=…" as a formula
        cell.quotePrefix = value.startswith(FORMULA_STARTS)
    if number_format:
        cell.number_format = number_format
    if bold:
        cell.font = Font(bold=True)
    return cell


def xlsx_append(sheet, values, *, bold: bool = False) -> None:
    """Append a row of typed cells to an openpyxl sheet."""
    sheet.append([xlsx_cell(sheet, value, bold=bold) for value in values])


def xlsx_bytes(header, rows, *, title: str, widths: dict | None = None) -> bytes:
    """A one-sheet XLSX file: a bold heading row that stays in view, typed cells, and
    columns wide enough for their heading (or `widths`: {column index: characters})."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = re.sub(r"[\\/?*\[\]:]", "", ILLEGAL_CHARACTERS_RE.sub("", title))[:31] or "Ark"
    xlsx_append(sheet, header, bold=True)
    for row in rows:
        xlsx_append(sheet, row)
    sheet.freeze_panes = "A2"
    for index, heading in enumerate(header):
        width = (widths or {}).get(index) or min(max(len(str(heading)) + 2, 10), 40)
        sheet.column_dimensions[sheet.cell(row=1, column=index + 1).column_letter].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def neutralise_wagtail_exports() -> None:
    """Make every Wagtail spreadsheet export safe by the same rule as ours: CSV cells and
    headings through `safe_cell`; XLSX text cells stay text (Wagtail stores them as strings)
    and get the quote prefix when they begin like a formula, with no apostrophe shown.

    Wagtail writes them raw (its XLSX writer only stops openpyxl from storing a formula; the
    cell still holds "=…", which becomes a formula when edited, and its CSV is raw). Wagtail
    has no setting or hook for this, and the exports are in many views (reports, listings,
    form submissions), so the one place all of them pass through is patched:
    `SpreadsheetExportMixin.preprocess_field_value` (each cell, both formats),
    `generate_xlsx_row` (the XLSX cells it yields) and `get_heading`. Numbers and dates keep
    their type. tests/website/test_spreadsheets.py pins the methods' signatures and that
    every export calls them: when a Wagtail upgrade fails it, find the method the CSV and
    XLSX writers now call for each value and patch that."""
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    if getattr(SpreadsheetExportMixin, "_cells_neutralised", False):
        return
    preprocess, heading, xlsx_row = (
        SpreadsheetExportMixin.preprocess_field_value,
        SpreadsheetExportMixin.get_heading,
        SpreadsheetExportMixin.generate_xlsx_row,
    )

    @functools.wraps(preprocess)
    def preprocess_field_value(self, field, value, export_format):
        value = preprocess(self, field, value, export_format)
        if isinstance(value, str) and export_format != self.FORMAT_XLSX:
            return safe_cell(value)
        return value

    @functools.wraps(xlsx_row)
    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        for cell in xlsx_row(self, worksheet, row_dict, date_format):
            if isinstance(cell.value, str):
                cell.value = ILLEGAL_CHARACTERS_RE.sub("", cell.value)
                cell.data_type = "s"
                cell.quotePrefix = cell.value.startswith(FORMULA_STARTS)
            yield cell

    @functools.wraps(heading)
    def get_heading(self, queryset, field):
        return safe_cell(heading(self, queryset, field))

    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
    SpreadsheetExportMixin.generate_xlsx_row = generate_xlsx_row
    SpreadsheetExportMixin.get_heading = get_heading
    SpreadsheetExportMixin._cells_neutralised = True
