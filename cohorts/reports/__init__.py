"""Reports across gatherings (issue 16, point 5): figures per year, organisation and level,
as accessible charts, XLSX and PDF, and the funder report (tilskuddsrapport).

- `figures`: pure — small-group suppression, age groups, the figures' names. No queries.
- `charts`: pure — numbers in, SVG text out. No queries.
- `selectors`: the read queries (aggregated in the database, a fixed number of queries
  whatever the number of enrolments), scoped by the one access policy.
- `documents`: pure — figures in, XLSX or PDF bytes out.

Certificates sit above cohorts, so the certificate counts come through `cohorts.registry`
(`register_certified_enrolment`, filled in certificates' `AppConfig.ready`).
"""
