"""The one access policy (website/policy.py): each rule line, on real rows.

A coordinator of MHU and one of BAR; a gathering run by a third user; an MHU and a BAR
applicant, each with attendance, an invite and a certificate. Every cell below is a rule of
design.md (rule 6) — flip one in the policy and a cell fails."""

import ast
import datetime
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.http import Http404

from tests.factories import make_coordinator, make_gathering, make_participant
from website import policy

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def world(organisations):
    from django.utils import timezone

    from certificates.models import Certificate
    from cohorts.models import Attendance, CalendarInvite, Enrolment, Session

    gathering = make_gathering(organisations)
    runner = get_user_model().objects.create_user(email="vert@example.org", password="x")
    gathering.coordinators.add(runner)
    session = Session.objects.create(
        gathering=gathering,
        title="Økt 1",
        starts_at=gathering.starts_at,
        ends_at=gathering.starts_at + datetime.timedelta(hours=1),
    )
    rows = {}
    for code in ("MHU", "BAR"):
        person = make_participant(organisations[code])
        enrolment = Enrolment.objects.create(
            participant=person,
            gathering=gathering,
            organisation=organisations[code],
            state=Enrolment.State.CONFIRMED,
        )
        rows[code] = {
            "person": person.user,
            "participant": person,
            "enrolment": enrolment,
            "attendance": Attendance.objects.create(
                enrolment=enrolment,
                session=session,
                status="present",
                minutes_attended=60,
                marked_at=timezone.now(),
                method="coordinator",
            ),
            "invite": CalendarInvite.objects.create(
                gathering=gathering,
                participant=person,
                enrolment=enrolment,
                method="REQUEST",
                sequence=0,
                fingerprint="x",
            ),
            "certificate": Certificate.objects.create(
                enrolment=enrolment,
                level="new",
                code=f"KODE{code}",
                holder_name="x",
                issued_at=timezone.now(),
            ),
        }
    admin = get_user_model().objects.create_superuser(email="admin@example.org", password="x")
    return {
        "gathering": gathering,
        "runner": runner,
        "mhu": make_coordinator(organisations["MHU"]),
        "bar": make_coordinator(organisations["BAR"]),
        "admin": admin,
        "rows": rows,
    }


KINDS = ("participant", "enrolment", "attendance", "invite", "certificate")


@pytest.mark.parametrize("kind", KINDS)
def test_view_the_person_and_their_organisations_coordinators_only(world, kind):
    mhu_row = world["rows"]["MHU"][kind]
    assert policy.permits(world["rows"]["MHU"]["person"], policy.VIEW, mhu_row)
    assert policy.permits(world["mhu"], policy.VIEW, mhu_row)
    assert policy.permits(world["admin"], policy.VIEW, mhu_row)
    assert not policy.permits(world["bar"], policy.VIEW, mhu_row)
    assert not policy.permits(world["rows"]["BAR"]["person"], policy.VIEW, mhu_row)
    # Running the gathering shows names at the door, not the person's data.
    assert not policy.permits(world["runner"], policy.VIEW, mhu_row)


@pytest.mark.parametrize("kind", ("enrolment", "certificate"))
def test_decide_organisation_coordinators_only(world, kind):
    mhu_row = world["rows"]["MHU"][kind]
    assert policy.permits(world["mhu"], policy.DECIDE, mhu_row)
    assert policy.permits(world["admin"], policy.DECIDE, mhu_row)
    assert not policy.permits(world["bar"], policy.DECIDE, mhu_row)
    assert not policy.permits(world["runner"], policy.DECIDE, mhu_row)
    # A person does not decide their own application or issue their own certificate.
    assert not policy.permits(world["rows"]["MHU"]["person"], policy.DECIDE, mhu_row)


@pytest.mark.parametrize("kind", ("enrolment", "attendance", "invite"))
def test_run_the_gathering_coordinators_only_whatever_the_organisation(world, kind):
    for code in ("MHU", "BAR"):
        row = world["rows"][code][kind]
        assert policy.permits(world["runner"], policy.RUN, row)
        assert policy.permits(world["admin"], policy.RUN, row)
        assert not policy.permits(world["mhu"], policy.RUN, row)
        assert not policy.permits(world["rows"][code]["person"], policy.RUN, row)


def test_own_is_the_person_alone_not_even_an_administrator(world):
    enrolment = world["rows"]["MHU"]["enrolment"]
    assert policy.permits(world["rows"]["MHU"]["person"], policy.OWN, enrolment)
    for who in (world["admin"], world["mhu"], world["runner"], world["rows"]["BAR"]["person"]):
        assert not policy.permits(who, policy.OWN, enrolment)


def test_a_gathering_is_seen_by_its_organisations_and_its_coordinators(world, organisations):
    from cohorts.models import Gathering

    other = make_gathering(organisations, quotas=(0, 0, 5))  # an LFB quota only
    lfb = make_coordinator(organisations["LFB"])
    seen = {
        name: set(policy.visible(world[name], Gathering.objects.all()).values_list("pk", flat=True))
        for name in ("mhu", "bar", "runner", "admin")
    }
    assert seen["runner"] == {world["gathering"].pk}
    assert world["gathering"].pk in seen["mhu"] and world["gathering"].pk in seen["bar"]
    assert seen["admin"] >= {world["gathering"].pk, other.pk}
    assert set(policy.visible(lfb, Gathering.objects.all()).values_list("pk", flat=True)) >= {
        other.pk
    }


def test_refusal_and_absence_are_the_same_404(world):
    from cohorts.models import Enrolment

    mhu = world["rows"]["MHU"]["enrolment"]
    for pk in (mhu.pk, 10**9, "x"):
        with pytest.raises(Http404):
            policy.get_or_404(world["bar"], Enrolment.objects.all(), policy.DECIDE, pk=pk)
    assert policy.get_or_404(world["mhu"], Enrolment.objects.all(), policy.DECIDE, pk=mhu.pk) == mhu


def test_unregistered_models_and_anonymous_users_get_nothing(world):
    from django.contrib.auth.models import AnonymousUser

    from cohorts.models import Enrolment
    from website.models import OutboxMessage

    assert not policy.visible(AnonymousUser(), Enrolment.objects.all()).exists()
    inactive = world["mhu"]
    inactive.is_active = False
    assert not policy.visible(inactive, Enrolment.objects.all()).exists()
    OutboxMessage.objects.create(kind="x", key="k", recipient="a@example.org")
    assert not policy.visible(world["mhu"], OutboxMessage.objects.all()).exists()
    assert policy.visible(world["admin"], OutboxMessage.objects.all()).exists()


def test_visible_keeps_one_row_per_object_and_allows_locking(world):
    """Paths through many-to-many relations must not repeat rows, and a locked read works."""
    from django.db import transaction

    from cohorts.models import Gathering

    rows = list(policy.visible(world["mhu"], Gathering.objects.all()).values_list("pk", flat=True))
    assert len(rows) == len(set(rows))
    with transaction.atomic():
        assert policy.visible(world["mhu"], Gathering.objects.select_for_update()).exists()


def test_no_scope_rule_is_written_outside_the_policy():
    """`coordinated_organisations`/`coordinated_gatherings` and `is_superuser` decide scope
    only in website/policy.py (admin-only menus and Wagtail permission policies aside)."""
    allowed = {"website/policy.py", "website/viewsets.py", "website/wagtail_hooks.py"}
    found = []
    for app in ("website", "people", "courses", "cohorts", "certificates", "privacy"):
        for path in (ROOT / app).rglob("*.py"):
            name = str(path.relative_to(ROOT))
            if "migrations" in path.parts or name in allowed:
                continue
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.Attribute) and node.attr in (
                    "coordinated_organisations",
                    "coordinated_gatherings",
                ):
                    found.append(f"{name}:{node.lineno} {node.attr}")
    assert found == []


# --- The network (issue 18): shared with every coordinator ------------------------------------


def _membership(participant, **fields):
    from django.utils import timezone

    from network.models import Membership

    now = timezone.now()
    return Membership.objects.create(
        participant=participant,
        state=Membership.State.ACTIVE,
        consent_given_at=now,
        consent_version="1",
        joined_at=now,
        last_active_at=now,
        **fields,
    )


def test_a_network_member_is_seen_by_their_coordinators_and_when_shared_by_every_coordinator(
    world,
):
    private = _membership(world["rows"]["MHU"]["participant"])
    shared = _membership(world["rows"]["BAR"]["participant"], visible_network_wide=True)
    # Their own organisation's coordinators, the member, an administrator.
    assert policy.permits(world["mhu"], policy.VIEW, private)
    assert policy.permits(world["rows"]["MHU"]["person"], policy.VIEW, private)
    assert policy.permits(world["admin"], policy.VIEW, private)
    # Not visible network-wide: another organisation's coordinator gets nothing.
    assert not policy.permits(world["bar"], policy.VIEW, private)
    # Visible network-wide: every organisation's coordinator may view (not decide).
    assert policy.permits(world["mhu"], policy.VIEW, shared)
    assert not policy.permits(world["mhu"], policy.DECIDE, shared)
    # Never another participant, nor someone who only runs a gathering.
    for who in (world["rows"]["BAR"]["person"], world["runner"]):
        assert not policy.permits(who, policy.VIEW, private)
    assert not policy.permits(world["rows"]["MHU"]["person"], policy.VIEW, shared)
    assert not policy.permits(world["runner"], policy.VIEW, shared)


def test_a_service_request_is_seen_by_every_coordinator_and_no_participant(world):
    import datetime

    from django.utils import timezone

    from network.models import ServiceRequest

    request = ServiceRequest.objects.create(
        organisation_name="NAV Grünerløkka",
        contact_name="Kari",
        contact_email="kari@nav.example",
        kind="talk",
        title="Foredrag",
        description="x",
        participation_level="service",
        digital=True,
        starts_on=datetime.date(2030, 1, 1),
        duration="2 timer",
        created_at=timezone.now(),
    )
    for who in ("mhu", "bar", "admin"):
        assert policy.permits(world[who], policy.VIEW, request)
    for who in (world["rows"]["MHU"]["person"], world["runner"]):
        assert not policy.permits(who, policy.VIEW, request)
    # Seeing is not deciding: a request belongs to no organisation.
    assert not policy.permits(world["mhu"], policy.DECIDE, request)
    from django.http import Http404

    with pytest.raises(Http404):
        participant = world["rows"]["MHU"]["person"]
        policy.get_or_404(participant, ServiceRequest.objects.all(), pk=request.pk)
