"""The gatherings and what happened to them, from demo/data/gatherings.yaml.

Everything a person or a coordinator does is done through the apps' services, at the moment
the story gives, so every state and timestamp is one the rules can produce: applied before
offered before confirmed before now, attendance while the gathering runs, certificates after
it ended. A gathering that exists (by slug) is left alone.
"""

import datetime

from django.utils import timezone

from certificates.models import Certificate
from certificates.services import certificate_eligibility, certificate_issue, certificate_revoke
from cohorts.models import Attendance, Enrolment, Gathering, Quota, Session
from cohorts.services import (
    attendance_mark,
    enrolment_apply,
    enrolment_decide,
    progression_exception_grant,
)
from courses.models import CoursePage

from . import content
from .timeline import Clock, backdated, month_title


def _time_on(day: datetime.date, clock_time: str) -> datetime.datetime:
    hours, minutes = (int(part) for part in clock_time.split(":"))
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hours, minutes)))


def sessions_create(gathering: Gathering, course=None, programme: str = "two_days") -> None:
    """The gathering's timetable from one of the data file's session plans, from its first
    day on; sessions of the course's modules take the module's title."""
    data = content.gatherings()
    modules = list(course.modules) if course else []
    module_english = {
        module.pk: translation.title
        for module in modules
        if (translation := module.get_translations().filter(locale__language_code="en").first())
    }
    first_day = timezone.localtime(gathering.starts_at).date()
    for slot in data["programmes"][programme]:
        starts_at = _time_on(first_day + datetime.timedelta(days=slot["day"]), slot["time"])
        number = slot.get("module")
        module = modules[number - 1] if number and number <= len(modules) else None
        english = module_english.get(module.pk) if module else data["no_module_title_en"]
        Session.objects.create(
            gathering=gathering,
            title=slot.get("title") or (module.title if module else data["no_module_title"]),
            title_en=slot.get("title_en") or english or "",
            starts_at=starts_at,
            ends_at=starts_at + datetime.timedelta(minutes=slot["minutes"]),
            room=slot["room"],
            module=module,
        )


def _create(spec, *, clock: Clock, organisations, coordinators) -> Gathering:
    starts_at = clock.at(spec["starts"])
    kind = Gathering.Kind(spec.get("kind", Gathering.Kind.PROGRAMME))
    # A network gathering is no course's gathering (it gives no certificate).
    course = (
        None
        if kind == Gathering.Kind.NETWORK
        else CoursePage.objects.filter(level=spec["level"], locale__language_code="nb").first()
    )
    gathering = Gathering.objects.create(
        slug=spec["slug"],
        kind=kind,
        level=spec["level"],
        title=month_title(spec["title"], starts_at),
        description=spec["description"],
        title_en=month_title(spec["title_en"], starts_at, "en") if "title_en" in spec else "",
        description_en=spec.get("description_en", ""),
        venue_name=spec["venue_name"],
        venue_address=spec["venue_address"],
        starts_at=starts_at,
        ends_at=clock.at(spec["ends"]),
        enrolment_opens_at=clock.at(spec["enrolment_opens"]),
        enrolment_closes_at=clock.at(spec["enrolment_closes"]),
        capacity=spec["capacity"],
        year=timezone.localtime(starts_at).year,
        course=course,
        admission_mode=Gathering.AdmissionMode(spec["admission"]),
        # Published while people apply; the story's last step sets the status it ends in.
        status=Gathering.Status.PUBLISHED,
        offer_deadline_hours=48,
        # What to bring, travel, accommodation and the contact person, in both languages.
        **spec.get("practical", {}),
    )
    gathering.coordinators.add(*coordinators.values())
    for code, seats in spec["quotas"].items():
        Quota.objects.create(gathering=gathering, organisation=organisations[code], seats=seats)
    sessions_create(gathering, course, spec["programme"])
    return gathering


class Story:
    """What happens to one gathering's applicants, step by step, at the story's moments."""

    def __init__(self, gathering, spec, *, clock, coordinators, participants, administrator):
        self.gathering = gathering
        self.spec = spec
        self.clock = clock
        self.coordinators = coordinators
        self.participants = participants
        self.administrator = administrator

    def tell(self) -> None:
        self.exceptions()
        self.applications()
        self.decisions()
        self.attendance()
        self.certificates()
        self.room_changes()
        self.gathering.status = Gathering.Status(self.spec["status"])
        self.gathering.save(update_fields=["status"])

    def _enrolment(self, login) -> Enrolment:
        return Enrolment.objects.select_related("participant", "organisation").get(
            gathering=self.gathering, participant=self.participants[login]
        )

    def _coordinator(self, enrolment):
        return self.coordinators[enrolment.organisation.short_code]

    def exceptions(self) -> None:
        step = self.spec.get("exceptions")
        if not step:
            return
        moment = self.clock.past(step["at"])
        for login in step["people"]:
            with backdated(moment):
                progression_exception_grant(
                    participant=self.participants[login],
                    level=self.gathering.level,
                    reason=step["reason"],
                    actor=self.administrator,
                )

    def applications(self) -> None:
        step = self.spec.get("applications")
        if not step:
            return
        first = self.clock.past(step["from"])
        for index, login in enumerate(step["people"]):
            moment = first + datetime.timedelta(hours=step["every_hours"] * index)
            if moment > self.clock.now:
                raise ValueError(f"{self.gathering.slug}: {login} would apply in the future")
            participant = self.participants[login]
            with backdated(moment):
                enrolment_apply(
                    participant=participant,
                    gathering=self.gathering,
                    organisation=participant.organisations.first(),
                    motivation=step["motivation"],
                    now=moment,
                )

    def decisions(self) -> None:
        step = self.spec.get("decisions")
        if not step:
            return
        first = self.clock.past(step["at"])
        for index, login in enumerate(step["accept"]):
            moment = first + datetime.timedelta(minutes=10 * index)
            enrolment = self._enrolment(login)
            with backdated(moment):
                enrolment_decide(
                    enrolment=enrolment,
                    decision="accept",
                    actor=self._coordinator(enrolment),
                    now=moment,
                )

    def attendance(self) -> None:
        """Every session that has ended, marked by a coordinator as it ends: present, unless
        the data says otherwise."""
        if "attendance" not in self.spec:
            return
        exceptions = {(item["person"], item["session"]): item for item in self.spec["attendance"]}
        sessions = list(self.gathering.sessions.order_by("starts_at"))
        confirmed = self.gathering.enrolments.filter(state=Enrolment.State.CONFIRMED)
        for enrolment in confirmed.select_related("participant__user", "organisation"):
            login = enrolment.participant.user.email.split("@")[0]
            for number, session in enumerate(sessions, start=1):
                if session.ends_at > self.clock.now:
                    break
                item = exceptions.get((login, number), {"status": Attendance.Status.PRESENT})
                minutes = None
                if "minutes_missed" in item:
                    minutes = session.minutes - item["minutes_missed"]
                # Marked before the gathering ended: no change log, nothing to backdate.
                attendance_mark(
                    enrolment=enrolment,
                    session=session,
                    status=item["status"],
                    minutes=minutes,
                    actor=self._coordinator(enrolment),
                    now=session.ends_at,
                )

    def certificates(self) -> None:
        """Everyone who completed gets a certificate after the gathering; some are revoked."""
        step = self.spec.get("certificates")
        if not step:
            return
        issued_at = self.clock.past(step["issued"])
        if issued_at <= self.gathering.ends_at:
            raise ValueError(f"{self.gathering.slug}: certificates before the gathering ended")
        confirmed = self.gathering.enrolments.filter(state=Enrolment.State.CONFIRMED)
        for enrolment in confirmed.select_related("participant", "organisation"):
            if not certificate_eligibility(enrolment)[0]:
                continue  # did not complete: no certificate
            with backdated(issued_at):
                certificate_issue(
                    enrolment=enrolment, actor=self._coordinator(enrolment), now=issued_at
                )
        for item in step.get("revoked", []):
            moment = self.clock.past(item["at"])
            enrolment = self._enrolment(item["person"])
            certificate = Certificate.objects.get(enrolment=enrolment, revoked_at__isnull=True)
            with backdated(moment):
                certificate_revoke(
                    certificate=certificate,
                    actor=self._coordinator(enrolment),
                    reason=item["reason"],
                    now=moment,
                )

    def room_changes(self) -> None:
        sessions = list(self.gathering.sessions.order_by("starts_at"))
        for item in self.spec.get("room_changes", []):
            session = sessions[item["session"] - 1]
            session.room = item["room"]
            session.save(update_fields=["room"])


def load(*, clock: Clock, organisations, coordinators, participants, administrator, stdout):
    """Each gathering in the data file that does not exist yet, with its story."""
    data = content.gatherings()
    for spec in data["gatherings"]:
        if Gathering.objects.filter(slug=spec["slug"]).exists():
            continue
        gathering = _create(
            spec, clock=clock, organisations=organisations, coordinators=coordinators
        )
        Story(
            gathering,
            spec,
            clock=clock,
            coordinators=coordinators,
            participants=participants,
            administrator=administrator,
        ).tell()
        stdout.write(f"  samling «{gathering.title}» opprettet ({data['shows'][spec['shows']]})")
