"""The signed links in guardians' e-mails: confirming an application, asking for erasure."""

from django.core import signing

GUARDIAN_SALT = "cohorts.guardian-confirmation"
GUARDIAN_LINK_DAYS = 7
GUARDIAN_ERASURE_SALT = "cohorts.guardian-erasure"
GUARDIAN_ERASURE_DAYS = 90


def guardian_token(enrolment) -> str:
    return signing.TimestampSigner(salt=GUARDIAN_SALT).sign(str(enrolment.pk))


def guardian_erasure_token(participant) -> str:
    return signing.TimestampSigner(salt=GUARDIAN_ERASURE_SALT).sign(str(participant.pk))
