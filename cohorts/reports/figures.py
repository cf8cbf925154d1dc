"""The reports' figures, pure: small-group suppression and age groups. No queries.

Small groups: a count from 1 to 4 is shown as "< 5" everywhere (screen, charts, XLSX, PDF),
so nobody can be singled out by a figure; 0 stays 0 (nobody is described by it).
"""

from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

SMALL_GROUP_LIMIT = 5
SUPPRESSED = "< 5"

# The figures per organisation and level, in the order every table, chart and file shows them.
# "cancelled" is the application state (withdrawn by the person, cancelled by a coordinator):
# «avmeldt», never «avlyst» (docs/glossary.md).
FIGURES = (
    ("applications", pgettext_lazy("report figure", "Applications")),
    ("accepted", _("Accepted (seat confirmed)")),
    ("waiting", _("Were on the waiting list")),
    ("cancelled", pgettext_lazy("report figure", "Withdrawn or cancelled")),
    ("attended", _("Attended")),
    ("completed", _("Completed the level")),
    ("certificates", _("Certificates")),
)

# Age at the gathering's first day. The programme is for young representatives, mostly 16 to
# 25: 16–17 stands apart because under 18 needs a guardian's confirmation (design rule 5);
# 18–20 and 21–25 split the core of the programme in two; "under 16" and "26 and over" show
# who falls outside the usual span (youth grants commonly count up to 25).
AGE_GROUPS = (
    ("under_16", _("Under 16"), None, 16),
    ("16_17", _("16–17"), 16, 18),
    ("18_20", _("18–20"), 18, 21),
    ("21_25", _("21–25"), 21, 26),
    ("26_over", _("26 and over"), 26, None),
)
AGE_GROUP_KEYS = tuple(key for key, *_rest in AGE_GROUPS)


def shown(count):
    """What a count shows as: 0 and 5 or more as the number, 1 to 4 as "< 5"."""
    if count is None:
        return None
    return SUPPRESSED if 0 < count < SMALL_GROUP_LIMIT else count


def shown_percent(numerator: int, denominator: int):
    """A share in whole percent, or None when there is nothing to divide by or when either
    count is a small group (a percentage of a small group would give the count away)."""
    if not denominator or shown(denominator) == SUPPRESSED or shown(numerator) == SUPPRESSED:
        return None
    return round(100 * numerator / denominator)


def birth_date_cutoff(day: date, years: int) -> date:
    """The latest birth date of someone who is at least `years` old on `day` (29 February
    counts as 28 February in a year without it, as Participant.age_on does)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def age_group(age: int) -> str:
    for key, _label, lowest, below in AGE_GROUPS:
        if (lowest is None or age >= lowest) and (below is None or age < below):
            return key
    raise ValueError(age)  # pragma: no cover - the groups cover every age


@dataclass
class Counts:
    """Raw counts of one group (an organisation and level, or a total)."""

    applications: int = 0
    accepted: int = 0
    waiting: int = 0
    cancelled: int = 0
    attended: int = 0
    completed: int = 0
    certificates: int = 0
    attended_minutes: int = 0
    ages: dict = field(default_factory=lambda: dict.fromkeys(AGE_GROUP_KEYS, 0))

    def add(self, other: "Counts") -> None:
        for key, _label in FIGURES:
            setattr(self, key, getattr(self, key) + getattr(other, key))
        self.attended_minutes += other.attended_minutes
        for key in AGE_GROUP_KEYS:
            self.ages[key] += other.ages[key]

    def figures(self) -> list:
        """(key, label, shown value) in FIGURES order."""
        return [(key, label, shown(getattr(self, key))) for key, label in FIGURES]

    def age_figures(self) -> list:
        return [(key, label, shown(self.ages[key])) for key, label, *_rest in AGE_GROUPS]

    @property
    def completion_percent(self):
        """Completed of those accepted, or None (nothing to count, or a small group)."""
        return shown_percent(self.completed, self.accepted)

    @property
    def participant_hours(self):
        """Hours the group attended in all, or None when the group is small (the hours of
        one to four people would describe them)."""
        if shown(self.attended) == SUPPRESSED:
            return None
        return round(self.attended_minutes / 60, 1)
