"""bench/first_run.py's people on the web: HTTP threads (requests, cookie jar, CSRF) that
browse, log in, sign up, apply and ask for password resets as people would."""

import datetime
import os
import random
import re
import threading
import time
import traceback

import requests

from bench._first_run.world import (
    FINISHED_SLUG,
    HTTP_TIMEOUT,
    NEW_PASSWORD,
    PASSWORD,
    STATS,
    SUMMER_SLUG,
    World,
)


def http(session: requests.Session, method: str, url: str, **kwargs):
    """One request, retried (as a person presses reload) if the server is restarting."""
    path = "/" + url.split("/", 3)[3] if url.count("/") >= 3 else url
    for attempt in range(4):
        try:
            response = session.request(
                method, url, timeout=HTTP_TIMEOUT, allow_redirects=True, **kwargs
            )
        except requests.RequestException as error:
            with STATS.lock:
                STATS.http_conn_errors.append(f"{method} {path}: {type(error).__name__}")
            time.sleep(2 + attempt * 2)
            continue
        for earlier in response.history:
            STATS.response(method, path, earlier.status_code)
        STATS.response(method, path, response.status_code)
        return response
    return None


CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def form_post(session, base, page_path, data, post_path=None, referer=True):
    """GET the form, POST it with its CSRF token, as a browser does."""
    page = http(session, "GET", f"{base}{page_path}")
    if page is None:
        return None, None
    match = CSRF_RE.search(page.text)
    token = match.group(1) if match else session.cookies.get("csrftoken", "")
    headers = {"Referer": f"{base}{page_path}"} if referer else {}
    response = http(
        session,
        "POST",
        f"{base}{post_path or page_path}",
        data={"csrfmiddlewaretoken": token, **data},
        headers=headers,
    )
    return page, response


class Visitor:
    def __init__(self, world: World, base: str, rng: random.Random):
        self.world = world
        self.base = base
        self.rng = rng

    def pause(self):
        time.sleep(self.rng.uniform(0.2, 1.5))

    def get(self, session, path):
        response = http(session, "GET", f"{self.base}{path}")
        self.pause()
        return response

    def login(self, session, email, password=PASSWORD) -> bool:
        _page, response = form_post(
            session, self.base, "/konto/login/", {"login": email, "password": password}
        )
        ok = (
            response is not None
            and response.status_code == 200
            and "/konto/login/" not in (response.url)
        )
        if response is not None and response.status_code == 429:
            STATS.action("web: login refused by rate limit")
        return ok

    def logout(self, session):
        form_post(session, self.base, "/konto/logout/", {})

    def browse(self):
        s = requests.Session()
        w = self.world
        slugs = [slug for slug in w.gatherings if slug]
        self.get(s, "/")
        self.get(s, "/samlinger/")
        self.get(s, f"/samlinger/{self.rng.choice(slugs)}/")
        for url in self.rng.sample(w.page_urls, min(3, len(w.page_urls))):
            self.get(s, url)
        if self.rng.random() < 0.3:
            self.get(s, f"/sok/?q={self.rng.choice(['medvirkning', 'erfaring', 'råd', 'hørt'])}")
        if self.rng.random() < 0.2:
            self.get(s, f"/samlinger/{self.rng.choice(slugs)}/kalender.ics")
        if self.rng.random() < 0.3:
            self.get(s, "/helse/")
        if self.rng.random() < 0.1:
            self.get(s, "/sitemap.xml")
        with w.lock:
            verify = w.verifications_left > 0 and w.certificate_codes and self.rng.random() < 0.2
            if verify:
                w.verifications_left -= 1
                code = self.rng.choice(w.certificate_codes)
        if verify:
            self.get(s, f"/bevis/{code}/")
        STATS.action("web: browse public pages")

    def participant(self):
        s = requests.Session()
        email = self.world.pick_participant(self.rng)
        if not self.login(s, email):
            STATS.action("web: participant login failed")
            return
        STATS.action("web: participant logs in")
        my_page = self.get(s, "/min-side/")
        self.get(s, "/min-side/profil/")
        if self.rng.random() < 0.3:
            self.get(s, "/min-side/mine-data/")
        self.get(s, f"/samlinger/{self.rng.choice(list(self.world.gatherings))}/")
        if my_page is not None and my_page.status_code == 200:
            offers = re.findall(r'action="(/min-side/pameldinger/\d+/accept/)"', my_page.text)
            if offers and self.rng.random() < 0.7:
                token = s.cookies.get("csrftoken", "")
                response = http(
                    s,
                    "POST",
                    f"{self.base}{offers[0]}",
                    data={"csrfmiddlewaretoken": token},
                    headers={"Referer": f"{self.base}/min-side/"},
                )
                if response is not None and response.status_code < 400:
                    STATS.action("web: participant accepts an offered seat")
        self.logout(s)

    def coordinator(self):
        s = requests.Session()
        email = (
            self.world.admin_email
            if self.rng.random() < 0.15
            else self.rng.choice(self.world.coordinator_emails)
        )
        if not self.login(s, email):
            STATS.action("web: staff login failed")
            return
        STATS.action("web: coordinator/admin logs in")
        self.get(s, "/admin/")
        self.get(s, "/admin/pameldinger/")
        pk = self.rng.choice(list(self.world.gatherings.values()))
        self.get(s, f"/admin/pameldinger/{pk}/")
        if self.rng.random() < 0.5:
            self.get(s, f"/admin/pameldinger/{pk}/kalender/")
        if self.rng.random() < 0.3:
            self.get(s, f"/admin/kursbevis/samling/{self.world.gatherings[FINISHED_SLUG]}/")
        self.logout(s)

    def signup(self):
        """A new person signs up; most follow the link in the e-mail, fill in the profile and
        apply to the gathering by application."""
        n = self.world.count("signups")
        email = f"registrert.{os.getpid()}-{threading.get_ident() % 10000}-{n}@medvirk.localhost"
        s = requests.Session()
        _page, response = form_post(
            s,
            self.base,
            "/konto/signup/",
            {"email": email, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        )
        if response is None or response.status_code >= 400:
            STATS.action("web: sign-up refused")
            return
        STATS.action("web: sign up")
        if self.rng.random() < 0.3:
            return  # never confirms
        activate_url = self._activation_link(email)
        if activate_url is None:
            STATS.action("web: no confirmation e-mail row within 30 s")
            return
        path = "/" + activate_url.split("/", 3)[3]
        _page, response = form_post(s, self.base, path, {})
        if response is None or response.status_code >= 400:
            return
        STATS.action("web: confirm e-mail address")
        self.pause()
        code = self.rng.choice(list(self.world.organisations))
        minor = self.rng.random() < 0.2
        today = datetime.date.today()
        age = 16 if minor else self.rng.randint(18, 29)
        profile = {
            "full_name": f"Registrert Person {n}",
            "birth_date": today.replace(year=today.year - age, day=1).isoformat(),
            "municipality": "Trondheim",
            "organisations": str(self.world.organisations[code]),
            "language": self.rng.choice(["nb", "en"]),
        }
        if minor:
            profile.update(
                guardian_name=f"Forelder {n}", guardian_email=f"forelder.{n}@medvirk.localhost"
            )
        _page, response = form_post(s, self.base, "/min-side/profil/", profile)
        if response is None or response.status_code >= 400:
            STATS.action("web: profile form refused")
            return
        STATS.action("web: fill in profile")
        self.pause()
        apply_path = f"/samlinger/{SUMMER_SLUG}/pamelding/"
        _page, response = form_post(
            s,
            self.base,
            apply_path,
            {
                "organisation": str(self.world.organisations[code]),
                "motivation": "Jeg vil lære å bruke erfaringen min.",
                "needs": "",
            },
        )
        if response is not None and response.status_code < 400:
            STATS.action("web: apply" + (" (under 18)" if minor else ""))
        else:
            STATS.action("web: application refused")
        self.logout(s)

    def _activation_link(self, email):
        from django.db import connection

        from website.models import OutboxMessage

        try:
            for _ in range(30):
                row = (
                    OutboxMessage.objects.filter(
                        recipient=email, kind="account/email_confirmation_signup"
                    )
                    .values_list("context", flat=True)
                    .first()
                )
                if row and row.get("activate_url"):
                    return row["activate_url"]
                time.sleep(1)
            return None
        finally:
            connection.close()

    def password_reset(self):
        n = self.world.count("resets")
        if self.rng.random() < 0.7:
            email = self.world.pick_participant(self.rng)
        else:
            email = f"ukjent.{n}@medvirk.localhost"
        s = requests.Session()
        _page, response = form_post(s, self.base, "/konto/password/reset/", {"email": email})
        if response is not None and response.status_code == 429:
            STATS.action("web: password reset refused by rate limit")
        elif response is not None and response.status_code < 400:
            STATS.action("web: ask for a password reset")


VISITOR_WEIGHTS = {"browse": 5, "participant": 3, "coordinator": 2, "signup": 1, "reset": 1}


def visitor_loop(visitor: Visitor, deadline: float, stop: threading.Event) -> None:
    scenarios = {
        "browse": visitor.browse,
        "participant": visitor.participant,
        "coordinator": visitor.coordinator,
        "signup": visitor.signup,
        "reset": visitor.password_reset,
    }
    kinds, weights = zip(*VISITOR_WEIGHTS.items(), strict=True)
    script = ["browse", "participant", "coordinator", "signup", "reset"]
    while time.monotonic() < deadline and not stop.is_set():
        kind = script.pop(0) if script else visitor.rng.choices(kinds, weights)[0]
        try:
            scenarios[kind]()
        except Exception as error:  # a bug in this script, or an answer it did not expect
            STATS.error(f"web {kind}", "".join(traceback.format_exception(error)))
        time.sleep(visitor.rng.uniform(0.5, 2.0))
