"""Writes with rules for a person's data rights: erasure (erasure.py), retention
(retention.py) and the record of a person downloading their own data (access.py)."""

from .access import my_data_downloaded
from .erasure import (
    ERASED_NAME,
    ErasureError,
    account_erase,
    guardian_erase,
    guardian_erasure_participant,
    is_erased,
    participant_erase,
    user_erase,
)
from .retention import RULES, RuleResult, retention_apply

__all__ = [
    "ERASED_NAME",
    "RULES",
    "ErasureError",
    "RuleResult",
    "account_erase",
    "guardian_erase",
    "guardian_erasure_participant",
    "is_erased",
    "my_data_downloaded",
    "participant_erase",
    "retention_apply",
    "user_erase",
]
