"""Out of scope answers as absent: a refused id gets the very bytes an id that does not exist
gets (website/policy.py), so sequential ids tell nobody whom they belong to.

- `absent_cases(rows)`: every cell of the matrix where a role is refused on a URL with ids is
  sent again with each of its ids replaced by one that does not exist (`data.ABSENT_ID`).
- `OUT_OF_SCOPE`: requests a coordinator may make to the same URL with their own ids, sent
  with another organisation's id instead (or one the page never offers), beside the same
  request with an id that does not exist; and addresses that no longer or do not yet work (a
  closed evaluation's link, a draft kartlegging, a comment under the threshold) beside ones
  that never existed.
"""

import string

import pytest

from tests.authorization.data import ABSENT, ABSENT_ID, FORGED_EVALUATION_TOKEN, fill
from tests.authorization.harness import REFUSED, param_id


def placeholders(template):
    return [field for _text, field, _spec, _conv in string.Formatter().parse(template) if field]


def absent_url(template, w, field):
    return fill(template, w, **{field: ABSENT.get(field, ABSENT_ID)})


def absent_cases(rows):
    """(pattern id, role, method, placeholder) for every refused cell of a URL with ids."""
    for pid, row in rows.items():
        if not isinstance(row.url, str):
            continue
        fields = placeholders(row.url)
        refused = [("get", role) for role, expected in row.get.items() if expected == REFUSED]
        refused += [
            ("post", role)
            for role, (expected, _changes) in row.post_expectations().items()
            if expected == REFUSED
        ]
        for method, role in refused:
            for field in fields:
                yield pytest.param(
                    pid, role, method, field, id=f"{param_id(pid, role)}-{method}-{field}"
                )


def _enrolment(label):
    return lambda w: w.enrolments[label].pk


def _mark(enrolment):
    def data(w, absent=False):
        return {
            "session": w.session.pk,
            "enrolment": ABSENT_ID if absent else enrolment(w),
            "status": "present",
        }

    return data


def _same_data(data):
    return lambda w, absent=False: data


# name → (role, method, url(w, absent), data(w, absent) or None)
OUT_OF_SCOPE = {
    "participant page of another organisation's member": (
        "coordinator_same",
        "get",
        lambda w, absent: (
            f"/admin/pameldinger/pamelding/{ABSENT_ID if absent else w.enrolments['BAR1'].pk}/"
        ),
        None,
    ),
    "participant page, the other way round": (
        "coordinator_other",
        "get",
        lambda w, absent: (
            f"/admin/pameldinger/pamelding/{ABSENT_ID if absent else w.enrolments['MHU1'].pk}/"
        ),
        None,
    ),
    "deciding another organisation's application": (
        "coordinator_same",
        "post",
        lambda w, absent: (
            f"/admin/pameldinger/pamelding/{ABSENT_ID if absent else w.enrolments['BARAPPL'].pk}"
            "/reject/"
        ),
        _same_data({}),
    ),
    "moving another organisation's application": (
        "coordinator_same",
        "post",
        lambda w, absent: (
            f"/admin/pameldinger/pamelding/{ABSENT_ID if absent else w.enrolments['BARAPPL'].pk}"
            "/flytt/"
        ),
        _same_data({"to": "waitlist", "reason": "Matrisetest"}),
    ),
    # The check-in list offers confirmed seats only (of every organisation: names at the door).
    "checking in another organisation's applicant": (
        "coordinator_same",
        "post",
        lambda w, absent: f"/admin/pameldinger/{w.gathering.pk}/innsjekk/marker/",
        _mark(_enrolment("BARAPPL")),
    ),
    "checking in an applicant waiting for a guardian": (
        "coordinator_same",
        "post",
        lambda w, absent: f"/admin/pameldinger/{w.gathering.pk}/innsjekk/marker/",
        _mark(_enrolment("MHUMINOR")),
    ),
    "resending the invite of another organisation's member": (
        "coordinator_same",
        "post",
        lambda w, absent: (
            f"/admin/pameldinger/{w.gathering.pk}/kalender/"
            f"{ABSENT_ID if absent else w.people['BAR1'].pk}/send-igjen/"
        ),
        _same_data({}),
    ),
    "revoking another organisation's certificate": (
        "coordinator_same",
        "post",
        lambda w, absent: (
            f"/admin/kursbevis/{ABSENT_ID if absent else w.other_certificate.pk}/revoke/"
        ),
        _same_data({"reason": "Matrisetest"}),
    ),
    "another organisation's certificate PDF": (
        "coordinator_same",
        "get",
        lambda w, absent: f"/min-side/kursbevis/{ABSENT_ID if absent else w.other_certificate.pk}/",
        None,
    ),
    # --- evaluation (issue 17): an address that no longer (or not yet) works says nothing more
    # than one that never existed.
    "a closed evaluation's link (the close job has not run yet)": (
        "visitor",
        "get",
        lambda w, absent: (
            f"/evaluering/{FORGED_EVALUATION_TOKEN if absent else w.closed_evaluation_token}/"
        ),
        None,
    ),
    "answering through a closed evaluation's link": (
        "participant",
        "post",
        lambda w, absent: (
            f"/evaluering/{FORGED_EVALUATION_TOKEN if absent else w.closed_evaluation_token}/"
        ),
        _same_data({"missing": "For sent", "keep": ""}),
    ),
    "a closed evaluation's receipt": (
        "participant",
        "get",
        lambda w, absent: (
            f"/evaluering/{FORGED_EVALUATION_TOKEN if absent else w.closed_evaluation_token}/takk/"
        ),
        None,
    ),
    "a draft kartlegging's address": (
        "participant",
        "get",
        lambda w, absent: f"/kartlegging/{'finnes-ikke' if absent else w.draft_survey.slug}/",
        None,
    ),
    "a draft kartlegging's receipt": (
        "visitor",
        "get",
        lambda w, absent: f"/kartlegging/{'finnes-ikke' if absent else w.draft_survey.slug}/takk/",
        None,
    ),
    # Under the threshold a comment is shown nowhere, so it cannot be opened or marked either.
    "a comment under the threshold": (
        "editor",
        "get",
        lambda w, absent: (
            f"/admin/evaluering/kommentar/{ABSENT['rating'] if absent else w.hidden_comment}/"
        ),
        None,
    ),
    "marking a comment under the threshold": (
        "editor",
        "post",
        lambda w, absent: (
            f"/admin/evaluering/kommentar/{ABSENT['rating'] if absent else w.hidden_comment}/"
        ),
        lambda w, absent=False: {"revision": _latest_revision(w)},
    ),
}


def _latest_revision(w):
    from wagtail.models import Page

    return Page.objects.get(pk=w.module_page.pk).latest_revision_id
