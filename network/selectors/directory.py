"""The members' page (`/nettverk/medlemmer/`): who is on it, what each card shows, and how it
filters (issue 18 item 2, design rule 11).

A member not listed for members never appears: not in the list, not in the count, not through
a filter, not as someone to write to. A filter matches only on a part the member shows to
members (`members_see_…`), or it would reveal a hidden value by what it leaves in or out.
A page of cards costs the same queries whatever the number of members: the page's rows (with
the participant), their organisations and their certified levels, one query each.
"""

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch, Value
from django.db.models.functions import Coalesce, NullIf

from certificates.models import Certificate
from courses.models import Level
from people.models import Organisation

from ..models import Membership
from ..models.choices import FIELD_COLUMNS, PARTICIPATION_COLUMNS

MEMBERS_PER_PAGE = 20


def active_membership(user) -> Membership | None:
    """The user's active membership, or None (not logged in, not a member, waiting for a
    guardian). One query."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        Membership.objects.filter(participant__user=user, state=Membership.State.ACTIVE)
        .select_related("participant")
        .first()
    )


def listed_members():
    """Active members who chose to be on the members' page: everyone a member may see or
    write to."""
    return Membership.objects.filter(state=Membership.State.ACTIVE, listed_for_members=True)


def _live_certificate(level: str):
    return Certificate.objects.filter(
        enrolment__participant=OuterRef("participant"), level=level, revoked_at__isnull=True
    )


def directory_filter(members, *, county="", field="", level=""):
    """`members` narrowed by county, field and certified level, each matched only where the
    member shows that part to members."""
    if county:
        members = members.filter(members_see_county=True, county=county)
    if field:
        members = members.filter(members_see_fields=True, **{FIELD_COLUMNS[field]: True})
    if level:
        members = members.filter(members_see_levels=True).filter(Exists(_live_certificate(level)))
    return members


@dataclass
class MemberCard:
    """What one card shows: the display name and only the parts the member chose."""

    membership: Membership
    name: str
    organisations: list[str] = field(default_factory=list)
    fields: list[str] = field(default_factory=list)
    levels: list[str] = field(default_factory=list)
    participation: list[str] = field(default_factory=list)
    county: str = ""
    languages: str = ""
    availability: str = ""
    introduction: str = ""

    @property
    def pk(self):
        return self.membership.pk


def _card(membership: Membership, levels: list[str]) -> MemberCard:
    m = membership
    card = MemberCard(membership=m, name=m.participant.display_name)
    if m.show_organisation:
        card.organisations = [o.name for o in m.participant.organisations.all()]
    if m.members_see_fields:
        card.fields = [field.label for field in FIELD_COLUMNS if getattr(m, FIELD_COLUMNS[field])]
    if m.members_see_levels:
        card.levels = [Level(level).label for level in Level.values if level in levels]
    if m.members_see_participation:
        card.participation = [
            level.label for level, column in PARTICIPATION_COLUMNS.items() if getattr(m, column)
        ]
    if m.members_see_county and m.county:
        card.county = m.get_county_display()
    if m.members_see_languages:
        card.languages = m.languages
    if m.members_see_availability:
        card.availability = m.get_availability_display()
    if m.members_see_introduction:
        card.introduction = m.introduction
    return card


def certified_levels(participant_ids) -> dict[int, list[str]]:
    """{participant id: the levels of their live certificates}, one query."""
    found: dict[int, list[str]] = {}
    rows = (
        Certificate.objects.filter(
            enrolment__participant_id__in=list(participant_ids), revoked_at__isnull=True
        )
        .values_list("enrolment__participant_id", "level")
        .distinct()
    )
    for participant_id, level in rows:
        found.setdefault(participant_id, []).append(level)
    return found


def directory_page(*, filters: dict, page_number=1):
    """One page of the members' page as (page, cards): listed members (the viewer too, if
    listed: they see their card as others do), filtered, by name. Four queries (count, rows,
    organisations, levels) whatever the number."""
    members = directory_filter(listed_members(), **filters)
    members = members.select_related("participant").prefetch_related(
        Prefetch(
            "participant__organisations",
            queryset=Organisation.objects.order_by("name").only("pk", "name"),
        )
    )
    name = Coalesce(NullIf("participant__preferred_name", Value("")), "participant__full_name")
    members = members.order_by(name, "pk")
    page = Paginator(members, MEMBERS_PER_PAGE).get_page(page_number)
    rows = list(page.object_list)
    levels = certified_levels(m.participant_id for m in rows) if rows else {}
    cards = [_card(m, levels.get(m.participant_id, [])) for m in rows]
    return page, cards


def writable_member(pk) -> Membership | None:
    """The listed, active member `pk` (someone a member may write to), or None."""
    return listed_members().select_related("participant__user").filter(pk=pk).first()
