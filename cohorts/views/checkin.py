"""Check-in at the door: the coordinator's tablet page, the QR screen, the participant's scan."""

from datetime import timedelta

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from website import policy
from website.parsing import whole_number

from .. import exports, pdf, services
from ..models import Attendance, Enrolment, Gathering, Session
from ..selectors import (
    attendance_report,
    checkin_list,
    current_session,
)


def _gathering(request, pk):
    return policy.get_or_404(request.user, Gathering.objects.all(), policy.RUN, pk=pk)


# Rows per page of the door's list: at 1,000 confirmed participants the page stays a few
# hundred KB and well under 300 ms (bench/coordinator_lists.py); each page link names its
# first and last participant, so the person at the door knows where to look.
CHECKIN_PAGE_SIZE = 100


def _page_number(value, pages):
    number = whole_number(value) or 1
    return min(max(number, 1), pages)


def _paged(rows, value, name):
    """The rows of page `value` (`?side=`, pages of CHECKIN_PAGE_SIZE), its number, and the
    links to every page, each naming its first and last person (`name(row)`); no links when
    everyone fits on one page."""
    pages = max(1, -(-len(rows) // CHECKIN_PAGE_SIZE))
    number = _page_number(value, pages)
    page_links = [
        {
            "number": n,
            "first": name(rows[(n - 1) * CHECKIN_PAGE_SIZE]),
            "last": name(rows[min(n * CHECKIN_PAGE_SIZE, len(rows)) - 1]),
        }
        for n in range(1, pages + 1)
        if rows and pages > 1
    ]
    return rows[(number - 1) * CHECKIN_PAGE_SIZE : number * CHECKIN_PAGE_SIZE], number, page_links


def checkin(request, pk):
    """The door tablet: one page per session, full screen without the admin's sidebar; tap a
    status for each participant. ONE form for the whole list (a button per participant and
    status, `mark=<enrolment>:<status>`, one CSRF token), so the page stays small at 1,000;
    "Minutes or other change" opens one row's fields (`?endre=<enrolment>`) in a second form.
    Works without JavaScript (the page comes back at the same row); with it
    (static/js/checkin.js) a tap is saved in the background and retried when it fails."""
    gathering = _gathering(request, pk)
    now = timezone.now()
    sessions = list(gathering.sessions.order_by("starts_at"))
    margin = timedelta(minutes=gathering.checkin_margin_minutes)
    open_now = [s for s in sessions if s.starts_at - margin <= now <= s.ends_at]
    session = None
    if request.GET.get("okt"):
        session = next((s for s in sessions if str(s.pk) == request.GET["okt"]), None)
    session = session or current_session(gathering, now)
    # A NUL character (which PostgreSQL refuses in a query) is dropped, not a server error.
    query = request.GET.get("q", "").replace("\x00", "").strip()[:100]
    rows = (
        checkin_list(gathering=gathering, session=session, user=request.user, query=query)
        if session
        else []
    )
    rows, number, page_links = _paged(rows, request.GET.get("side"), lambda row: row["name"])
    editing = whole_number(request.GET.get("endre"))
    counts = (
        Enrolment.objects.filter(gathering=gathering, state=Enrolment.State.CONFIRMED).aggregate(
            expected=Count("id"),
            present=Count(
                "attendances",
                filter=Q(
                    attendances__session=session,
                    attendances__status__in=Attendance.PRESENT_STATUSES,
                ),
            ),
        )
        if session
        else {"expected": 0, "present": 0}
    )
    return render(
        request,
        "cohorts/admin/checkin.html",
        {
            "gathering": gathering,
            "sessions": sessions,
            "session": session,
            "open_now": open_now[0] if open_now else None,
            "rows": rows,
            "query": query,
            "page_number": number,
            "page_links": page_links,
            "editing": editing,
            "counts": counts,
            "statuses": Attendance.Status.choices,
            "ended": now >= gathering.ends_at,
        },
    )


@require_POST
def checkin_mark(request, pk):
    gathering = _gathering(request, pk)
    session = get_object_or_404(
        Session, pk=whole_number(request.POST.get("session")), gathering=gathering
    )
    # The list's one form sends the tapped button as `mark=<enrolment>:<status>`; the row's
    # "other change" form (and the JavaScript) send `enrolment` and `status`.
    enrolment_id, status = request.POST.get("enrolment"), request.POST.get("status", "")
    if request.POST.get("mark"):
        enrolment_id, _colon, status = request.POST["mark"].partition(":")
    # Only the rows the check-in list shows (confirmed seats): anything else, such as another
    # organisation's pending application, is answered as an id that does not exist.
    enrolment = policy.get_or_404(
        request.user,
        Enrolment.objects.select_related("participant").filter(
            gathering=gathering, state=Enrolment.State.CONFIRMED
        ),
        policy.RUN,
        pk=whole_number(enrolment_id),
    )
    minutes = whole_number(request.POST.get("minutes"))
    try:
        services.attendance_mark(
            enrolment=enrolment,
            session=session,
            status=status,
            minutes=minutes,
            reason=request.POST.get("reason", ""),
            actor=request.user,
        )
    except services.AttendanceError as error:
        messages.error(request, f"{enrolment.participant.full_name}: {error.message}")
    query = {"okt": session.pk}
    if request.POST.get("q"):
        query["q"] = request.POST["q"]
    if whole_number(request.POST.get("side")) and whole_number(request.POST["side"]) > 1:
        query["side"] = whole_number(request.POST["side"])
    # Back at the same row (without JavaScript the page reloads; it should not jump to the top).
    return redirect(
        f"{reverse('cohorts_admin_checkin', args=[gathering.pk])}?{urlencode(query)}"
        f"#rad-{enrolment.pk}"
    )


@never_cache
def checkin_qr(request, pk, session_pk):
    """The screen by the door: a QR code that changes every minute (the page reloads itself)."""
    gathering = _gathering(request, pk)
    session = get_object_or_404(Session, pk=session_pk, gathering=gathering)
    path = reverse("session_checkin", args=[session.pk, services.checkin_token(session=session)])
    url = request.build_absolute_uri(path)
    return render(
        request,
        "cohorts/admin/checkin_qr.html",
        {
            "gathering": gathering,
            "session": session,
            "url": url,
            "qr": segno.make(url, error="m").svg_inline(scale=10, dark="#000", light="#fff"),
            "page_title": session.title,
            "page_subtitle": _("Scan to check in"),
            "header_icon": "tick",
        },
    )


@never_cache
@login_required
def session_checkin(request, session_pk, token):
    """`/samlinger/innsjekk/<session>/<token>/`: the participant confirms with one tap."""
    session = Session.objects.select_related("gathering").filter(pk=session_pk).first()
    if session is None:
        raise Http404
    result = error = None
    if request.method == "POST":
        try:
            result, _changed = services.checkin_by_qr(
                session_id=session.pk, token=token, user=request.user
            )
        except services.AttendanceError as refusal:
            error = refusal.message
    return render(
        request,
        "cohorts/session_checkin.html",
        {"session": session, "result": result, "error": error},
        status=400 if error else 200,
    )


def report(request, pk):
    """Attendance per gathering: grid, totals, completion; export as CSV or XLSX. Only for
    the gathering's coordinators and administrators; anyone else gets 404. A coordinator sees
    their own organisations' members only (design rule 6). More than 100 people come in pages
    of 100 as at the door (`?side=`); the totals and the files count everyone."""
    gathering = _gathering(request, pk)
    data = attendance_report(gathering=gathering, user=request.user)
    file_format = request.GET.get("format")
    if file_format in ("csv", "xlsx"):
        header, rows = exports.attendance_rows(data)
        services.personal_data_exported(
            viewer=request.user,
            participants=[row["enrolment"].participant for row in data["rows"]],
            object_label=gathering.title,
            what=_("Attendance report (%(format)s)") % {"format": file_format.upper()},
            sensitive=False,
        )
        name = f"oppmote-{gathering.slug}"
        if file_format == "xlsx":
            response = HttpResponse(
                exports.to_xlsx(header, rows, title=gathering.slug),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        else:
            response = HttpResponse(
                exports.to_csv(header, rows), content_type="text/csv; charset=utf-8"
            )
        response["Content-Disposition"] = f'attachment; filename="{name}.{file_format}"'
        return response
    rows, number, page_links = _paged(
        data["rows"], request.GET.get("side"), lambda row: row["enrolment"].participant.full_name
    )
    return render(
        request,
        "cohorts/admin/attendance_report.html",
        {
            "gathering": gathering,
            "report": data,
            "rows": rows,
            "page_number": number,
            "page_links": page_links,
            "everyone": request.user.is_superuser,
            "page_title": gathering.title,
            "page_subtitle": _("Attendance"),
            "header_icon": "list-ul",
        },
    )


def signin_sheet(request, pk, session_pk):
    """A printable sign-in sheet for one session (PDF), for when the network fails. It lies
    on the table at the door for everyone to sign: names only (`pdf.signin_sheet_html`)."""
    gathering = _gathering(request, pk)
    session = get_object_or_404(Session, pk=session_pk, gathering=gathering)
    rows = checkin_list(gathering=gathering, session=session, user=request.user)
    content = pdf.html_to_pdf(
        pdf.signin_sheet_html(gathering=gathering, session=session, rows=rows)
    )
    services.personal_data_exported(
        viewer=request.user,
        participants=[row["enrolment"].participant for row in rows],
        object_label=f"{gathering.title}: {session.title}",
        what=_("Sign-in sheet (PDF)"),
        sensitive=False,
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="innsjekk-{gathering.slug}-{session.pk}.pdf"'
    )
    return response
