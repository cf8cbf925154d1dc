"""Small helpers shared by test modules (test modules never import each other's).
Data builders are in `tests/factories.py`."""

import threading
from concurrent.futures import ThreadPoolExecutor

from django.db import connection
from django.test.utils import CaptureQueriesContext

THREADS = 60  # PostgreSQL allows 100 connections; each thread holds one


def database_url() -> str:
    """The URL of this test's own database, for a worker or sender process to share."""
    s = connection.settings_dict
    host = f"{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}"
    return f"postgres://{s['USER']}:{s['PASSWORD']}@{host}/{s['NAME']}"


def queries_for(client, url):
    """Queries to render `url` once caches are warm."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def run_concurrently(calls):
    """Run the calls from THREADS threads; the first wave starts together at one signal.
    Returns each call's result or EnrolmentError, in order."""
    from cohorts.services import EnrolmentError

    gate = threading.Event()
    ready = threading.Semaphore(0)

    def run(call):
        try:
            ready.release()
            gate.wait()
            return call()
        except EnrolmentError as error:
            return error
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        futures = [pool.submit(run, call) for call in calls]
        for _ in range(min(THREADS, len(calls))):
            ready.acquire()  # every thread of the first wave is at the gate
        gate.set()
        return [future.result() for future in futures]
