"""A coordinator's dashboard with the demo (issue 16): the figures shown are the database's,
their own organisation's only, each line leads to where it is done; phone and desktop."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.accessibility import assert_accessible
from tests.e2e.people import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def _plural(count, one, many):
    return f"{count} {one if count == 1 else many}"


def test_a_coordinators_dashboard_shows_the_demos_figures_for_their_organisation(
    demo_site, new_tab
):
    from cohorts.models import Enrolment, Gathering, Organisation, Quota

    lfb = Organisation.objects.get(short_code="LFB")
    ahead = list(
        Gathering.objects.filter(ends_at__gt=timezone.now())
        .exclude(status="cancelled")
        .order_by("starts_at")
    )
    own = Enrolment.objects.filter(organisation=lfb)

    for width, height in ((390, 844), (1366, 900)):
        tab = new_tab(width, height)
        log_in(tab, "koordinator.lfb@medvirk.localhost")
        expect(tab.get_by_role("search")).to_have_count(0)  # no page tree, no page search
        waiting = tab.locator("#applications_waiting-section")
        seats = tab.locator("#seats-section")
        lines = 0
        for gathering in ahead:
            to_decide = own.filter(gathering=gathering, state="applied").count()
            if to_decide:
                lines += 1
                expect(waiting).to_contain_text(
                    f"{gathering.title}: "
                    + _plural(to_decide, "påmelding til behandling", "påmeldinger til behandling")
                )
            held = own.filter(gathering=gathering, state__in=Enrolment.SEAT_STATES).count()
            quota = Quota.objects.get(gathering=gathering, organisation=lfb).seats
            everyone = gathering.enrolments.filter(state__in=Enrolment.SEAT_STATES).count()
            section = seats.locator("section", has_text=gathering.title)
            expect(section).to_contain_text(
                f"{everyone} av {gathering.capacity} plasser tatt i alt"
            )
            expect(section).to_contain_text(
                f"Landsforeningen for barnevernsbarn: {min(held, quota)} av {quota} "
                "kvoteplasser brukt"
            )
            expect(section).not_to_contain_text("Mental Helse Ungdom")  # another's figures
        assert lines, "the demo has an LFB application to decide"
        assert_accessible(tab)

    # The line leads to the applications to decide, filtered.
    tab.get_by_role("link", name="påmelding til behandling").first.click()
    tab.wait_for_url("**/admin/pameldinger/*/?state=applied")
    expect(tab.get_by_role("heading", level=1)).to_be_visible()
