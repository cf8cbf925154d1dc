"""Time in the demo: every moment in the data is a day relative to the day the demo is
loaded and a local time of day; `Clock` turns them into aware datetimes. `backdated` gives
rows a service writes "now" (auto_now_add fields) the moment the story says they happened."""

import datetime
from contextlib import contextmanager
from dataclasses import dataclass

from django.apps import apps
from django.db.models import Max
from django.utils import timezone

MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
MONTHS_NB = (
    "januar",
    "februar",
    "mars",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "desember",
)

# Timestamps the services set to the real time when they write a row.
BACKDATED_FIELDS = (
    ("cohorts.Enrolment", "applied_at"),
    ("cohorts.EnrolmentEvent", "created_at"),
    ("cohorts.ProgressionException", "granted_at"),
    ("cohorts.CalendarInvite", "created_at"),
    ("cohorts.AttendanceChange", "changed_at"),
    ("website.OutboxMessage", "created_at"),
)


@dataclass(frozen=True)
class Clock:
    """The load day and the moment that counts as now for the demo's story."""

    today: datetime.date
    now: datetime.datetime

    @classmethod
    def for_day(cls, today: datetime.date | None = None) -> "Clock":
        """Today and now by default; for another day (tests), noon on that day is now."""
        if today is None:
            return cls(today=timezone.localdate(), now=timezone.now())
        return cls(today=today, now=_aware(today, datetime.time(12, 0)))

    def at(self, moment: dict) -> datetime.datetime:
        """`{day: -60, time: "10:00"}`: sixty days before the load day at 10:00 local time."""
        day = self.today + datetime.timedelta(days=moment["day"])
        hours, minutes = (int(part) for part in moment.get("time", "12:00").split(":"))
        return _aware(day, datetime.time(hours, minutes))

    def past(self, moment: dict) -> datetime.datetime:
        """Like `at`, for something that has already happened; data that puts it in the
        future is a mistake in the data files."""
        value = self.at(moment)
        if value > self.now:
            raise ValueError(f"the demo data puts a past event in the future: {moment}")
        return value


def _aware(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, time))


def month_title(template: str, starts_at: datetime.datetime, language: str = "nb") -> str:
    """'Samling …, {month} {year}' with the month and year the gathering starts in (in
    English, 'Gathering …, {month} {year}' with the English month)."""
    local = timezone.localtime(starts_at)
    months = MONTHS_EN if language == "en" else MONTHS_NB
    return template.format(month=months[local.month - 1], year=local.year)


def birth_date(today: datetime.date, age: int) -> datetime.date:
    """A birthday 40 to 70 days ago, so the person is `age` today and was `age` - 1 or
    `age` a few months back (works on 29 February too)."""
    return datetime.date(today.year - age, today.month, 1) - datetime.timedelta(days=40)


@contextmanager
def backdated(moment: datetime.datetime):
    """Rows written inside the block get `moment` in the timestamps their model fills in
    itself (BACKDATED_FIELDS), so an application made "sixty days ago" says so. The audit
    log is left as written: it is append-only and records when the loader acted."""
    models = [(apps.get_model(label), field) for label, field in BACKDATED_FIELDS]
    before = {model: model.objects.aggregate(last=Max("pk"))["last"] or 0 for model, _ in models}
    yield
    for model, field in models:
        model.objects.filter(pk__gt=before[model]).update(**{field: moment})
