"""The reports' figures, pure: small-group suppression and age groups. No queries.

Small groups: a count from 1 to 4 is shown as "< 5" everywhere (screen, charts, XLSX, PDF),
so nobody can be singled out by a figure; 0 stays 0 (nobody is described by it). A total and
its visible parts must not give a hidden count away either: `suppress` hides a second part
where a total has exactly one hidden part (shown as "≥ 5": it is never a small group).
"""

from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

SMALL_GROUP_LIMIT = 5
SUPPRESSED = "< 5"
HIDDEN_TO_PROTECT = "≥ 5"  # a count of 5 or more hidden so that a total gives no "< 5" away

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


def suppress(values: dict, relations) -> dict:
    """Shown values for raw `values` (key → count): 1 to 4 as "< 5"; then, wherever a total
    that is shown has exactly one hidden part (the total less the shown parts would give that
    part away), the smallest shown non-zero part is hidden as well ("≥ 5"), until no shown
    total has exactly one hidden part. `relations`: (total key, [part keys]) pairs."""
    hidden = {key for key, count in values.items() if shown(count) == SUPPRESSED}
    protecting = set()
    changed = True
    while changed:
        changed = False
        for total, parts in relations:
            if total in hidden or sum(part in hidden for part in parts) != 1:
                continue
            candidates = [part for part in parts if part not in hidden and values[part] > 0]
            # No candidate means the other parts are 0, so the total is the hidden part and
            # is itself hidden; hiding the total is the safe answer all the same.
            pick = (
                min(candidates, key=lambda part: (values[part], str(part))) if candidates else total
            )
            hidden.add(pick)
            protecting.add(pick)
            changed = True
    return {
        key: (HIDDEN_TO_PROTECT if key in protecting else SUPPRESSED) if key in hidden else count
        for key, count in values.items()
    }


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
