"""`make run` on a fresh clone, used for N minutes: no task fails, no e-mail goes twice.

    .venv/bin/python bench/first_run.py [--minutes 10] [--port 0] [--seed 1] [--visitors 2]

Run by hand, not in CI; it takes the minutes asked for plus set-up (migrate and load_demo, a
few minutes on a slow machine) and the final drain (at most --drain-timeout seconds), and
stops by itself. Exit status 0 on PASS, 1 on FAIL.

1. A fresh SQLite database in a new temporary directory (printed; kept for inspection, with
   the server log): `manage.py migrate` and `manage.py load_demo` against it, as `make setup`
   does (dev settings: DEBUG on, console e-mail backend; MEDIA_ROOT in the same directory).
2. `scripts/serve-dev.sh` as `make run` starts it (runserver on 127.0.0.1:PORT and a django-q2
   `qcluster` beside it), in its own process group, stdout and stderr to `serve.log`; stopped
   at the end as check-first-run.sh does (SIGINT to the group, then SIGKILL if needed). Its
   environment differs from a bare `make run` only in: DATABASE_URL, PORT, BASE_URL,
   MEDIA_ROOT, STAFF_MFA_REQUIRED=false (staff log in without TOTP, as the README suggests for
   trying the demo), PYTHONUNBUFFERED=1, and the per-client rate limits of the account forms
   raised (RATE_LIMIT_LOGIN/SIGNUP/PASSWORD_RESET), because every simulated visitor comes
   from 127.0.0.1; the per-address limits stay as they are.
3. For --minutes minutes, at the same time:
   - --visitors HTTP threads (requests, cookie jar, CSRF) browse like people: public pages
     (/, /samlinger/, gathering pages, /program/…, search, calendar files, /helse/,
     certificate verification), participants and coordinators log in at /konto/login/ and
     look at /min-side/ and /admin/pameldinger/…, participants accept offered seats on
     /min-side/, new people sign up (allauth's confirmation e-mail), some follow the link
     from that e-mail, fill in their profile and apply on /samlinger/<slug>/pamelding/,
     and people ask for password resets (known and unknown addresses);
   - this process (django.setup() with the same DATABASE_URL and settings) calls the real
     services as an administrator or coordinator would, each call its own transaction:
     the admin creates one gathering by application for new representatives, new
     participants are registered and apply (`enrolment_apply`; some under 18 with a
     guardian, who opens the link and confirms: `guardian_confirm`), participants cancel
     (`enrolment_cancel`) and answer offers (`offer_respond`), coordinators accept, reject
     or waitlist (`enrolment_decide`), issue certificates for the finished demo gathering
     (`certificate_issue`, now and then `certificate_reissue`), and change a session's room
     and start an invite run (`invite_run_start(kind="update")`).
   So the web process, the worker and this process write to the SQLite file at once.
4. Then it waits (bounded) until the outbox is quiet (no pending/sending rows, no unfinished
   invite run, no queued task) and prints: minutes run; actions by kind (and rule refusals,
   which are normal); HTTP answers by status; django-q tasks succeeded/failed (names of the
   failed); "database is locked" and "Traceback" in the server log; e-mails: outbox rows of
   this run sent/failed/skipped/pending, e-mails printed by the console backend (`Message-ID:`
   headers in the log), distinct Message-IDs, Message-IDs printed more than once, rows marked
   sent but never printed; and PASS or FAIL. FAIL if a task failed, the log has "database is
   locked" or a Traceback, a Message-ID was printed twice, an outbox row is left pending,
   sending or failed, a sent row was never printed, an HTTP answer was 5xx (other than
   /helse/), or a service call in this process failed with anything but a rule refusal.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Run as a script, this file's folder is first on sys.path, and bench/calendar.py would then
# stand in for the standard library's `calendar` module (which `email` imports).
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))

import argparse  # noqa: E402
import collections  # noqa: E402
import contextlib  # noqa: E402
import datetime  # noqa: E402
import os  # noqa: E402
import random  # noqa: E402
import re  # noqa: E402
import signal  # noqa: E402
import socket  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
import traceback  # noqa: E402

import requests  # noqa: E402

PYTHON = str(ROOT / ".venv" / "bin" / "python")
PASSWORD = "medvirk-demo"
NEW_PASSWORD = "Brukermedvirkning-2026!"
HTTP_TIMEOUT = 60
SUMMER_SLUG = "nye-sommer-2027-benk"
# The demo's gatherings (demo/data/gatherings.yaml).
FINISHED_SLUG = "nye-brukermedvirkere-oslo"
ADVANCED_SLUG = "viderekomne-bergen"
FULL_SLUG = "nye-brukermedvirkere-trondheim"


# --- bookkeeping ----------------------------------------------------------------------------


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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- the server -----------------------------------------------------------------------------


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


def start_server(env, log_path: Path) -> subprocess.Popen:
    log = open(log_path, "ab")  # noqa: SIM115 - the child holds it; closed when we stop it
    proc = subprocess.Popen(
        ["scripts/serve-dev.sh"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,  # as `setsid scripts/serve-dev.sh`: its own process group
    )
    log.close()
    return proc


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def stop_server(proc: subprocess.Popen) -> str:
    """As check-first-run.sh: SIGINT to the whole group (Ctrl-C), then SIGKILL if needed."""
    pgid = proc.pid
    how = "SIGINT"
    try:
        os.killpg(pgid, signal.SIGINT)
    except ProcessLookupError:
        return "already gone"
    for _ in range(80):  # 20 s
        proc.poll()  # reap serve-dev.sh itself, or its zombie keeps the group "alive"
        if not group_alive(pgid):
            break
        time.sleep(0.25)
    else:
        how = "SIGINT, then SIGKILL"
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pgid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=10)
    return how


def worker_running(pgid: int) -> bool:
    result = subprocess.run(
        ["pgrep", "-g", str(pgid), "-f", "manage.py qcluster"], capture_output=True, timeout=10
    )
    return result.returncode == 0


def wait_until_up(base: str, proc, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit("serve-dev.sh stopped during start-up; see the server log")
        try:
            if requests.get(f"{base}/helse/", timeout=10).status_code in (200, 503):
                return
        except requests.RequestException:
            pass
        time.sleep(1)
    raise SystemExit(f"the site did not answer within {timeout:.0f} s")


# --- Django in this process -----------------------------------------------------------------


def django_setup(workdir: Path, database_url: str, port: int) -> None:
    os.environ.update(
        {
            k: v
            for k, v in server_env(workdir, database_url, port).items()
            if k
            in {
                "DJANGO_SETTINGS_MODULE",
                "DATABASE_URL",
                "BASE_URL",
                "MEDIA_ROOT",
                "STAFF_MFA_REQUIRED",
                "RATE_LIMIT_LOGIN",
                "RATE_LIMIT_SIGNUP",
                "RATE_LIMIT_PASSWORD_RESET",
            }
        }
    )
    os.environ.pop("EMAIL_HOST", None)
    import django

    django.setup()


class World:
    """What the simulated people know: ids of gatherings, organisations, accounts."""

    def __init__(self):
        from django.contrib.auth import get_user_model

        from certificates.models import Certificate
        from cohorts.models import Gathering, Organisation
        from demo import content

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
        self.admin_email = "admin@medvirk.localhost"
        self.page_urls = self._page_urls()
        self.certificate_codes = list(Certificate.objects.values_list("code", flat=True))
        self.verifications_left = 20  # /bevis/ allows 30 look-ups per 10 minutes per client
        self.signups = 0
        self.resets = 0

    @staticmethod
    def _page_urls():
        from wagtail.models import Page

        urls = []
        for page in Page.objects.live().public().filter(depth__gte=2).specific()[:80]:
            url = page.get_url()
            if url and url.startswith("/"):
                urls.append(url)
        return urls or ["/"]

    def add_participant(self, email):
        with self.lock:
            self.participant_emails.append(email)

    def pick_participant(self, rng):
        with self.lock:
            return rng.choice(self.participant_emails)


# --- the administrator and coordinators, in this process ------------------------------------


class Admin:
    """Service calls as the admin and coordinators would make them, each its own transaction."""

    ROOMS = ["Storsalen", "Fjordsalen", "Grupperom 1", "Grupperom 2", "Peisestua", "Auditoriet"]

    def __init__(self, world: World, rng: random.Random, base: str):
        self.world = world
        self.rng = rng
        self.base = base
        self.counter = 0
        self.guardian_browser = requests.Session()

    def user(self, pk):
        from django.contrib.auth import get_user_model

        return get_user_model().objects.get(pk=pk)

    def coordinator_for(self, organisation_id):
        from cohorts.models import Organisation

        code = Organisation.objects.get(pk=organisation_id).short_code
        return self.user(self.world.coordinators[code])

    def any_coordinator(self):
        return self.user(self.rng.choice(list(self.world.coordinators.values())))

    # -- set-up the admin does in the admin ----------------------------------------------

    def create_application_gathering(self):
        """The demo's open gathering by application is for advanced representatives, which
        new participants may not apply to: the admin makes one for new representatives."""
        from django.db import transaction
        from django.utils import timezone

        from cohorts.models import Gathering, Quota
        from courses.models import CoursePage
        from demo.gatherings import sessions_create

        now = timezone.localtime()
        day = now.replace(hour=10, minute=0, second=0, microsecond=0)
        with transaction.atomic():
            course = CoursePage.objects.filter(level="new", locale__language_code="nb").first()
            gathering = Gathering.objects.create(
                slug=SUMMER_SLUG,
                level="new",
                year=(day + datetime.timedelta(days=200)).year,
                title="Samling for nye brukermedvirkere, sommeren 2027 (benk)",
                description="Søk innen fristen; koordinatorene velger ut deltakerne.",
                venue_name="Quality Hotel Tromsø",
                venue_address="Sjøgata 35, 9008 Tromsø",
                starts_at=day + datetime.timedelta(days=200),
                ends_at=day + datetime.timedelta(days=201, hours=5),
                enrolment_opens_at=now - datetime.timedelta(days=1),
                enrolment_closes_at=now + datetime.timedelta(days=150),
                capacity=24,
                course=course,
                admission_mode=Gathering.AdmissionMode.APPLICATION,
                status=Gathering.Status.PUBLISHED,
                offer_deadline_hours=48,
            )
            gathering.coordinators.add(*self.world.coordinators.values())
            for pk in self.world.organisations.values():
                Quota.objects.create(gathering=gathering, organisation_id=pk, seats=6)
            sessions_create(gathering, course)
        self.world.gatherings[SUMMER_SLUG] = gathering.pk
        STATS.action("admin: create gathering (by application)")

    # -- the actions ---------------------------------------------------------------------

    def register_participant(self, *, minor: bool):
        """A new participant's account and profile, as the admin registers them."""
        from allauth.account.models import EmailAddress
        from django.contrib.auth import get_user_model
        from django.db import transaction
        from django.utils import timezone

        from cohorts.models import Participant

        self.counter += 1
        n = self.counter
        tag = f"{os.getpid()}-{n}"
        email = f"ny.{tag}@medvirk.localhost"
        code = self.rng.choice(list(self.world.organisations))
        age = 16 if minor else self.rng.randint(18, 29)
        today = timezone.localdate()
        with transaction.atomic():
            user = get_user_model().objects.create_user(
                email=email, password=PASSWORD, first_name="Ny", last_name=f"Deltaker {n}"
            )
            EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
            participant = Participant.objects.create(
                user=user,
                full_name=f"Ny Deltaker {n}",
                birth_date=datetime.date(today.year - age, today.month, 1),
                municipality=self.rng.choice(["Oslo", "Bergen", "Tromsø", "Bodø", "Hamar"]),
                guardian_name=f"Foresatt {n}" if minor else "",
                guardian_email=f"foresatt.{tag}@medvirk.localhost" if minor else "",
                language=self.rng.choice(["nb", "nb", "nb", "en"]),
            )
            participant.organisations.add(self.world.organisations[code])
        self.world.add_participant(email)
        STATS.action("register participant" + (" (under 18)" if minor else ""))
        return participant

    def apply_new(self):
        from cohorts.models import Gathering
        from cohorts.services import enrolment_apply

        minor = self.rng.random() < 0.25
        participant = self.register_participant(minor=minor)
        slug = SUMMER_SLUG if self.rng.random() < 0.7 else FULL_SLUG
        gathering = Gathering.objects.get(pk=self.world.gatherings[slug])
        enrolment = enrolment_apply(
            participant=participant,
            gathering=gathering,
            organisation=participant.organisations.first(),
            motivation="Jeg vil bli hørt og hjelpe andre å bli hørt.",
        )
        return f"enrolment_apply{' (under 18)' if minor else ''} → {enrolment.state}"

    def _live(self, *states, slugs=None):
        from cohorts.models import Enrolment

        slugs = slugs or [SUMMER_SLUG, FULL_SLUG, ADVANCED_SLUG]
        return list(
            Enrolment.objects.filter(
                state__in=states, gathering_id__in=[self.world.gatherings[s] for s in slugs]
            ).values_list("pk", flat=True)
        )

    def cancel(self):
        from cohorts.models import Enrolment
        from cohorts.services import enrolment_cancel

        State = Enrolment.State
        pool = self._live(
            State.APPLIED, State.WAITLISTED, State.CONFIRMED, State.OFFERED,
            slugs=[SUMMER_SLUG, FULL_SLUG],
        )  # fmt: skip
        if not pool:
            return None
        enrolment = Enrolment.objects.select_related("participant__user").get(
            pk=self.rng.choice(pool)
        )
        was = enrolment.state
        enrolment_cancel(enrolment=enrolment, actor=enrolment.participant.user)
        return f"enrolment_cancel ({was})"

    def offer_respond(self):
        from cohorts.models import Enrolment
        from cohorts.services import offer_respond

        pool = self._live(Enrolment.State.OFFERED)
        if not pool:
            return None
        enrolment = Enrolment.objects.select_related("participant__user").get(
            pk=self.rng.choice(pool)
        )
        accept = self.rng.random() < 0.75
        offer_respond(enrolment=enrolment, actor=enrolment.participant.user, accept=accept)
        return f"offer_respond ({'accept' if accept else 'decline'})"

    def decide(self):
        from cohorts.models import Enrolment
        from cohorts.services import enrolment_decide

        pool = self._live(Enrolment.State.APPLIED)
        if not pool:
            return None
        enrolment = Enrolment.objects.get(pk=self.rng.choice(pool))
        decision = self.rng.choices(["accept", "reject", "waitlist"], [7, 2, 1])[0]
        enrolment_decide(
            enrolment=enrolment,
            decision=decision,
            actor=self.coordinator_for(enrolment.organisation_id),
            reason="" if decision == "accept" else "Vurdert av koordinator.",
        )
        return f"enrolment_decide ({decision})"

    def guardian(self):
        from cohorts.models import Enrolment
        from cohorts.services import guardian_confirm
        from cohorts.tokens import guardian_token

        pool = self._live(Enrolment.State.GUARDIAN_PENDING)
        if not pool:
            return None
        enrolment = Enrolment.objects.get(pk=self.rng.choice(pool))
        token = guardian_token(enrolment)
        # The guardian opens the link from the e-mail (a GET never confirms), then confirms.
        http(self.guardian_browser, "GET", f"{self.base}/samlinger/foresatt/{token}/")
        guardian_confirm(token=token)
        return "guardian_confirm"

    def certificate(self):
        from certificates.models import Certificate
        from certificates.services import certificate_issue, certificate_reissue
        from cohorts.models import Enrolment

        past = self.world.gatherings[FINISHED_SLUG]
        if self.rng.random() < 0.3:
            live = list(
                Certificate.objects.filter(
                    enrolment__gathering_id=past, revoked_at__isnull=True
                ).values_list("pk", flat=True)
            )
            if live:
                certificate = Certificate.objects.select_related("enrolment").get(
                    pk=self.rng.choice(live)
                )
                new = certificate_reissue(
                    certificate=certificate,
                    actor=self.coordinator_for(certificate.enrolment.organisation_id),
                    reason="Navnet var stavet feil.",
                )
                self.world.certificate_codes.append(new.code)
                return "certificate_reissue"
        pool = list(
            Enrolment.objects.filter(
                gathering_id=past, state=Enrolment.State.CONFIRMED
            ).values_list("pk", flat=True)
        )
        enrolment = Enrolment.objects.get(pk=self.rng.choice(pool))
        had = Certificate.objects.filter(enrolment=enrolment, revoked_at__isnull=True).exists()
        try:
            certificate = certificate_issue(
                enrolment=enrolment, actor=self.coordinator_for(enrolment.organisation_id)
            )
        except Exception as error:  # not eligible: the coordinator records an exception
            if getattr(error, "code", "") != "not_eligible":
                raise
            certificate = certificate_issue(
                enrolment=enrolment,
                actor=self.coordinator_for(enrolment.organisation_id),
                exception_reason="Syk to av øktene; tok dem igjen digitalt.",
            )
            return "certificate_issue (with exception)"
        self.world.certificate_codes.append(certificate.code)
        return "certificate_issue" + (" (already had one)" if had else "")

    def invite_update(self):
        from django.db import transaction

        from cohorts.models import Gathering, Session
        from cohorts.services import invite_run_start

        slug = self.rng.choice([ADVANCED_SLUG, FULL_SLUG, SUMMER_SLUG])
        gathering = Gathering.objects.get(pk=self.world.gatherings[slug])
        with transaction.atomic():
            session = self.rng.choice(list(Session.objects.filter(gathering=gathering)))
            session.room = self.rng.choice([r for r in self.ROOMS if r != session.room])
            session.save()
        STATS.action("admin: change a session's room")
        run = invite_run_start(gathering=gathering, kind="update", actor=self.any_coordinator())
        return "invite_run_start (update)" + ("" if run.kind == "update" else f" ({run.kind})")

    # -- the loop ------------------------------------------------------------------------

    def step(self, kind):
        method = {
            "apply": self.apply_new,
            "cancel": self.cancel,
            "offer": self.offer_respond,
            "decide": self.decide,
            "guardian": self.guardian,
            "certificate": self.certificate,
            "invite": self.invite_update,
        }[kind]
        from django.db import close_old_connections, connection

        from website.rules import RuleError

        try:
            done = method()
        except RuleError as refusal:
            STATS.refuse(kind, refusal.code)
            return
        except Exception as error:
            STATS.error(kind, "".join(traceback.format_exception(error)))
            connection.close()
            close_old_connections()
            return
        if done is None:  # nothing to do it on right now: someone applies instead
            if kind != "apply":
                self.step("apply")
            return
        STATS.action(done)


ADMIN_WEIGHTS = {
    "apply": 6,
    "decide": 4,
    "cancel": 2,
    "offer": 2,
    "guardian": 2,
    "certificate": 2,
    "invite": 2,
}


def admin_loop(admin: Admin, deadline: float, stop: threading.Event) -> None:
    # Once each first, so that every kind happens however short the run.
    script = ["guardian", "decide", "certificate", "invite", "apply", "apply", "cancel", "offer"]
    kinds, weights = zip(*ADMIN_WEIGHTS.items(), strict=True)
    while time.monotonic() < deadline and not stop.is_set():
        kind = script.pop(0) if script else admin.rng.choices(kinds, weights)[0]
        admin.step(kind)
        time.sleep(admin.rng.uniform(0.5, 3.0))


# --- people on the web ----------------------------------------------------------------------


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
        with self.world.lock:
            self.world.signups += 1
            n = self.world.signups
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
        with self.world.lock:
            self.world.resets += 1
            n = self.world.resets
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


# --- the end --------------------------------------------------------------------------------


def quiet_state(first_pk):
    from django_q.models import OrmQ

    from cohorts.models import InviteRun
    from website.models import OutboxMessage

    State = OutboxMessage.State
    busy = OutboxMessage.objects.filter(state__in=[State.PENDING, State.SENDING]).count()
    runs = InviteRun.objects.filter(finished_at__isnull=True).count()
    queued = OrmQ.objects.count()
    return busy, runs, queued


def wait_quiet(timeout: float, first_pk: int) -> tuple[bool, float]:
    from django.db import connection

    started = time.monotonic()
    deadline = started + timeout
    quiet_since = None
    while time.monotonic() < deadline:
        busy, runs, queued = quiet_state(first_pk)
        connection.close()
        if busy == 0 and runs == 0 and queued == 0:
            quiet_since = quiet_since or time.monotonic()
            if time.monotonic() - quiet_since >= 3:
                return True, time.monotonic() - started
        else:
            quiet_since = None
        time.sleep(1)
    return False, time.monotonic() - started


def report(*, minutes_run, log_path: Path, first_pk: int, quiet: bool, drain: float, stopped):
    from django.db.models import Count
    from django_q.models import Failure, OrmQ, Success

    from website.models import OutboxMessage

    State = OutboxMessage.State
    lines = []
    out = lines.append
    text = log_path.read_text(errors="replace")
    locked = text.count("database is locked")
    tracebacks = text.count("Traceback")
    reloads = text.count("changed, reloading")
    printed = re.findall(r"^Message-ID: (\S+)", text, re.MULTILINE)
    printed_count = collections.Counter(printed)
    duplicates = {mid: n for mid, n in printed_count.items() if n > 1}

    out(
        f"minutes run: {minutes_run:.1f} (then {drain:.0f} s until the outbox was quiet"
        f"{'' if quiet else ' — NOT quiet: gave up waiting'}); server stopped with {stopped}"
    )
    out("")
    out("actions performed, by kind:")
    for kind, n in sorted(STATS.actions.items()):
        out(f"  {n:5d}  {kind}")
    out(f"  {sum(STATS.actions.values()):5d}  total")
    if STATS.refused:
        out("refused by the rules (expected, not failures):")
        for kind, n in sorted(STATS.refused.items()):
            out(f"  {n:5d}  {kind}")
    out(f"errors in this process's service calls / scripted visits: {len(STATS.errors)}")
    for kind, error in STATS.errors[:5]:
        out(f"  [{kind}] " + error.strip().replace("\n", "\n    "))
    out("")
    out("HTTP answers by status: " + ", ".join(f"{k}: {v}" for k, v in sorted(STATS.http.items())))
    out(f"  5xx (other than /helse/): {len(STATS.http_5xx)} {STATS.http_5xx[:10]}")
    out("  /helse/: " + ", ".join(f"{k}: {v}" for k, v in sorted(STATS.health.items())))
    out(
        f"  connection errors (retried): {len(STATS.http_conn_errors)} {STATS.http_conn_errors[:5]}"
    )
    out("")
    succeeded = Success.objects.count()
    failures = list(Failure.objects.order_by("started"))
    left = OrmQ.objects.count()
    out(f"django-q tasks: succeeded {succeeded}, failed {len(failures)}, still queued {left}")
    by_func = Success.objects.values("func").annotate(n=Count("id")).order_by("-n")
    for row in by_func:
        out(f"  {row['n']:5d}  ok      {row['func']}")
    for task in failures:
        result = str(task.result or "").strip().splitlines()
        out(f"  FAILED  {task.func} ({task.name}): {result[-1] if result else ''}")
    out("")
    out(
        f'server log ({log_path}): "database is locked": {locked}, "Traceback": {tracebacks}, '
        f"autoreloads: {reloads}"
    )
    out("")
    rows = OutboxMessage.objects.filter(pk__gt=first_pk)
    states = collections.Counter(rows.values_list("state", flat=True))
    out(
        f"e-mails (outbox rows written during the run: {rows.count()}): "
        + ", ".join(f"{s}: {states.get(s, 0)}" for s in State.values)
    )
    kinds = rows.values("kind", "state").annotate(n=Count("id")).order_by("kind", "state")
    for row in kinds:
        out(f"  {row['n']:5d}  {row['state']:8s} {row['kind']}")
    sent_ids = {m.message_id for m in rows.filter(state=State.SENT)}
    all_ids = {m.message_id for m in OutboxMessage.objects.all()}
    not_printed = sent_ids - set(printed)
    unknown = set(printed) - all_ids
    out(f"  printed by the console backend (Message-ID headers in the log): {len(printed)}")
    out(f"  distinct Message-IDs printed: {len(printed_count)}")
    out(f"  Message-IDs printed more than once: {len(duplicates)} {list(duplicates.items())[:5]}")
    out(f"  rows marked sent but never printed: {len(not_printed)}")
    out(f"  printed Message-IDs that match no row: {len(unknown)}")
    leftover = states.get(State.PENDING, 0) + states.get(State.SENDING, 0)
    leftover += OutboxMessage.objects.filter(
        pk__lte=first_pk, state__in=[State.PENDING, State.SENDING, State.FAILED]
    ).count()

    reasons = []
    if failures:
        reasons.append(f"{len(failures)} task(s) failed")
    if locked:
        reasons.append(f'{locked} "database is locked" in the log')
    if tracebacks:
        reasons.append(f"{tracebacks} Traceback(s) in the log")
    if duplicates:
        reasons.append(f"{len(duplicates)} Message-ID(s) printed more than once")
    if leftover or states.get(State.FAILED, 0):
        reasons.append(
            f"outbox rows left pending/sending: {leftover}, failed: {states.get(State.FAILED, 0)}"
        )
    if not_printed:
        reasons.append(f"{len(not_printed)} row(s) marked sent but never printed")
    if STATS.http_5xx:
        reasons.append(f"{len(STATS.http_5xx)} HTTP 5xx answer(s)")
    if STATS.errors:
        reasons.append(f"{len(STATS.errors)} error(s) in this process")
    if not quiet:
        reasons.append("the outbox did not become quiet in time")
    out("")
    out("PASS" if not reasons else "FAIL: " + "; ".join(reasons))
    print("\n".join(lines), flush=True)
    return not reasons


def git_state() -> str:
    """Which code ran: the commit and whether the work tree had changes (others may edit)."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        ).stdout.split("\n")
    except OSError:
        return "unknown"
    changed = [line[3:] for line in dirty if line.strip()]
    return f"{head}" + (f" + uncommitted changes in {', '.join(changed)}" if changed else "")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--port", type=int, default=0, help="0: a free port")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--visitors", type=int, default=2, help="HTTP visitor threads")
    parser.add_argument("--drain-timeout", type=float, default=300.0)
    args = parser.parse_args()
    # Ctrl-C stops this script (and, in `finally`, the server). The server's processes get the
    # default SIGINT/SIGQUIT however this script was started (a shell's background job ignores
    # them), as under `make run` in a terminal; otherwise runserver would ignore the SIGINT.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGQUIT, signal.SIG_DFL)

    workdir = Path(tempfile.mkdtemp(prefix="medvirk-first-run-"))
    database_url = f"sqlite:///{workdir}/medvirk.sqlite3"  # sqlite:////tmp/…/medvirk.sqlite3
    port = args.port or free_port()
    base = f"http://127.0.0.1:{port}"
    env = server_env(workdir, database_url, port)
    setup_log = workdir / "setup.log"
    serve_log = workdir / "serve.log"
    print(f"work directory: {workdir} (database, setup.log, serve.log)", flush=True)
    print(f"DATABASE_URL={database_url}", flush=True)
    print(f"code: {git_state()}", flush=True)

    t0 = time.monotonic()
    manage(["migrate", "--no-input"], env, setup_log, timeout=900)
    manage(["load_demo"], env, setup_log, timeout=900)
    print(f"migrate + load_demo: {time.monotonic() - t0:.0f} s", flush=True)

    django_setup(workdir, database_url, port)
    from website.models import OutboxMessage

    first_pk = OutboxMessage.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    world = World()

    proc = start_server(env, serve_log)
    stop = threading.Event()
    threads = []
    stopped = "not started"
    minutes_run = 0.0
    quiet, drain = False, 0.0
    try:
        wait_until_up(base, proc, timeout=180)
        time.sleep(2)
        if not worker_running(proc.pid):
            raise SystemExit("the task worker (manage.py qcluster) is not running")
        print(
            f"serve-dev.sh up on {base} (process group {proc.pid}); "
            f"using the site for {args.minutes:g} min …",
            flush=True,
        )
        started = time.monotonic()
        deadline = started + args.minutes * 60
        rng = random.Random(args.seed)
        admin = Admin(world, random.Random(rng.random()), base)
        admin.create_application_gathering()
        for i in range(args.visitors):
            visitor = Visitor(world, base, random.Random(rng.random()))
            thread = threading.Thread(
                target=visitor_loop,
                args=(visitor, deadline, stop),
                name=f"visitor-{i}",
                daemon=True,
            )
            thread.start()
            threads.append(thread)
        admin_loop(admin, deadline, stop)
        for thread in threads:
            thread.join(timeout=HTTP_TIMEOUT * 4)
        minutes_run = (time.monotonic() - started) / 60
        if proc.poll() is not None:
            print("serve-dev.sh has stopped by itself!", flush=True)
        elif not worker_running(proc.pid):
            print("the task worker has stopped by itself!", flush=True)
        print(
            f"done using the site after {minutes_run:.1f} min; waiting for the outbox …", flush=True
        )
        quiet, drain = wait_quiet(args.drain_timeout, first_pk)
        time.sleep(2)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=HTTP_TIMEOUT * 2)
        stopped = stop_server(proc)
    print("", flush=True)
    ok = report(
        minutes_run=minutes_run,
        log_path=serve_log,
        first_pk=first_pk,
        quiet=quiet,
        drain=drain,
        stopped=stopped,
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
