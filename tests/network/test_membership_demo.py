"""The demo shows the network (`make run`): certified participants who joined, with varied
choices of what others see; Sara (deltaker) holds a certificate and can try joining; the menu
links /nettverk/."""

import pytest

from cohorts.models import Participant
from network.models import Membership
from network.selectors.membership import can_join, certified_levels

pytestmark = pytest.mark.django_db


def test_the_demo_has_certified_members_with_varied_visibility(demo, client):
    members = {
        m.participant.user.email.split("@")[0]: m
        for m in Membership.objects.select_related("participant__user")
    }
    assert set(members) == {"jonas", "amina", "ida", "thea"}
    for membership in members.values():
        assert membership.is_active and certified_levels(membership.participant)
    assert members["jonas"].listed_for_members and not members["ida"].listed_for_members
    assert members["amina"].visible_network_wide and not members["jonas"].visible_network_wide
    sara = Participant.objects.get(user__email="deltaker@medvirk.localhost")
    assert can_join(sara) is None
    assert 'href="/nettverk/"' in client.get("/").content.decode()
