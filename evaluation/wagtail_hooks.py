"""Admin hooks, one module per area: editors' feedback and the kartlegging survey."""

from .admin import feedback_hooks, survey_hooks  # noqa: F401  (they register on import)
