"""The attendance report stays fast for a big gathering (issue 20, item 5): more than 100
people come in pages of 100 as at the door, each page link naming its first and last person;
the totals and the exported files still count everyone, and the queries do not grow."""

import csv
import io

import pytest

from cohorts.views.checkin import CHECKIN_PAGE_SIZE
from tests.factories import add_sessions, make_gathering, many_applications, mark_present
from tests.helpers import queries_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(client, organisations, admin_user):
    gathering = add_sessions(make_gathering(organisations, capacity=2000), count=2)
    client.force_login(admin_user)
    return gathering, gathering.sessions.order_by("starts_at").first()


def confirm(gathering, organisations, count, prefix):
    enrolments = []
    for code in ("MHU", "BAR"):
        enrolments += many_applications(
            gathering,
            organisations[code],
            count // 2,
            states=("confirmed",),
            prefix=f"{prefix}{code}",
        )
    return enrolments


def test_more_than_a_page_comes_in_named_pages_and_the_totals_count_everyone(
    client, organisations, report
):
    gathering, session = report
    enrolments = confirm(gathering, organisations, CHECKIN_PAGE_SIZE + 10, "side")
    mark_present(enrolments, session, minutes=60)
    url = f"/admin/pameldinger/{gathering.pk}/oppmote/"

    names = sorted(e.participant.full_name for e in enrolments)
    mhu = sorted(n for n in names if "sideMHU" in n)
    bar = sorted(n for n in names if "sideBAR" in n)
    in_order = bar + mhu  # by organisation (BAR before MHU), then by name

    first = client.get(url).content.decode()
    assert first.count('<th scope="row">Person ') == CHECKIN_PAGE_SIZE
    # Each page link names its first and last person.
    assert f"{in_order[0]} – {in_order[CHECKIN_PAGE_SIZE - 1]}" in first
    assert f'href="?side=2">{in_order[CHECKIN_PAGE_SIZE]} – {in_order[-1]}</a>' in first
    # Everyone was present in the first session: the totals row counts all, on every page.
    assert f"<td>{CHECKIN_PAGE_SIZE + 10}</td>" in first

    second = client.get(url + "?side=2").content.decode()
    assert second.count('<th scope="row">Person ') == 10
    assert in_order[-1] in second and in_order[0] not in second.split("<nav")[0]
    assert f"<td>{CHECKIN_PAGE_SIZE + 10}</td>" in second
    assert client.get(url + "?side=999").status_code == 200  # past the end: the last page
    assert client.get(url + "?side=x").status_code == 200  # not a number: the first

    exported = client.get(url + "?format=csv").content.decode("utf-8")
    assert len(list(csv.reader(io.StringIO(exported)))) == 1 + CHECKIN_PAGE_SIZE + 10


def test_the_queries_do_not_grow_with_the_gathering(client, organisations, report):
    gathering, _session = report
    url = f"/admin/pameldinger/{gathering.pk}/oppmote/"
    confirm(gathering, organisations, 10, "ti")
    few = queries_for(client, url)
    confirm(gathering, organisations, 200, "mange")
    assert queries_for(client, url) == few
