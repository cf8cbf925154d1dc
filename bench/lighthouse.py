"""Lighthouse scores of the demo's main pages against the targets of issue 15.

    .venv/bin/python bench/lighthouse.py [--only home,login,...] [--port 0]

Run by hand, not in CI (a few minutes: set-up, then about 20-40 s per page). Exit status 0
when every page meets its targets, 1 when one misses, 2 when a run failed.

1. The demo on a fresh SQLite database in a new temporary directory (printed): `manage.py
   migrate` and `manage.py load_demo` with the development settings, as `make setup` does.
2. The site served the production way, not by runserver: `manage.py collectstatic` and
   gunicorn (`website.wsgi`) with `website.settings.production` (DEBUG off, WhiteNoise serving
   compressed, hashed static files), on 127.0.0.1:PORT, with only what plain HTTP on this
   machine needs changed: SECURE_SSL_REDIRECT=false, SECURE_HSTS_SECONDS=0, a throw-away
   SECRET_KEY, ALLOWED_HOSTS=127.0.0.1, BASE_URL=http://127.0.0.1:PORT. Started in its own
   process group and stopped (SIGINT, then SIGKILL) at the end; its log is `serve.log`.
3. Lighthouse 12.2.3 from npm, run with `npx --yes lighthouse@12.2.3` (downloaded into npm's
   cache on the first run; nothing is added to package.json), with CHROME_PATH=/usr/bin/chromium
   (Debian's chromium, headless), its default mobile profile (Moto G Power screen, simulated
   slow 4G and 4x CPU slow-down), the four categories, on: home, the programme, a module,
   /samlinger/, a gathering, log-in, sign-up, /min-side/ (logged in as the demo participant
   ida@medvirk.localhost: a session made in this process on the same database is passed as a
   Cookie with `--extra-headers`) and /bevis/<code>/ of a valid demo certificate. The JSON
   reports are kept in the temporary directory (not deleted: delete it by hand). A run that
   ends in a Lighthouse runtime error (NO_NAVSTART on a busy machine) is tried once more.
4. Prints one row per page: performance, accessibility, best practices and SEO, each with a
   mark when it misses its target (accessibility 100, best practices >= 95, SEO >= 95 on public
   pages, performance >= 90), and the audits that cost points. SEO is not scored on the pages
   in `NOT_FOR_SEARCH_ENGINES` (each with its reason): they ask search engines to stay away.
"""

# ruff: noqa: E402 - the imports come after sys.path is put right (see bench/support/__init__.py)
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]

import argparse
import contextlib
import json
import os
import re
import secrets
import shutil
import subprocess
import tempfile

import requests

from bench._first_run.server import PYTHON, free_port, manage, server_env, wait_until_up
from bench.support.processes import start_group, stop_group

LIGHTHOUSE = ["npx", "--yes", "lighthouse@12.2.3"]
CHROME_PATH = shutil.which("chromium") or "/usr/bin/chromium"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 90, "accessibility": 100, "best-practices": 95, "seo": 95}
PARTICIPANT = "ida@medvirk.localhost"


def production_env(workdir: Path, database_url: str, port: int) -> dict:
    env = server_env(workdir, database_url, port)
    env.update(
        DJANGO_SETTINGS_MODULE="website.settings.production",
        SECRET_KEY=secrets.token_urlsafe(40),
        CREDENTIAL_SIGNING_KEYS="bench:" + secrets.token_urlsafe(32),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        SECURE_HSTS_SECONDS="0",
        SECURE_HSTS_PRELOAD="false",
        STATIC_ROOT=str(workdir / "static"),
    )
    return env


@contextlib.contextmanager
def demo_site(port: int = 0):
    """The demo on a fresh SQLite database, served by gunicorn with the production settings.

    Yields (base address, environment of the server, work directory). Django is set up in this
    process too, on the same database and with the same settings and secret key, so that the
    caller can look things up and make sessions."""
    workdir = Path(tempfile.mkdtemp(prefix="medvirk-demo-site-"))
    port = port or free_port()
    database_url = f"sqlite:///{workdir}/demo.sqlite3"
    log = workdir / "serve.log"
    print(f"Work directory: {workdir}", flush=True)
    dev = server_env(workdir, database_url, port)
    print("migrate and load_demo ...", flush=True)
    manage(["migrate", "--no-input"], dev, log, timeout=900)
    manage(["load_demo"], dev, log, timeout=900)
    env = production_env(workdir, database_url, port)
    manage(["collectstatic", "--no-input", "--verbosity", "0"], env, log, timeout=600)
    server = start_group(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "website.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--access-logfile",
            "-",
        ],
        env=env,
        log_path=log,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base, server, timeout=120)
        os.environ.update(env)
        import django

        django.setup()
        print(f"Serving {base} (log: {log})", flush=True)
        yield base, env, workdir
    finally:
        print(f"Stopping the server: {stop_group(server)}", flush=True)


def session_cookie(email: str) -> str:
    """A logged-in session of the person with this e-mail address, as a Cookie header value."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(email=email))
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def demo_pages(base: str) -> dict[str, str]:
    """Name -> path of the pages measured (and photographed by scripts/screenshots.py)."""
    from django.urls import reverse

    from certificates.models import Certificate
    from courses.models import ModulePage, ProgrammePage

    listing = requests.get(f"{base}/samlinger/", timeout=30).text
    gatherings = re.findall(r'href="(/samlinger/[a-z0-9-]+/)"', listing)
    if not gatherings:
        raise SystemExit("no gathering is linked from /samlinger/")
    certificate = Certificate.objects.filter(revoked_at__isnull=True).order_by("pk").first()
    if certificate is None:
        raise SystemExit("the demo has no valid certificate")
    return {
        "home": "/",
        "programme": ProgrammePage.objects.live().first().url,
        "module": ModulePage.objects.live().order_by("path").first().url,
        "gatherings": "/samlinger/",
        "gathering": gatherings[0],
        "login": reverse("account_login"),
        "signup": reverse("account_signup"),
        "my-page": "/min-side/",
        "certificate": certificate.get_absolute_url(),
    }


# Pages that are public or personal but must not be found through a search engine: SEO is
# printed for them, never counted as a miss.
NOT_FOR_SEARCH_ENGINES = {
    "my-page": "a participant's own page, behind log-in",
    "certificate": "names a person: `noindex`, so nobody is found by their certificate",
}


def run_lighthouse(url: str, output: Path, cookie: str | None) -> dict:
    command = [
        *LIGHTHOUSE,
        url,
        "--output=json",
        f"--output-path={output}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        "--quiet",
    ]
    if cookie:
        command.append(f"--extra-headers={json.dumps({'Cookie': cookie})}")
    # Chromium's first trace on a busy machine sometimes misses the navigation (NO_NAVSTART):
    # one more try before calling the page failed.
    for _attempt in (1, 2):
        output.unlink(missing_ok=True)
        result = subprocess.run(
            command,
            env={**os.environ, "CHROME_PATH": CHROME_PATH},
            capture_output=True,
            text=True,
            timeout=300,
        )
        if result.returncode == 0 and output.exists():
            report = json.loads(output.read_text())
            if not report.get("runtimeError"):
                return report
    raise RuntimeError(f"lighthouse failed on {url}:\n{result.stderr[-2000:]}")


def scores(report: dict) -> dict[str, int]:
    return {
        name: round((report["categories"][name]["score"] or 0) * 100)
        for name in CATEGORIES
        if name in report["categories"]
    }


def failing_audits(report: dict, category: str) -> list[str]:
    refs = report["categories"][category]["auditRefs"]
    audits = report["audits"]
    return [
        ref["id"]
        for ref in refs
        if ref.get("weight")
        and audits[ref["id"]].get("score") is not None
        and audits[ref["id"]]["score"] < 0.9
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=0, help="port of the server (0: a free one)")
    parser.add_argument("--only", default="", help="comma-separated page names (default: all)")
    args = parser.parse_args()
    if not shutil.which("npx"):
        raise SystemExit("npx is missing: install node and npm (scripts/ensure-node.sh)")
    rows, misses, errors = [], [], []
    with demo_site(args.port) as (base, _env, workdir):
        pages = demo_pages(base)
        wanted = [name for name in args.only.split(",") if name] or list(pages)
        cookie = session_cookie(PARTICIPANT)
        for name in wanted:
            path = pages[name]
            private = name == "my-page"
            print(f"lighthouse {path} ...", flush=True)
            try:
                report = run_lighthouse(
                    base + path, workdir / f"lighthouse-{name}.json", cookie if private else None
                )
            except (RuntimeError, subprocess.TimeoutExpired) as error:
                errors.append(str(error))
                rows.append((name, path, {}, []))
                continue
            final = report.get("finalDisplayedUrl") or report.get("finalUrl", "")
            got = scores(report)
            notes = []
            if not final.endswith(path):
                notes.append(f"ended on {final}")
            for category, target in TARGETS.items():
                if category == "seo" and name in NOT_FOR_SEARCH_ENGINES:
                    continue
                if got.get(category, 0) < target:
                    misses.append(f"{name} {category}")
                    notes.append(f"{category}: {', '.join(failing_audits(report, category))}")
            rows.append((name, path, got, notes))
    print()
    print(f"{'page':<12} {'path':<44} {'perf':>5} {'a11y':>5} {'best':>5} {'seo':>5}")
    for name, path, got, notes in rows:
        cells = []
        for category in CATEGORIES:
            value = got.get(category)
            target = TARGETS[category]
            skip = category == "seo" and name in NOT_FOR_SEARCH_ENGINES
            mark = "" if value is None or skip or value >= target else "!"
            cells.append(f"{'-' if value is None else value}{mark}".rjust(5))
        print(f"{name:<12} {path[:44]:<44} {' '.join(cells)}")
        for note in notes:
            print(f"{'':<12}   {note}")
    print()
    print("Targets: performance >= 90, accessibility 100, best practices >= 95, SEO >= 95")
    print(
        "(public pages; '!' marks a miss). SEO not counted: "
        + "; ".join(f"{name} ({why})" for name, why in NOT_FOR_SEARCH_ENGINES.items())
    )
    print("Reports: " + str(workdir))
    if errors:
        print("\n".join(errors), file=sys.stderr)
        return 2
    if misses:
        print(f"MISSED: {', '.join(misses)}")
        return 1
    print("ALL TARGETS MET")
    return 0


if __name__ == "__main__":
    sys.exit(main())
