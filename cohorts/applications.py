"""The coordinator's list of applications (issue 16): filters, sorting, search and counts.

A django-filter FilterSet, as Wagtail's generic IndexView uses (`WagtailFilterSet`), on plain
GET parameters so a filtered list can be bookmarked. The rows are only the user's own
organisations' applications (design rule 6); the organisation filter offers only those
organisations (every one for an administrator).
"""

from datetime import date

import django_filters
from django import forms
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet

from courses.models import Level
from website import policy

from .models import Enrolment, Gathering, Organisation

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

SORTS = {
    "name": ("participant__full_name", "pk"),
    "-name": ("-participant__full_name", "-pk"),
    "applied": ("applied_at", "pk"),
    "-applied": ("-applied_at", "-pk"),
    "state": ("state", "waitlisted_at", "applied_at", "pk"),
    # Youngest first: the latest date of birth.
    "age": ("-participant__birth_date", "pk"),
    "-age": ("participant__birth_date", "pk"),
}
SORT_CHOICES = [
    ("applied", _("Applied, oldest first")),
    ("-applied", _("Applied, newest first")),
    ("name", _("Name, A–Å")),
    ("-name", _("Name, Å–A")),
    ("state", _("Status")),
    ("age", _("Age, youngest first")),
    ("-age", _("Age, oldest first")),
]


def eighteen_years_before(day: date) -> date:
    """Whoever was born after this day is under 18 on `day` (Participant.age_on)."""
    try:
        return day.replace(year=day.year - 18)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 18, day=28)


def coordinator_organisations(user):
    """The organisations whose applications the user decides (all for an administrator)."""
    organisations = Organisation.objects.order_by("name")
    return organisations if user.is_superuser else organisations.filter(coordinators=user)


class ApplicationFilterSet(WagtailFilterSet):
    q = django_filters.CharFilter(
        label=_("Search by name"), method="filter_name", widget=forms.TextInput
    )
    state = django_filters.ChoiceFilter(
        label=_("Status"), choices=Enrolment.State.choices, empty_label=_("All")
    )
    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisation"), queryset=Organisation.objects.none(), empty_label=_("All")
    )
    under_18 = django_filters.BooleanFilter(
        label=_("Under 18"),
        method="filter_under_18",
        widget=forms.Select(choices=[("", _("All")), ("true", _("Yes")), ("false", _("No"))]),
    )
    gathering = django_filters.ModelChoiceFilter(
        label=_("Gathering"), queryset=Gathering.objects.none(), empty_label=_("All")
    )
    level = django_filters.ChoiceFilter(
        label=_("Level"), field_name="gathering__level", choices=Level.choices, empty_label=_("All")
    )
    applied_from = django_filters.DateFilter(
        label=_("Applied from"), field_name="applied_at__date", lookup_expr="gte", widget=DATE_INPUT
    )
    applied_to = django_filters.DateFilter(
        label=_("Applied to"), field_name="applied_at__date", lookup_expr="lte", widget=DATE_INPUT
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"), choices=SORT_CHOICES, method="filter_sort", empty_label=None
    )

    class Meta:
        model = Enrolment
        fields = []

    def __init__(self, data=None, queryset=None, *, request=None, gathering=None, today=None):
        super().__init__(data, queryset, request=request)
        self.today = today or date.today()
        user = request.user
        self.filters["organisation"].queryset = coordinator_organisations(user)
        if gathering is not None:
            # One gathering's list: its level and the gathering itself are given.
            del self.filters["gathering"], self.filters["level"]
        else:
            self.filters["gathering"].queryset = policy.visible(
                user, Gathering.objects.all()
            ).order_by("-starts_at")

    def filter_name(self, queryset, name, value):
        words = value.split()
        for word in words:
            queryset = queryset.filter(
                Q(participant__full_name__icontains=word)
                | Q(participant__preferred_name__icontains=word)
            )
        return queryset

    def filter_under_18(self, queryset, name, value):
        cutoff = eighteen_years_before(self.today)
        if value is None:
            return queryset
        if value:
            return queryset.filter(participant__birth_date__gt=cutoff)
        return queryset.filter(participant__birth_date__lte=cutoff)

    def filter_sort(self, queryset, name, value):
        return queryset.order_by(*SORTS[value])


def application_rows(*, user, gathering=None):
    """The user's own organisations' applications (of one gathering, or of every gathering
    they see), with each one's place in its organisation's waiting list — one query."""
    enrolments = Enrolment.objects.all()
    if gathering is not None:
        enrolments = enrolments.filter(gathering=gathering)
    ahead = (
        Enrolment.objects.filter(
            gathering=OuterRef("gathering"),
            organisation=OuterRef("organisation"),
            state=Enrolment.State.WAITLISTED,
        )
        .filter(
            Q(waitlisted_at__lt=OuterRef("waitlisted_at"))
            | Q(waitlisted_at=OuterRef("waitlisted_at"), pk__lt=OuterRef("pk"))
        )
        .order_by()
        .values("gathering")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return (
        policy.visible(user, enrolments, policy.DECIDE)
        .select_related("participant", "organisation", "gathering")
        .annotate(
            ahead=Coalesce(Subquery(ahead, output_field=IntegerField()), 0),
        )
        .order_by(*SORTS["applied"])
    )


def state_counts(*, user, gatherings) -> dict:
    """Per gathering id: the number of the user's own organisations' applications in each
    state — one query for the whole list of gatherings."""
    rows = (
        policy.visible(user, Enrolment.objects.filter(gathering__in=gatherings), policy.DECIDE)
        .order_by()
        .values("gathering", "state")
        .annotate(count=Count("pk"))
    )
    counts: dict = {}
    for row in rows:
        counts.setdefault(row["gathering"], {})[row["state"]] = row["count"]
    return counts
