"""bench/first_run.py's shared state: the names it uses, the counters every thread adds to,
and what the simulated people know about the site (its gatherings, organisations, accounts)."""

import collections
import threading

PASSWORD = "medvirk-demo"
NEW_PASSWORD = "Brukermedvirkning-2026!"
HTTP_TIMEOUT = 60
SUMMER_SLUG = "nye-sommer-2027-benk"
# The demo's gatherings (demo/data/gatherings.yaml).
FINISHED_SLUG = "nye-brukermedvirkere-oslo"
ADVANCED_SLUG = "viderekomne-bergen"
FULL_SLUG = "nye-brukermedvirkere-trondheim"


class Stats:
    """Counters shared by the threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.actions = collections.Counter()
        self.refused = collections.Counter()
        self.errors = []  # (kind, text) of unexpected failures in this process
        self.http = collections.Counter()  # status -> count
        self.http_5xx = []  # (method, path, status)
        self.http_conn_errors = []
        self.health = collections.Counter()

    def action(self, kind, n=1):
        with self.lock:
            self.actions[kind] += n

    def refuse(self, kind, code):
        with self.lock:
            self.refused[f"{kind}: {code}"] += 1

    def error(self, kind, text):
        with self.lock:
            self.errors.append((kind, text))

    def response(self, method, path, status):
        with self.lock:
            self.http[status] += 1
            if path.startswith("/helse/"):
                self.health[status] += 1
            elif status >= 500:
                self.http_5xx.append((method, path, status))


STATS = Stats()


class World:
    """What the simulated people know: ids of gatherings, organisations, accounts."""

    def __init__(self):
        from django.contrib.auth import get_user_model

        from certificates.models import Certificate
        from cohorts.models import Gathering
        from demo import content
        from people.models import Organisation

        User = get_user_model()
        self.lock = threading.Lock()
        self.gatherings = {g.slug: g.pk for g in Gathering.objects.all()}
        self.organisations = {o.short_code: o.pk for o in Organisation.objects.all()}
        coordinators = content.people()["coordinators"]
        self.coordinators = {
            c["organisation"]: User.objects.get(email=c["email"]).pk for c in coordinators
        }
        self.participant_emails = [person["email"] for person in content.participants()]
        self.coordinator_emails = [c["email"] for c in coordinators]
        self.admin_email = content.people()["administrator"]["email"]
        self.page_urls = self._page_urls()
        self.certificate_codes = list(Certificate.objects.values_list("code", flat=True))
        self.verifications_left = 20  # /bevis/ allows 30 look-ups per 10 minutes per client
        self.counts = collections.Counter()  # sign-ups and reset requests so far

    @staticmethod
    def _page_urls():
        from wagtail.models import Page

        urls = []
        for page in Page.objects.live().public().filter(depth__gte=2).specific()[:80]:
            url = page.get_url()
            if url and url.startswith("/"):
                urls.append(url)
        return urls or ["/"]

    def count(self, what: str) -> int:
        """One more `what` (a sign-up, a reset request); returns how many so far."""
        with self.lock:
            self.counts[what] += 1
            return self.counts[what]

    def add_participant(self, email):
        with self.lock:
            self.participant_emails.append(email)

    def pick_participant(self, rng):
        with self.lock:
            return rng.choice(self.participant_emails)
