"""Everything Medvirk holds about one person, for their own download (GDPR art. 15 and 20).

`FIELDS` names, per model, the fields that go into the export; `OMITTED` names those left out
and why. A test walks every model of our apps that points at a person and fails when a field
is in neither — so a new personal field cannot be forgotten here.
"""

import datetime
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.utils import timezone
from django.utils.formats import number_format
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
from network.models import AssignmentFeedback, MemberMessage, Membership, RequestInvitation
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
    # The network (issue 18): the membership with its consent and the whole profile, what it is
    # visible as, the invitations to services' requests (with the request's title and
    # organisation, see `_invitation_row`), messages sent and received, feedback given.
    "network.Membership": [
        "state",
        "consent_given_at",
        "consent_version",
        "guardian_confirmed_at",
        "joined_at",
        "last_active_at",
        "inactivity_warned_at",
        "field_mental_health",
        "field_substance_use",
        "field_child_welfare",
        "did_individual",
        "did_service",
        "did_system",
        "county",
        "languages",
        "availability",
        "introduction",
        "contact_email",
        "contact_phone",
        "listed_for_members",
        "visible_network_wide",
        "show_organisation",
        "members_see_fields",
        "members_see_levels",
        "members_see_participation",
        "members_see_county",
        "members_see_languages",
        "members_see_availability",
        "members_see_introduction",
    ],
    "network.RequestInvitation": [
        "organisation",
        "note",
        "state",
        "invited_at",
        "answered_at",
        "confirmed_at",
        "shared_email",
        "shared_phone",
        "hours",
    ],
    "network.MemberMessage": ["body", "sent_at"],
    "network.AssignmentFeedback": ["rating", "comment", "submitted_at"],
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
        "status_index": "the certificate's place in the public revocation list (a number)",
    },
    "evaluation.EvaluationInvite": {
        "participant": "the person",
        "salt": "a secret that makes the link in the e-mail (emptied when the evaluation closes)",
        "token_hash": "a one-way code of the link in the e-mail, not readable",
    },
    "evaluation.SurveyParticipation": {"user": "the person"},
    "network.Membership": {"participant": "the person"},
    "network.RequestInvitation": {
        "request": "listed as the request's title and organisation",
        "membership": "the person",
        "invited_by": "a coordinator's account; the invitation itself is listed",
    },
    "network.MemberMessage": {
        "uuid": "an internal key for answering by e-mail",
        "sender": "listed by name only (the other member's display name)",
        "recipient": "listed by name only (the other member's display name)",
        "in_reply_to": "listed as the message it answers, if it is yours",
    },
    "network.AssignmentFeedback": {
        "invitation": "listed under its invitation",
        "side": "only the feedback you gave is listed",
    },
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
    "submitted_at": _("when"),
    "shared_email": _("e-mail given to the service"),
    "shared_phone": _("phone given to the service"),
    "inactivity_warned_at": _("warned"),
    "organisation": _("organisation"),
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
    "network.RequestEvent": "a request's history (the actor is a coordinator's account); the "
    "person's own invitations, with their dates, are listed",
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
    if readable and isinstance(value, Decimal):
        return number_format(value)  # "3,5" in Norwegian
    return str(value)


def _row(obj, readable=False):
    """A dict of field → value for the JSON file, or (label, value) pairs for the page."""
    key = f"{obj._meta.app_label}.{obj._meta.object_name}"
    if readable:
        return [(_label(obj, name), _value(obj, name, True)) for name in FIELDS[key]]
    return {name: _value(obj, name, False) for name in FIELDS[key]}


def _network(participant, readable) -> dict | None:
    """The person's network membership and what hangs on it, or None if they are not a member.
    Another member appears by their display name only; a request by its title and the
    organisation that asked."""
    membership = Membership.objects.filter(participant=participant).first()
    if membership is None:
        return None

    def other(member):
        return member.participant.display_name if member is not None else gettext("A former member")

    def message(item, direction):
        row = _row(item, readable)
        if direction == "to":
            label, name = _("to"), other(item.recipient)
        else:
            label, name = _("from"), other(item.sender)
        return [(label, name), *row] if readable else {direction: name, **row}

    invitations = []
    for invitation in RequestInvitation.objects.filter(membership=membership).select_related(
        "request", "organisation"
    ):
        request = invitation.request
        about = {"request": request.title, "asked_by": request.organisation_name}
        row = _row(invitation, readable)
        if readable:
            row = [(_("request"), about["request"]), (_("asked by"), about["asked_by"]), *row]
        else:
            row = {**about, **row}
        feedback = AssignmentFeedback.objects.filter(
            invitation=invitation, side=AssignmentFeedback.Side.MEMBER
        )
        invitations.append({"invitation": row, "feedback": [_row(f, readable) for f in feedback]})
    sent = MemberMessage.objects.filter(sender=membership).select_related("recipient__participant")
    received = MemberMessage.objects.filter(recipient=membership).select_related(
        "sender__participant"
    )
    return {
        "membership": _row(membership, readable),
        "invitations": invitations,
        "messages_sent": [message(m, "to") for m in sent.order_by("sent_at")],
        "messages_received": [message(m, "from") for m in received.order_by("sent_at")],
    }


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
        "network": None,
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
    data["network"] = _network(participant, readable)
    return data
