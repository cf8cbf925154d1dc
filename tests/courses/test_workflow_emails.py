"""Wagtail's workflow e-mails to reviewers are in Norwegian, greeting and all (issue 15; the
strings are kept by website/wagtail_strings.py)."""

import pytest
from django.core import mail

from courses import editorial
from tests.factories import make_module, user_in_group


@pytest.mark.django_db
def test_reviewers_get_the_workflow_email_in_norwegian(course):
    editor = user_in_group("redaktor@example.org", editorial.EDITOR_GROUPS["MHU"])
    reviewer = user_in_group("bruker@example.org", editorial.USER_REVIEWER_GROUP)
    module = make_module(course, title="Ny modul", slug="ny", publish=False)
    module.save_revision(user=editor)
    mail.outbox.clear()
    module.get_workflow().start(module, editor)
    to_reviewer = [message for message in mail.outbox if reviewer.email in message.to]
    assert to_reviewer, [message.to for message in mail.outbox]
    message = to_reviewer[0]
    assert "er sendt til godkjenning" in message.subject, message.subject
    assert "has been submitted" not in message.subject + message.body, message.body
    assert "«Ny modul»" in message.body
