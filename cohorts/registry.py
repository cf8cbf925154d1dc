"""What `cohorts` asks of the apps above it, answered by those apps.

Layers run one way (docs/architecture.md): `cohorts` never imports `certificates`, yet the
level rules need to know whether a participant has completed a level. An app above registers
its answer in `AppConfig.ready`, as apps register their e-mail renderers with the outbox.
"""

from collections.abc import Callable

_level_proofs: list[Callable] = []


def register_level_proof(check: Callable) -> None:
    """`check(participant, level) -> bool`: does the participant hold proof of having completed
    `level` (e.g. a live certificate)? Registering the same function twice has no effect."""
    if check not in _level_proofs:
        _level_proofs.append(check)


def has_level_proof(participant, level: str) -> bool:
    return any(check(participant, level) for check in _level_proofs)
