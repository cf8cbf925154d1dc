"""Pure builders for participant lists: rows in, CSV or XLSX bytes out. No queries."""

import csv
import io

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

from website.spreadsheets import safe_cell

from .models import Participant


def participant_rows(enrolments, *, include_sensitive: bool):
    """Header and rows for the enrolments (already fetched with participant and user)."""
    header = ["Navn", "E-post", "Telefon", "Kommune", "Organisasjon", "Status", "Søkt", "Behov"]
    if include_sensitive:
        header += [
            "Kosthold",
            "Tilrettelegging",
            "Nødkontakt",
            "Nødkontakt telefon",
            "Foresatt",
            "Foresattes e-post",
        ]
    rows = []
    for enrolment in enrolments:
        participant = enrolment.participant
        row = [
            participant.full_name,
            participant.user.email,
            participant.phone,
            participant.municipality,
            enrolment.organisation.short_code,
            str(enrolment.get_state_display()),
            timezone.localtime(enrolment.applied_at).strftime("%Y-%m-%d %H:%M"),
            enrolment.needs,
        ]
        if include_sensitive:
            row += [getattr(participant, field) for field in Participant.SENSITIVE_FIELDS]
        rows.append(row)
    return header, rows


def to_csv(header, rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(header)
    writer.writerows([[safe_cell(value) for value in row] for row in rows])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # BOM: Excel reads æøå correctly


def to_xlsx(header, rows, *, title: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([safe_cell(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def attendance_rows(report):
    """Header and rows for an attendance report (from selectors.attendance_report)."""
    header = ["Navn", "Organisasjon"]
    header += [
        f"{s.title} ({timezone.localtime(s.starts_at):%d.%m %H:%M})" for s in report["sessions"]
    ]
    header += ["Minutter til stede", "Prosent", "Fullført", "Merknad"]
    rows = []
    for row in report["rows"]:
        completion = row["completion"]
        rows.append(
            [
                row["enrolment"].participant.full_name,
                row["enrolment"].organisation.short_code,
                *[str(cell.get_status_display()) if cell else "–" for cell in row["cells"]],
                completion.attended_minutes,
                "" if completion.percent is None else completion.percent,
                "Ja" if completion.complete else "Nei",
                str(completion.reason),
            ]
        )
    return header, rows
