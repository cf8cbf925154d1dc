"""bench/first_run.py's administrator and coordinators: the real services called in the
script's own process, each call its own transaction, against the database the server uses."""

import datetime
import os
import random
import threading
import time
import traceback

import requests

from bench._first_run.visitors import http
from bench._first_run.world import (
    ADVANCED_SLUG,
    FINISHED_SLUG,
    FULL_SLUG,
    PASSWORD,
    STATS,
    SUMMER_SLUG,
    World,
)


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
        from people.models import Organisation

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

        from people.models import Participant

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

    def _pick(self, *states, slugs=(SUMMER_SLUG, FULL_SLUG, ADVANCED_SLUG)):
        """One enrolment, at random, in one of `states` at the gatherings of `slugs` (with its
        participant's account); None if there is none."""
        from cohorts.models import Enrolment

        pool = list(
            Enrolment.objects.filter(
                state__in=states, gathering_id__in=[self.world.gatherings[s] for s in slugs]
            ).values_list("pk", flat=True)
        )
        if not pool:
            return None
        return Enrolment.objects.select_related("participant__user").get(pk=self.rng.choice(pool))

    def cancel(self):
        from cohorts.models import Enrolment
        from cohorts.services import enrolment_cancel

        State = Enrolment.State
        enrolment = self._pick(
            State.APPLIED, State.WAITLISTED, State.CONFIRMED, State.OFFERED,
            slugs=[SUMMER_SLUG, FULL_SLUG],
        )  # fmt: skip
        if enrolment is None:
            return None
        was = enrolment.state
        enrolment_cancel(enrolment=enrolment, actor=enrolment.participant.user)
        return f"enrolment_cancel ({was})"

    def offer_respond(self):
        from cohorts.models import Enrolment
        from cohorts.services import offer_respond

        enrolment = self._pick(Enrolment.State.OFFERED)
        if enrolment is None:
            return None
        accept = self.rng.random() < 0.75
        offer_respond(enrolment=enrolment, actor=enrolment.participant.user, accept=accept)
        return f"offer_respond ({'accept' if accept else 'decline'})"

    def decide(self):
        from cohorts.models import Enrolment
        from cohorts.services import enrolment_decide

        enrolment = self._pick(Enrolment.State.APPLIED)
        if enrolment is None:
            return None
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

        enrolment = self._pick(Enrolment.State.GUARDIAN_PENDING)
        if enrolment is None:
            return None
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
