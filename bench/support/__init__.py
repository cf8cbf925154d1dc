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
sys.path: a script named like a standard-library module or one of our apps would stand in for
it (bench/calendar.py once broke `email` and `http.cookiejar`, which import `calendar`).
The scripts are named so that none does (tests/website/test_bench_scripts.py checks), and
every script still begins with the same two lines, before any other import but `sys` and
`pathlib`: bench/ out of sys.path, the project's root first (so `bench.support` imports).

    ROOT = Path(__file__).resolve().parent.parent
    sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
