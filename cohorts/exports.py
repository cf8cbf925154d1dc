"""Pure builders for participant lists: rows in, CSV or XLSX bytes out. No queries.
Rows hold typed values (numbers, dates, text); website/spreadsheets.py writes them typed in
XLSX and as safe text in CSV."""

from django.utils import timezone

from website.spreadsheets import csv_bytes, xlsx_bytes

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
            enrolment.applied_at,
            enrolment.needs,
        ]
        if include_sensitive:
            row += [getattr(participant, field) for field in Participant.SENSITIVE_FIELDS]
        rows.append(row)
    return header, rows


def to_csv(header, rows) -> bytes:
    return csv_bytes(header, rows)


def to_xlsx(header, rows, *, title: str) -> bytes:
    return xlsx_bytes(header, rows, title=title, widths=_widths(header))


def _widths(header) -> dict:
    """Names, addresses and free text get room; the rest as wide as their heading."""
    wide = {"Navn": 24, "E-post": 30, "Telefon": 16, "Behov": 40, "Merknad": 40, "Søkt": 17}
    return {index: wide[heading] for index, heading in enumerate(header) if heading in wide}


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
                completion.percent,
                "Ja" if completion.complete else "Nei",
                str(completion.reason),
            ]
        )
    return header, rows
