"""Spreadsheets the site writes never run a cell as a formula (issue 14, finding 10a): our own
exports and Wagtail's admin exports (site history, the audit log, …) alike. CSV guards with an
apostrophe; XLSX cells are typed (issue 16): numbers and dates keep their type and text is a
text cell, shown without an apostrophe (a phone number "+47 …" as typed), with Excel's quote
prefix when it begins like a formula."""

import csv
import datetime
import inspect
import io

import pytest
from openpyxl import load_workbook

from website.spreadsheets import csv_bytes, safe_cell, xlsx_bytes

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
    return [cell for row in workbook.active.iter_rows() for cell in row]


def assert_text_never_formula(cells, text):
    """`text` is in the sheet as a text cell, unchanged, quote-prefixed; no cell is a formula."""
    [cell] = [cell for cell in cells if cell.value == text]
    assert cell.data_type == "s" and cell.quotePrefix
    assert not [cell for cell in cells if cell.data_type == "f"]


@pytest.mark.django_db
def test_the_site_history_exports_show_a_formula_name_as_text(
    client, admin_user, formula_named_editor
):
    client.force_login(admin_user)
    url = "/admin/reports/site-history/"
    cells = csv_cells(client.get(url, {"export": "csv"}))
    assert "'" + FORMULA in cells
    assert not [cell for cell in cells if str(cell or "").startswith("=")]
    assert_text_never_formula(xlsx_cells(client.get(url, {"export": "xlsx"})), FORMULA)


@pytest.mark.django_db
def test_the_audit_log_exports_show_a_formula_name_as_text(client, admin_user):
    from website.audit import audit_record
    from website.models import AuditEntry

    audit_record(actor=admin_user, action=AuditEntry.Action.EXPORT, summary=FORMULA)
    client.force_login(admin_user)
    assert "'" + FORMULA in csv_cells(client.get("/admin/revisjonslogg/", {"export": "csv"}))
    cells = xlsx_cells(client.get("/admin/revisjonslogg/", {"export": "xlsx"}))
    assert_text_never_formula(cells, FORMULA)


def test_wagtails_exports_still_pass_every_cell_and_heading_where_we_neutralise_them():
    """website/spreadsheets.py patches two methods of Wagtail's SpreadsheetExportMixin. If this
    fails after a Wagtail upgrade, find what the CSV and XLSX writers now call for each value
    and heading, move the patch there (neutralise_wagtail_exports) and update this test."""
    from wagtail.admin.views.mixins import SpreadsheetExportMixin as Mixin

    assert Mixin._cells_neutralised
    for method, parameters in (
        (Mixin.preprocess_field_value, ["self", "field", "value", "export_format"]),
        (Mixin.get_heading, ["self", "queryset", "field"]),
        (Mixin.generate_xlsx_row, ["self", "worksheet", "row_dict", "date_format"]),
    ):
        original = method.__wrapped__
        assert list(inspect.signature(original).parameters) == parameters
    for writer in (Mixin.write_csv_row, Mixin.generate_xlsx_row.__wrapped__):
        assert "self.preprocess_field_value(" in inspect.getsource(writer)
    assert "self.generate_xlsx_row(" in inspect.getsource(Mixin.write_xlsx)
    for writer in (Mixin.stream_csv, Mixin.write_xlsx):
        assert "self.get_heading(" in inspect.getsource(writer)


# Our own files: typed XLSX, guarded CSV ------------------------------------------------------

APPLIED = datetime.datetime(2026, 3, 2, 9, 30, tzinfo=datetime.UTC)  # 10:30 in Oslo
ROW = ["Ida Larsen", "+47 99 88 77 66", 42, 87.5, APPLIED, datetime.date(2026, 3, 2), FORMULA, None]
HEADER = ["Navn", "Telefon", "Minutter", "Prosent", "Søkt", "Dato", "Merknad", "Tom"]


def test_xlsx_cells_are_typed_and_text_shows_without_an_apostrophe():
    sheet = load_workbook(io.BytesIO(xlsx_bytes(HEADER, [ROW], title="høst/2026"))).active
    name, phone, minutes, percent, applied, day, formula, empty = sheet[2]
    assert (phone.value, phone.data_type) == ("+47 99 88 77 66", "s")
    assert phone.quotePrefix  # kept as text if someone edits the cell
    assert not name.quotePrefix and name.value == "Ida Larsen"
    assert (minutes.value, minutes.data_type) == (42, "n")
    assert (percent.value, percent.data_type) == (87.5, "n")
    assert applied.value == datetime.datetime(2026, 3, 2, 10, 30)  # local time, as a date
    assert applied.is_date and applied.number_format == "DD.MM.YYYY HH:MM"
    assert day.is_date and day.value.date() == datetime.date(2026, 3, 2)
    assert (formula.value, formula.data_type, formula.quotePrefix) == (FORMULA, "s", True)
    assert empty.value is None
    assert [cell.value for cell in sheet[1]] == HEADER and sheet[1][0].font.b
    assert sheet.freeze_panes == "A2" and sheet.title == "høst2026"


def test_csv_keeps_the_apostrophe_guard_and_writes_dates_as_local_text():
    text = csv_bytes(HEADER, [ROW]).decode("utf-8-sig")
    [header, row] = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert header == HEADER
    assert row == [
        "Ida Larsen",
        "'+47 99 88 77 66",
        "42",
        "87.5",
        "2026-03-02 10:30",
        "2026-03-02",
        "'" + FORMULA,
        "",
    ]


def test_a_control_character_in_a_name_does_not_break_the_xlsx():
    content = xlsx_bytes(["Navn"], [["Ida\x07 Larsen"]], title="x")
    assert load_workbook(io.BytesIO(content)).active["A2"].value == "Ida Larsen"


@pytest.mark.django_db
def test_the_participant_export_writes_the_phone_number_as_typed(organisations):
    from cohorts.exports import participant_rows, to_xlsx
    from cohorts.services import enrolment_apply
    from tests.factories import make_gathering, make_participant

    participant = make_participant(organisations["MHU"], name="Ida Larsen")
    participant.phone = "+47 99 88 77 66"
    participant.save()
    enrolment = enrolment_apply(
        participant=participant,
        gathering=make_gathering(organisations),
        organisation=organisations["MHU"],
    )
    header, rows = participant_rows([enrolment], include_sensitive=False)
    sheet = load_workbook(io.BytesIO(to_xlsx(header, rows, title="samling"))).active
    cells = dict(zip(header, sheet[2], strict=True))
    assert cells["Telefon"].value == "+47 99 88 77 66"
    assert cells["Søkt"].is_date
