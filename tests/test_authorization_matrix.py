"""The authorization matrix: every URL pattern of our apps × every role → the expected outcome.

Design rule 6 (and the README's promises) in one table: coordinators see personal data of their
own organisation only, the gathering's own coordinators run check-in, attendance and invites,
only administrators manage gatherings and organisations, a certificate's PDF is for its holder,
their organisation's coordinators and administrators, and capability links (a guardian's signed
link, a personal calendar feed) work for whoever holds them and for nobody else.

- `our_url_patterns()` walks `website.urls` and keeps the patterns whose view lives in one of
  our apps (`website.`, `courses.`, `cohorts.`, `certificates.`), plus every pattern of a
  Wagtail viewset that our apps register through `register_admin_viewset` (organisations,
  gatherings, the audit log: their views are mostly Wagtail's generic classes, but the data
  and the decision who may see it are ours). Wagtail's own page/image/document/settings
  admin, allauth, i18n and the sitemap are out of scope.
- `MATRIX` has one entry per pattern: how to build a concrete URL from the shared test data,
  the expected GET outcome for each role and, for views that change something, what a POST
  by each role must do. A pattern without an entry (or an entry without a pattern) fails.
- Outcomes: a status code (or a tuple of acceptable ones); `LOGIN` (302 to `/konto/login/`
  or `/admin/login/`); `DENIED` (302 to the admin dashboard `/admin/`: how Wagtail's admin
  answers a PermissionDenied); `REDIRECT` (any other 301/302/303). Cells where the code
  disagrees with the design are wrapped in `bug(expected, reason)`: strict xfail, so fixing
  the code turns them into failures that ask for the mark to be removed.
- The last tests open, as each organisation's coordinator (and as each participant), every
  page and export that role can open and check that no other organisation's participant's
  (another person's) sensitive or otherwise personal field values appear — in HTML, CSV,
  JSON, the XML inside XLSX and the text of PDFs.

The data is built once per module (and per xdist worker) inside a transaction that is rolled
back at the end; every test runs in its own savepoint, so POSTs leave nothing behind.
"""

import datetime
import html
import io
import re
import types
import zipfile
from dataclasses import dataclass

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.utils import timezone

from tests.factories import make_coordinator, make_gathering, make_participant

OUR_APPS = ("website.", "courses.", "cohorts.", "certificates.")

ROLES = (
    "visitor",
    "participant",
    "other_participant",
    "guardian",
    "editor",
    "reviewer",
    "coordinator_same",
    "coordinator_other",
    "administrator",
)
ROLE_GROUPS = {
    "anonymous": ("visitor", "guardian"),
    "participants": ("participant", "other_participant"),
    "editorial": ("editor", "reviewer"),
    "coordinators": ("coordinator_same", "coordinator_other"),
}

LOGIN = "login"
DENIED = "denied"  # Wagtail's answer to PermissionDenied in the admin: 302 to the dashboard
REDIRECT = "redirect"
LOGIN_PATHS = ("/konto/login/", "/admin/login/")


@dataclass(frozen=True)
class Bug:
    """A cell where the code does not do what the design requires (strict xfail)."""

    expected: object
    reason: str


def bug(expected, reason):
    return Bug(expected, f"BUG: {reason}")


class UnexpectedOutcome(AssertionError):
    """The response's status/redirect is not the expected one. xfail cells expect exactly
    this, so any other failure (say, a POST that changed something) still fails loudly."""


def cells(default=None, **given):
    """An outcome for every role: named roles first, then role groups (`anonymous`,
    `participants`, `editorial`, `coordinators`), then `default`."""
    result = {}
    for role in ROLES:
        if role in given:
            result[role] = given[role]
            continue
        group = next((g for g, members in ROLE_GROUPS.items() if role in members), None)
        if group in given:
            result[role] = given[group]
        elif default is not None:
            result[role] = default
        else:
            raise ValueError(f"no outcome for role {role}")
    return result


# Wagtail sends everyone without `wagtailadmin.access_admin` to its login page.
ADMIN_GATE = {"anonymous": LOGIN, "participants": LOGIN}
PUBLIC = cells(200)
# Per organisation: every coordinator with an applicant in the gathering (and a quota there)
# sees the gathering, with their own organisation's applicants only.
ORGANISATION_VIEW = cells(**ADMIN_GATE, editorial=DENIED, coordinators=200, administrator=200)
# The gathering's own coordinators and administrators (check-in, attendance, invites).
GATHERING_TEAM_VIEW = cells(
    **ADMIN_GATE, editorial=404, coordinator_same=200, coordinator_other=404, administrator=200
)
ADMIN_POST_ONLY = cells(405, **ADMIN_GATE)
# Programme administrators manage organisations and gatherings; nobody else.
ADMINISTRATOR_ONLY = cells(**ADMIN_GATE, editorial=DENIED, coordinators=DENIED, administrator=200)
LOGGED_IN = cells(200, anonymous=LOGIN)
# Append-only data: not even administrators may add, change or delete through the admin.
NOBODY = cells(DENIED, **ADMIN_GATE)


# ----------------------------------------------------------------------------------------------
# Collecting the URL patterns
# ----------------------------------------------------------------------------------------------


def _our_viewset_namespaces():
    """URL namespaces of the Wagtail viewsets our apps register."""
    from wagtail import hooks

    namespaces = set()
    for register in hooks.get_hooks("register_admin_viewset"):
        if not register.__module__.startswith(OUR_APPS):
            continue
        viewset = register()
        for item in getattr(viewset, "viewsets", None) or [viewset]:
            namespaces.add(item.url_namespace)
    return namespaces


def _walk(patterns, prefix="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            name = pattern.name and (f"{namespace}:{pattern.name}" if namespace else pattern.name)
            yield prefix + str(pattern.pattern), name, namespace, pattern.callback


def _view_module(callback):
    view_class = getattr(callback, "view_class", None)
    return (view_class or callback).__module__


def pattern_id(route, name):
    """A pattern is known by its URL name (with namespace), else by its route."""
    return name or route


def our_url_patterns():
    """{pattern id: route} for every pattern of our apps (see the module docstring)."""
    namespaces = _our_viewset_namespaces()
    found = {}
    for route, name, namespace, callback in _walk(get_resolver("website.urls").url_patterns):
        ours = _view_module(callback).startswith(OUR_APPS)
        in_our_viewset = namespace.split(":")[-1] in namespaces if namespace else False
        if ours or in_our_viewset:
            key = pattern_id(route, name)
            assert key not in found, f"two patterns share the id {key!r}: give them names"
            found[key] = route
    return found


# ----------------------------------------------------------------------------------------------
# The shared data
# ----------------------------------------------------------------------------------------------

PERSONAL_FIELDS = ("municipality", "phone")  # not in SENSITIVE_FIELDS, still own-organisation
ENROLMENT_FIELDS = ("motivation", "needs")


def _distinctive(label, field):
    from cohorts.models import Participant

    if field == "guardian_email":
        return f"sensitiv-{label.lower()}-foresatt@example.org"
    if field == "email":
        return f"sensitiv-{label.lower()}-epost@example.org"
    max_length = Participant._meta.get_field(field).max_length
    value = f"SENSITIV-{label}-{field}"
    if max_length and len(value) > max_length:
        value = f"SENS-{label}-{field[:6]}"
    return value


def _person(organisation, label, *, age=22):
    """A participant whose every sensitive and personal field says who it belongs to."""
    from cohorts.models import Participant

    participant = make_participant(organisation, age=age, name=f"Deltaker {label}")
    for field in (*Participant.SENSITIVE_FIELDS, *PERSONAL_FIELDS):
        setattr(participant, field, _distinctive(label, field))
    participant.save()
    participant.user.email = _distinctive(label, "email")
    participant.user.save(update_fields=["email"])
    return participant


def _values_of(participant, enrolment=None):
    from cohorts.models import Participant

    values = {f: getattr(participant, f) for f in (*Participant.SENSITIVE_FIELDS, *PERSONAL_FIELDS)}
    values["email"] = participant.user.email
    if enrolment is not None:
        values.update({f: getattr(enrolment, f) for f in ENROLMENT_FIELDS})
    return values


def _build_world():
    from django.apps import apps
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from certificates.services import certificate_issue
    from cohorts import services
    from cohorts.models import Organisation, Session
    from courses.editorial import EDITOR_GROUPS, USER_REVIEWER_GROUP, ensure_editorial_setup
    from website.demo import ensure_site_structure
    from website.models import AuditEntry

    User = get_user_model()
    # A transactional test elsewhere may have flushed what the migrations made.
    ensure_site_structure()
    ensure_editorial_setup(apps)

    organisations = {
        code: Organisation.objects.get_or_create(short_code=code, defaults={"name": name})[0]
        for code, name in [
            ("MHU", "Mental Helse Ungdom"),
            ("BAR", "Barn av rusmisbrukere"),
            ("LFB", "Landsforeningen for barnevernsbarn"),
        ]
    }
    now = timezone.now()
    gathering = make_gathering(
        organisations,
        capacity=30,
        quotas=(10, 10, 10),
        mode="application",
        slug="autorisasjonsmatrise",
        title="Samling for autorisasjonsmatrisen",
        starts_at=now - datetime.timedelta(hours=1),
        ends_at=now + datetime.timedelta(hours=5),
        enrolment_opens_at=now - datetime.timedelta(days=20),
        enrolment_closes_at=now - datetime.timedelta(days=1),
    )
    session = Session.objects.create(
        gathering=gathering,
        title="Hva er brukermedvirkning",
        room="Storsalen",
        starts_at=now - datetime.timedelta(minutes=5),
        ends_at=now + datetime.timedelta(minutes=85),
    )

    coordinator_same = make_coordinator(organisations["MHU"])
    coordinator_other = make_coordinator(organisations["BAR"])
    gathering.coordinators.add(coordinator_same)
    for organisation in organisations.values():
        services.organisation_coordinators_grant_access(organisation=organisation)
    administrator = User.objects.create_superuser(email="admin.matrise@example.org", password="x")
    editor = User.objects.create_user(email="redaktor.matrise@example.org", password="x")
    editor.groups.add(Group.objects.get(name=EDITOR_GROUPS["MHU"]))
    reviewer = User.objects.create_user(email="godkjenner.matrise@example.org", password="x")
    reviewer.groups.add(Group.objects.get(name=USER_REVIEWER_GROUP))

    applied_at = now - datetime.timedelta(days=10)

    def apply(participant, code, label):
        return services.enrolment_apply(
            participant=participant,
            gathering=gathering,
            organisation=organisations[code],
            motivation=f"SENSITIV-{label}-motivation",
            needs=f"SENSITIV-{label}-needs",
            now=applied_at,
        )

    def accept(enrolment):
        return services.enrolment_decide(
            enrolment=enrolment, decision="accept", actor=administrator
        )

    people = {
        "MHU1": ("MHU", _person(organisations["MHU"], "MHU1")),  # "participant"
        "MHU2": ("MHU", _person(organisations["MHU"], "MHU2")),  # confirmed, no certificate
        "MHUAPPL": ("MHU", _person(organisations["MHU"], "MHUAPPL")),  # still applied
        "MHUMINOR": ("MHU", _person(organisations["MHU"], "MHUMINOR", age=16)),  # guardian
        "BAR1": ("BAR", _person(organisations["BAR"], "BAR1")),  # "other participant"
        "BARAPPL": ("BAR", _person(organisations["BAR"], "BARAPPL")),  # still applied
        # Under 18 and not at a gathering now: their guardian may have their data erased.
        "MHUKID": ("MHU", _person(organisations["MHU"], "MHUKID", age=15)),
    }
    enrolments = {
        label: apply(p, code, label) for label, (code, p) in people.items() if label != "MHUKID"
    }
    for label in ("MHU1", "MHU2", "MHUMINOR", "BAR1"):
        enrolments[label] = accept(enrolments[label])
    for enrolment in enrolments.values():
        enrolment.refresh_from_db()
    assert enrolments["MHU1"].state == "confirmed", enrolments["MHU1"].state
    assert enrolments["BAR1"].state == "confirmed"
    assert enrolments["MHUMINOR"].state == "guardian_pending"
    assert enrolments["MHUAPPL"].state == "applied"

    certificate = certificate_issue(
        enrolment=enrolments["MHU1"], actor=administrator, exception_reason="Testdata"
    )
    other_certificate = certificate_issue(
        enrolment=enrolments["BAR1"], actor=administrator, exception_reason="Testdata"
    )

    users = {
        "visitor": None,
        "guardian": None,
        "participant": people["MHU1"][1].user,
        "other_participant": people["BAR1"][1].user,
        "editor": editor,
        "reviewer": reviewer,
        "coordinator_same": coordinator_same,
        "coordinator_other": coordinator_other,
        "administrator": administrator,
    }
    values = {
        label: _values_of(participant, enrolments.get(label))
        for label, (_code, participant) in people.items()
    }
    return types.SimpleNamespace(
        organisations=organisations,
        gathering=gathering,
        session=session,
        people={label: participant for label, (_code, participant) in people.items()},
        organisation_of={label: code for label, (code, _p) in people.items()},
        enrolments=enrolments,
        certificate=certificate,
        other_certificate=other_certificate,
        guardian_token=services.guardian_token(enrolments["MHUMINOR"]),
        guardian_erasure_token=services.guardian_erasure_token(people["MHUKID"][1]),
        feed_token=services.calendar_feed_for(people["MHU1"][1].user).token,
        coordinator_feeds={
            "coordinator_same": services.calendar_feed_for(coordinator_same).token,
            "coordinator_other": services.calendar_feed_for(coordinator_other).token,
        },
        users=users,
        values=values,
        audit_entry=AuditEntry.objects.order_by("pk").values_list("pk", flat=True).first(),
        message=_failed_message(people["MHU1"][1].user),
    )


def _failed_message(user):
    """One of the participant's e-mails, failed for good (administrators may send it again)."""
    from website.models import OutboxMessage

    message = OutboxMessage.objects.filter(about=user).order_by("pk").first()
    OutboxMessage.objects.filter(pk=message.pk).update(state="failed", attempts=8)
    return message.pk


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        data = _build_world()
        yield data
        transaction.set_rollback(True)


# ----------------------------------------------------------------------------------------------
# URL builders
# ----------------------------------------------------------------------------------------------

FORGED_GUARDIAN_TOKEN = "1:1tXyZa:forfalsket-signatur-forfalsket-signatu"
FORGED_FEED_TOKEN = "forfalsket" + "0" * 33


def _guardian_url(w, role):
    # The signed link is what authorises; only the guardian holds the real one. The others
    # try a forged one, and the participant the erasure link (signed, but for another use).
    wrong = w.guardian_erasure_token if role == "participant" else FORGED_GUARDIAN_TOKEN
    token = w.guardian_token if role == "guardian" else wrong
    return f"/samlinger/foresatt/{token}/"


def _guardian_erasure_url(w, role):
    # As above; the participant tries the (validly signed) confirmation link here.
    wrong = w.guardian_token if role == "participant" else FORGED_GUARDIAN_TOKEN
    token = w.guardian_erasure_token if role == "guardian" else wrong
    return f"/samlinger/foresatt/slett/{token}/"


def _feed_url(w, role):
    # The feed's secret address is held by its participant; the others try a made-up one.
    token = w.feed_token if role == "participant" else FORGED_FEED_TOKEN
    return f"/kalender/{token}.ics"


def _checkin_url(w, role):
    from cohorts.services import checkin_token

    return f"/samlinger/innsjekk/{w.session.pk}/{checkin_token(session=w.session)}/"


def _url(template):
    """A URL builder from a template filled with the shared data (ignores the role)."""

    def build(w, role):
        return template.format(
            g=w.gathering.pk,
            slug=w.gathering.slug,
            s=w.session.pk,
            e=w.enrolments["MHU1"].pk,
            appl=w.enrolments["MHUAPPL"].pk,
            p=w.people["MHU1"].pk,
            c=w.certificate.pk,
            code=w.certificate.display_code,
            org=w.organisations["MHU"].pk,
            audit=w.audit_entry,
            message=w.message,
        )

    return build


# ----------------------------------------------------------------------------------------------
# State snapshots for POSTs
# ----------------------------------------------------------------------------------------------


def _enrolment_state(label):
    def snapshot(w):
        from cohorts.models import Enrolment

        return Enrolment.objects.values_list("state", "guardian_confirmed_at").get(
            pk=w.enrolments[label].pk
        )

    return snapshot


def _attendance(w):
    from cohorts.models import Attendance

    return sorted(Attendance.objects.filter(session=w.session).values_list("pk", "status"))


def _invite_runs(w):
    return list(w.gathering.invite_runs.values_list("pk", flat=True))


def _invites_of_mhu1(w):
    from cohorts.models import CalendarInvite

    return list(
        CalendarInvite.objects.filter(participant=w.people["MHU1"]).values_list(
            "pk", "message__attempts", "message__state"
        )
    )


def _message_state(w):
    from website.models import OutboxMessage

    return list(OutboxMessage.objects.filter(pk=w.message).values_list("state", "attempts"))


def _certificate_state(w):
    from certificates.models import Certificate

    return Certificate.objects.values_list("revoked_at", "revoke_reason").get(pk=w.certificate.pk)


def _certificates_of_mhu2(w):
    from certificates.models import Certificate

    return Certificate.objects.filter(enrolment=w.enrolments["MHU2"]).count()


def _feed_token(w):
    from cohorts.models import CalendarFeed

    return CalendarFeed.objects.get(user=w.people["MHU1"].user).token


def _enrolment_count(w):
    return w.gathering.enrolments.count()


def _organisation(w):
    from cohorts.models import Organisation

    organisation = Organisation.objects.get(pk=w.organisations["MHU"].pk)
    return organisation.name, sorted(organisation.coordinators.values_list("pk", flat=True))


def _gathering_exists(w):
    from cohorts.models import Gathering

    return Gathering.objects.filter(pk=w.gathering.pk).exists()


def _participant_data(label):
    def snapshot(w):
        from cohorts.models import Participant

        participant = Participant.objects.select_related("user").get(pk=w.people[label].pk)
        return participant.full_name, participant.dietary_needs, participant.user.is_active

    return snapshot


def _audit_entries(w):
    from website.models import AuditEntry

    return AuditEntry.objects.count()


def _exceptions(w):
    from cohorts.models import ProgressionException

    return ProgressionException.objects.count()


def _participants(w):
    from cohorts.models import Participant

    return Participant.objects.count()


def _audit_entry(w):
    from website.models import AuditEntry

    return list(AuditEntry.objects.filter(pk=w.audit_entry).values_list("pk", "reason"))


def post(data, state, **outcomes):
    """A POST check: `data(w)` is sent by each role named in `outcomes` (role or group →
    (expected outcome, whether `state(w)` must change)). Unnamed roles are not sent."""
    expect = {}
    for key, outcome in outcomes.items():
        for role in ROLE_GROUPS.get(key, (key,)):
            expect.setdefault(role, outcome)
    for role in ROLES:  # explicit roles win over groups
        if role in outcomes:
            expect[role] = outcomes[role]
    return {"data": data, "state": state, "expect": expect}


UNCHANGED_LOGIN = (LOGIN, False)


# ----------------------------------------------------------------------------------------------
# The matrix
# ----------------------------------------------------------------------------------------------

MATRIX = {
    # --- website -------------------------------------------------------------------------------
    # Open to everyone; 503 is the health verdict (say, a migration not yet run), not a refusal.
    "health": {"url": _url("/helse/"), "get": cells((200, 503))},
    "favicon.ico": {"url": _url("/favicon.ico"), "get": cells(301)},
    r"^((?:[\w\-]+/)*)$": {"url": _url("/"), "get": PUBLIC},  # Wagtail pages, via serve_page
    # --- courses -------------------------------------------------------------------------------
    "search": {"url": _url("/sok/?q=brukermedvirkning"), "get": PUBLIC},
    # --- cohorts, public and participant -------------------------------------------------------
    "gathering_list": {"url": _url("/samlinger/"), "get": PUBLIC},
    "gathering_detail": {"url": _url("/samlinger/{slug}/"), "get": PUBLIC},
    "gathering_calendar": {"url": _url("/samlinger/{slug}/kalender.ics"), "get": PUBLIC},
    "gathering_apply": {
        "url": _url("/samlinger/{slug}/pamelding/"),
        # Not a participant yet: sent to fill in a profile first.
        "get": cells(REDIRECT, anonymous=LOGIN, participants=200),
        "post": post(
            lambda w: {"organisation": w.organisations["MHU"].pk, "motivation": "x"},
            _enrolment_count,
            visitor=UNCHANGED_LOGIN,
            guardian=UNCHANGED_LOGIN,
        ),
    },
    "guardian_confirmation": {
        "url": _guardian_url,
        "get": cells(400, guardian=200),
        "post": post(
            lambda w: {},
            _enrolment_state("MHUMINOR"),
            **{role: (400, False) for role in ROLES if role != "guardian"},
            guardian=(200, True),
        ),
    },
    "session_checkin": {
        "url": _checkin_url,
        "get": LOGGED_IN,
        "post": post(
            lambda w: {},
            _attendance,
            anonymous=UNCHANGED_LOGIN,
            participant=(200, True),
            # Not enrolled in the gathering: a clear message, nothing recorded.
            editorial=(400, False),
            coordinators=(400, False),
            administrator=(400, False),
        ),
    },
    "guardian_erasure": {
        "url": _guardian_erasure_url,
        "get": cells(400, guardian=200),
        "post": post(
            lambda w: {},
            _participant_data("MHUKID"),
            **{role: (400, False) for role in ROLES if role != "guardian"},
            guardian=(200, True),
        ),
    },
    "personal_feed": {"url": _feed_url, "get": cells(404, participant=200)},
    "feed_replace": {
        "url": _url("/min-side/kalender/ny-adresse/"),
        "get": cells(405, anonymous=LOGIN),
        "post": post(
            lambda w: {},
            _feed_token,
            anonymous=UNCHANGED_LOGIN,
            participant=(REDIRECT, True),
            # Everyone else replaces their own feed, never the participant's.
            other_participant=(REDIRECT, False),
            editorial=(REDIRECT, False),
            coordinators=(REDIRECT, False),
            administrator=(REDIRECT, False),
        ),
    },
    "my_page": {
        "url": _url("/min-side/"),
        "get": cells(REDIRECT, anonymous=LOGIN, participants=200),  # no profile → profile
    },
    "profile": {
        "url": _url("/min-side/profil/"),
        "get": LOGGED_IN,
        "post": post(
            lambda w: {"full_name": "Uten konto", "birth_date": "2000-01-01"},
            _participants,
            anonymous=UNCHANGED_LOGIN,
        ),
    },
    # Everything held about yourself (and only yourself): any logged-in person.
    "my_data": {"url": _url("/min-side/mine-data/"), "get": LOGGED_IN},
    # Delete my account: any logged-in person, for their own account, with their password.
    "erase_my_data": {
        "url": _url("/min-side/slett/"),
        "get": LOGGED_IN,
        "post": post(
            lambda w: {"keep_name": "on"},  # no password: refused, nothing deleted
            _participant_data("MHU1"),
            **{role: (400, False) for role in ROLES if role not in ROLE_GROUPS["anonymous"]},
            anonymous=UNCHANGED_LOGIN,
        ),
    },
    "enrolment_action": {
        "url": _url("/min-side/pameldinger/{e}/cancel/"),
        "get": cells(405, anonymous=LOGIN),
        "post": post(
            lambda w: {},
            _enrolment_state("MHU1"),
            anonymous=UNCHANGED_LOGIN,
            # Only ever your own enrolment; administrators use the admin.
            other_participant=(404, False),
            editorial=(404, False),
            coordinators=(404, False),
            administrator=(404, False),
        ),
    },
    # --- certificates, public and participant --------------------------------------------------
    "certificate_verify": {"url": _url("/bevis/{code}/"), "get": PUBLIC},
    "certificate_download": {
        "url": _url("/min-side/kursbevis/{c}/"),
        "get": cells(
            404, anonymous=LOGIN, participant=200, coordinator_same=200, administrator=200
        ),
    },
    # --- cohorts, coordinator admin (/admin/pameldinger/) --------------------------------------
    "cohorts_admin_index": {"url": _url("/admin/pameldinger/"), "get": ORGANISATION_VIEW},
    # The retention rules' dry run and "run now": administrators only.
    "cohorts_admin_retention": {
        "url": _url("/admin/pameldinger/sletting/"),
        "get": ADMINISTRATOR_ONLY,
        "post": post(
            lambda w: {},
            _audit_entries,
            anonymous=UNCHANGED_LOGIN,
            participants=UNCHANGED_LOGIN,
            editorial=(DENIED, False),
            coordinators=(DENIED, False),
        ),
    },
    "cohorts_admin_exceptions": {
        "url": _url("/admin/pameldinger/unntak/"),
        "get": ADMINISTRATOR_ONLY,
        "post": post(
            lambda w: {
                "email": w.people["BAR1"].user.email,
                "level": "advanced",
                "reason": "Matrisetest",
            },
            _exceptions,
            anonymous=UNCHANGED_LOGIN,
            participants=UNCHANGED_LOGIN,
            editorial=(DENIED, False),
            coordinators=(DENIED, False),
        ),
    },
    "cohorts_admin_review": {"url": _url("/admin/pameldinger/{g}/"), "get": ORGANISATION_VIEW},
    "cohorts_admin_export": {
        "url": _url("/admin/pameldinger/{g}/eksport.csv"),
        "get": ORGANISATION_VIEW,
    },
    "cohorts_admin_participant": {
        "url": _url("/admin/pameldinger/pamelding/{e}/"),
        "get": cells(
            **ADMIN_GATE,
            editorial=DENIED,
            coordinator_same=200,
            coordinator_other=404,
            administrator=200,
        ),
    },
    "cohorts_admin_bulk": {
        "url": _url("/admin/pameldinger/{g}/samlet/"),
        "get": ADMIN_POST_ONLY,
        "post": post(
            lambda w: {
                "decision": "reject",
                "enrolment": [w.enrolments["MHUAPPL"].pk],
                "confirmed": "yes",
            },
            _enrolment_state("MHUAPPL"),
            anonymous=UNCHANGED_LOGIN,
            participants=UNCHANGED_LOGIN,
            editorial=(DENIED, False),
            # The gathering is theirs too, but another organisation's applicant is filtered
            # out of the selection: "choose at least one", nothing changes.
            coordinator_other=(REDIRECT, False),
            coordinator_same=(REDIRECT, True),
            administrator=(REDIRECT, True),
        ),
    },
    "cohorts_admin_move": {
        "url": _url("/admin/pameldinger/pamelding/{appl}/flytt/"),
        "get": ADMIN_POST_ONLY,
        "post": post(
            lambda w: {"to": "waitlist", "reason": "Testgrunn"},
            _enrolment_state("MHUAPPL"),
            anonymous=UNCHANGED_LOGIN,
            participants=UNCHANGED_LOGIN,
            editorial=(DENIED, False),
            coordinator_other=(404, False),
            coordinator_same=(REDIRECT, True),
            administrator=(REDIRECT, True),
        ),
    },
    "cohorts_admin_decide": {
        "url": _url("/admin/pameldinger/pamelding/{appl}/reject/"),
        "get": ADMIN_POST_ONLY,
        "post": post(
            lambda w: {},
            _enrolment_state("MHUAPPL"),
            anonymous=UNCHANGED_LOGIN,
            participants=UNCHANGED_LOGIN,
            editorial=(DENIED, False),
            coordinator_other=(404, False),
            coordinator_same=(REDIRECT, True),
            administrator=(REDIRECT, True),
        ),
    },
    "cohorts_admin_checkin": {
        "url": _url("/admin/pameldinger/{g}/innsjekk/"),
        "get": GATHERING_TEAM_VIEW,
    },
    "cohorts_admin_attendance": {
        "url": _url("/admin/pameldinger/{g}/oppmote/"),
        "get": GATHERING_TEAM_VIEW,
    },
    "cohorts_admin_signin_sheet": {
        "url": _url("/admin/pameldinger/{g}/innsjekk/{s}/ark.pdf"),
        "get": GATHERING_TEAM_VIEW,
    },
    "cohorts_admin_checkin_qr": {
        "url": _url("/admin/pameldinger/{g}/innsjekk/{s}/qr/"),
        "get": GATHERING_TEAM_VIEW,
    },
    "cohorts_admin_checkin_mark": {
        "url": _url("/admin/pameldinger/{g}/innsjekk/marker/"),
        "get": ADMIN_POST_ONLY,
        "post": post(
            lambda w: {
                "session": w.session.pk,
                "enrolment": w.enrolments["MHU1"].pk,
                "status": "present",
            },
            _attendance,
            anonymous=UNCHANGED_LOGIN,
            participants=UNCHANGED_LOGIN,
            editorial=(404, False),
            coordinator_other=(404, False),
            coordinator_same=(REDIRECT, True),
            administrator=(REDIRECT, True),
        ),
    },
    "cohorts_admin_invites": {
        "url": _url("/admin/pameldinger/{g}/kalender/"),
        "get": GATHERING_TEAM_VIEW,
    },
    "cohorts_admin_invites_status": {
        "url": _url("/admin/pameldinger/{g}/kalender/status/"),
        "get": GATHERING_TEAM_VIEW,
    },
    "cohorts_admin_invites_send": {
        "url": _url("/admin/pameldinger/{g}/kalender/send/"),
        "get": ADMIN_POST_ONLY,
        "post": post(
            lambda w: {"kind": "update"},
            _invite_runs,
            anonymous=UNCHANGED_LOGIN,
            participants=UNCHANGED_LOGIN,
            editorial=(404, False),
            coordinator_other=(404, False),
            coordinator_same=(REDIRECT, True),
        ),
    },
    "cohorts_admin_invite_resend": {
        "url": _url("/admin/pameldinger/{g}/kalender/{p}/send-igjen/"),
        "get": ADMIN_POST_ONLY,
        "post": post(
            lambda w: {},
            _invites_of_mhu1,
            anonymous=UNCHANGED_LOGIN,
            participants=UNCHANGED_LOGIN,
            editorial=(404, False),
            coordinator_other=(404, False),
        ),
    },
    # --- certificates admin (/admin/kursbevis/) ------------------------------------------------
    "certificates_admin_issue": {
        "url": _url("/admin/kursbevis/samling/{g}/"),
        "get": cells(**ADMIN_GATE, editorial=404, coordinators=200, administrator=200),
        "post": post(
            lambda w: {
                "enrolment": [w.enrolments["MHU2"].pk],
                f"reason-{w.enrolments['MHU2'].pk}": "Testgrunn",
            },
            _certificates_of_mhu2,
            anonymous=UNCHANGED_LOGIN,
            participants=UNCHANGED_LOGIN,
            editorial=(404, False),
            # Their own organisation's rows only: the MHU applicant is not among them.
            coordinator_other=(REDIRECT, False),
            coordinator_same=(REDIRECT, True),
            administrator=(REDIRECT, True),
        ),
    },
    "certificates_admin_change": {
        "url": _url("/admin/kursbevis/{c}/revoke/"),
        "get": ADMIN_POST_ONLY,
        "post": post(
            lambda w: {"reason": "Testgrunn"},
            _certificate_state,
            anonymous=UNCHANGED_LOGIN,
            participants=UNCHANGED_LOGIN,
            editorial=(404, False),
            coordinator_other=(404, False),
            coordinator_same=(REDIRECT, True),
            administrator=(REDIRECT, True),
        ),
    },
    # --- cohorts viewsets: organisations and gatherings (administrators only) -----------------
    "organisations:index": {"url": _url("/admin/organisations/"), "get": ADMINISTRATOR_ONLY},
    "organisations:index_results": {
        "url": _url("/admin/organisations/results/"),
        "get": ADMINISTRATOR_ONLY,
    },
    "organisations:add": {"url": _url("/admin/organisations/new/"), "get": ADMINISTRATOR_ONLY},
    "organisations:edit": {
        "url": _url("/admin/organisations/edit/{org}/"),
        "get": ADMINISTRATOR_ONLY,
        # Naming yourself coordinator of another organisation would open its members' data.
        "post": post(
            lambda w: {
                "name": "Overtatt",
                "short_code": "MHU",
                "coordinators": [w.users["coordinator_other"].pk],
            },
            _organisation,
            anonymous=UNCHANGED_LOGIN,
            participants=UNCHANGED_LOGIN,
            editorial=(DENIED, False),
            coordinators=(DENIED, False),
        ),
    },
    "organisations:delete": {
        "url": _url("/admin/organisations/delete/{org}/"),
        "get": ADMINISTRATOR_ONLY,
    },
    "organisations:history": {
        "url": _url("/admin/organisations/history/{org}/"),
        "get": ADMINISTRATOR_ONLY,
    },
    "organisations:history_results": {
        "url": _url("/admin/organisations/history-results/{org}/"),
        "get": ADMINISTRATOR_ONLY,
    },
    "organisations:usage": {
        "url": _url("/admin/organisations/usage/{org}/"),
        "get": ADMINISTRATOR_ONLY,
    },
    "organisations:copy": {
        "url": _url("/admin/organisations/copy/{org}/"),
        "get": ADMINISTRATOR_ONLY,
    },
    "gatherings:index": {"url": _url("/admin/gatherings/"), "get": ADMINISTRATOR_ONLY},
    "gatherings:index_results": {
        "url": _url("/admin/gatherings/results/"),
        "get": ADMINISTRATOR_ONLY,
    },
    "gatherings:add": {"url": _url("/admin/gatherings/new/"), "get": ADMINISTRATOR_ONLY},
    "gatherings:edit": {"url": _url("/admin/gatherings/edit/{g}/"), "get": ADMINISTRATOR_ONLY},
    "gatherings:delete": {
        "url": _url("/admin/gatherings/delete/{g}/"),
        "get": ADMINISTRATOR_ONLY,
        "post": post(
            lambda w: {},
            _gathering_exists,
            anonymous=UNCHANGED_LOGIN,
            participants=UNCHANGED_LOGIN,
            editorial=(DENIED, False),
            coordinators=(DENIED, False),
        ),
    },
    "gatherings:history": {
        "url": _url("/admin/gatherings/history/{g}/"),
        "get": ADMINISTRATOR_ONLY,
    },
    "gatherings:history_results": {
        "url": _url("/admin/gatherings/history-results/{g}/"),
        "get": ADMINISTRATOR_ONLY,
    },
    "gatherings:usage": {"url": _url("/admin/gatherings/usage/{g}/"), "get": ADMINISTRATOR_ONLY},
    "gatherings:copy": {"url": _url("/admin/gatherings/copy/{g}/"), "get": ADMINISTRATOR_ONLY},
    # --- website viewset: the audit log (administrators read it; nobody writes) ---------------
    "audit_log:index": {"url": _url("/admin/revisjonslogg/"), "get": ADMINISTRATOR_ONLY},
    "audit_log:index_results": {
        "url": _url("/admin/revisjonslogg/results/"),
        "get": ADMINISTRATOR_ONLY,
    },
    "audit_log:inspect": {
        "url": _url("/admin/revisjonslogg/inspect/{audit}/"),
        "get": ADMINISTRATOR_ONLY,
    },
    "audit_log:history": {
        "url": _url("/admin/revisjonslogg/history/{audit}/"),
        "get": NOBODY,
    },
    "audit_log:history_results": {
        "url": _url("/admin/revisjonslogg/history-results/{audit}/"),
        "get": NOBODY,
    },
    "audit_log:usage": {
        "url": _url("/admin/revisjonslogg/usage/{audit}/"),
        "get": NOBODY,
    },
    "audit_log:add": {
        "url": _url("/admin/revisjonslogg/new/"),
        "get": NOBODY,
        "post": post(
            lambda w: {"reason": "Forfalsket"},
            _audit_entries,
            anonymous=UNCHANGED_LOGIN,
            participants=UNCHANGED_LOGIN,
            editorial=(DENIED, False),
            coordinators=(DENIED, False),
            administrator=(DENIED, False),
        ),
    },
    "audit_log:edit": {
        "url": _url("/admin/revisjonslogg/edit/{audit}/"),
        "get": NOBODY,
        "post": post(
            lambda w: {"reason": "Forfalsket"},
            _audit_entry,
            anonymous=UNCHANGED_LOGIN,
            participants=UNCHANGED_LOGIN,
            editorial=(DENIED, False),
            coordinators=(DENIED, False),
            administrator=(DENIED, False),
        ),
    },
    # --- website viewset: outgoing e-mail (administrators read it and send failed ones again) --
    "outbox:index": {"url": _url("/admin/utgaende-epost/"), "get": ADMINISTRATOR_ONLY},
    "outbox:index_results": {
        "url": _url("/admin/utgaende-epost/results/"),
        "get": ADMINISTRATOR_ONLY,
    },
    "outbox:inspect": {
        "url": _url("/admin/utgaende-epost/inspect/{message}/"),
        "get": ADMINISTRATOR_ONLY,
    },
    "outbox:history": {"url": _url("/admin/utgaende-epost/history/{message}/"), "get": NOBODY},
    "outbox:history_results": {
        "url": _url("/admin/utgaende-epost/history-results/{message}/"),
        "get": NOBODY,
    },
    "outbox:usage": {"url": _url("/admin/utgaende-epost/usage/{message}/"), "get": NOBODY},
    "outbox:add": {"url": _url("/admin/utgaende-epost/new/"), "get": NOBODY},
    "outbox:edit": {
        "url": _url("/admin/utgaende-epost/edit/{message}/"),
        "get": NOBODY,
        "post": post(
            lambda w: {"state": "sent"},
            _message_state,
            anonymous=UNCHANGED_LOGIN,
            participants=UNCHANGED_LOGIN,
            editorial=(DENIED, False),
            coordinators=(DENIED, False),
            administrator=(DENIED, False),
        ),
    },
    "outbox:delete": {"url": _url("/admin/utgaende-epost/delete/{message}/"), "get": NOBODY},
    "outbox:send_again": {
        "url": _url("/admin/utgaende-epost/{message}/send-again/"),
        "get": cells(404, **ADMIN_GATE),
        "post": post(
            lambda w: {},
            _message_state,
            anonymous=UNCHANGED_LOGIN,
            participants=UNCHANGED_LOGIN,
            editorial=(404, False),
            coordinators=(404, False),
            administrator=(REDIRECT, True),
        ),
    },
    "audit_log:delete": {
        "url": _url("/admin/revisjonslogg/delete/{audit}/"),
        "get": NOBODY,
        "post": post(
            lambda w: {},
            _audit_entry,
            anonymous=UNCHANGED_LOGIN,
            participants=UNCHANGED_LOGIN,
            editorial=(DENIED, False),
            coordinators=(DENIED, False),
            administrator=(DENIED, False),
        ),
    },
}


# ----------------------------------------------------------------------------------------------
# Requests and outcomes
# ----------------------------------------------------------------------------------------------


def _client(w, role):
    client = Client()
    user = w.users[role]
    if user is not None:
        client.force_login(user)
    return client


def _describe(response):
    location = response.get("Location", "")
    if location:
        return f"{response.status_code} → {location}"
    if response.streaming or not response.get("Content-Type", "").startswith(
        ("application/json", "text/plain")
    ):
        return f"{response.status_code}"
    return f"{response.status_code}: {response.content[:300].decode('utf-8', 'replace')}"


def _matches(response, expected):
    status = response.status_code
    if isinstance(expected, int):
        return status == expected
    if isinstance(expected, tuple):
        return status in expected
    if status not in (301, 302, 303):
        return False
    path = response["Location"].split("://", 1)[-1]
    path = path[path.find("/") :] if "://" in response["Location"] else path
    kind = LOGIN if path.startswith(LOGIN_PATHS) else DENIED if path == "/admin/" else REDIRECT
    return kind == expected


def check_outcome(response, expected, what):
    if isinstance(expected, Bug):
        expected = expected.expected
    if not _matches(response, expected):
        raise UnexpectedOutcome(f"{what}: expected {expected}, got {_describe(response)}")


def _marks(expected):
    if isinstance(expected, Bug):
        return [pytest.mark.xfail(strict=True, raises=UnexpectedOutcome, reason=expected.reason)]
    return []


def _param_id(pid, role):
    name = "wagtail_page" if pid.startswith("^") else pid
    return f"{name}-{role}"


def _get_cases():
    for pid, entry in MATRIX.items():
        for role in ROLES:
            expected = entry["get"][role]
            yield pytest.param(pid, role, id=_param_id(pid, role), marks=_marks(expected))


def _post_cases():
    for pid, entry in MATRIX.items():
        if "post" not in entry:
            continue
        for role, (expected, _changes) in entry["post"]["expect"].items():
            yield pytest.param(pid, role, id=_param_id(pid, role), marks=_marks(expected))


def _resolved_id(path):
    match = resolve(path.split("?", 1)[0])
    return pattern_id(match.route, match.view_name if match.url_name else None)


# ----------------------------------------------------------------------------------------------
# Tests: the matrix is complete, and it holds
# ----------------------------------------------------------------------------------------------


def test_every_url_pattern_of_our_apps_has_an_entry_in_the_matrix():
    missing = sorted(set(our_url_patterns()) - set(MATRIX))
    assert not missing, (
        "URL patterns without an entry in MATRIX (add the expected outcome per role): "
        + ", ".join(f"{pid!r} ({our_url_patterns()[pid]})" for pid in missing)
    )


def test_every_matrix_entry_names_an_existing_url_pattern():
    stale = sorted(set(MATRIX) - set(our_url_patterns()))
    assert not stale, "MATRIX entries for URL patterns that no longer exist: " + ", ".join(
        repr(pid) for pid in stale
    )


def test_every_entry_covers_every_role():
    for pid, entry in MATRIX.items():
        assert set(entry["get"]) == set(ROLES), pid
        for role in entry.get("post", {}).get("expect", {}):
            assert role in ROLES, (pid, role)


def test_the_scope_includes_the_coordinator_views_and_our_viewsets():
    patterns = our_url_patterns()
    assert "cohorts_admin_review" in patterns
    assert "certificates_admin_change" in patterns
    assert "organisations:edit" in patterns
    assert "gatherings:edit" in patterns
    assert not any(pid.startswith(("wagtailadmin", "wagtailsettings")) for pid in patterns)


@pytest.mark.parametrize(("pid", "role"), list(_get_cases()))
def test_get(pid, role, world, db):
    entry = MATRIX[pid]
    url = entry["url"](world, role)
    assert _resolved_id(url) == pid, f"the matrix URL {url} does not reach {pid}"
    response = _client(world, role).get(url)
    check_outcome(response, entry["get"][role], f"GET {url} as {role}")
    if response.status_code == 200 and role not in ("visitor", "guardian"):
        # design rule 9: what a logged-in person is shown is never stored on the way
        assert "no-store" in response.get("Cache-Control", ""), f"GET {url} as {role}"


@pytest.mark.parametrize(("pid", "role"), list(_post_cases()))
def test_post(pid, role, world, db):
    entry = MATRIX[pid]
    spec = entry["post"]
    expected, changes = spec["expect"][role]
    url = entry["url"](world, role)
    assert _resolved_id(url) == pid
    before = spec["state"](world)
    response = _client(world, role).post(url, spec["data"](world))
    after = spec["state"](world)
    if changes:
        assert after != before, f"POST {url} as {role} should have changed {before}"
    else:
        assert after == before, f"POST {url} as {role} changed {before} → {after}"
    check_outcome(response, expected, f"POST {url} as {role}")


# ----------------------------------------------------------------------------------------------
# Tests: no one else's personal data in what a coordinator (or a participant) can open
# ----------------------------------------------------------------------------------------------

# Whose data each viewer may see: a coordinator their organisation's participants (design
# rule 6), a participant only themselves.
LEAK_VIEWERS = {
    "coordinator_same": ("organisation", "MHU"),
    "coordinator_other": ("organisation", "BAR"),
    "participant": ("person", "MHU1"),
    "other_participant": ("person", "BAR1"),
}


def _bulk_confirmation(w):
    # The confirmation page of a bulk decision, with every applicant of every organisation
    # ticked (the second step, `confirmed=yes`, is never sent).
    return {"decision": "reject", "enrolment": [e.pk for e in w.enrolments.values()]}


def _own_feed(w, role):
    return f"/kalender/{w.coordinator_feeds[role]}.ics"


# Pages and exports the matrix does not GET as such: name → (viewers, method, url, data).
EXTRA_PAGES = {
    "cohorts_admin_export (xlsx)": (
        ("coordinator_same", "coordinator_other"),
        "get",
        lambda w, role: f"/admin/pameldinger/{w.gathering.pk}/eksport.xlsx",
        None,
    ),
    "cohorts_admin_bulk (confirmation page)": (
        ("coordinator_same", "coordinator_other"),
        "post",
        lambda w, role: f"/admin/pameldinger/{w.gathering.pk}/samlet/",
        _bulk_confirmation,
    ),
    "personal_feed (own)": (("coordinator_same", "coordinator_other"), "get", _own_feed, None),
    "cohorts_admin_attendance (csv)": (
        ("coordinator_same",),
        "get",
        lambda w, role: f"/admin/pameldinger/{w.gathering.pk}/oppmote/?format=csv",
        None,
    ),
    "cohorts_admin_attendance (xlsx)": (
        ("coordinator_same",),
        "get",
        lambda w, role: f"/admin/pameldinger/{w.gathering.pk}/oppmote/?format=xlsx",
        None,
    ),
    "cohorts_admin_checkin (session, search)": (
        ("coordinator_same",),
        "get",
        lambda w, role: (
            f"/admin/pameldinger/{w.gathering.pk}/innsjekk/?okt={w.session.pk}&q=Deltaker"
        ),
        None,
    ),
    "my_data (json)": (
        tuple(LEAK_VIEWERS),
        "get",
        lambda w, role: "/min-side/mine-data/?format=json",
        None,
    ),
}


def _leak_cases():
    for role in LEAK_VIEWERS:
        for pid, entry in MATRIX.items():
            if entry["get"][role] == 200:
                yield pytest.param(role, pid, id=f"{role}-{_param_id(pid, 'get')}")
        for name, (viewers, *_rest) in EXTRA_PAGES.items():
            if role in viewers:
                yield pytest.param(role, name, id=f"{role}-{name}")


def _body_text(response):
    content = (
        b"".join(response.streaming_content) if response.streaming else bytes(response.content)
    )
    if content.startswith(b"%PDF"):
        from pypdf import PdfReader

        return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages)
    if content.startswith(b"PK"):  # XLSX: search the XML parts (shared strings, sheets)
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return "\n".join(
                archive.read(name).decode("utf-8", "replace")
                for name in archive.namelist()
                if name.endswith(".xml")
            )
    return content.decode("utf-8", "replace")


def _squash(text):
    return re.sub(r"\s+", "", html.unescape(text)).lower()


def _foreign_values(w, role):
    """Every value of the people `role` must not see, as {"label.field": value}."""
    kind, key = LEAK_VIEWERS[role]
    return {
        f"{label}.{field}": value
        for label, values in w.values.items()
        if (w.organisation_of[label] if kind == "organisation" else label) != key
        for field, value in values.items()
        if value
    }


@pytest.mark.parametrize(("role", "page"), list(_leak_cases()))
def test_no_one_elses_personal_data(role, page, world, db):
    client = _client(world, role)
    if page in MATRIX:
        method, url, data = "get", MATRIX[page]["url"](world, role), None
    else:
        _viewers, method, build_url, build_data = EXTRA_PAGES[page]
        url, data = build_url(world, role), build_data and build_data(world)
    response = client.post(url, data) if method == "post" else client.get(url)
    assert response.status_code == 200, f"{method.upper()} {url} as {role}: {_describe(response)}"
    text = _squash(_body_text(response))
    leaked = sorted(
        f"{where}={value!r}"
        for where, value in _foreign_values(world, role).items()
        if _squash(value) in text
    )
    assert not leaked, f"{method.upper()} {url} as {role} {LEAK_VIEWERS[role]} shows: {leaked}"


@pytest.mark.parametrize(
    ("role", "label", "extension"),
    [
        ("coordinator_same", "MHU1", "csv"),
        ("coordinator_same", "MHU1", "xlsx"),
        ("coordinator_other", "BAR1", "csv"),
        ("coordinator_other", "BAR1", "xlsx"),
    ],
)
def test_the_search_finds_own_organisations_values_in_the_export(role, label, extension, world, db):
    """The control for the test above: the same search finds the values it must find."""
    from cohorts.models import Participant

    response = _client(world, role).get(
        f"/admin/pameldinger/{world.gathering.pk}/eksport.{extension}"
    )
    assert response.status_code == 200
    text = _squash(_body_text(response))
    for field in Participant.SENSITIVE_FIELDS:
        assert _squash(world.values[label][field]) in text, (field, extension)


def test_the_coordinator_sees_own_sensitive_fields_on_the_participant_page(world, db):
    from cohorts.models import Participant

    response = _client(world, "coordinator_same").get(
        f"/admin/pameldinger/pamelding/{world.enrolments['MHU1'].pk}/"
    )
    text = _squash(_body_text(response))
    for field in Participant.SENSITIVE_FIELDS:
        assert _squash(world.values["MHU1"][field]) in text, field


def test_a_coordinator_sees_a_gathering_where_their_member_applied_through_the_pool(world, db):
    from cohorts.models import Quota
    from cohorts.services import enrolment_apply

    gathering = make_gathering(
        world.organisations, quotas=(10, 0, 0), mode="application", slug="uten-bar-kvote"
    )
    Quota.objects.filter(gathering=gathering, seats=0).delete()
    enrolment = enrolment_apply(
        participant=world.people["BARAPPL"],
        gathering=gathering,
        organisation=world.organisations["BAR"],
    )
    client = _client(world, "coordinator_other")
    detail = client.get(f"/admin/pameldinger/pamelding/{enrolment.pk}/")
    check_outcome(detail, 200, "the applicant's own page")
    review = client.get(f"/admin/pameldinger/{gathering.pk}/")
    check_outcome(review, 200, "GET the gathering's applications as the BAR coordinator")


def test_a_real_feed_address_works_for_anyone_who_holds_it(world, db):
    """The token, not the session, is what opens a personal feed (README: secret address)."""
    response = Client().get(f"/kalender/{world.feed_token}.ics")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store, private"
