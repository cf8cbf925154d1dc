"""allauth's account e-mails go through the outbox like every other message (design rule 7),
in our words (`templates/email/account/…`, `templates/email/mfa/…`) and in the language the
person was using when they asked."""

import datetime
import hashlib
import json
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import translation

from .emails import clean_new_address, normalise_loosely
from .outbox import Email, message_enqueue

# allauth's template prefix ("account/email/password_reset_key") → our kind and template
# ("account/password_reset_key").
PREFIXES = {"account/email/": "account/", "mfa/email/": "mfa/"}


def _kind(template_prefix: str) -> str:
    for prefix, ours in PREFIXES.items():
        if template_prefix.startswith(prefix):
            return ours + template_prefix.removeprefix(prefix)
    raise ValueError(f"unknown allauth e-mail {template_prefix!r}")


def public_url(url: str) -> str:
    """A link for an e-mail on the configured public address (`BASE_URL`), whichever host name
    the request that caused the e-mail came in on (a proxy, 127.0.0.1, a worker)."""
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _plain(context: dict) -> dict:
    """What the e-mail needs, as JSON: strings, numbers, times; the user by id."""
    plain = {}
    for name, value in context.items():
        if name == "user" and getattr(value, "pk", None):
            plain["user_id"] = value.pk
        elif isinstance(value, datetime.datetime):
            plain[name] = {"datetime": value.isoformat()}
        elif name.endswith("_url") and isinstance(value, str) and value:
            plain[name] = public_url(value)
        elif isinstance(value, str | int | float | bool) or value is None:
            plain[name] = value
    return plain


class AccountAdapter(DefaultAccountAdapter):
    def clean_email(self, email: str) -> str:
        """Sign-up, adding an address and password reset: the normal form, and no look-alikes
        (website/emails.py)."""
        return clean_new_address(email)

    def authenticate(self, request, **credentials):
        """Log-ins look the address up in its normal form, by equality."""
        for name in ("email", "username"):
            if credentials.get(name):
                credentials[name] = normalise_loosely(credentials[name])
        return super().authenticate(request, **credentials)

    def send_password_reset_mail(self, user, email, context):
        """To the address we hold, not to the spelling someone typed."""
        super().send_password_reset_mail(user, normalise_loosely(email), context)

    def send_notification_mail(self, template_prefix, user, context=None, email=None):
        """allauth leaves the user out of security notices; we greet them by name and list
        the e-mail under their own data."""
        super().send_notification_mail(
            template_prefix, user, {"user": user, **(context or {})}, email
        )

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        kind = _kind(template_prefix)
        plain = _plain(context)
        user = context.get("user") if getattr(context.get("user"), "pk", None) else None
        digest = hashlib.sha256(
            json.dumps([kind, email, plain], sort_keys=True).encode()
        ).hexdigest()
        message_enqueue(
            kind=kind,
            key=f"{kind}:{digest[:40]}",
            to=email,
            name=(user.get_full_name() if user else "") or "",
            language=translation.get_language() or "nb",
            context=plain,
            about=user,
        )


def render_account_email(message) -> Email:
    context = {}
    for name, value in message.context.items():
        if isinstance(value, dict) and "datetime" in value:
            value = datetime.datetime.fromisoformat(value["datetime"])
        context[name] = value
    if "user_id" in context:
        context["user"] = get_user_model().objects.filter(pk=context["user_id"]).first()
    context["email"] = message.recipient
    return Email(template=message.kind, context=context)
