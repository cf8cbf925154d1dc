"""Everything Medvirk holds about one person, for their own download (GDPR art. 15 and 20).

`FIELDS` names, per model, the fields that go into the export; `OMITTED` names those left out
and why. A test walks every model of our apps that points at a person and fails when a field
is in neither — so a new personal field cannot be forgotten here.
"""

import datetime

from allauth.account.models import EmailAddress
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from certificates.models import Certificate
from cohorts.models import (
    Attendance,
    AttendanceChange,
    CalendarFeed,
    CalendarInvite,
    Enrolment,
    EnrolmentEvent,
    ProgressionException,
)
from evaluation.models import EvaluationInvite, SurveyParticipation
from people.models import Participant
from website.audit import sensitive_access
from website.models import AuditEntry, OutboxMessage
from website.outbox import kind_label

from .models import InactivityWarning, LoginSession

FIELDS = {
    "website.User": ["email", "first_name", "last_name", "date_joined", "last_login", "is_active"],
    "account.EmailAddress": ["email", "verified", "primary"],
    "people.Participant": [
        "full_name",
        "preferred_name",
        "birth_date",
        "phone",
        "municipality",
        "organisations",
        "dietary_needs",
        "accessibility_needs",
        "emergency_contact_name",
        "emergency_contact_phone",
        "guardian_name",
        "guardian_email",
        "language",
    ],
    "cohorts.Enrolment": [
        "gathering",
        "organisation",
        "motivation",
        "needs",
        "state",
        "applied_at",
        "waitlisted_at",
        "offered_at",
        "offer_expires_at",
        "confirmed_at",
        "guardian_confirmed_at",
        "ended_at",
        "updated_at",
    ],
    "cohorts.EnrolmentEvent": ["from_state", "to_state", "actor", "reason", "created_at"],
    "website.OutboxMessage": [
        "kind",
        "recipient",
        "recipient_name",
        "subject",
        "language",
        "state",
        "created_at",
        "sent_at",
        "attempts",
        "last_error",
    ],
    "cohorts.CalendarInvite": ["gathering", "method", "sequence", "resend", "created_at"],
    "cohorts.Attendance": ["session", "status", "minutes_attended", "marked_at", "method"],
    "cohorts.AttendanceChange": [
        "from_status",
        "to_status",
        "from_minutes",
        "to_minutes",
        "actor",
        "reason",
        "changed_at",
    ],
    "cohorts.ProgressionException": ["level", "reason", "granted_at"],
    "cohorts.CalendarFeed": ["token", "created_at"],
    "website.AuditEntry": [
        "created_at",
        "actor_label",
        "action",
        "object_label",
        "summary",
        "reason",
    ],
    "privacy.LoginSession": ["created_at"],
    "privacy.InactivityWarning": ["warned_at"],
    "certificates.Certificate": [
        "code",
        "level",
        "holder_name",
        "issued_at",
        "issued_by",
        "exception_reason",
        "revoked_at",
        "revoke_reason",
    ],
    # Whether the person was invited to evaluate a gathering and has answered, and which
    # surveys they answered: never what (the answers are anonymous, see ANONYMOUS_ANSWERS).
    "evaluation.EvaluationInvite": ["gathering", "answered", "created_at"],
    "evaluation.SurveyParticipation": ["survey"],
}

OMITTED = {
    "*": {"id": "internal number"},
    "website.User": {
        "password": "a one-way hash, not readable",
        "is_staff": "staff flag, not about the person",
        "is_superuser": "staff flag, not about the person",
        "groups": "staff roles",
        "user_permissions": "staff roles",
        "username": "not used (log in by e-mail)",
        "erased_at": "set when the data are erased; an erased account cannot log in",
    },
    "account.EmailAddress": {"user": "the person"},
    "people.Participant": {"user": "the person"},
    "cohorts.Enrolment": {"participant": "the person"},
    "cohorts.EnrolmentEvent": {"enrolment": "listed under its application"},
    "website.OutboxMessage": {
        "about": "the person",
        "key": "an internal key that keeps the e-mail from being written twice",
        "thread": "an internal key that keeps e-mails in order",
        "context": "internal numbers of the application or certificate it is about",
        "next_attempt_at": "when the sender tries again (internal)",
        "lease_until": "which sender holds it (internal)",
        "lease_token": "which sender holds it (internal)",
    },
    "cohorts.CalendarInvite": {
        "message": "its e-mail, listed under e-mails",
        "participant": "the person",
        "enrolment": "listed under its application",
        "fingerprint": "a checksum of the gathering's programme",
        "run": "an internal sending job",
        "requested_by": "a coordinator's account; the invite itself is listed",
    },
    "cohorts.Attendance": {
        "enrolment": "listed under its application",
        "marked_by": "a coordinator's account; when and how it was marked is listed",
    },
    "cohorts.AttendanceChange": {"attendance": "listed under its attendance"},
    "cohorts.ProgressionException": {
        "participant": "the person",
        "granted_by": "an administrator's account; the decision and reason are listed",
    },
    "cohorts.CalendarFeed": {"user": "the person"},
    "website.AuditEntry": {
        "actor": "listed as actor_label",
        "participant_id": "the person",
        "subject_label": "the person's name",
        "sensitive": "such entries are listed again as views of sensitive details",
    },
    "privacy.LoginSession": {
        "user": "the person",
        "session_key": "a secret that keeps a browser logged in",
    },
    "privacy.InactivityWarning": {"user": "the person"},
    "certificates.Certificate": {
        "enrolment": "listed under its application",
        "pdf": "the file itself is downloadable on My page",
        "revoked_by": "a coordinator's account; the date and reason are listed",
    },
    "evaluation.EvaluationInvite": {
        "participant": "the person",
        "salt": "a secret that makes the link in the e-mail (emptied when the evaluation closes)",
        "token_hash": "a one-way code of the link in the e-mail, not readable",
    },
    "evaluation.SurveyParticipation": {"user": "the person"},
}

# Said beside the evaluations and surveys, on the page and in the file.
ANONYMOUS_ANSWERS = _(
    "Your answers to evaluations and surveys are anonymous: they are stored without your name, "
    "without a time and without any link to you or to your invitation. That is why we can show "
    "you only whether you answered, not what you answered, and why your answers stay (without "
    "anything that points to you) if you delete your data. What was written in free text is "
    "deleted by the retention rules in the privacy statement."
)


# Page labels for fields that have no verbose name of their own.
LABELS = {
    "from_state": _("from"),
    "to_state": _("to"),
    "from_status": _("from"),
    "to_status": _("to"),
    "from_minutes": _("minutes before"),
    "to_minutes": _("minutes after"),
    "actor": _("by"),
    "reason": _("reason"),
    "created_at": _("when"),
    "changed_at": _("when"),
    "granted_at": _("when"),
    "sent_at": _("sent"),
    "kind": _("e-mail"),
    "recipient_name": _("to (name)"),
    "method": _("kind"),
    "sequence": _("version"),
    "resend": _("sent again"),
    "attempts": _("attempts"),
    "session": _("session"),
    "gathering": _("gathering"),
    "issued_by": _("issued by"),
    "token": _("address code"),
    "warned_at": _("warned"),
    "survey": pgettext_lazy("kartlegging", "survey"),
}
# Stored codes shown with their labels on the page.
STATE_LABELS = {
    "from_state": Enrolment.State,
    "to_state": Enrolment.State,
    "from_status": Attendance.Status,
    "to_status": Attendance.Status,
}


def _label(obj, name):
    field = obj._meta.get_field(name)
    verbose = getattr(field, "verbose_name", name)
    if str(verbose) == name.replace("_", " ") and name in LABELS:
        return LABELS[name]
    return verbose


# Models that point at an account or a participant but hold nothing about them as a person.
NOT_ABOUT_THE_PERSON = {
    "people.Organisation": "coordinators are staff accounts",
    "cohorts.Gathering": "coordinators are staff accounts",
    "cohorts.InviteRun": "a coordinator's sending job",
    "website.Job": "a staff member's job in the admin (who asked is staff)",
    "cohorts.GatheringMessage": "the coordinator's copy; each person's e-mail is in their export",
    "website.RateLimitCounter": "counts per keyed hash, no person",
    "evaluation.CommentAddressed": "an editor's mark on an anonymous comment (the editor is staff)",
}


def _value(obj, name, readable):
    field = obj._meta.get_field(name)
    if readable and name == "kind" and obj._meta.label == "website.OutboxMessage":
        return kind_label(obj.kind)
    if readable and name in ("gathering", "survey") and getattr(obj, name) is not None:
        return getattr(obj, name).display_title  # in the reader's language
    if readable and getattr(field, "choices", None):
        return getattr(obj, f"get_{name}_display")()
    if readable and name in STATE_LABELS and getattr(obj, name):
        codes = STATE_LABELS[name]
        value = getattr(obj, name)
        return codes(value).label if value in codes.values else value
    value = getattr(obj, name)
    if field.many_to_many:
        items = [str(item) for item in value.all()]
        return ", ".join(items) if readable else items
    if isinstance(value, datetime.date):
        if isinstance(value, datetime.datetime) and value.tzinfo is not None:
            value = timezone.localtime(value)
        if not readable:
            return value.isoformat()
        return value.strftime(
            "%d.%m.%Y %H:%M" if isinstance(value, datetime.datetime) else "%d.%m.%Y"
        )
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def _row(obj, readable=False):
    """A dict of field → value for the JSON file, or (label, value) pairs for the page."""
    key = f"{obj._meta.app_label}.{obj._meta.object_name}"
    if readable:
        return [(_label(obj, name), _value(obj, name, True)) for name in FIELDS[key]]
    return {name: _value(obj, name, False) for name in FIELDS[key]}


def personal_data(user, *, readable=False) -> dict:
    """The whole export: plain data for JSON (Oslo times in ISO 8601), or with `readable`
    labelled rows for the page. Views of sensitive details are the audit log's entries
    marked `sensitive` (who was shown them, when, where)."""

    def rows(queryset):
        return [_row(obj, readable) for obj in queryset]

    participant = Participant.objects.filter(user=user).first()
    data = {
        "exported_at": timezone.localtime().isoformat(),
        "account": _row(user, readable),
        "email_addresses": rows(EmailAddress.objects.filter(user=user)),
        "calendar_feed": rows(CalendarFeed.objects.filter(user=user)),
        "logins": rows(LoginSession.objects.filter(user=user).order_by("created_at")),
        "inactivity_warning": rows(InactivityWarning.objects.filter(user=user)),
        "emails": [],
        "profile": _row(participant, readable) if participant else None,
        "applications": [],
        "certificates": [],
        "progression_exceptions": [],
        "sensitive_data_views": [],
        "audit_log": [],
        "surveys_answered": rows(
            SurveyParticipation.objects.filter(user=user)
            .select_related("survey")
            .order_by("-survey__opens_at")
        ),
        "evaluations": [],
        "about_answers": gettext(ANONYMOUS_ANSWERS),
    }
    messages = list(OutboxMessage.objects.filter(about=user).order_by("created_at", "pk"))
    by_application = {}
    for message in messages:
        if message.kind.startswith("enrolment_"):
            by_application.setdefault(message.context.get("enrolment_id"), []).append(message)
        else:
            data["emails"].append(_row(message, readable))
    if participant is None:
        return data
    enrolments = Enrolment.objects.filter(participant=participant).select_related(
        "gathering", "organisation"
    )
    for enrolment in enrolments.order_by("applied_at"):
        attendance = []
        for record in Attendance.objects.filter(enrolment=enrolment).select_related("session"):
            attendance.append(
                {
                    "record": _row(record, readable),
                    "changes": rows(AttendanceChange.objects.filter(attendance=record)),
                }
            )
        data["applications"].append(
            {
                "application": _row(enrolment, readable),
                "history": rows(EnrolmentEvent.objects.filter(enrolment=enrolment)),
                "emails": rows(by_application.get(enrolment.pk, [])),
                "calendar_invites": rows(CalendarInvite.objects.filter(enrolment=enrolment)),
                "attendance": attendance,
            }
        )
    data["certificates"] = rows(Certificate.objects.filter(enrolment__participant=participant))
    data["progression_exceptions"] = rows(
        ProgressionException.objects.filter(participant=participant)
    )
    data["evaluations"] = rows(
        EvaluationInvite.objects.filter(participant=participant)
        .select_related("gathering")
        .order_by("created_at")
    )
    data["sensitive_data_views"] = rows(sensitive_access(participant.pk))
    data["audit_log"] = rows(AuditEntry.objects.filter(participant_id=participant.pk))
    return data
