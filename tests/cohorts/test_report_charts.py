"""The reports' pure parts: the SVG bar chart and the small-group and age-group rules. No
database."""

import datetime
import xml.etree.ElementTree as ET

from cohorts.reports.charts import bar_chart
from cohorts.reports.figures import (
    SUPPRESSED,
    Counts,
    age_group,
    birth_date_cutoff,
    shown,
    shown_percent,
)

SVG = "{http://www.w3.org/2000/svg}"


def chart(bars):
    return bar_chart(chart_id="c1", title="Søknader 2026", description="Søylediagram", bars=bars)


def test_the_chart_is_an_image_named_by_its_title_and_description():
    root = ET.fromstring(chart([("Søknader", 12)]))
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "c1-title"
    assert root.get("aria-describedby") == "c1-desc"
    assert root.find(f"{SVG}title").text == "Søknader 2026"
    assert root.find(f"{SVG}title").get("id") == "c1-title"
    assert root.find(f"{SVG}desc").text == "Søylediagram"


def test_every_bar_carries_its_label_and_value_as_text():
    root = ET.fromstring(chart([("Søknader", 12), ("Tatt opp", 7), ("Avmeldt", 0)]))
    texts = [text.text for text in root.iter(f"{SVG}text")]
    assert texts == ["Søknader", "12", "Tatt opp", "7", "Avmeldt", "0"]
    widths = [float(rect.get("width")) for rect in root.iter(f"{SVG}rect")]
    assert len(widths) == 2  # no bar for 0
    assert widths[0] > widths[1] > 0
    assert abs(widths[1] / widths[0] - 7 / 12) < 0.01


def test_a_small_group_is_an_outlined_bar_whose_length_gives_no_count_away():
    root = ET.fromstring(chart([("Alle", 20), ("Få", SUPPRESSED)]))
    full, small = list(root.iter(f"{SVG}rect"))
    assert small.get("fill") == "none" and small.get("stroke-dasharray")
    assert "< 5" in [text.text for text in root.iter(f"{SVG}text")]
    # the same length whether the hidden count is 1 or 4
    again = list(ET.fromstring(chart([("Alle", 20), ("Få", SUPPRESSED)])).iter(f"{SVG}rect"))
    assert again[1].get("width") == small.get("width")
    assert float(small.get("width")) == float(full.get("width")) * 4 / 20


def test_text_in_the_chart_is_escaped():
    svg = chart([("<script>alert(1)</script> & co", 5)])
    assert "<script>" not in svg
    ET.fromstring(svg)  # still well-formed


def test_a_chart_of_nothing_is_still_well_formed():
    root = ET.fromstring(chart([("Søknader", 0)]))
    assert list(root.iter(f"{SVG}rect")) == []


def test_counts_from_1_to_4_are_shown_as_less_than_5_and_0_as_0():
    assert [shown(n) for n in range(7)] == [0, "< 5", "< 5", "< 5", "< 5", 5, 6]


def test_a_share_of_a_small_group_is_not_shown():
    assert shown_percent(6, 8) == 75
    assert shown_percent(3, 8) is None  # would give the 3 away
    assert shown_percent(0, 8) == 0
    assert shown_percent(2, 4) is None
    assert shown_percent(0, 0) is None


def test_participant_hours_of_a_small_group_are_not_shown():
    assert Counts(attended=3, attended_minutes=600).participant_hours is None
    assert Counts(attended=5, attended_minutes=630).participant_hours == 10.5
    assert Counts().participant_hours == 0


def test_age_groups_fit_the_programme():
    assert [age_group(age) for age in (15, 16, 17, 18, 20, 21, 25, 26, 40)] == [
        "under_16",
        "16_17",
        "16_17",
        "18_20",
        "18_20",
        "21_25",
        "21_25",
        "26_over",
        "26_over",
    ]


def test_the_birth_date_cutoff_counts_29_february_as_28_february():
    assert birth_date_cutoff(datetime.date(2028, 2, 29), 18) == datetime.date(2010, 2, 28)
    assert birth_date_cutoff(datetime.date(2026, 6, 1), 18) == datetime.date(2008, 6, 1)
