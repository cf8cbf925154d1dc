"""The matrix's rows for the privacy app: My data, deleting one's account, a guardian's
erasure link, and the retention rules' page (under the coordinators' admin path).

To add a URL: one entry here, keyed by the pattern's name; see `harness.Row`. A refused role
gets 404 (`REFUSED`), as if the page did not exist.
"""

from tests.authorization import data, states
from tests.authorization.harness import (
    ADMINISTRATOR_ONLY,
    LOGGED_IN,
    ROLE_GROUPS,
    ROLES,
    UNCHANGED_LOGIN,
    Row,
    administrators_only,
    cells,
    post,
)

ROWS = {
    "guardian_erasure": Row(
        data.guardian_erasure_url,
        cells(400, guardian=200),
        post=post(
            lambda w: {},
            states.participant_data("MHUKID"),
            **{role: (400, False) for role in ROLES if role != "guardian"},
            guardian=(200, True),
        ),
    ),
    # Everything held about yourself (and only yourself): any logged-in person.
    "my_data": Row("/min-side/mine-data/", LOGGED_IN),
    # Delete my account: any logged-in person, for their own account, with their password.
    "erase_my_data": Row(
        "/min-side/slett/",
        LOGGED_IN,
        post=post(
            lambda w: {"keep_name": "on"},  # no password: refused, nothing deleted
            states.participant_data("MHU1"),
            **{role: (400, False) for role in ROLES if role not in ROLE_GROUPS["anonymous"]},
            anonymous=UNCHANGED_LOGIN,
        ),
    ),
    # The retention rules' dry run and "run now": administrators only.
    "cohorts_admin_retention": Row(
        "/admin/pameldinger/sletting/",
        ADMINISTRATOR_ONLY,
        post=administrators_only(lambda w: {}, states.audit_entries),
    ),
}
