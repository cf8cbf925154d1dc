"""allauth's account e-mails in our words: Medvirk's name, the configured public address in
every link (never the host the request came in on, never allauth's "Hello from …"), and the
language the person was using; a plain text and an HTML part."""

import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail

from website.outbox import outbox_send_due

pytestmark = pytest.mark.django_db

PASSWORD = "Et-godt-passord-2026"


def sign_up(client, email, language="nb", host="127.0.0.1:8000"):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.post(
        "/konto/signup/",
        {"email": email, "password1": PASSWORD, "password2": PASSWORD},
        HTTP_HOST=host,
    )
    assert response.status_code == 302
    outbox_send_due()
    return mail.outbox[-1]


def link(message) -> str:
    return re.search(r"https?://\S+/konto/confirm-email/\S+", message.body).group(0)


@pytest.fixture
def any_host(settings):
    settings.ALLOWED_HOSTS = ["*"]


def test_the_sign_up_e_mail_is_ours_in_norwegian(client, any_host):
    message = sign_up(client, "ny@example.org")
    assert message.to == ["ny@example.org"]
    assert message.subject == "Bekreft e-postadressen din"
    assert message.from_email.startswith("Medvirk <")
    assert message.body.startswith("Hei,")
    assert "Velkommen til Medvirk!" in message.body
    assert "Hei fra" not in message.body and "127.0.0.1" not in message.body
    assert link(message).startswith(settings.WAGTAILADMIN_BASE_URL + "/konto/confirm-email/")
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert '<html lang="nb">' in html and "Medvirk" in html
    assert link(message) in html


def test_the_sign_up_e_mail_is_in_english_for_someone_using_english(client, any_host):
    message = sign_up(client, "new@example.org", language="en")
    assert message.subject == "Confirm your e-mail address"
    assert message.body.startswith("Hi,")
    assert "Welcome to Medvirk!" in message.body
    assert link(message).startswith(settings.WAGTAILADMIN_BASE_URL + "/")


def test_the_link_in_the_e_mail_confirms_the_address(client, any_host):
    message = sign_up(client, "ny@example.org")
    path = link(message).removeprefix(settings.WAGTAILADMIN_BASE_URL)
    page = client.get(path)
    assert "Bekreft e-postadressen" in page.content.decode()
    response = client.post(path)
    assert response.status_code == 302
    user = get_user_model().objects.get(email="ny@example.org")
    assert user.emailaddress_set.get().verified


def test_the_password_reset_e_mail_links_to_the_public_address(client, any_host):
    get_user_model().objects.create_user(email="kari@example.org", password=PASSWORD)
    client.post("/konto/password/reset/", {"email": "kari@example.org"}, HTTP_HOST="10.0.0.7:8000")
    outbox_send_due()
    message = mail.outbox[-1]
    assert message.to == ["kari@example.org"]
    assert "10.0.0.7" not in message.body
    reset = re.search(r"https?://\S+/konto/password/reset/key/\S+", message.body).group(0)
    assert reset.startswith(settings.WAGTAILADMIN_BASE_URL + "/konto/password/reset/key/")
