"""The matrix's shared data: one gathering with a running session, participants of two
organisations whose every sensitive and personal field says whose it is, a certificate each,
a guardian's links and calendar feeds, the network's members, messages and service requests
(`_network`) — and a user for every role (`world.users`).

Also how a row's URL is built from the data (`fill` for templates, the capability-link
builders for roles that hold, or do not hold, the secret) and the state snapshots a POST
check compares before and after.
"""

import datetime
import types

from django.utils import timezone

from tests.factories import make_coordinator, make_gathering, make_participant

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


def build_world():
    """The shared data, as a namespace (see the module docstring)."""
    from django.apps import apps
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from certificates.services import certificate_issue
    from cohorts import services
    from cohorts.models import Organisation, Session
    from courses.editorial import EDITOR_GROUPS, USER_REVIEWER_GROUP, ensure_editorial_setup
    from website.models import AuditEntry
    from website.site_structure import ensure_site_structure

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
        services.organisation_coordinators_set(
            organisation=organisation, coordinators=organisation.coordinators.all()
        )
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
        # The network's members (see `_network`), certified at this gathering.
        "MHUMEM": ("MHU", _person(organisations["MHU"], "MHUMEM")),  # "member"
        "BARMEM": ("BAR", _person(organisations["BAR"], "BARMEM")),
        "MHUHIDDEN": ("MHU", _person(organisations["MHU"], "MHUHIDDEN")),
    }
    enrolments = {
        label: apply(p, code, label) for label, (code, p) in people.items() if label != "MHUKID"
    }
    for label in ("MHU1", "MHU2", "MHUMINOR", "BAR1", *NETWORK_MEMBERS):
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
    for label in NETWORK_MEMBERS:
        certificate_issue(
            enrolment=enrolments[label], actor=administrator, exception_reason="Testdata"
        )

    users = {
        "visitor": None,
        "guardian": None,
        "participant": people["MHU1"][1].user,
        "other_participant": people["BAR1"][1].user,
        "member": people["MHUMEM"][1].user,
        "service_requester": None,
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
    network = _network(
        organisations,
        {label: participant for label, (_code, participant) in people.items()},
        coordinators={"MHU": coordinator_same, "BAR": coordinator_other},
    )
    for label, membership in network["memberships"].items():
        values[label].update(_network_values_of(membership))
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
        job=_finished_job(coordinator_same),
        message=_failed_message(people["MHU1"][1].user),
        gathering_message=_gathering_message(coordinator_same, gathering),
        **_evaluation(organisations, people, coordinator_same),
        **network,
    )


def _evaluation(organisations, people, coordinator):
    """The evaluation app's data (issue 17): a completed gathering MHU1 attended, run by the
    MHU coordinator, with MHU1's live evaluation link (not answered yet) and five anonymous
    answers commenting on its first module (the threshold: the comments are shown); a gathering
    whose evaluation has closed, with MHU1's old link; the curriculum those modules belong to
    (the MHU editors may edit it); a kartlegging for representatives (BAR1 has answered), an
    open-link one, one for staff and a draft, and a gap the first one found."""
    from django.apps import apps

    from cohorts.models import Attendance, Enrolment
    from courses.editorial import ensure_editorial_setup
    from evaluation.models import EvaluationInvite, ModuleRating, SurveyGap
    from evaluation.services.responses import evaluation_link
    from evaluation.services.surveys import survey_submit
    from evaluation.tokens import invite_token, new_salt, token_hash
    from tests.evaluation.survey_factories import answers_for, make_survey
    from tests.factories import make_ended_gathering, make_evaluation_responses
    from website.site_structure import ensure_site_structure

    mhu1, bar1 = people["MHU1"][1], people["BAR1"][1]
    evaluated = make_ended_gathering(
        organisations, ensure_site_structure(), attended=0, absent=0, slug="evaluert-samling"
    )
    ensure_editorial_setup(apps)  # the editors' rights on the new programme's pages
    evaluated.coordinators.add(coordinator)
    enrolment = Enrolment.objects.create(
        participant=mhu1,
        gathering=evaluated,
        organisation=organisations["MHU"],
        state=Enrolment.State.CONFIRMED,
        confirmed_at=evaluated.starts_at - datetime.timedelta(days=20),
    )
    for session in evaluated.rated:
        Attendance.objects.create(
            enrolment=enrolment,
            session=session,
            status=Attendance.Status.PRESENT,
            minutes_attended=session.minutes,
            marked_at=session.ends_at,
            method=Attendance.Method.COORDINATOR,
        )
    link = evaluation_link(enrolment)
    assert link, "the evaluated gathering's evaluation is open"
    module_session = evaluated.rated[0]
    make_evaluation_responses(
        evaluated, 5, module=module_session.module, session=module_session, comment="Innspill {n}"
    )
    comment = ModuleRating.objects.get(response__gathering=evaluated, comment="Innspill 1")
    # Two comments on the second module: under the threshold, shown nowhere, not markable.
    hidden_session = evaluated.rated[1]
    make_evaluation_responses(
        evaluated, 2, module=hidden_session.module, session=hidden_session, comment="Skjult {n}"
    )
    hidden = ModuleRating.objects.get(response__gathering=evaluated, comment="Skjult 1")

    now = timezone.now()
    closed = make_gathering(
        organisations,
        slug="evaluering-lukket",
        title="Samling med lukket evaluering",
        starts_at=now - datetime.timedelta(days=41),
        ends_at=now - datetime.timedelta(days=40),
        enrolment_opens_at=now - datetime.timedelta(days=90),
        enrolment_closes_at=now - datetime.timedelta(days=60),
        status="completed",
    )
    # The close job has not run yet (the salt is still there): the link must fail all the same.
    salt = new_salt()
    EvaluationInvite.objects.create(
        gathering=closed, participant=mhu1, salt=salt, token_hash=token_hash(invite_token(salt))
    )

    survey = make_survey(audience="representatives", slug="kartlegging-matrise")
    survey_submit(survey=survey, user=bar1.user, answers=answers_for(survey), language="nb")
    open_survey = make_survey(audience="open", slug="kartlegging-tjenester")
    staff_survey = make_survey(audience="staff", slug="kartlegging-ansatte")
    draft = make_survey(audience="representatives", slug="kartlegging-utkast", published=False)
    gap = SurveyGap.objects.create(survey=survey, title="Rus mangler", tags="rus")
    return {
        "evaluated_gathering": evaluated,
        "evaluation_token": link.rstrip("/").rsplit("/", 1)[1],
        "closed_evaluation_token": invite_token(salt),
        "module_page": module_session.module,
        "comment": comment.pk,
        "hidden_comment": hidden.pk,
        "survey": survey,
        "open_survey": open_survey,
        "staff_survey": staff_survey,
        "draft_survey": draft,
        "gap": gap.pk,
    }


# The network's members (issue 18), each a certified participant with an active membership:
# MHUMEM is the "member" role: listed on the members' page (introduction shown to members, the
# rest not), visible to MHU's coordinators only; BARMEM is listed (introduction and languages
# shown to members) and visible network-wide (every organisation's coordinators may see the
# profile, never the organisation: `show_organisation` is off); MHUHIDDEN is not listed and not
# visible network-wide (no member and no other organisation's coordinator ever sees them).
NETWORK_MEMBERS = ("MHUMEM", "BARMEM", "MHUHIDDEN")
# The profile's typed-in parts, each with a distinctive value (`w.values[label]["network_…"]`):
# the parts other members may see if the member chose so, and the contact a service gets once
# the member accepts (rule 11), which no other member and no other organisation ever sees.
NETWORK_PROFILE_PARTS = {
    "introduction": "members_see_introduction",
    "languages": "members_see_languages",
}
NETWORK_CONTACT_PARTS = ("contact_email", "contact_phone")
NETWORK_PROFILES = {
    "MHUMEM": dict(
        listed_for_members=True,
        visible_network_wide=False,
        members_see_introduction=True,
        members_see_fields=True,
        field_mental_health=True,
        did_service=True,
        county="03",
    ),
    "BARMEM": dict(
        listed_for_members=True,
        visible_network_wide=True,
        members_see_introduction=True,
        members_see_languages=True,
        members_see_fields=True,
        members_see_county=True,
        field_substance_use=True,
        did_system=True,
        county="46",
    ),
    "MHUHIDDEN": dict(
        listed_for_members=False,
        visible_network_wide=False,
        field_mental_health=True,
        county="03",
    ),
}


def _network_values_of(membership):
    return {
        f"network_{part}": getattr(membership, part)
        for part in (*NETWORK_PROFILE_PARTS, *NETWORK_CONTACT_PARTS)
    }


def _network(organisations, people, *, coordinators):
    """The network's data (issue 18): the three members of NETWORK_PROFILES; a message BARMEM
    sent MHUMEM; an open service request (its e-mail confirmed) on which MHU's coordinator
    invited MHUMEM (not answered yet: the service must not see MHUMEM's contact), BAR's
    coordinator invited BARMEM (accepted: the service has BARMEM's contact) and MHUHIDDEN was
    invited and declined; a completed request MHUMEM did (match confirmed, 3 hours, no feedback
    yet from either side); a request whose e-mail is not confirmed. Built with the models (the
    services' rules are tested in tests/network/), each step on the request's history."""
    from network.models import MemberMessage, Membership, RequestInvitation, ServiceRequest
    from network.services.history import request_step
    from network.services.membership import guardian_token as network_guardian_token

    now = timezone.now()
    since = now - datetime.timedelta(days=30)
    memberships = {}
    for label, profile in NETWORK_PROFILES.items():
        memberships[label] = Membership.objects.create(
            participant=people[label],
            state=Membership.State.ACTIVE,
            consent_given_at=since,
            consent_version="1",
            joined_at=since,
            last_active_at=now - datetime.timedelta(days=2),
            introduction=f"NETTVERK-{label}-introduksjon",
            languages=f"NETTVERK-{label}-språk",
            contact_email=f"nettverk-{label.lower()}-kontakt@example.org",
            contact_phone=f"NETT-{label}-tlf",
            availability="monthly",
            **profile,
        )
    message = MemberMessage.objects.create(
        sender=memberships["BARMEM"],
        recipient=memberships["MHUMEM"],
        body="Hei! Vil du snakke om ungdomsrådet?",
        sent_at=now - datetime.timedelta(days=1),
    )

    def service_request(title, state, **fields):
        fields.setdefault("starts_on", (now + datetime.timedelta(days=30)).date())
        return ServiceRequest.objects.create(
            state=state,
            organisation_name=f"Tjeneste {title}",
            contact_name=f"Kontakt {title}",
            contact_email=f"tjeneste-{title.lower()}@example.org",
            contact_phone="22 22 22 22",
            kind=ServiceRequest.Kind.BOARD,
            title=f"Forespørsel {title}",
            description=f"Beskrivelse av {title}",
            participation_level="system",
            county="03",
            duration="Fire møter i året",
            fee_paid=True,
            travel_paid=True,
            created_at=now - datetime.timedelta(days=5),
            **fields,
        )

    def invite(request, label, state, **fields):
        code = "BAR" if label.startswith("BAR") else "MHU"
        invitation = RequestInvitation.objects.create(
            request=request,
            membership=memberships[label],
            organisation=organisations[code],
            invited_by=coordinators[code],
            state=state,
            invited_at=now - datetime.timedelta(days=3),
            **fields,
        )
        request_step(
            request=request, step="invited", actor=coordinators[code], invitation=invitation
        )
        return invitation

    request = service_request(
        "Åpen", ServiceRequest.State.ACCEPTED, email_verified_at=now - datetime.timedelta(days=5)
    )
    request_step(request=request, step="received")
    request_step(request=request, step="verified")
    invitation = invite(request, "MHUMEM", RequestInvitation.State.INVITED)
    accepted = invite(
        request,
        "BARMEM",
        RequestInvitation.State.ACCEPTED,
        answered_at=now - datetime.timedelta(days=2),
        shared_email=memberships["BARMEM"].contact_email,
        shared_phone=memberships["BARMEM"].contact_phone,
    )
    request_step(request=request, step="accepted", invitation=accepted)
    request_step(request=request, step="contact_sent", invitation=accepted)
    declined = invite(
        request,
        "MHUHIDDEN",
        RequestInvitation.State.DECLINED,
        answered_at=now - datetime.timedelta(days=2),
    )
    request_step(request=request, step="declined", invitation=declined)

    done = service_request(
        "Ferdig",
        ServiceRequest.State.COMPLETED,
        email_verified_at=now - datetime.timedelta(days=60),
        starts_on=(now - datetime.timedelta(days=20)).date(),
    )
    done_invitation = invite(
        done,
        "MHUMEM",
        RequestInvitation.State.CONFIRMED,
        answered_at=now - datetime.timedelta(days=40),
        confirmed_at=now - datetime.timedelta(days=39),
        shared_email=memberships["MHUMEM"].contact_email,
        shared_phone=memberships["MHUMEM"].contact_phone,
        hours=3,
    )
    request_step(request=done, step="completed", invitation=done_invitation)
    unverified = service_request("Ubekreftet", ServiceRequest.State.UNVERIFIED)
    # MHUMINOR (16) asked to join: not a member until the guardian confirms from their link.
    pending = Membership.objects.create(
        participant=people["MHUMINOR"],
        state=Membership.State.GUARDIAN_PENDING,
        consent_given_at=now,
        consent_version="1",
        last_active_at=now,
    )
    return {
        "pending_membership": pending,
        "network_guardian_token": network_guardian_token(pending),
        "memberships": memberships,
        "member_message": message,
        "service_request": request,
        "invitation": invitation,
        "accepted_invitation": accepted,
        "declined_invitation": declined,
        "done_request": done,
        "done_invitation": done_invitation,
        "unverified_request": unverified,
        # Who may see which of a member's network values (leaks.py): the profile parts every
        # organisation's coordinators may see, the parts other members may see, and the members
        # whose contact the open request's service holds.
        "network_wide": {label for label, m in memberships.items() if m.visible_network_wide},
        "members_see": {
            label: {
                f"network_{part}"
                for part, flag in NETWORK_PROFILE_PARTS.items()
                if m.listed_for_members and getattr(m, flag)
            }
            for label, m in memberships.items()
        },
        "contact_shared": {"BARMEM"},
    }


def _finished_job(user):
    """A background job the MHU coordinator started, finished with a file (website/jobs.py)."""
    from django.core.files.base import ContentFile

    from website.jobs import job_finish, job_start

    job = job_start(kind="matrix.test", actor=user, label="Test")
    job_finish(job, summary="Ferdig", file=ContentFile(b"test"), filename="test.txt")
    return job.pk


def _gathering_message(author, gathering):
    """A message the MHU coordinator wrote to MHU's confirmed participants."""
    import uuid

    from cohorts.services import message_send

    message, _sent = message_send(
        author=author,
        gathering=gathering,
        token=uuid.uuid4(),
        audience="confirmed",
        subject="Matrisemelding",
        body="Tekst",
        subject_en="Matrix message",
        body_en="Text",
    )
    return message.pk


def _failed_message(user):
    """One of the participant's e-mails, failed for good (administrators may send it again)."""
    from website.models import OutboxMessage

    message = OutboxMessage.objects.filter(about=user).order_by("pk").first()
    OutboxMessage.objects.filter(pk=message.pk).update(state="failed", attempts=8)
    return message.pk


# ----------------------------------------------------------------------------------------------
# URLs
# ----------------------------------------------------------------------------------------------

FORGED_GUARDIAN_TOKEN = "1:1tXyZa:forfalsket-signatur-forfalsket-signatu"
FORGED_FEED_TOKEN = "forfalsket" + "0" * 33


def guardian_url(w, role):
    # The signed link is what authorises; only the guardian holds the real one. The others
    # try a forged one, and the participant the erasure link (signed, but for another use).
    wrong = w.guardian_erasure_token if role == "participant" else FORGED_GUARDIAN_TOKEN
    token = w.guardian_token if role == "guardian" else wrong
    return f"/samlinger/foresatt/{token}/"


def guardian_erasure_url(w, role):
    # As above; the participant tries the (validly signed) confirmation link here.
    wrong = w.guardian_token if role == "participant" else FORGED_GUARDIAN_TOKEN
    token = w.guardian_erasure_token if role == "guardian" else wrong
    return f"/samlinger/foresatt/slett/{token}/"


def feed_url(w, role):
    # The feed's secret address is held by its participant; the others try a made-up one.
    token = w.feed_token if role == "participant" else FORGED_FEED_TOKEN
    return f"/kalender/{token}.ics"


def checkin_url(w, role):
    from cohorts.services import checkin_token

    return f"/samlinger/innsjekk/{w.session.pk}/{checkin_token(session=w.session)}/"


# An id no row has (and a code no certificate has): what "does not exist" answers.
ABSENT_ID = 2_000_000_000
ABSENT = {
    "slug": "finnes-ikke",
    "survey_slug": "finnes-ikke",
    "code": "ABCD-EFGH-JKLM",
    "rating": "00000000-0000-4000-8000-000000000000",
}
FORGED_EVALUATION_TOKEN = "0" * 64  # the shape of a real one (64 hex digits)
# The shape of a service request's token (secrets.token_urlsafe(24): 32 characters).
FORGED_REQUEST_TOKEN = "forfalsket" + "A" * 22
ABSENT.update(
    member_message="00000000-0000-4000-8000-000000000000",
    request_token=FORGED_REQUEST_TOKEN,
    done_request_token=FORGED_REQUEST_TOKEN,
)


def service_request_url(suffix="", request="service_request"):
    """A service request's capability link (`/nettverk/foresporsel/<token>/…`): the
    "service_requester" holds the open request's real link (or, with
    `request="done_request"`, the completed one's); every other role tries a made-up token of
    the same shape, logged in as whoever they are."""

    def url(w, role):
        token = getattr(w, request).token if role == "service_requester" else FORGED_REQUEST_TOKEN
        return f"/nettverk/foresporsel/{token}/{suffix}"

    return url


def evaluation_url(suffix=""):
    """The participant's evaluation link (the token is the whole authority: every role holds it
    here, logged in as whoever they are)."""
    return lambda w, role: f"/evaluering/{w.evaluation_token}/{suffix}"


def fill(template, w, **overrides):
    """A row's URL template filled with the shared data (the same URL for every role):
    {g} the gathering, {slug} its slug, {s} its session, {e} MHU1's enrolment, {appl} MHUAPPL's
    (still applied), {p} MHU1 (the participant), {c} and {code} MHU1's certificate, {org} MHU,
    {audit} an audit entry, {message} MHU1's failed e-mail, {gm} the MHU coordinator's message,
    {job} the MHU coordinator's background job; the evaluation app's: {eg} the evaluated
    gathering, {rating} the shown comment, {survey} the representatives' kartlegging (its id),
    {survey_slug} its address, {gap} its gap; the network's: {membership} MHUMEM's membership,
    {member_message} the message BARMEM sent MHUMEM (its uuid), {request} the open service
    request, {request_token} its token, {invitation} MHUMEM's unanswered invitation to it,
    {accepted_invitation} BARMEM's accepted one, {done_request} the completed request,
    {done_request_token} its token, {done_invitation} MHUMEM's confirmed invitation to it.
    `overrides` replace some of them (say, with an id that does not exist)."""
    values = dict(
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
        gm=w.gathering_message,
        job=w.job,
        eg=w.evaluated_gathering.pk,
        rating=w.comment,
        survey=w.survey.pk,
        survey_slug=w.survey.slug,
        gap=w.gap,
        membership=w.memberships["MHUMEM"].pk,
        member_message=w.member_message.uuid,
        request=w.service_request.pk,
        request_token=w.service_request.token,
        invitation=w.invitation.pk,
        accepted_invitation=w.accepted_invitation.pk,
        done_request=w.done_request.pk,
        done_request_token=w.done_request.token,
        done_invitation=w.done_invitation.pk,
    )
    values.update(overrides)
    return template.format(**values)
