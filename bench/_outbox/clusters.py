"""bench/outbox.py's senders: real `manage.py qcluster` processes, each the leader of its own
process group, killed with SIGKILL (the whole group) on purpose and started again."""

import subprocess
import sys
import time
from pathlib import Path

from bench._outbox.measure import BenchTimeout
from bench.support import ROOT
from bench.support.processes import group_members, kill_groups, start_group

CLUSTERS = 2


class Clusters:
    """`manage.py qcluster` processes, each the leader of its own process group."""

    def __init__(self, env, logdir: Path, count: int = CLUSTERS):
        self.env, self.logdir, self.count = env, logdir, count
        self.processes: list[subprocess.Popen] = []
        self.starts = 0

    def start(self):
        for _ in range(self.count):
            self.starts += 1
            self.processes.append(
                start_group(
                    [sys.executable, str(ROOT / "manage.py"), "qcluster"],
                    env=self.env,
                    log_path=self.logdir / f"qcluster-{self.starts:02d}.log",
                )
            )

    def wait_ready(self, timeout=60):
        """Until each cluster has its workers (the main process and at least 4 children)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if all(len(group_members(p.pid)) >= 5 for p in self.processes):
                return
            if any(p.poll() is not None for p in self.processes):
                raise RuntimeError(f"a qcluster exited at start; see {self.logdir}")
            time.sleep(0.2)
        raise BenchTimeout(f"qcluster not up after {timeout} s; see {self.logdir}")

    def kill(self) -> tuple[int, float, float]:
        """SIGKILL to every cluster's process group at once (see `kill_groups`: how many
        processes, when, and how long until they were gone)."""
        killed = kill_groups(self.processes)
        self.processes = []
        return killed
