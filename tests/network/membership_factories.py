"""Builders for joining the network (tests/network/test_membership*.py and the browser test):
a certificate of a level on a confirmed seat, built directly (the rules of issuing are the
certificates app's tests)."""

from django.utils import timezone

from certificates.codes import new_code
from certificates.models import Certificate
from tests.factories import make_gathering


def certify(participant, organisation, *, level="new"):
    from cohorts.models import Enrolment, Organisation

    everyone = {o.short_code: o for o in Organisation.objects.all()}
    enrolment = Enrolment.objects.create(
        participant=participant,
        gathering=make_gathering(everyone, level=level),
        organisation=organisation,
        state=Enrolment.State.CONFIRMED,
    )
    return Certificate.objects.create(
        code=new_code(),
        enrolment=enrolment,
        level=level,
        holder_name=participant.full_name,
        issued_at=timezone.now(),
    )
