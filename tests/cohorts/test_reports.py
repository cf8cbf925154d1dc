"""Reports (/admin/rapporter/): the figures against a database built here, small groups as
"< 5", scope per organisation, the XLSX read back, the PDF's text, and the query counts."""

import datetime
import io
import subprocess
import tempfile
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from certificates.codes import new_code
from certificates.models import Certificate
from cohorts.models import Attendance, Enrolment, Participant, Session
from cohorts.reports.documents import year_table
from cohorts.reports.selectors import report_for
from tests.factories import (
    log_in_with_admin_access,
    make_coordinator,
    make_gathering,
    mark_present,
)

pytestmark = pytest.mark.django_db
State = Enrolment.State
OSLO = ZoneInfo("Europe/Oslo")
YEAR = 2025
STARTS = datetime.datetime(YEAR, 6, 10, 10, 0, tzinfo=OSLO)


def gathering_in(organisations, *, year=YEAR, level="new", starts=STARTS, sessions=2):
    gathering = make_gathering(
        organisations,
        level=level,
        year=year,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(days=1),
        enrolment_opens_at=starts - datetime.timedelta(days=60),
        enrolment_closes_at=starts - datetime.timedelta(days=10),
        status="completed",
        title=f"Samling {level} {year}",
    )
    for number in range(sessions):
        Session.objects.create(
            gathering=gathering,
            title=f"Økt {number + 1}",
            starts_at=starts + datetime.timedelta(hours=2 * number),
            ends_at=starts + datetime.timedelta(hours=2 * number, minutes=60),
        )
    return gathering


_people = iter(range(1, 100_000))


def person(organisation, born):
    number = next(_people)
    user = get_user_model().objects.create_user(email=f"rapport{number}@example.org")
    participant = Participant.objects.create(
        user=user, full_name=f"Rapport Person {number}", birth_date=born
    )
    participant.organisations.add(organisation)
    return participant


def enrol(gathering, organisation, *, state=State.CONFIRMED, born=datetime.date(2003, 1, 1),
          attendance=(), certificate=None, waitlisted=False):  # fmt: skip
    """An enrolment as it stands after the gathering; `attendance`: (status, minutes) per
    session in order; `certificate`: "live" or "revoked"."""
    enrolment = Enrolment.objects.create(
        participant=person(organisation, born),
        gathering=gathering,
        organisation=organisation,
        state=state,
        waitlisted_at=STARTS - datetime.timedelta(days=20) if waitlisted else None,
    )
    sessions = list(gathering.sessions.order_by("starts_at"))
    for session, (status, minutes) in zip(sessions, attendance, strict=False):
        Attendance.objects.create(
            enrolment=enrolment,
            session=session,
            status=status,
            minutes_attended=minutes,
            marked_at=session.starts_at,
            method="coordinator",
        )
    if certificate:
        Certificate.objects.create(
            code=new_code(),
            enrolment=enrolment,
            level=gathering.level,
            holder_name=enrolment.participant.full_name,
            issued_at=STARTS + datetime.timedelta(days=3),
            revoked_at=STARTS + datetime.timedelta(days=5) if certificate == "revoked" else None,
        )
    return enrolment


BOTH = (("present", 60), ("present", 60))


@pytest.fixture
def year_of_figures(organisations):
    """2025: MHU at the new level with every kind of outcome, one BAR application, an
    advanced gathering nobody applied to, and a 2024 gathering that must not count."""
    mhu, bar = organisations["MHU"], organisations["BAR"]
    new = gathering_in(organisations)
    gathering_in(organisations, level="advanced", starts=STARTS + datetime.timedelta(days=90))
    enrol(new, mhu, born=datetime.date(2008, 6, 10), attendance=BOTH, certificate="live")  # 17
    enrol(new, mhu, born=datetime.date(2007, 6, 10), attendance=BOTH, certificate="live")  # 18
    enrol(new, mhu, born=datetime.date(2006, 1, 1), attendance=BOTH, certificate="live")  # 19
    # turns 18 the day after: still 16–17; half the time: not completed
    enrol(new, mhu, born=datetime.date(2007, 6, 11), attendance=(("present", 60), ("absent", 0)))
    # excused from the second session: 60 of 60 counted minutes, completed; certificate revoked
    enrol(
        new, mhu, born=datetime.date(2003, 1, 1),
        attendance=(("present", 60), ("excused", 0)), certificate="revoked",
    )  # fmt: skip
    enrol(
        new,
        mhu,
        born=datetime.date(1995, 1, 1),
        attendance=(("late", 50), ("present", 60)),
        certificate="live",
    )  # fmt: skip  30: 110 of 120 minutes
    enrol(new, mhu, born=datetime.date(2004, 1, 1))  # a seat, never came
    enrol(new, mhu, state=State.CANCELLED, waitlisted=True)
    enrol(new, mhu, state=State.WAITLISTED, waitlisted=True)
    enrol(new, bar, state=State.APPLIED)
    earlier = gathering_in(
        organisations, year=YEAR - 1, starts=STARTS - datetime.timedelta(days=365)
    )
    enrol(earlier, mhu, attendance=BOTH, certificate="live")
    return {"new": new, "mhu": mhu, "bar": bar}


def admin():
    return get_user_model().objects.create_superuser(email="admin.rapport@example.org")


# Figures -----------------------------------------------------------------------------------


def test_the_figures_count_each_outcome_once_per_organisation_and_level(year_of_figures):
    mhu = year_of_figures["mhu"]
    report = report_for(user=admin(), year=YEAR)
    cell = report.cell(mhu.pk, "new")
    assert (
        cell.applications, cell.accepted, cell.waiting, cell.cancelled,
        cell.attended, cell.completed, cell.certificates,
    ) == (9, 7, 2, 1, 6, 5, 4)  # fmt: skip
    assert cell.ages == {"under_16": 0, "16_17": 2, "18_20": 2, "21_25": 1, "26_over": 1}
    assert cell.attended_minutes == 120 * 3 + 60 + 60 + 110
    assert report.cell(year_of_figures["bar"].pk, "new").applications == 1
    assert report.levels == ["new", "advanced"]
    assert report.teaching_hours(mhu.pk) == 2.0  # two sessions of an hour were held
    assert report.teaching_hours(year_of_figures["bar"].pk) == 0


def test_small_groups_show_as_less_than_5_and_0_as_0(year_of_figures):
    coordinator = make_coordinator(year_of_figures["mhu"])
    new, advanced, total = year_table(report_for(user=coordinator, year=YEAR))
    assert (new.organisation, new.level) == ("Mental Helse Ungdom", "Nye brukermedvirkere")
    assert new.figures == [9, 7, "< 5", "< 5", 6, 5, "< 5"]
    assert new.ages == [0, "< 5", "< 5", "< 5", "< 5"]
    assert new.completion_percent == round(100 * 5 / 7)
    assert advanced.figures == [0] * 7 and advanced.completion_percent is None
    assert total.figures == new.figures and total.is_total


def test_a_total_does_not_give_a_small_group_away(year_of_figures):
    """BAR's one application: 10 in all less MHU's 9 would be 1, so MHU's 9 is hidden too."""
    rows = year_table(report_for(user=admin(), year=YEAR))
    row = {(r.organisation, r.level): r for r in rows}
    new = "Nye brukermedvirkere"
    assert row[("Barn av rusmisbrukere", new)].figures[0] == "< 5"
    assert row[("Mental Helse Ungdom", new)].figures[0] == "≥ 5"
    assert row[("Mental Helse Ungdom", "Alle nivåer")].figures[0] == "≥ 5"
    assert row[("Alle organisasjoner", new)].figures[0] == 10
    assert row[("Alle organisasjoner", "Alle nivåer")].figures[0] == 10
    # accepted: BAR has none, so nothing to protect
    assert row[("Mental Helse Ungdom", new)].figures[1] == 7


def test_a_year_without_enrolments_counts_zero(organisations):
    gathering_in(organisations, year=2030, starts=STARTS.replace(year=2030))
    total = year_table(report_for(user=admin(), year=2030))[-1]
    assert total.figures == [0] * 7 and total.ages == [0] * 5


# Pages and scope ---------------------------------------------------------------------------


def test_a_coordinator_sees_their_own_organisation_only(client, year_of_figures):
    coordinator = make_coordinator(year_of_figures["mhu"])
    log_in_with_admin_access(client, coordinator)
    response = client.get(f"/admin/rapporter/?ar={YEAR}")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Mental Helse Ungdom" in html
    assert "Barn av rusmisbrukere" not in html
    assert 'role="img"' in html and "<desc" in html and 'id="figures-table"' in html
    assert "&lt; 5" in html


def test_another_organisations_id_answers_404_as_one_that_does_not_exist(client, year_of_figures):
    coordinator = make_coordinator(year_of_figures["mhu"])
    log_in_with_admin_access(client, coordinator)
    bar = year_of_figures["bar"].pk
    for url in (
        f"/admin/rapporter/?ar={YEAR}&organisasjon={bar}",
        f"/admin/rapporter/rapport.xlsx?ar={YEAR}&organisasjon={bar}",
        f"/admin/rapporter/tilskudd/{bar}.pdf?ar={YEAR}",
        f"/admin/rapporter/tilskudd/{bar}.xlsx?ar={YEAR}",
        f"/admin/rapporter/tilskudd/999999.pdf?ar={YEAR}",
        f"/admin/rapporter/?ar={YEAR}&organisasjon=x",
    ):
        assert client.get(url).status_code == 404, url


def test_an_unknown_year_says_so_in_norwegian(client, year_of_figures):
    coordinator = make_coordinator(year_of_figures["mhu"])
    log_in_with_admin_access(client, coordinator)
    response = client.get("/admin/rapporter/?ar=1999")
    assert response.status_code == 404
    assert "Det finnes ingen tall for året «1999»" in response.content.decode()
    assert client.get("/admin/rapporter/?ar=tjue").status_code == 404
    assert client.get("/admin/rapporter/rapport.pdf?ar=1999").status_code == 404
    assert client.get("/admin/rapporter/rapport.doc").status_code == 404


def test_someone_without_organisations_or_gatherings_finds_no_reports(client, year_of_figures):
    editor = get_user_model().objects.create_user(email="redaktor.rapport@example.org")
    log_in_with_admin_access(client, editor)
    assert client.get("/admin/rapporter/").status_code == 404
    mhu = year_of_figures["mhu"].pk
    assert client.get(f"/admin/rapporter/tilskudd/{mhu}.pdf").status_code == 404


def test_the_reports_are_in_wagtails_reports_menu_for_a_coordinator(client, year_of_figures):
    coordinator = make_coordinator(year_of_figures["mhu"])
    log_in_with_admin_access(client, coordinator)
    assert "/admin/rapporter/" in client.get("/admin/").content.decode()


# Files -------------------------------------------------------------------------------------


def test_the_funder_xlsx_has_numbers_as_numbers_and_dates_as_dates(client, year_of_figures):
    coordinator = make_coordinator(year_of_figures["mhu"])
    log_in_with_admin_access(client, coordinator)
    mhu = year_of_figures["mhu"]
    response = client.get(f"/admin/rapporter/tilskudd/{mhu.pk}.xlsx?ar={YEAR}")
    assert response.status_code == 200
    assert "tilskuddsrapport-2025-mhu.xlsx" in response["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [row for row in sheet.iter_rows(values_only=True)]
    assert rows[1][0] == "Mental Helse Ungdom"
    period = next(row for row in rows if row[0] == "Periode")
    assert period[1:3] == (datetime.datetime(YEAR, 1, 1), datetime.datetime(YEAR, 12, 31))
    new = next(row for row in rows if row[0] == "Nye brukermedvirkere")
    # level, participants, five age groups, teaching hours, participant hours, completed,
    # completion rate, certificates
    assert new == ("Nye brukermedvirkere", 6, 0, "< 5", "< 5", "< 5", "< 5", 2, 9.8, 5, 71, "< 5")
    assert isinstance(new[1], int) and isinstance(new[8], float)


def test_the_year_xlsx_lists_each_organisation_and_level(client, year_of_figures):
    client.force_login(admin())
    response = client.get(f"/admin/rapporter/rapport.xlsx?ar={YEAR}")
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    figures, gatherings = workbook.worksheets
    rows = list(figures.iter_rows(values_only=True))
    mhu_new = next(
        r for r in rows if r[1] == "Mental Helse Ungdom" and r[2] == "Nye brukermedvirkere"
    )
    # 9 applications, hidden as "≥ 5": BAR's single one would show in the total otherwise
    assert mhu_new[:10] == (
        YEAR,
        "Mental Helse Ungdom",
        "Nye brukermedvirkere",
        "≥ 5",
        7,
        "< 5",
        "< 5",
        6,
        5,
        "< 5",
    )
    starts = [r[2] for r in gatherings.iter_rows(min_row=2, values_only=True)]
    assert starts[0] == datetime.datetime(YEAR, 6, 10)


def pdf_text(content: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(content)
        file.flush()
        return subprocess.run(
            ["pdftotext", "-layout", file.name, "-"], capture_output=True, check=True, text=True
        ).stdout


def test_the_funder_pdf_names_the_organisation_and_the_period(client, year_of_figures):
    coordinator = make_coordinator(year_of_figures["mhu"])
    log_in_with_admin_access(client, coordinator)
    mhu = year_of_figures["mhu"]
    response = client.get(f"/admin/rapporter/tilskudd/{mhu.pk}.pdf?ar={YEAR}")
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    assert "Mental Helse Ungdom" in text
    assert "1. januar 2025–31. desember 2025" in text
    assert "Rapport Person" not in text  # counts only, no names


def test_the_year_pdf_is_made(client, year_of_figures):
    client.force_login(admin())
    response = client.get(
        f"/admin/rapporter/rapport.pdf?ar={YEAR}&organisasjon={year_of_figures['mhu'].pk}"
    )
    assert response.content.startswith(b"%PDF")
    assert "Mental Helse Ungdom" in pdf_text(response.content)


# Query counts ------------------------------------------------------------------------------


def many(organisations, count, *, first=0):
    """`count` confirmed MHU enrolments in one 2025 gathering, each present at both sessions
    and half of them with a certificate — built in bulk."""
    gathering = gathering_in(organisations)
    sessions = list(gathering.sessions.order_by("starts_at"))
    User = get_user_model()
    users = User.objects.bulk_create(
        [User(email=f"mange{n}@example.org", password="!") for n in range(first, first + count)]
    )
    people = Participant.objects.bulk_create(
        [
            Participant(
                user=user, full_name=f"Mange {n}", birth_date=datetime.date(2000 + n % 9, 1, 1)
            )
            for n, user in enumerate(users)
        ]
    )
    enrolments = Enrolment.objects.bulk_create(
        [
            Enrolment(
                participant=p,
                gathering=gathering,
                organisation=organisations["MHU"],
                state="confirmed",
            )
            for p in people
        ]
    )
    mark_present(enrolments, *sessions, minutes=60)
    Certificate.objects.bulk_create(
        [
            Certificate(
                code=new_code(), enrolment=e, level="new", holder_name="x", issued_at=STARTS
            )
            for e in enrolments[::2]
        ]
    )
    return gathering


@pytest.mark.parametrize("count", [10, 1000])
def test_a_report_takes_the_same_queries_for_10_and_1000_enrolments(
    organisations, count, django_assert_num_queries
):
    many(organisations, count)
    coordinator = make_coordinator(organisations["MHU"])
    with django_assert_num_queries(7):
        report = report_for(user=coordinator, year=YEAR)
    cell = report.cell(organisations["MHU"].pk, "new")
    assert (cell.accepted, cell.attended, cell.completed, cell.certificates) == (
        count, count, count, count // 2,
    )  # fmt: skip


def test_the_report_page_takes_the_same_queries_for_10_and_1000_enrolments(client, organisations):
    """Compared rather than pinned: the admin's menus and panels (other features' hooks) add
    their own queries to every page; the report must add none per enrolment."""
    many(organisations, 10)
    coordinator = make_coordinator(organisations["MHU"])
    log_in_with_admin_access(client, coordinator)
    url = f"/admin/rapporter/?ar={YEAR}"
    client.get(url)  # warm Wagtail's per-process caches
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    many(organisations, 990, first=10)
    with CaptureQueriesContext(connection) as lots:
        assert client.get(url).status_code == 200
    assert len(lots) == len(few) < 40
