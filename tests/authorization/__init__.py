"""The authorization matrix: every URL pattern of our apps × every role → the expected outcome.

Design rule 6 (and the README's promises) in one table: coordinators see personal data of their
own organisation only, the gathering's own coordinators run check-in, attendance and invites,
only administrators manage gatherings and organisations, a certificate's PDF is for its holder,
their organisation's coordinators and administrators, and capability links (a guardian's signed
link, a personal calendar feed, an evaluation link) work for whoever holds them and for nobody
else.

- `harness.py`: roles, outcomes, the `Row` of a table, walking `website.urls` for our
  patterns, sending the requests and checking the answers.
- `data.py`: the shared data (one world of organisations, people, a gathering, certificates,
  a user per role) and how a row's URL is built from it; `states.py`: what POSTs may change.
- `table_website.py`, `table_courses.py`, `table_cohorts.py`, `table_certificates.py`,
  `table_privacy.py`, `table_evaluation.py`: one row per URL pattern of that app. A pattern
  without a row (or a row without a pattern) fails.
- `leaks.py`: the search for other organisations' (other people's) personal values in every
  page and export a coordinator or participant can open.
- `test_matrix.py`: the tests.

The data is built once per module (and per xdist worker) inside a transaction that is rolled
back at the end; every test runs in its own savepoint, so POSTs leave nothing behind.
"""
