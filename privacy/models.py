"""The privacy layer's own rows: which sessions belong to whom (so erasure can end every one of
them without decoding every session in the database), and which inactive accounts have been
warned that they will be erased."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class LoginSession(models.Model):
    """A session key recorded when its person logged in (or changed password, which gives the
    session a new key). Erasure deletes the sessions listed here; the retention task drops rows
    whose session has expired."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="login_sessions"
    )
    session_key = models.CharField(max_length=40, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("login session")
        verbose_name_plural = _("login sessions")

    def __str__(self):
        return f"{self.user_id}: {self.created_at:%Y-%m-%d %H:%M}"


class InactivityWarning(models.Model):
    """An account with no activity for `RETENTION["inactive_accounts"]` months was warned by
    e-mail at `warned_at`; if nothing happens within the notice period it is erased. Activity
    after the warning (a log-in, an application) removes the row."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="inactivity_warning"
    )
    warned_at = models.DateTimeField(_("warned"))

    class Meta:
        verbose_name = _("inactivity warning")
        verbose_name_plural = _("inactivity warnings")

    def __str__(self):
        return f"{self.user_id}: {self.warned_at:%Y-%m-%d}"
