"""The privacy layer listens to what happens below it (connected in PrivacyConfig.ready):

- a log-in, or a password change that gives the session a new key: the session key is recorded
  for its person (services/sessions.py), so erasure can end every session;
- a participant's account or profile deleted with Django's `delete()` (a shell, a script, a
  library's admin): the person is erased first (services/erasure.py), so the audit log loses
  their name and records the erasure, as when they ask themselves.
"""

from allauth.account.signals import password_changed, password_reset, password_set
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import pre_delete

from people.models import Participant

from .services.erasure import user_erase
from .services.sessions import login_session_record


def record_session(sender, request=None, user=None, **kwargs):
    session = getattr(request, "session", None)
    if session is not None and user is not None:
        login_session_record(user=user, session_key=session.session_key)


def erase_before_user_delete(sender, instance, **kwargs):
    user_erase(user=instance, actor=None)


def erase_before_participant_delete(sender, instance, **kwargs):
    user = get_user_model().objects.filter(pk=instance.user_id).first()
    if user is not None:
        user_erase(user=user, actor=None)


def connect() -> None:
    user_logged_in.connect(record_session, dispatch_uid="privacy_record_login_session")
    for signal in (password_changed, password_set, password_reset):
        signal.connect(record_session, dispatch_uid=f"privacy_record_session_{id(signal)}")
    pre_delete.connect(
        erase_before_user_delete,
        sender=get_user_model(),
        dispatch_uid="privacy_erase_before_user_delete",
    )
    pre_delete.connect(
        erase_before_participant_delete,
        sender=Participant,
        dispatch_uid="privacy_erase_before_participant_delete",
    )
