"""The reports' pure parts: the SVG bar chart and the small-group and age-group rules. No
database."""

import datetime
import xml.etree.ElementTree as ET

from cohorts.reports.charts import bar_chart
from cohorts.reports.figures import (
    SUPPRESSED,
    age_group,
    birth_date_cutoff,
    shown,
    suppress,
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


def test_a_total_with_one_hidden_part_hides_the_smallest_other_part_too():
    values = {"a": 2, "b": 7, "c": 3, "d": 0}
    values["total"] = values["a"] + values["b"] + values["d"]
    shown_values = suppress(values, [("total", ["a", "b", "d"])])
    assert shown_values == {"total": 9, "a": "< 5", "b": "≥ 5", "c": "< 5", "d": 0}


def test_two_hidden_parts_need_nothing_more():
    values = {"total": 10, "a": 2, "b": 3, "c": 5}
    assert suppress(values, [("total", ["a", "b", "c"])]) == {
        "total": 10, "a": "< 5", "b": "< 5", "c": 5,
    }  # fmt: skip


def test_hiding_goes_on_until_no_total_gives_a_part_away():
    # a 2×2 table with its margins: rows r1, r2; columns x, y
    values = {"r1x": 1, "r1y": 9, "r1": 10, "r2x": 6, "r2y": 8, "r2": 14, "x": 7, "y": 17,
              "all": 24}  # fmt: skip
    relations = [
        ("r1", ["r1x", "r1y"]),
        ("r2", ["r2x", "r2y"]),
        ("x", ["r1x", "r2x"]),
        ("y", ["r1y", "r2y"]),
        ("all", ["r1", "r2"]),
        ("all", ["x", "y"]),
    ]
    shown_values = suppress(values, relations)
    hidden = {key for key, value in shown_values.items() if isinstance(value, str)}
    for total, parts in relations:
        assert total in hidden or sum(part in hidden for part in parts) != 1, (total, hidden)
    assert shown_values["r1x"] == "< 5"
    assert all(shown_values[key] == "≥ 5" for key in hidden - {"r1x"})


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
