"""Staff accounts set up two-factor authentication only with a link from an administrator.

A staff account (editor, reviewer, coordinator, administrator) that has no TOTP yet cannot
enrol an authenticator with the password alone — whoever holds the password would otherwise
enrol their own. An administrator makes a one-time set-up link (the admin's *Two-factor set-up
links* page, or `manage.py staff_setup_link` for the first superuser); it is e-mailed through
the outbox and shown to the administrator.

- **The link** carries a token like Django's password-reset tokens: a keyed hash of the
  account's state (password, last log-in, whether TOTP is set up, active) and the time it was
  made. It expires after `settings.STAFF_SETUP_LINK_HOURS`, and dies when that state changes.
- **Single use**: pressing *Continue* on the link's page marks the token used in the shared
  cache (`cache.add`, one winner across servers) and gives this browser session a grant; the
  log-in that follows changes the last log-in, so the token fails its hash too.
- **The grant** lets this session, once signed in with the password as that account, reach
  the TOTP set-up page (website.middleware.StaffTwoFactorMiddleware checks it) for
  `GRANT_MINUTES`.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse
from django.utils.crypto import constant_time_compare
from django.utils.encoding import force_bytes, force_str
from django.utils.http import base36_to_int, urlsafe_base64_decode, urlsafe_base64_encode

from .audit import audit_record
from .outbox import Email, message_enqueue

KIND = "staff_setup"
SESSION_KEY = "staff_setup_grant"
GRANT_MINUTES = 60


def has_totp(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class StaffSetupTokens(PasswordResetTokenGenerator):
    key_salt = "website.staff_setup.StaffSetupTokens"

    def _make_hash_value(self, user, timestamp):
        login = "" if user.last_login is None else user.last_login.replace(microsecond=0)
        return f"{user.pk}{user.password}{login}{timestamp}{has_totp(user)}{user.is_active}"

    def check_token(self, user, token) -> bool:
        """Valid for `STAFF_SETUP_LINK_HOURS` (not the password reset's timeout)."""
        if not (user and token):
            return False
        try:
            stamp, _hash = token.split("-")
            made = base36_to_int(stamp)
        except ValueError:
            return False
        if self._num_seconds(self._now()) - made > settings.STAFF_SETUP_LINK_HOURS * 3600:
            return False
        return any(
            constant_time_compare(self._make_token_with_timestamp(user, made, secret), token)
            for secret in [self.secret, *self.secret_fallbacks]
        )


tokens = StaffSetupTokens()


def staff_accounts():
    """Everyone who can open the admin (the same test as the middleware's), newest first."""
    from django.contrib.auth.models import Permission
    from django.db.models import Q

    access = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(is_superuser=True)
            | Q(user_permissions__in=access)
            | Q(groups__permissions__in=access)
        )
        .distinct()
        .order_by("email")
    )


def link_path(user) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse("staff_setup", kwargs={"uidb64": uid, "token": tokens.make_token(user)})


def link_url(user) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + link_path(user)


def staff_setup_link_create(*, user, by=None, send=True) -> str:
    """A new set-up link for `user` (a staff account), e-mailed to them through the outbox
    unless `send` is false, and recorded in the audit log. Returns the link."""
    url = link_url(user)
    with transaction.atomic():
        if send:
            message_enqueue(
                kind=KIND,
                key=f"{KIND}:{user.pk}:{time.time_ns()}",
                to=user.email,
                name=user.get_full_name(),
                language=settings.LANGUAGE_CODE,
                context={"url": url, "hours": settings.STAFF_SETUP_LINK_HOURS},
                about=user,
            )
        audit_record(
            actor=by,
            action="staff_setup_link",
            object_label=user.email,
            summary=f"Two-factor set-up link made for {user.email}",
        )
    return url


def render_staff_setup(message) -> Email:
    return Email(template=KIND, context=dict(message.context))


def user_for(uidb64: str, token: str):
    """The account the link is for, if the link is valid now; else None."""
    try:
        pk = force_str(urlsafe_base64_decode(uidb64))
        user = get_user_model().objects.get(pk=pk)
    except (ValueError, TypeError, OverflowError, get_user_model().DoesNotExist):
        return None
    return user if tokens.check_token(user, token) else None


def link_use(request, *, uidb64: str, token: str):
    """Use the link once: its account, with a grant for this session; None if the link is not
    (or no longer) valid or was used already (also on another server)."""
    user = user_for(uidb64, token)
    if user is None:
        return None
    lifetime = settings.STAFF_SETUP_LINK_HOURS * 3600
    if not cache.add(f"{KIND}:used:{token}", 1, timeout=lifetime):
        return None
    request.session[SESSION_KEY] = {"user": user.pk, "until": time.time() + GRANT_MINUTES * 60}
    return user


def granted(request, user) -> bool:
    """May this session set up TOTP for `user` (it came through a set-up link for them)?"""
    grant = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
    return (
        isinstance(grant, dict)
        and grant.get("user") == user.pk
        and float(grant.get("until", 0)) > time.time()
    )


def first_superuser():
    return get_user_model().objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
