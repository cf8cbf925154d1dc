"""What the network app registers with the layers below it (access policy, outbox renderers,
registries), one function per area, called from `NetworkConfig.ready`."""


def policy():
    """How the network's rows reach a person and organisations (website/policy.py)."""
    from website import policy

    from .models import MemberMessage, Membership, RequestInvitation

    policy.register(
        Membership, person="participant__user", organisations="participant__organisations"
    )
    policy.register(
        RequestInvitation,
        person="membership__participant__user",
        organisations="organisation",
    )
    policy.register(MemberMessage, person="recipient__participant__user")
