"""The axe-core check every page test calls: no WCAG 2.1 A/AA violations."""

from axe_playwright_python.sync_playwright import Axe

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

_axe = Axe()


def assert_accessible(page, *, context=None):
    """Run axe-core on the page as it is now and fail with a readable report on any violation."""
    results = _axe.run(
        page,
        context=context,
        options={"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]},
    )
    assert results.violations_count == 0, (
        f"axe-core found WCAG 2.1 A/AA problems on {page.url}:\n{results.generate_report()}"
    )
