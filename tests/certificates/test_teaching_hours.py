"""The course page and the certificate state the same teaching hours: both come from
CoursePage.total_minutes (the course's modules), checked on the demo's finished gathering."""

import re

import pytest
from django.utils import translation

from certificates import services
from certificates.models import Certificate
from courses.templatetags.course_tags import hours

pytestmark = pytest.mark.django_db


def certificate_html(certificate, monkeypatch) -> str:
    monkeypatch.setattr(services, "html_to_pdf", lambda html: html)
    return services.render_pdf(certificate)


def stated_hours(html: str) -> str:
    match = re.search(r"(?:Teaching time|Undervisningstid)</dt>\s*<dd>([^<]+)</dd>", html)
    assert match, "no teaching time on the page"
    return " ".join(match.group(1).split())


def test_the_certificate_states_the_hours_the_course_page_states(demo, client, monkeypatch):
    certificate = Certificate.objects.select_related("enrolment__gathering").first()
    course = certificate.enrolment.gathering.course
    assert course is not None
    on_course_page = stated_hours(client.get(course.url).content.decode())
    on_certificate = stated_hours(certificate_html(certificate, monkeypatch))
    assert on_certificate == on_course_page
    with translation.override("nb"):
        assert on_course_page == hours(course.total_minutes)


def test_the_certificate_lists_the_courses_modules(demo, monkeypatch):
    certificate = Certificate.objects.select_related("enrolment__gathering").first()
    html = certificate_html(certificate, monkeypatch)
    for module in certificate.enrolment.gathering.course.modules:
        assert module.title in html


def test_a_gathering_outside_the_curriculum_states_its_sessions_time(demo, monkeypatch):
    certificate = Certificate.objects.select_related("enrolment__gathering").first()
    gathering = certificate.enrolment.gathering
    minutes = sum(session.minutes for session in gathering.sessions.all())
    gathering.course = None
    gathering.save(update_fields=["course"])
    certificate.refresh_from_db()
    with translation.override(certificate.enrolment.participant.language):
        expected = hours(minutes)
    assert stated_hours(certificate_html(certificate, monkeypatch)) == expected
