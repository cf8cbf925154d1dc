"""What a POST check compares before and after: small snapshots of the state a POST may
change, read from the database (`w` is the shared data, see `data.py`)."""


def enrolment_state(label):
    def snapshot(w):
        from cohorts.models import Enrolment

        return Enrolment.objects.values_list("state", "guardian_confirmed_at").get(
            pk=w.enrolments[label].pk
        )

    return snapshot


def attendance(w):
    from cohorts.models import Attendance

    return sorted(Attendance.objects.filter(session=w.session).values_list("pk", "status"))


def invite_runs(w):
    return list(w.gathering.invite_runs.values_list("pk", flat=True))


def invites_of_mhu1(w):
    from cohorts.models import CalendarInvite

    return list(
        CalendarInvite.objects.filter(participant=w.people["MHU1"]).values_list(
            "pk", "message__attempts", "message__state"
        )
    )


def message_state(w):
    from website.models import OutboxMessage

    return list(OutboxMessage.objects.filter(pk=w.message).values_list("state", "attempts"))


def certificate_state(w):
    from certificates.models import Certificate

    return Certificate.objects.values_list("revoked_at", "revoke_reason").get(pk=w.certificate.pk)


def certificates_of_mhu2(w):
    from certificates.models import Certificate

    return Certificate.objects.filter(enrolment=w.enrolments["MHU2"]).count()


def certificate_jobs_for_mhu2(w):
    """MHU2's certificates, and the bulk issues (background jobs) that name MHU2."""
    from website.models import Job

    jobs = Job.objects.filter(kind="certificates.issue")
    asked = [job.pk for job in jobs if w.enrolments["MHU2"].pk in job.params["enrolments"]]
    return certificates_of_mhu2(w), asked


def certificate_zips(w):
    from website.models import Job

    return Job.objects.filter(kind="certificates.zip").count()


def feed_token(w):
    from cohorts.models import CalendarFeed

    return CalendarFeed.objects.get(user=w.people["MHU1"].user).token


def enrolment_count(w):
    return w.gathering.enrolments.count()


def organisation(w):
    from cohorts.models import Organisation

    organisation = Organisation.objects.get(pk=w.organisations["MHU"].pk)
    return organisation.name, sorted(organisation.coordinators.values_list("pk", flat=True))


def gathering_exists(w):
    from cohorts.models import Gathering

    return Gathering.objects.filter(pk=w.gathering.pk).exists()


def participant_data(label):
    def snapshot(w):
        from cohorts.models import Participant

        participant = Participant.objects.select_related("user").get(pk=w.people[label].pk)
        return participant.full_name, participant.dietary_needs, participant.user.is_active

    return snapshot


def audit_entries(w):
    from website.models import AuditEntry

    return AuditEntry.objects.count()


def exceptions(w):
    from cohorts.models import ProgressionException

    return ProgressionException.objects.count()


def participants(w):
    from cohorts.models import Participant

    return Participant.objects.count()


def audit_entry(w):
    from website.models import AuditEntry

    return list(AuditEntry.objects.filter(pk=w.audit_entry).values_list("pk", "reason"))


def evaluation_responses(w):
    """The evaluated gathering's answers, and whether MHU1's invite says answered."""
    from evaluation.models import EvaluationInvite, GatheringResponse

    answered = EvaluationInvite.objects.filter(
        gathering=w.evaluated_gathering, participant=w.people["MHU1"]
    ).values_list("answered", flat=True)
    return GatheringResponse.objects.filter(gathering=w.evaluated_gathering).count(), list(answered)


def comment_marks(w):
    from evaluation.models import CommentAddressed

    return list(CommentAddressed.objects.values_list("rating_id", "revision_id"))


def survey_answers(w):
    """The representatives' kartlegging: its responses and who has answered."""
    from evaluation.models import SurveyParticipation, SurveyResponse

    return (
        SurveyResponse.objects.filter(survey=w.survey).count(),
        sorted(SurveyParticipation.objects.filter(survey=w.survey).values_list("user", flat=True)),
    )


def surveys(w):
    from evaluation.models import Survey

    return sorted(Survey.objects.values_list("pk", "title", "published"))


def gaps(w):
    from evaluation.models import SurveyGap

    return sorted(SurveyGap.objects.values_list("pk", "title", "status"))
