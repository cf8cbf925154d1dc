"""An administrator finds an e-mail that could not be sent and sends it again."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.e2e.accessibility import assert_accessible
from tests.e2e.people import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_administrator_sends_a_failed_email_again(demo_site, new_tab):
    from website.models import OutboxMessage

    message = OutboxMessage.objects.filter(kind="enrolment_confirmed").order_by("pk").first()
    OutboxMessage.objects.filter(pk=message.pk).update(
        state=OutboxMessage.State.FAILED,
        attempts=8,
        last_error="SMTPRecipientsRefused: 451 mailbox temporarily unavailable",
    )
    mail.outbox.clear()
    desk = new_tab()
    log_in(desk, "admin@medvirk.localhost")
    panel = desk.locator("section", has_text="E-poster som ikke kunne sendes")
    expect(panel).to_contain_text("1 e-post ble forsøkt sendt 8 ganger")
    panel.get_by_role("link", name="Se dem og send dem igjen").click()
    row = desk.locator("tr", has_text=message.recipient)
    expect(row).to_contain_text("Feilet")
    assert_accessible(desk, context={"exclude": [[".sidebar"]]})
    row.get_by_role("link", name=message.recipient).click()
    expect(desk.get_by_text("451 mailbox temporarily unavailable")).to_be_visible()
    desk.get_by_role("button", name="Send igjen").click()
    expect(desk.get_by_text("E-posten sendes igjen.")).to_be_visible()
    expect(desk.locator("dd", has_text="Sendt").first).to_be_visible()
    assert [m.to for m in mail.outbox] == [[message.recipient]]
    assert mail.outbox[0].extra_headers["Message-ID"] == message.message_id
