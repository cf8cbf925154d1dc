"""Admin hooks, one module per area: coordinators' matching of services' requests,
the network's figures for the reports."""

from .admin import matching_hooks, report_hooks  # noqa: F401  (they register on import)
