"""What `cohorts` asks of the apps above it, answered by those apps.

Layers run one way (docs/architecture.md): `cohorts` never imports `certificates`, yet the
level rules need to know whether a participant has completed a level. An app above registers
its answer in `AppConfig.ready`, as apps register their e-mail renderers with the outbox.
"""

from collections.abc import Callable

_level_proofs: list[Callable] = []
_evaluation_links: list[Callable] = []


def register_level_proof(check: Callable) -> None:
    """`check(participant, level) -> bool`: does the participant hold proof of having completed
    `level` (e.g. a live certificate)? Registering the same function twice has no effect."""
    if check not in _level_proofs:
        _level_proofs.append(check)


def has_level_proof(participant, level: str) -> bool:
    return any(check(participant, level) for check in _level_proofs)


def register_evaluation_link(link: Callable) -> None:
    """`link(enrolment) -> str | None`: the address where the participant evaluates the
    gathering they attended (the thank-you e-mail gives it). Registering twice has no effect."""
    if link not in _evaluation_links:
        _evaluation_links.append(link)


def evaluation_link(enrolment) -> str | None:
    """The first link a registered app gives, or None (the thank-you then has no link)."""
    for link in _evaluation_links:
        url = link(enrolment)
        if url:
            return url
    return None


_certified_enrolment: list[Callable] = []


def register_certified_enrolment(condition: Callable) -> None:
    """`condition() -> Exists`: a boolean expression over Enrolment rows (`OuterRef("pk")`),
    true when the enrolment holds a live certificate. The reports count certificates with it
    inside their one aggregate query. Registering the same function twice has no effect."""
    if condition not in _certified_enrolment:
        _certified_enrolment.append(condition)


def certified_enrolment():
    """The registered condition, or None when no app gives one (then no certificates)."""
    return _certified_enrolment[0]() if _certified_enrolment else None


_network_membership: list[Callable] = []


def register_network_membership(check: Callable) -> None:
    """`check(participant) -> bool`: is the participant an active member of the
    representatives' network (a network gathering is open to members only)? Registering the
    same function twice has no effect."""
    if check not in _network_membership:
        _network_membership.append(check)


def is_network_member(participant) -> bool:
    """True when a registered app says so; False when no app answers (nobody is a member)."""
    return any(check(participant) for check in _network_membership)
