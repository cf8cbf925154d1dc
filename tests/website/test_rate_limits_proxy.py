"""Rate limits behind a proxy: a client is its own address, also when every request reaches the
app servers from the proxy. `X-Forwarded-For` is believed only from `TRUSTED_PROXIES`
(none by default), read from the right; a client that writes the header itself changes
nothing. Two real app servers (gunicorn) on one database share the counts."""

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.test import Client, RequestFactory

from tests.helpers import clear_of_window_edge, database_url
from website.ratelimit import client_address

ROOT = Path(__file__).resolve().parents[2]
LOGIN = "/konto/login/"
PROXY = "10.0.0.1"
pytestmark = pytest.mark.usefixtures("steady_limiter_clock")


def allowed():
    return settings.RATE_LIMITS["login"][0]


def wrong_login(client, n, **headers):
    return client.post(LOGIN, {"login": f"ukjent{n}@example.org", "password": "feil"}, **headers)


def address(remote, forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_address(RequestFactory().get("/", **meta))


# Reading the address -------------------------------------------------------------------------


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = []
    assert address("198.51.100.7", "203.0.113.1") == "198.51.100.7"


def test_the_header_of_an_untrusted_sender_is_ignored(settings):
    settings.TRUSTED_PROXIES = [PROXY]
    assert address("198.51.100.7", "203.0.113.1, 10.0.0.1") == "198.51.100.7"


def test_behind_a_trusted_proxy_the_right_most_hop_is_the_client(settings):
    settings.TRUSTED_PROXIES = [PROXY]
    assert address(PROXY, "198.51.100.7") == "198.51.100.7"
    # what the client wrote itself stands left of what the proxy added
    assert address(PROXY, "203.0.113.1, 198.51.100.7") == "198.51.100.7"


def test_trusted_hops_are_skipped_from_the_right(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8", "2001:db8::/32"]
    assert address(PROXY, "203.0.113.1, 198.51.100.7, 10.2.0.3") == "198.51.100.7"
    assert address("2001:db8::1", "2001:db8::9 , 2a01:79c::5") == "2a01:79c::5"
    assert address("::ffff:10.0.0.1", "198.51.100.7") == "198.51.100.7"


def test_a_hop_that_is_no_address_counts_against_the_proxy(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert address(PROXY, "") == PROXY
    assert address(PROXY, "kari, 10.0.0.2") == "10.0.0.2"
    assert address(PROXY, "10.0.0.3, 10.0.0.2") == "10.0.0.3"


def test_a_malformed_trusted_proxy_setting_stops_start_up(monkeypatch):
    from website.settings.env import env_networks

    monkeypatch.setenv("TRUSTED_PROXIES", "10.0.0.1, proxy.example.org")
    with pytest.raises(ImproperlyConfigured, match="TRUSTED_PROXIES"):
        env_networks("TRUSTED_PROXIES")
    monkeypatch.setenv("TRUSTED_PROXIES", "10.0.0.1, 172.16.0.0/12")
    assert env_networks("TRUSTED_PROXIES") == ["10.0.0.1", "172.16.0.0/12"]
    monkeypatch.delenv("TRUSTED_PROXIES")
    assert env_networks("TRUSTED_PROXIES") == []


# Counting --------------------------------------------------------------------------------------


def test_a_spoofed_forwarded_for_from_an_untrusted_address_changes_nothing(db, settings):
    settings.TRUSTED_PROXIES = [PROXY]
    client = Client()
    for n in range(allowed()):
        response = wrong_login(
            client, n, REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}"
        )
        assert response.status_code == 200
    refused = wrong_login(
        client, 99, REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="203.0.113.200"
    )
    assert refused.status_code == 429


def test_behind_a_trusted_proxy_clients_are_counted_apart(db, settings):
    settings.TRUSTED_PROXIES = [PROXY]
    client = Client()
    for n in range(allowed()):
        assert (
            wrong_login(
                client, n, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.7"
            ).status_code
            == 200
        )
    assert (
        wrong_login(client, 98, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.7").status_code
        == 429
    )
    # The same client cannot start again by writing an address in front of the proxy's.
    spoofed = wrong_login(
        client, 99, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.5, 198.51.100.7"
    )
    assert spoofed.status_code == 429
    # Everyone else behind the same proxy still logs in.
    other = wrong_login(Client(), 0, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.8")
    assert other.status_code == 200


# Two app servers ---------------------------------------------------------------------------------


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(port):
    inherited = {"PATH", "HOME", "LANG", "VIRTUAL_ENV", "PYTHONPATH"}
    env = {k: v for k, v in os.environ.items() if k in inherited}
    env.update(
        DATABASE_URL=database_url(),
        DJANGO_SETTINGS_MODULE="website.settings.test",
        TRUSTED_PROXIES="127.0.0.1",  # the test stands in for the proxy
    )
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "website.wsgi:application",
            "--workers",
            "1",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def wait_until_serving(server, url):
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert server.poll() is None, server.stderr.read().decode()
        try:
            if requests.get(url, timeout=5).status_code == 200:
                return
        except (requests.ConnectionError, requests.Timeout):
            pass  # not listening yet, or its first answer slow on a busy machine
        time.sleep(0.2)  # polling for the condition: the server is up
    raise AssertionError(f"{url} did not answer")


@pytest.fixture
def two_servers(transactional_db):
    ports = [free_port(), free_port()]
    servers = [start_server(port) for port in ports]
    try:
        urls = [f"http://127.0.0.1:{port}" for port in ports]
        for server, url in zip(servers, urls, strict=True):
            wait_until_serving(server, url + LOGIN)
        yield urls
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=30)


class Visitor:
    """One browser: a session with each server, all its requests through the proxy."""

    def __init__(self, address):
        self.address = address
        self.sessions = {}

    def log_in(self, server, n, forwarded=None):
        session = self.sessions.get(server)
        if session is None:
            session = self.sessions[server] = requests.Session()
        form = session.get(server + LOGIN, headers={"X-Forwarded-For": self.address}, timeout=30)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text)[1]
        return session.post(
            server + LOGIN,
            data={"csrfmiddlewaretoken": token, "login": f"ukjent{n}@example.org", "password": "x"},
            headers={"X-Forwarded-For": forwarded or self.address, "Referer": server + LOGIN},
            allow_redirects=False,
            timeout=30,
        )


@pytest.mark.postgres
def test_two_app_servers_behind_a_proxy_share_each_clients_count(two_servers):
    """Two gunicorn processes on one database, one proxy in front: a client's attempts on
    both servers add up, and the next client behind the same proxy is not affected."""
    clear_of_window_edge()  # the servers count on the real clock: all in one window
    kari, ola = Visitor("198.51.100.7"), Visitor("198.51.100.8")
    for n in range(allowed()):
        assert kari.log_in(two_servers[n % 2], n).status_code == 200
    for server in two_servers:
        refused = kari.log_in(server, 99)
        assert refused.status_code == 429
        assert 0 < int(refused.headers["Retry-After"]) <= settings.RATE_LIMITS["login"][1]
        assert kari.log_in(server, 99, forwarded="203.0.113.5, 198.51.100.7").status_code == 429
        assert ola.log_in(server, 0).status_code == 200
