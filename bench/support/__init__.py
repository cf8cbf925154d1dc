"""What the bench scripts share, in one place:

- `setup`: a fresh database (a new SQLite file, or a PostgreSQL database dropped and created)
  and Django set up and migrated on it;
- `database`: PostgreSQL databases dropped, created, and copied from a template;
- `data`: the rows the benches build (organisations, a coordinator, participants with
  accounts, an open gathering, a finished gathering whose participants all attended);
- `processes`: servers and workers each started as the leader of its own process group, and
  stopped or killed with everything they started;
- `figures`: percentiles.

A script is run as `.venv/bin/python bench/<name>.py`, so Python puts bench/ first on
sys.path, where bench/calendar.py stands in for the standard library's `calendar` (which
`email` and `http.cookiejar` import) and bench/certificates.py for the `certificates` app.
Every script therefore begins with the same two lines, before any other import but `sys` and
`pathlib`: bench/ out of sys.path, the project's root first.

    ROOT = Path(__file__).resolve().parent.parent
    sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
