"""The matrix's rows for the certificates app: the public verification page, the holder's PDF
(for its holder, their organisation's coordinators and administrators) and the admin pages
where coordinators issue and revoke (their own organisation's only).

To add a URL: one entry here, keyed by the pattern's name; see `harness.Row`. A refused role
gets 404 (`REFUSED`), as if the page did not exist.
"""

from tests.authorization import states
from tests.authorization.harness import (
    ADMIN_GATE,
    ADMIN_POST_ONLY,
    LOGIN,
    PUBLIC,
    REDIRECT,
    REFUSED,
    UNCHANGED_LOGIN,
    UNCHANGED_REFUSED,
    Row,
    cells,
    post,
)

ROWS = {
    "certificate_lookup": Row("/bevis/", PUBLIC),
    "certificate_verify": Row("/bevis/{code}/", PUBLIC),
    # c1 (issue 19): the Open Badges credential, the revocation status list and the issuer's
    # DID document with its public keys are public documents, for anyone who holds or checks
    # a credential.
    "certificate_credential": Row("/bevis/{code}/credential.json", PUBLIC),
    "certificate_status_list": Row("/bevis/status/1", PUBLIC),
    "issuer_did_document": Row("/.well-known/did.json", PUBLIC),
    # Anyone may check a credential file there (a POST stores nothing).
    "certificate_check_file": Row("/bevis/sjekk-fil/", PUBLIC),
    "certificate_download": Row(
        "/min-side/kursbevis/{c}/",
        cells(REFUSED, anonymous=LOGIN, participant=200, coordinator_same=200, administrator=200),
    ),
    # --- certificates admin (/admin/kursbevis/) ------------------------------------------------
    "certificates_admin_issue": Row(
        "/admin/kursbevis/samling/{g}/",
        cells(**ADMIN_GATE, editorial=REFUSED, coordinators=200, administrator=200),
        post=post(
            lambda w: {
                "enrolment": [w.enrolments["MHU2"].pk],
                f"reason-{w.enrolments['MHU2'].pk}": "Testgrunn",
            },
            states.certificate_jobs_for_mhu2,  # issued by a background job
            anonymous=UNCHANGED_LOGIN,
            participants=UNCHANGED_LOGIN,
            editorial=UNCHANGED_REFUSED,
            # Their own organisation's rows only: the MHU applicant is not among them.
            coordinator_other=(REDIRECT, False),
            coordinator_same=(REDIRECT, True),
            administrator=(REDIRECT, True),
        ),
    ),
    # The gathering's own coordinators and administrators make a zip of its certificates.
    "certificates_admin_zip": Row(
        "/admin/kursbevis/samling/{g}/zip/",
        ADMIN_POST_ONLY,
        post=post(
            lambda w: {},
            states.certificate_zips,
            anonymous=UNCHANGED_LOGIN,
            participants=UNCHANGED_LOGIN,
            editorial=UNCHANGED_REFUSED,
            coordinator_other=UNCHANGED_REFUSED,
            coordinator_same=(REDIRECT, True),
            administrator=(REDIRECT, True),
        ),
    ),
    "certificates_admin_change": Row(
        "/admin/kursbevis/{c}/revoke/",
        ADMIN_POST_ONLY,
        post=post(
            lambda w: {"reason": "Testgrunn"},
            states.certificate_state,
            anonymous=UNCHANGED_LOGIN,
            participants=UNCHANGED_LOGIN,
            editorial=UNCHANGED_REFUSED,
            coordinator_other=UNCHANGED_REFUSED,
            coordinator_same=(REDIRECT, True),
            administrator=(REDIRECT, True),
        ),
    ),
}
