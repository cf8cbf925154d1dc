"""What the network app registers with the layers below it (access policy, outbox renderers,
registries), one function per area, called from `NetworkConfig.ready`."""


def policy():
    """How the network's rows reach a person and organisations (website/policy.py)."""
    from website import policy

    from .models import MemberMessage, Membership, RequestInvitation, ServiceRequest

    # A member's coordinators see the profile; every organisation's coordinators too when the
    # member chose to be visible network-wide (matching a request).
    policy.register(
        Membership,
        person="participant__user",
        organisations="participant__organisations",
        shared_with_coordinators="visible_network_wide",
    )
    # A request holds no participant data (a service's contact): every coordinator sees every
    # request; participants none.
    policy.register(ServiceRequest, shared_with_coordinators="")
    policy.register(
        RequestInvitation,
        person="membership__participant__user",
        organisations="organisation",
    )
    policy.register(MemberMessage, person="recipient__participant__user")


def matching():
    """Coordinators' matching and the member's answer: the e-mails' renderers."""
    from website import outbox

    from .emails.matching import register_renderers

    register_renderers(outbox.register)


def assignments():
    """After the assignment: the feedback e-mails' renderers."""
    from website import outbox

    from .emails import assignments as assignment_emails

    assignment_emails.register(outbox.register)


def member_messages():
    """Messages between members (network/services/messages.py): the e-mails' renderers."""
    from website import outbox

    from .emails.messages import register_renderers

    register_renderers(outbox.register)


def network_gatherings():
    """A network gathering is open to active members only: cohorts asks through its registry
    (one registration: the membership selector's answer)."""
    from cohorts import registry

    from .selectors.membership import is_active_member

    registry.register_network_membership(is_active_member)


def membership():
    """Joining, a guardian's answer, leaving (network/services/membership.py): the e-mails'
    renderers; the network's public pages in the sitemap."""
    from website import outbox, views

    from .emails import membership as membership_emails
    from .sitemaps import NetworkSitemap

    membership_emails.register(outbox.register)
    views.sitemap_register("network", NetworkSitemap)


def requests():
    """Services' requests for a representative: the e-mails' renderers (the confirmation link,
    the receipt, the word to a member when a service withdraws)."""
    from website import outbox

    from .emails.requests import register_renderers

    register_renderers(outbox.register)
