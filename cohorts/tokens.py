"""The signed links in guardians' e-mails: confirming an application, asking for erasure."""

from website.signed_links import signed_id

GUARDIAN_SALT = "cohorts.guardian-confirmation"
GUARDIAN_LINK_DAYS = 7
GUARDIAN_ERASURE_SALT = "cohorts.guardian-erasure"
GUARDIAN_ERASURE_DAYS = 90


def guardian_token(enrolment) -> str:
    return signed_id(GUARDIAN_SALT, enrolment.pk)


def guardian_erasure_token(participant) -> str:
    return signed_id(GUARDIAN_ERASURE_SALT, participant.pk)
