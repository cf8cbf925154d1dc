"""Read queries for the curriculum, used by pages, the search view and (later) cohorts."""

from wagtail.models import Locale, Page

from .models import CoursePage, ModulePage, ProgrammePage


def course_list_with_minutes(*, programme: ProgrammePage) -> list[CoursePage]:
    """The programme's published courses, each with `module_minutes` summed: two queries."""
    courses = list(CoursePage.objects.child_of(programme).live().order_by("path"))
    durations = (
        ModulePage.objects.descendant_of(programme).live().values_list("path", "duration_minutes")
    )
    minutes_by_course = {course.path: 0 for course in courses}
    steplen = Page.steplen
    for path, minutes in durations:
        course_path = path[:-steplen]
        if course_path in minutes_by_course:
            minutes_by_course[course_path] += minutes
    for course in courses:
        course.module_minutes = minutes_by_course[course.path]
    return courses


def curriculum_search(*, query: str, locale: Locale):
    """Published, public curriculum pages in one language matching `query`, best first.

    Each result is the specific page; modules carry `course` (their parent) for display,
    fetched in one extra query for the whole page of results.
    """
    pages = (
        Page.objects.live()
        .public()
        .filter(locale=locale)
        .type(ProgrammePage, CoursePage, ModulePage)
        .specific()
    )
    return pages.search(query, operator="and")


def attach_courses(results) -> list:
    """Give each module in `results` its parent course as `.course` (one query in all)."""
    results = list(results)
    steplen = Page.steplen
    module_parent_paths = {r.path[:-steplen] for r in results if isinstance(r, ModulePage)}
    courses = {c.path: c for c in CoursePage.objects.filter(path__in=module_parent_paths)}
    for result in results:
        result.course = (
            courses.get(result.path[:-steplen]) if isinstance(result, ModulePage) else None
        )
    return results
