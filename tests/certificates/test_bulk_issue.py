"""Issuing certificates in bulk is a service (`certificates_issue_many`): one transaction per
certificate, a summary of what was issued, what already was and what was refused and why."""

import datetime

import pytest

from certificates import services
from certificates.models import Certificate
from certificates.services import certificate_issue, certificates_issue_many
from cohorts.models import Session
from cohorts.services import attendance_mark, enrolment_apply
from tests.factories import NOW, make_coordinator, make_gathering, make_participant
from website.models import OutboxMessage

pytestmark = pytest.mark.django_db


@pytest.fixture
def finished(organisations):
    """A gathering that took place (one session); BAR's coordinator; three BAR participants:
    two attended, one did not."""
    gathering = make_gathering(
        organisations,
        starts_at=NOW - datetime.timedelta(days=10),
        ends_at=NOW - datetime.timedelta(days=9),
        enrolment_opens_at=NOW - datetime.timedelta(days=40),
        enrolment_closes_at=NOW - datetime.timedelta(days=20),
    )
    session = Session.objects.create(
        gathering=gathering,
        title="Dag 1",
        starts_at=gathering.starts_at,
        ends_at=gathering.starts_at + datetime.timedelta(hours=2),
    )
    bar = organisations["BAR"]
    coordinator = make_coordinator(bar)
    gathering.coordinators.add(coordinator)
    enrolments = {}
    for name, status in [("first", "present"), ("second", "late"), ("away", "absent")]:
        enrolments[name] = enrolment_apply(
            participant=make_participant(bar, name=name),
            gathering=gathering,
            organisation=bar,
            now=NOW - datetime.timedelta(days=30),
        )
        attendance_mark(
            enrolment=enrolments[name],
            session=session,
            status=status,
            actor=coordinator,
            now=session.starts_at,
        )
    return {"coordinator": coordinator, **enrolments}


def test_the_summary_says_what_was_issued_what_already_was_and_what_was_refused(finished):
    coordinator = finished["coordinator"]
    earlier = certificate_issue(enrolment=finished["first"], actor=coordinator)
    summary = certificates_issue_many(
        enrolments=[finished["first"], finished["second"], finished["away"]], actor=coordinator
    )
    assert summary.already == [earlier]
    assert [c.enrolment_id for c in summary.issued] == [finished["second"].pk]
    [(refused, message)] = summary.refused
    assert refused == finished["away"]
    assert "Skriv en begrunnelse for å utstede likevel" in str(message)
    # a refusal stops only that one: the others are issued, each with its own e-mail
    assert Certificate.objects.filter(revoked_at__isnull=True).count() == 2
    assert not Certificate.objects.filter(enrolment=finished["away"]).exists()
    assert OutboxMessage.objects.filter(kind="certificate").count() == 2


def test_a_reason_issues_to_someone_not_eligible_and_running_again_issues_nothing_new(finished):
    coordinator = finished["coordinator"]
    everyone = [finished["first"], finished["second"], finished["away"]]
    reasons = {finished["away"].pk: "Avtalt unntak"}
    first = certificates_issue_many(
        enrolments=everyone, actor=coordinator, exception_reasons=reasons
    )
    assert len(first.issued) == 3 and not first.refused
    exception = Certificate.objects.get(enrolment=finished["away"])
    assert exception.exception_reason == "Avtalt unntak"
    again = certificates_issue_many(
        enrolments=everyone, actor=coordinator, exception_reasons=reasons
    )
    assert again.issued == [] and len(again.already) == 3
    assert Certificate.objects.count() == 3


def test_another_organisations_coordinator_is_refused_each_one(finished, organisations):
    other = make_coordinator(organisations["MHU"])
    summary = certificates_issue_many(enrolments=[finished["first"]], actor=other)
    assert summary.issued == [] and [e for e, _m in summary.refused] == [finished["first"]]
    assert not Certificate.objects.exists()


def test_each_certificate_is_its_own_transaction(finished, monkeypatch):
    # The second issue fails hard (not a rule: say, the database went away): the first stays.
    real = services._enqueue_email
    calls = []

    def failing_second(certificate, participant):
        calls.append(certificate.pk)
        if len(calls) == 2:
            raise RuntimeError("lost the database")
        real(certificate, participant)

    monkeypatch.setattr(services, "_enqueue_email", failing_second)
    with pytest.raises(RuntimeError):
        certificates_issue_many(
            enrolments=[finished["first"], finished["second"]], actor=finished["coordinator"]
        )
    assert list(Certificate.objects.values_list("enrolment_id", flat=True)) == [
        finished["first"].pk
    ]
