"""Every field that can hold personal data, and the rule that removes it: one table.

`FIELD_RULES[model][field]` names a rule of `RULES`; `NOT_PERSONAL[model]` says, per field, why
a field holds nothing about a person ("*" covers a model's other fields, but never a field that
points at an account or a participant: such a field must be named). A test walks every concrete
field of every model of our apps, and of the accounts, sessions and log models that hold
something of a person, and fails on a field in neither table — a new personal field cannot be
added without a rule. The privacy statement's "how long we keep it" list is written from `RULES`
(privacy/statements.py); `privacy/services/retention.py` applies them.
"""

from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class Rule:
    # The statement's sentence in Norwegian bokmål (and in English): a period in
    # braces names its key in settings.RETENTION (months); {days} is the setting named `days`.
    statement: str
    periods: tuple = ()  # the keys of settings.RETENTION it uses
    days: str = ""
    statement_en: str = ""  # the same sentence in English (the statement's English page)

    def text(self, language: str = "nb") -> str:
        values = {name: settings.RETENTION[name] for name in self.periods}
        statement = self.statement_en if language == "en" and self.statement_en else self.statement
        return statement.format(**values, days=getattr(settings, self.days, ""))


RULES = {
    "account": Rule(
        "Kontoen og profilen din (navn, e-post, telefon, fødselsdato, kommune, organisasjoner, "
        "innlogging): til du sletter dem, eller når kontoen ikke har vært i bruk på "
        "{inactive_accounts} måneder (ingen innlogging, søknad eller samling). Da får du først "
        "en e-post, og logger du ikke inn innen {days} dager, slettes kontoen.",
        periods=("inactive_accounts",),
        days="INACTIVE_ACCOUNT_NOTICE_DAYS",
        statement_en="Your account and profile (name, e-mail, phone, date of birth, municipality, "
        "organisations, log-ins): until you delete them, or when the account has not been used "
        "for {inactive_accounts} months (no log-in, application or gathering). You get an e-mail "
        "first, and if you do not log in within {days} days, the account is deleted.",
    ),
    "sensitive_fields": Rule(
        "Sensitive opplysninger i profilen: slettes {sensitive_fields} måneder etter din siste "
        "samling, eller, har du aldri søkt, {sensitive_fields} måneder etter at du sist var "
        "innlogget.",
        periods=("sensitive_fields",),
        statement_en="Sensitive details in your profile: deleted {sensitive_fields} months after "
        "your last gathering or, if you never applied, {sensitive_fields} months after you last "
        "logged in.",
    ),
    "application_texts": Rule(
        "Det du skrev i en søknad (motivasjon, behov, begrunnelser), uansett status: slettes "
        "{application_texts} måneder etter at samlingen er over, og i søknader som ble avslått, "
        "avmeldt eller gikk ut før det, {ended_applications} måneder etter at søknaden ble "
        "avsluttet.",
        periods=("application_texts", "ended_applications"),
        statement_en="What you wrote in an application (motivation, needs, reasons), whatever its "
        "status: deleted {application_texts} months after the gathering is over, and in "
        "applications that were rejected, withdrawn or expired before that, "
        "{ended_applications} months after the application ended.",
    ),
    "audit_log": Rule(
        "Revisjonsloggen, også loggen over hvem som har sett de sensitive opplysningene dine: "
        "slettes etter {audit_log} måneder.",
        periods=("audit_log",),
        statement_en="The audit log, including the log of who has seen your sensitive details: "
        "deleted after {audit_log} months.",
    ),
    "sent_emails": Rule(
        "E-postene vi har sendt deg eller den foresatte (adresse, emne, lenker): slettes etter "
        "{sent_emails} måneder.",
        periods=("sent_emails",),
        statement_en="The e-mails we have sent you or your guardian (address, subject, links): "
        "deleted after {sent_emails} months.",
    ),
    "admin_jobs": Rule(
        "Oppsummeringer av lengre arbeid i administrasjonen (for eksempel utstedte kursbevis, "
        "eller en zip-fil med kursbevisene fra en samling): filen slettes etter ett døgn, "
        "oppsummeringen etter 30 dager.",
        statement_en="Summaries of longer work in the admin (for example certificates issued, or "
        "a zip file of a gathering's certificates): the file is deleted after a day, the summary "
        "after 30 days.",
    ),
    "sessions": Rule(
        "Innloggingen i nettleseren (økten): slettes når den går ut, når du logger ut, og når "
        "kontoen slettes (da avsluttes alle øktene dine, på alle enheter).",
        statement_en="Your log-in in the browser (the session): deleted when it expires, when you "
        "log out, and when the account is deleted (then all your sessions end, on every device).",
    ),
    "who_answered": Rule(
        "Hvem som ble invitert til å evaluere en samling og om de har svart (aldri hva de "
        "svarte): slettes {who_answered} måneder etter at evalueringen er stengt. Lenken i "
        "e-posten virker bare mens evalueringen er åpen. Hvem som har svart på en kartlegging: "
        "slettes når kartleggingen stenger.",
        periods=("who_answered",),
        statement_en="Who was invited to evaluate a gathering and whether they have answered "
        "(never what they answered): deleted {who_answered} months after the evaluation closed. "
        "The link in the e-mail works only while the evaluation is open. Who has answered a "
        "kartlegging survey: deleted when the survey closes.",
    ),
    "evaluation_texts": Rule(
        "Svarene på evalueringer og kartlegginger er anonyme: de lagres uten navn, uten "
        "tidspunkt og uten noen kobling til deg. Det du skrev med egne ord (kommentarer, hva som "
        "manglet, hva vi bør beholde, fritekstsvar): slettes {evaluation_texts} måneder etter "
        "at evalueringen eller kartleggingen er stengt. Karakterer og valg beholdes som anonym "
        "statistikk.",
        periods=("evaluation_texts",),
        statement_en="Answers to evaluations and kartlegging surveys are anonymous: they are "
        "stored without a name, without a time and without any link to you. What you wrote in "
        "your own words (comments, what was missing, what to keep, free-text answers): deleted "
        "{evaluation_texts} months after the evaluation or survey closed. Ratings and choices "
        "are kept as anonymous statistics.",
    ),
    # The network (issue 18).
    "network_profile": Rule(
        "Medlemskapet ditt i nettverket og nettverksprofilen (samtykket, fagfeltene, nivåene du "
        "har deltatt på, fylke, språk, når du kan, presentasjonen, kontaktopplysningene for "
        "oppdrag og hva hver del er synlig for): til du går ut av nettverket, da slettes "
        "profilen med en gang. Har du verken logget inn eller gjort noe i nettverket på "
        "{inactive_members} måneder, får du først en e-post, og logger du ikke inn innen "
        "{days} dager, slettes profilen.",
        periods=("inactive_members",),
        days="INACTIVE_ACCOUNT_NOTICE_DAYS",
        statement_en="Your membership of the network and your network profile (the consent, "
        "the fields, the levels you have taken part at, county, languages, when you are "
        "available, the introduction, the contact details for assignments and what each part "
        "is visible to): until you leave the network, when the profile is deleted at once. If "
        "you have neither logged in nor done anything in the network for {inactive_members} "
        "months, you get an e-mail first, and if you do not log in within {days} days, the "
        "profile is deleted.",
    ),
    "network_messages": Rule(
        "Meldinger mellom medlemmer i nettverket: slettes {network_messages} måneder etter at "
        "de ble sendt. Går du ut av nettverket, slettes meldingene til deg; sletter du kontoen, "
        "slettes også meldingene du har sendt.",
        periods=("network_messages",),
        statement_en="Messages between members of the network: deleted {network_messages} "
        "months after they were sent. If you leave the network, the messages to you are "
        "deleted; if you delete your account, the messages you sent are deleted too.",
    ),
    "network_requests": Rule(
        "Forespørsler fra tjenester som ber om en brukermedvirker: en forespørsel der "
        "e-postadressen aldri ble bekreftet, slettes etter {days} dager. Når en forespørsel er "
        "avsluttet eller gjennomført, slettes tjenestens kontaktperson, e-post og telefon, "
        "beskrivelsen, merknadene, kontaktopplysningene medlemmet ga tjenesten og kommentarene "
        "i tilbakemeldingene {network_requests} måneder etter at den ble avsluttet (eller, "
        "hvis ingen avsluttet den, {network_requests} måneder etter den siste datoen i "
        "forespørselen). Tittelen, "
        "hvem som spurte, datoene, timene og karakterene beholdes til erfaringsloggen og som "
        "tall til rapporter.",
        periods=("network_requests",),
        days="NETWORK_UNVERIFIED_REQUEST_DAYS",
        statement_en="Requests from services that ask for a representative: a request whose "
        "e-mail address was never confirmed is deleted after {days} days. When a request is "
        "closed or completed, the service's contact person, e-mail and phone, the description, "
        "the notes, the contact details the member gave the service and the comments in the "
        "feedback are deleted {network_requests} months after it closed (or, if nobody closed "
        "it, {network_requests} months after the last date in the request). The title, who asked, "
        "the dates, the hours and the ratings are kept for the erfaringslogg and as numbers for "
        "reports.",
    ),
    "counts": Rule(
        "Søknadenes status og datoer, oppmøte og kursbevis beholdes som tall til rapporter til "
        "dem som finansierer programmet. Når kontoen slettes, er de ikke lenger knyttet til deg; "
        "navnet på et kursbevis blir stående bare hvis du velger det.",
        statement_en="The applications' status and dates, attendance and certificates are kept as "
        "numbers for reports to those who fund the programme. When the account is deleted, they "
        "are no longer linked to you; the name on a certificate stays only if you choose so.",
    ),
}

_ACCOUNT = "account"
_COUNTS = "counts"

FIELD_RULES = {
    "website.User": dict.fromkeys(
        ["email", "first_name", "last_name", "password", "last_login", "date_joined"], _ACCOUNT
    )
    | dict.fromkeys(["is_active", "erased_at", "groups", "user_permissions"], _ACCOUNT),
    "account.EmailAddress": dict.fromkeys(["user", "email", "verified", "primary"], _ACCOUNT),
    "account.EmailConfirmation": dict.fromkeys(
        ["email_address", "created", "sent", "key"], _ACCOUNT
    ),
    "mfa.Authenticator": dict.fromkeys(
        ["user", "type", "data", "created_at", "last_used_at"], _ACCOUNT
    ),
    "wagtailusers.UserProfile": {"user": _ACCOUNT, "avatar": _ACCOUNT},
    # Wagtail's own log (site history): an entry about a person's login or rows is labelled
    # with their name; erasure relabels it and empties its details.
    "wagtailcore.ModelLogEntry": {"label": _ACCOUNT, "data": _ACCOUNT},
    "sessions.Session": dict.fromkeys(["session_key", "session_data", "expire_date"], "sessions"),
    "privacy.LoginSession": dict.fromkeys(["user", "session_key", "created_at"], "sessions"),
    "privacy.InactivityWarning": dict.fromkeys(["user", "warned_at"], _ACCOUNT),
    "people.Participant": dict.fromkeys(
        [
            "user",
            "full_name",
            "preferred_name",
            "birth_date",
            "phone",
            "municipality",
            "organisations",
            "language",
        ],
        _ACCOUNT,
    )
    | dict.fromkeys(
        [
            "dietary_needs",
            "accessibility_needs",
            "emergency_contact_name",
            "emergency_contact_phone",
            "guardian_name",
            "guardian_email",
        ],
        "sensitive_fields",
    ),
    "cohorts.Enrolment": {"participant": _COUNTS, "motivation": "application_texts"}
    | {"needs": "application_texts"},
    "cohorts.EnrolmentEvent": {"reason": "application_texts"},
    "cohorts.AttendanceChange": {"reason": "application_texts"},
    "cohorts.Attendance": {"enrolment": _COUNTS},
    "cohorts.ProgressionException": {"participant": _ACCOUNT, "reason": _ACCOUNT},
    "cohorts.CalendarInvite": {"participant": _COUNTS},
    "cohorts.CalendarFeed": {"user": _ACCOUNT, "token": _ACCOUNT},
    "certificates.Certificate": {"holder_name": _COUNTS, "pdf": _COUNTS},
    "website.AuditEntry": dict.fromkeys(
        ["actor_label", "participant_id", "subject_label", "object_label", "summary", "reason"],
        "audit_log",
    ),
    "website.OutboxMessage": dict.fromkeys(
        ["recipient", "recipient_name", "about", "context", "subject", "last_error"],
        "sent_emails",
    ),
    # What a coordinator wrote to participants: deleted with the e-mails (retention), and on
    # erasure a message to the person alone goes and they leave the others' recipients.
    "cohorts.GatheringMessage": dict.fromkeys(
        ["subject", "body", "subject_en", "body_en", "recipients"], "sent_emails"
    ),
    # website/jobs.py `jobs_sweep`: a summary may name people (a refused certificate).
    "website.Job": dict.fromkeys(["summary", "links", "file", "filename"], "admin_jobs"),
    # Evaluations (issue 17). Who may answer and has answered: the whole row goes after the
    # evaluation or survey closed (the reminder and the one-response rule need it only while
    # open); the salt (with the site's secret, the link's token), the token's hash and the
    # answer's edit key are emptied as soon as it closes (`evaluations_close`, run hourly by the
    # evaluation app and daily by retention), so nothing can pair an invite with an answer.
    "evaluation.EvaluationInvite": dict.fromkeys(
        ["gathering", "participant", "salt", "token_hash", "answered", "created_at"],
        "who_answered",
    ),
    # A survey's "has answered" rows go when it closes: only the one-response rule needs them,
    # and their order (a counter id, the order rows lie in the table) follows the order of
    # answering, as the answers' does — together they could be ranked against each other.
    "evaluation.SurveyParticipation": dict.fromkeys(["survey", "user"], "who_answered"),
    # The anonymous answers' own words (and the language they were written in, which can single
    # someone out in a small group): blanked after the period; ratings and choices stay.
    "evaluation.GatheringResponse": dict.fromkeys(
        ["missing", "keep", "language"], "evaluation_texts"
    )
    | {"edit_key": "who_answered"},
    "evaluation.ModuleRating": {"comment": "evaluation_texts"},
    "evaluation.SurveyResponse": {"language": "evaluation_texts"},
    "evaluation.SurveyAnswer": {"text": "evaluation_texts"},
    # The network (issue 18): the whole membership row is the profile; it goes when the member
    # leaves, is erased, or is removed after a warned silence (privacy/services/retention.py).
    "network.Membership": dict.fromkeys(
        [
            "participant",
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
        "network_profile",
    ),
    "network.MemberMessage": dict.fromkeys(
        ["uuid", "sender", "recipient", "in_reply_to", "body", "sent_at"], "network_messages"
    ),
    # Blanked when the request is anonymised (network/services/privacy.py request_anonymise).
    "network.ServiceRequest": dict.fromkeys(
        [
            "contact_name",
            "contact_email",
            "contact_phone",
            "description",
            "payment_details",
            "close_reason",
        ],
        "network_requests",
    ),
    "network.RequestInvitation": {"membership": "network_profile"}
    | dict.fromkeys(["note", "shared_email", "shared_phone"], "network_requests"),
    "network.RequestEvent": {"detail": "network_requests"},
    "network.AssignmentFeedback": {"comment": "network_requests"},
}

_STAFF = "a staff member's account (coordinator, administrator), not a participant's"
_WHEN = "a date or state counted in reports; it stops being about anyone once the person goes"
_ANONYMOUS = "what an anonymous answer is about (no person, no time, a random id)"
_STATISTICS = "a rating or choice in an anonymous answer, kept as statistics"
NOT_PERSONAL = {
    "*": {"id": "internal number"},
    "website.User": {
        "is_staff": "staff flag",
        "is_superuser": "staff flag",
    },
    "people.Participant": {},
    "people.Organisation": {"*": "an organisation's own details", "coordinators": _STAFF},
    "cohorts.Gathering": {"*": "a gathering's programme and settings", "coordinators": _STAFF},
    "cohorts.Enrolment": dict.fromkeys(
        [
            "gathering",
            "organisation",
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
        _WHEN,
    ),
    "cohorts.EnrolmentEvent": dict.fromkeys(
        ["enrolment", "from_state", "to_state", "created_at"], _WHEN
    )
    | {"actor": _STAFF + " or the participant's own (anonymised on erasure)"},
    "cohorts.Attendance": dict.fromkeys(
        ["session", "status", "minutes_attended", "marked_at"], _WHEN
    )
    | {"method": _WHEN, "marked_by": _STAFF},
    "cohorts.AttendanceChange": dict.fromkeys(
        ["attendance", "from_status", "to_status", "from_minutes", "to_minutes", "changed_at"],
        _WHEN,
    )
    | {"actor": _STAFF},
    "cohorts.ProgressionException": {"level": _WHEN, "granted_at": _WHEN, "granted_by": _STAFF},
    "cohorts.CalendarInvite": dict.fromkeys(
        ["gathering", "enrolment", "method", "sequence", "fingerprint", "resend", "created_at"],
        _WHEN,
    )
    | {"run": "an internal sending job", "message": "its e-mail, under sent_emails"}
    | {"requested_by": _STAFF},
    "cohorts.CalendarFeed": {"created_at": _WHEN},
    "cohorts.InviteRun": {"*": "a coordinator's sending job", "requested_by": _STAFF},
    "cohorts.Quota": {"*": "seats per organisation"},
    "cohorts.Session": {"*": "a gathering's timetable"},
    "certificates.Certificate": dict.fromkeys(
        ["code", "enrolment", "level", "issued_at", "revoked_at", "status_index"], _WHEN
    )
    | {"exception_reason": "why a coordinator issued it, about the rules, not the person"}
    | {"revoke_reason": "why it was revoked (kept with the certificate, like its code)"}
    | {"issued_by": _STAFF, "revoked_by": _STAFF},
    "website.AuditEntry": {"created_at": _WHEN, "action": _WHEN, "sensitive": _WHEN}
    | {"actor": _STAFF + " (a participant's own is anonymised on erasure)"},
    "website.OutboxMessage": {
        "*": "how the outbox sends it (key, kind, state, attempts, times)",
    },
    "website.RateLimitCounter": {"*": "counts per keyed hash, no person"},
    "website.Job": {"*": "what the job is and how far it has come", "requested_by": _STAFF},
    "cohorts.GatheringMessage": {
        "*": "which gathering, to whom as a group, when",
        "author": _STAFF,
    },
    # Anonymous by construction (design.md rule 10, tests/evaluation/test_anonymity.py): no
    # column to a person, no time, a random id. Every field is named, so a new one must be
    # classified here.
    "evaluation.GatheringResponse": dict.fromkeys(["gathering"], _ANONYMOUS)
    | dict.fromkeys(["ready_individual", "ready_service", "ready_system"], _STATISTICS),
    "evaluation.ModuleRating": dict.fromkeys(["response", "session", "module_key"], _ANONYMOUS)
    | dict.fromkeys(["usefulness", "clarity"], _STATISTICS),
    "evaluation.SurveyResponse": {"survey": _ANONYMOUS},
    "evaluation.SurveyAnswer": dict.fromkeys(["response", "question"], _ANONYMOUS)
    | dict.fromkeys(["scale", "chosen"], _STATISTICS),
    "evaluation.CommentAddressed": dict.fromkeys(
        ["rating", "revision", "at"], "an editor's mark that an anonymous comment was taken in"
    )
    | {"by": _STAFF + " (the editor who marked it, never the one who wrote the comment)"},
    "evaluation.Survey": {"*": "a survey's questions, period and audience"},
    # The network (issue 18): what a service asked for, and what the figures count.
    "network.ServiceRequest": {
        "*": "what a service asked for (kind, field, levels, county, dates, payment), its state, "
        "its link and dates; an unconfirmed request is deleted whole after some days",
        "title": "the assignment's title (kept for the member's erfaringslogg)",
        "organisation_name": "the organisation or service that asked, not a person",
    },
    "network.RequestInvitation": dict.fromkeys(
        ["request", "organisation", "state", "invited_at", "answered_at", "confirmed_at"], _WHEN
    )
    | {"hours": _WHEN + " (the member's erfaringslogg)", "invited_by": _STAFF},
    "network.RequestEvent": {
        "*": "a step on a request's history (what, when, which invitation)",
        "actor": _STAFF + " or the member's own (anonymised on erasure)",
    },
    "network.AssignmentFeedback": dict.fromkeys(
        ["invitation", "side", "rating", "submitted_at"],
        "which side answered, the rating and when: kept for the figures (the comment goes)",
    ),
    "evaluation.SurveyQuestion": {"*": "a survey's questions"},
    "evaluation.SurveyGap": {"*": "what a survey found missing and the modules it led to"},
    "evaluation.SurveyGapModule": {"*": "a module a survey's gap led to"},
    "website.HomePage": {"*": "site content"},
    "website.InfoPage": {"*": "site content"},
    "website.NavigationSettings": {"*": "site settings"},
    "website.FooterSettings": {"*": "site settings (the programme's own contact address)"},
    "courses.ProgrammePage": {"*": "curriculum content"},
    "courses.CoursePage": {"*": "curriculum content"},
    "courses.ModulePage": {"*": "curriculum content"},
    "wagtailusers.UserProfile": {"*": "the admin's notification and display preferences"},
    "wagtailcore.ModelLogEntry": {
        "*": "which object, what was done, when",
        "user": _STAFF + " (a participant's own is anonymised on erasure)",
    },
}
# Models walked besides our apps' own: where a person's login, second factor, sessions and
# admin profile are kept.
OTHER_MODELS = (
    "account.EmailAddress",
    "account.EmailConfirmation",
    "mfa.Authenticator",
    "sessions.Session",
    "wagtailusers.UserProfile",
    "wagtailcore.ModelLogEntry",
)
OUR_APPS = (
    "website",
    "people",
    "courses",
    "cohorts",
    "certificates",
    "evaluation",
    "network",
    "privacy",
)


def rule_for(model_key: str, field_name: str) -> str | None:
    return FIELD_RULES.get(model_key, {}).get(field_name)
