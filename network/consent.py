"""The consent a participant gives to join the network: its version and its words.

A member's row stores the version they agreed to (`Membership.consent_version`). Change the
version whenever the text's meaning changes (what is stored, who sees it, how to leave), so it
is known which wording each member agreed to.
"""

from django.utils.translation import gettext_lazy as _

CONSENT_VERSION = "2026-12-01"

# Shown above the checkbox on the join page, one paragraph each.
CONSENT_TEXT = (
    _(
        "What we store: the profile on this page, that you are a member, when you joined and "
        "what you agreed to. Your certificates are read from your certificates and not typed "
        "in again."
    ),
    _(
        "Who sees it: the coordinators in your own organisation, and those in the other "
        "organisations only if you choose so below. Other members see only the parts you "
        "choose, and only if you choose to be on the members' page. A service that asks for a "
        "representative gets your contact details only if you accept its request."
    ),
    _(
        "This is sensitive information: a field such as substance use or child welfare says "
        "something about your life (special-category data under the GDPR, article 9). We "
        "process it only because you agree to it here."
    ),
    _(
        "You can change your profile or leave the network at any time from My page. When you "
        "leave, your profile is deleted at once."
    ),
)

CONSENT_LABEL = _(
    "I have read this and agree that Medvirk stores and shows my network profile as described."
)
