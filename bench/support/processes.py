"""Servers and workers started as the leader of a process group of their own, so that what
they start (runserver's reloader, qcluster's sentinel and workers) can be signalled with them.

How to stop them (docs/notes.md, *Pitfalls seen*): a `qcluster` stops in about 2 s on SIGTERM
to its main process or SIGINT to its whole group (Ctrl-C); SIGTERM to the whole group leaves
its sentinel hanging for ever. So `stop_group` sends SIGINT to the group, then SIGKILL if it
is still there. SIGKILL to the group (`kill_groups`) is for benches that crash a worker on
purpose.
"""

import contextlib
import os
import signal
import subprocess
import time
from pathlib import Path

from bench.support import ROOT


def start_group(command: list[str], *, env: dict, log_path: Path) -> subprocess.Popen:
    """`command` in the project's folder as the leader of a new process group (as `setsid`
    does), stdin closed, stdout and stderr appended to `log_path`."""
    with open(log_path, "ab") as log:
        return subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def group_members(pgid: int, command: str = "") -> list[int]:
    """Live (not zombie) processes of a process group, read from /proc; with `command`, only
    those whose command line contains it (e.g. "manage.py qcluster")."""
    members = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            if command:
                with open(f"/proc/{entry}/cmdline", "rb") as cmdline:
                    line = cmdline.read().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z" and (not command or command in line):
            members.append(int(entry))
    return members


def kill_groups(processes: list[subprocess.Popen], within: float = 10) -> tuple[int, float, float]:
    """SIGKILL to each process's group at once. Returns how many processes were killed, when
    (time.monotonic() just before the first signal), and how many seconds later the last of
    them was gone (its sockets closed: a busy process takes a while to die)."""
    killed = sum(len(group_members(p.pid)) for p in processes)
    moment = time.monotonic()
    for process in processes:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
    while time.monotonic() < moment + within:
        if not any(group_members(p.pid) for p in processes):
            break
        time.sleep(0.005)
    else:
        left = [group_members(p.pid) for p in processes]
        print(f"  warning: processes left in the groups: {left}", flush=True)
    gone = time.monotonic() - moment
    for process in processes:
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            print(f"  warning: {process.args} ({process.pid}) did not die", flush=True)
    return killed, moment, gone


def stop_group(process: subprocess.Popen, within: float = 20) -> str:
    """As Ctrl-C in a terminal: SIGINT to the whole group; SIGKILL if anything of it is left
    after `within` seconds. Returns how it stopped."""
    try:
        os.killpg(process.pid, signal.SIGINT)
    except ProcessLookupError:
        return "already gone"
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        process.poll()  # reap the leader once it has exited
        if not group_members(process.pid):
            break
        time.sleep(0.25)
    else:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=10)
        return "SIGINT, then SIGKILL"
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=10)
    return "SIGINT"


def start_gunicorn(port: int, *, env: dict, root: Path = ROOT) -> subprocess.Popen:
    """gunicorn serving `root`'s `website.wsgi` with four sync workers on 127.0.0.1:`port`, as
    the leader of its own process group, once it answers `/helse/` (stop it with
    `os.killpg(process.pid, signal.SIGTERM)`)."""
    import http.client

    env = {**env, "PYTHONPATH": str(root)}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    process = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "website.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "4",
            "--log-level",
            "warning",
        ],
        cwd=root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    for _ in range(150):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/helse/", headers={"Host": "127.0.0.1"})
            connection.getresponse().read()
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("gunicorn did not start: " + process.stderr.read().decode())


def baseline_checkout(revision: str, directory) -> Path:
    """The code of `revision` in `directory` (no git work tree: an archive, unpacked), to serve
    with `start_gunicorn(..., root=...)` beside this checkout in the same run."""
    archive = subprocess.run(
        ["git", "archive", revision], cwd=ROOT, capture_output=True, check=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(directory)], input=archive, check=True)
    return Path(directory)
