"""bench/first_run.py's site: its environment, `manage.py` as `make setup` runs it, whether
`scripts/serve-dev.sh` (started by bench.support.processes.start_group, as `setsid` would) is
up with its worker, and Django in the script's own process on the same database."""

import os
import socket
import subprocess
import time
from pathlib import Path

import requests

from bench.support import ROOT
from bench.support.processes import group_members
from bench.support.setup import start_django

PYTHON = str(ROOT / ".venv" / "bin" / "python")
# What the script's own process takes from the server's environment.
SHARED = {
    "BASE_URL",
    "MEDIA_ROOT",
    "STAFF_MFA_REQUIRED",
    "RATE_LIMIT_LOGIN",
    "RATE_LIMIT_SIGNUP",
    "RATE_LIMIT_PASSWORD_RESET",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_env(workdir: Path, database_url: str, port: int) -> dict:
    env = dict(os.environ)
    for name in ("EMAIL_HOST", "DEBUG", "Q_WORKERS", "LOG_LEVEL"):
        env.pop(name, None)
    env.update(
        DJANGO_SETTINGS_MODULE="website.settings.dev",
        DATABASE_URL=database_url,
        PORT=str(port),
        BASE_URL=f"http://127.0.0.1:{port}",
        MEDIA_ROOT=str(workdir / "media"),
        STAFF_MFA_REQUIRED="false",
        PYTHONUNBUFFERED="1",
        RATE_LIMIT_LOGIN="100000",
        RATE_LIMIT_SIGNUP="100000",
        RATE_LIMIT_PASSWORD_RESET="100000",
    )
    return env


def manage(args, env, log_path: Path, timeout: float) -> None:
    with open(log_path, "ab") as log:
        log.write(f"\n$ manage.py {' '.join(args)}\n".encode())
        log.flush()
        result = subprocess.run(
            [PYTHON, "manage.py", *args],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            timeout=timeout,
        )
    if result.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(args)} failed; see {log_path}")


def worker_running(pgid: int) -> bool:
    return bool(group_members(pgid, "manage.py qcluster"))


def wait_until_up(base: str, process, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("serve-dev.sh stopped during start-up; see the server log")
        try:
            if requests.get(f"{base}/helse/", timeout=10).status_code in (200, 503):
                return
        except requests.RequestException:
            pass
        time.sleep(1)
    raise SystemExit(f"the site did not answer within {timeout:.0f} s")


def django_setup(env: dict) -> None:
    """Django in this process with the server's settings and database (not migrated again:
    `manage.py migrate` did that, as `make setup` does)."""
    os.environ.update({name: env[name] for name in SHARED})
    os.environ.pop("EMAIL_HOST", None)
    start_django(env["DATABASE_URL"], env["DJANGO_SETTINGS_MODULE"], migrate=False)
