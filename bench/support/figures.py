"""Figures the benches print."""


def percentile(values, fraction: float):
    """The value below which `fraction` of `values` lie (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def best_of_three(work):
    """(best seconds of three runs of `work()`, queries of the first run)."""
    import time

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, queries = [], None
    for _ in range(3):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            work()
            times.append(time.perf_counter() - started)
        queries = len(captured) if queries is None else queries
    return min(times), queries


def page_getter(client):
    """`get(url)` → a callable that fetches `url` with the test client and insists on a 200."""

    def get(url):
        def run():
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)

        return run

    return get


def requests_per_second(client, url, requests):
    """Median requests per second of 5 rounds of `requests // 5` GETs of `url` with the test
    client, after 20 to warm caches and connections."""
    import statistics
    import time

    for _ in range(20):
        assert client.get(url).status_code == 200, url
    rounds = []
    per_round = max(1, requests // 5)
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(per_round):
            client.get(url)
        rounds.append(per_round / (time.perf_counter() - start))
    return statistics.median(rounds)


def queries_of_one_get(client, url) -> int:
    """The statements one GET of `url` sends, counted with an execute wrapper rather than
    CaptureQueriesContext: the connection is closed and opened again at the end of every
    request, as in production, and a wrapper sees every connection."""
    from django.db import connection

    queries = []
    with connection.execute_wrapper(
        lambda execute, sql, *rest: queries.append(sql) or execute(sql, *rest)
    ):
        assert client.get(url).status_code == 200, url
    return len(queries)
