"""What coordinators wrote to participants follows the e-mails' rules: erasing a person removes
a message written to them alone and takes them off a message to the whole gathering; the
retention job removes messages as old as the e-mails it removes."""

import datetime
import uuid

import pytest
from django.utils import timezone

from cohorts.models import GatheringMessage
from cohorts.services import message_send
from privacy.services import participant_erase, retention_apply
from tests.factories import confirmed_enrolment, make_coordinator, make_gathering

pytestmark = pytest.mark.django_db


@pytest.fixture
def written(on_commit, organisations):
    gathering = make_gathering(organisations)
    ida, emil = (confirmed_enrolment(on_commit, gathering, organisations["MHU"]) for _ in "ab")
    coordinator = make_coordinator(organisations["MHU"])

    def send(**fields):
        return on_commit(
            message_send,
            author=coordinator,
            gathering=gathering,
            token=uuid.uuid4(),
            subject="Husk innesko",
            body="Hei, ta med innesko.",
            **fields,
        )[0]

    to_ida = send(audience="one", enrolment=ida)
    to_all = send(audience="confirmed")
    return {"ida": ida, "emil": emil, "to_ida": to_ida, "to_all": to_all}


def test_erasure_removes_a_message_to_the_person_alone_and_their_place_among_recipients(written):
    ida = written["ida"].participant
    assert set(written["to_all"].recipients.all()) == {written["ida"], written["emil"]}
    participant_erase(participant=ida, actor=ida.user, now=timezone.now())
    assert not GatheringMessage.objects.filter(pk=written["to_ida"].pk).exists()
    assert list(written["to_all"].recipients.all()) == [written["emil"]]


def test_the_retention_job_removes_messages_as_old_as_the_emails(written, settings):
    months = settings.RETENTION["sent_emails"]
    old = timezone.now() - datetime.timedelta(days=31 * months + 1)
    GatheringMessage.objects.filter(pk=written["to_ida"].pk).update(created_at=old)
    preview = {r.key: r.count for r in retention_apply(dry_run=True)}
    assert GatheringMessage.objects.count() == 2
    retention_apply()
    assert list(GatheringMessage.objects.all()) == [written["to_all"]]
    assert preview["sent_emails"] >= 1
