"""The privacy layer's e-mails: the warning to an account that has not been used for a long time,
and to a network member silent for a long time (privacy/services/retention.py), rendered by the
outbox (website/outbox.py) when they go."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from website.outbox import Email

INACTIVE_KIND = "privacy_inactive_account"
INACTIVE_MEMBER_KIND = "privacy_inactive_member"


def render_inactive_warning(message) -> Email | None:
    """Nothing if the account has been erased or used since (the warning is gone then)."""
    user = (
        get_user_model()
        .objects.filter(pk=getattr(message.about, "pk", None), erased_at=None)
        .select_related("inactivity_warning")
        .first()
    )
    if user is None or not hasattr(user, "inactivity_warning"):
        return None
    base = settings.WAGTAILADMIN_BASE_URL
    return Email(
        template=INACTIVE_KIND,
        context={
            "erase_on": datetime.date.fromisoformat(message.context["erase_on"]),
            "login_url": f"{base}/konto/login/",
            "my_data_url": f"{base}/min-side/mine-data/",
            "has_profile": hasattr(user, "participant"),
            "months": settings.RETENTION["inactive_accounts"],
        },
    )


def render_inactive_member_warning(message) -> Email | None:
    """Nothing if the member has left, been removed, or come back since (no warning then)."""
    from network.models import Membership

    membership = Membership.objects.filter(
        participant__user_id=getattr(message.about, "pk", None)
    ).first()
    if membership is None or membership.inactivity_warned_at is None:
        return None
    base = settings.WAGTAILADMIN_BASE_URL
    return Email(
        template=INACTIVE_MEMBER_KIND,
        context={
            "remove_on": datetime.date.fromisoformat(message.context["remove_on"]),
            "login_url": f"{base}/konto/login/",
            "profile_url": f"{base}/min-side/nettverk/profil/",
            "months": settings.RETENTION["inactive_members"],
        },
    )


def register_renderers(register) -> None:
    register(INACTIVE_KIND, render_inactive_warning, _("Inactive account: warning before deletion"))
    register(
        INACTIVE_MEMBER_KIND,
        render_inactive_member_warning,
        _("Inactive network member: warning before the profile is removed"),
    )
