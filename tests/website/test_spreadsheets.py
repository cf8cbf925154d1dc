"""Spreadsheets the site writes never run a cell as a formula (issue 14, finding 10a): our own
exports and Wagtail's admin exports (site history, the audit log, …) alike."""

import csv
import inspect
import io

import pytest
from openpyxl import load_workbook

from website.spreadsheets import safe_cell

FORMULA = '=HYPERLINK("http://x","y")'


@pytest.mark.parametrize(
    "value, shown",
    [
        (FORMULA, "'" + FORMULA),
        ("+47 99 88 77 66", "'+47 99 88 77 66"),
        ("-1+1", "'-1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("＝1+1", "'＝1+1"),
        ("Ida = Larsen", "Ida = Larsen"),
        (None, ""),
        (42, "42"),
    ],
)
def test_a_cell_that_would_start_a_formula_is_shown_as_text(value, shown):
    assert safe_cell(value) == shown


@pytest.fixture
def formula_named_editor(site_tree):
    """Someone named like a formula edited the home page: the site history shows their name."""
    from django.contrib.auth import get_user_model
    from wagtail.log_actions import log

    editor = get_user_model().objects.create_user(
        email="redaktor@example.org", password="x", first_name=FORMULA
    )
    log(instance=site_tree, action="wagtail.edit", user=editor)
    return editor


def csv_cells(response) -> list[str]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def xlsx_cells(response) -> list:
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return [cell.value for row in workbook.active.iter_rows() for cell in row]


@pytest.mark.django_db
def test_the_site_history_exports_show_a_formula_name_as_text(
    client, admin_user, formula_named_editor
):
    client.force_login(admin_user)
    url = "/admin/reports/site-history/"
    for cells in (
        csv_cells(client.get(url, {"export": "csv"})),
        xlsx_cells(client.get(url, {"export": "xlsx"})),
    ):
        assert "'" + FORMULA in cells
        assert not [cell for cell in cells if str(cell or "").startswith("=")]


@pytest.mark.django_db
def test_the_audit_log_exports_show_a_formula_name_as_text(client, admin_user):
    from website.audit import audit_record
    from website.models import AuditEntry

    audit_record(actor=admin_user, action=AuditEntry.Action.EXPORT, summary=FORMULA)
    client.force_login(admin_user)
    for cells in (
        csv_cells(client.get("/admin/revisjonslogg/", {"export": "csv"})),
        xlsx_cells(client.get("/admin/revisjonslogg/", {"export": "xlsx"})),
    ):
        assert "'" + FORMULA in cells


def test_wagtails_exports_still_pass_every_cell_and_heading_where_we_neutralise_them():
    """website/spreadsheets.py patches two methods of Wagtail's SpreadsheetExportMixin. If this
    fails after a Wagtail upgrade, find what the CSV and XLSX writers now call for each value
    and heading, move the patch there (neutralise_wagtail_exports) and update this test."""
    from wagtail.admin.views.mixins import SpreadsheetExportMixin as Mixin

    assert Mixin._cells_neutralised
    for method, parameters in (
        (Mixin.preprocess_field_value, ["self", "field", "value", "export_format"]),
        (Mixin.get_heading, ["self", "queryset", "field"]),
    ):
        original = method.__wrapped__
        assert list(inspect.signature(original).parameters) == parameters
    for writer in (Mixin.write_csv_row, Mixin.generate_xlsx_row):
        assert "self.preprocess_field_value(" in inspect.getsource(writer)
    for writer in (Mixin.stream_csv, Mixin.write_xlsx):
        assert "self.get_heading(" in inspect.getsource(writer)
