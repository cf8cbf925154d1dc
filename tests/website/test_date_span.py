"""The one way pages write a span of days (website.templatetags.site_tags.date_span): a
one-day gathering shows its date once, in Oslo's calendar, in the reader's language."""

import datetime
from zoneinfo import ZoneInfo

from django.utils import translation

from website.templatetags.site_tags import date_span

OSLO = ZoneInfo("Europe/Oslo")


def at(day, hour):
    return datetime.datetime(2027, 1, day, hour, tzinfo=OSLO)


def test_one_day_shows_its_date_once():
    assert date_span(at(10, 10), at(10, 16)) == "10. januar 2027"


def test_several_days_show_both_dates():
    assert date_span(at(14, 10), at(15, 15)) == "14. januar 2027–15. januar 2027"


def test_the_day_is_oslos_not_utcs():
    # 23:30 and 00:30 in Oslo are the same UTC day but two days in Oslo.
    starts = datetime.datetime(2027, 1, 9, 22, 30, tzinfo=datetime.UTC)
    ends = datetime.datetime(2027, 1, 9, 23, 30, tzinfo=datetime.UTC)
    assert date_span(starts, ends) == "9. januar 2027–10. januar 2027"


def test_english_readers_get_english_dates():
    with translation.override("en"):
        assert "January" in date_span(at(10, 10), at(10, 16))
