"""Cohorts' own rows when a person's data is erased or their time is up. The privacy layer
(privacy/services/) decides when; these change the rows. The rows stay, so the numbers funders
are given (applications, attendance) do not change; the words and the calendar feed go."""

from ..models import (
    AttendanceChange,
    CalendarFeed,
    Enrolment,
    EnrolmentEvent,
    GatheringMessage,
    ProgressionException,
)


def enrolment_texts_erase(*, enrolment_ids) -> None:
    """What the applications said: motivation, needs, and the reasons in their history and in
    their attendance changes."""
    Enrolment.objects.filter(pk__in=enrolment_ids).update(motivation="", needs="")
    EnrolmentEvent.objects.filter(enrolment_id__in=enrolment_ids).update(reason="")
    AttendanceChange.objects.filter(attendance__enrolment_id__in=enrolment_ids).update(reason="")


def person_records_erase(*, user, participant=None) -> None:
    """Erasure: the account's calendar feed goes; a participant's applications lose their
    words and exceptions from the level rules their reason; the messages a coordinator wrote to
    them alone go, and they leave the recipients of messages to a whole gathering. In the
    caller's transaction."""
    CalendarFeed.objects.filter(user=user).delete()
    if participant is None:
        return
    enrolment_ids = list(
        Enrolment.objects.filter(participant=participant).values_list("pk", flat=True)
    )
    enrolment_texts_erase(enrolment_ids=enrolment_ids)
    GatheringMessage.objects.filter(audience="one", recipients__in=enrolment_ids).delete()
    GatheringMessage.recipients.through.objects.filter(enrolment_id__in=enrolment_ids).delete()
    ProgressionException.objects.filter(participant=participant).update(reason="")
