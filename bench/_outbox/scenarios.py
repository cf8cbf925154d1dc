"""bench/outbox.py's scenarios, each on a fresh copy of the migrated database: the action runs
in a thread (as a coordinator's request would) while both qclusters are SIGKILLed at 10, 50
and 90 % of the expected messages; then the outbox must become quiet."""

import datetime
import threading
import time
import traceback

from bench._outbox.clusters import CLUSTERS, Clusters
from bench._outbox.measure import BenchTimeout, Outcome, log, measure, wait_for, wait_quiet
from bench.support import data, database

KILL_AT = (0.1, 0.5, 0.9)


def in_thread(act, state, outcome):
    """Run `act(state, outcome)` in a thread with its own database connection."""
    result = {}

    def target():
        from django.db import connection

        try:
            result["value"] = act(state, outcome)
        except BaseException as error:  # noqa: BLE001 - handed to the main thread
            result["error"] = error
        finally:
            connection.close()

    thread = threading.Thread(target=target, name="action", daemon=True)
    thread.start()
    return thread, result


class Bench:
    def __init__(self, args, sink, env, logdir):
        self.args, self.sink, self.env, self.logdir = args, sink, env, logdir
        self.clusters = Clusters(env, logdir)
        self.template = None

    def fresh_database(self):
        from django.db import connections

        connections.close_all()
        database.recreate(self.args.database_url, template=self.template)

    def run(
        self, name, expected, prepare, act, kills=True, extra=None, extra_label="", progress=None
    ):
        """Fresh data, senders up; the action (in a thread, as a coordinator's request would
        be) while SIGKILLs land at 10/50/90 % of the expected messages; then quiet."""
        from website.models import OutboxMessage

        print(f"\n[{name}]", flush=True)
        outcome = Outcome(name=name, expected=expected)
        started = time.monotonic()
        kill_times = []
        admin, baseline = None, 0
        progress = progress or (lambda: "")
        try:
            self.fresh_database()
            self.sink.reset()
            admin, state = prepare()
            baseline = OutboxMessage.objects.order_by("-pk").values_list("pk", flat=True).first()
            baseline = baseline or 0
            self.clusters.start()
            self.clusters.wait_ready()
            log(f"{CLUSTERS} qclusters up; {expected} messages expected")
            action, result = in_thread(act, state, outcome)
            if kills:
                for fraction in KILL_AT:
                    target = max(1, round(expected * fraction))
                    wait_for(
                        f"{target} messages at the sink",
                        lambda target=target: self.sink.delivered() >= target,
                        timeout=360,
                        interval=0.02,
                    )
                    at = self.sink.delivered()
                    processes, moment, gone = self.clusters.kill()
                    kill_times.append(moment)
                    sending = OutboxMessage.objects.filter(state="sending").count()
                    log(
                        f"SIGKILL {processes} processes (all gone {gone * 1000:.0f} ms later) "
                        f"at {at}/{expected} delivered; "
                        f"{sending} rows left in 'sending' (their leases must run out)"
                        f"{progress()}; restart"
                    )
                    self.clusters.start()
            action.join(timeout=300)
            if action.is_alive():
                raise BenchTimeout("the action did not finish within 300 s")
            if "error" in result:
                raise result["error"]
            last = kill_times[-1] if kill_times else result["value"]
            quiet, done = wait_quiet(baseline, expected, extra)
            outcome.recovery = quiet - last
            since = "the last kill" if kill_times else "the server came back"
            log(f"outbox quiet {outcome.recovery:.1f} s after {since}")
            if done is not None:
                outcome.notes.append(f"{extra_label} {done - last:.1f} s after {since}")
                log(f"{extra_label} {done - last:.1f} s after {since}{progress()}")
            measure(outcome, baseline, self.sink, kill_times, admin)
        except Exception as error:  # noqa: BLE001 - reported in the scenario's line
            outcome.error = f"{type(error).__name__}: {error}"
            log(f"FAILED: {outcome.error}")
            if not isinstance(error, BenchTimeout):
                traceback.print_exc()
            try:
                measure(outcome, baseline, self.sink, kill_times, admin)
            except Exception as inner:  # noqa: BLE001 - the first error is what we report
                outcome.notes.append(f"could not measure: {inner!r}")
        finally:
            self.clusters.kill()
            self.sink.up()
        outcome.wall = time.monotonic() - started
        return outcome

    # a -----------------------------------------------------------------------------------

    def certificates(self):
        count = self.args.count

        def prepare():
            admin = data.coordinator()
            enrolments = data.finished_gathering(count, *data.organisations("MHU"))
            return admin, (admin, enrolments)

        def act(state, outcome):
            from certificates.services import certificate_issue

            admin, enrolments = state
            began = time.monotonic()
            for enrolment in enrolments:
                certificate_issue(enrolment=enrolment, actor=admin)
            log(f"{count} certificates issued in {time.monotonic() - began:.1f} s")
            return began

        return self.run(f"a: {count} certificates issued", count, prepare, act)

    # b -----------------------------------------------------------------------------------

    @staticmethod
    def _applicants(label, count):
        """A gathering by application in a month, its coordinator, and COUNT people of one
        organisation who may apply."""
        admin = data.coordinator()
        (organisation,) = data.organisations("MHU")
        gathering = data.open_gathering(
            label, count, admission_mode="application", coordinator=admin
        )
        return admin, gathering, data.people(count, label, [organisation]), organisation

    def _accepted(self, label):
        """As `_applicants`, each of them having applied."""
        admin, gathering, people, organisation = self._applicants(label, self.args.count)
        return admin, gathering, data.enrolments(gathering, people, organisation, "applied")

    def invites(self):
        count = self.args.count

        def prepare():
            admin, gathering, enrolments = self._accepted("invitasjon")
            return admin, (admin, enrolments)

        def act(state, outcome):
            from cohorts.services import enrolment_decide_many

            admin, enrolments = state
            began = time.monotonic()
            done, refused = enrolment_decide_many(
                enrolments=enrolments, decision="accept", actor=admin
            )
            if refused:
                outcome.notes.append(f"{len(refused)} refused: {refused[0][1]}")
            log(f"{len(done)} seats confirmed in {time.monotonic() - began:.1f} s")
            return began

        return self.run(f"b: {count} seats confirmed (e-mail + invite)", 2 * count, prepare, act)

    # c -----------------------------------------------------------------------------------

    def update(self):
        count = self.args.count
        run_ids = []

        def prepare():
            from django.utils import timezone
            from django_q.models import OrmQ

            from cohorts.services import enrolment_decide_many
            from website.models import OutboxMessage

            admin, gathering, enrolments = self._accepted("oppdatering")
            enrolment_decide_many(enrolments=enrolments, decision="accept", actor=admin)
            # As if those e-mails and invites went out earlier.
            OutboxMessage.objects.update(state="sent", sent_at=timezone.now(), attempts=1)
            OrmQ.objects.all().delete()
            return admin, (admin, gathering)

        def act(state, outcome):
            from cohorts.services import invite_run_start

            admin, gathering = state
            session = gathering.sessions.order_by("starts_at").first()
            session.starts_at += datetime.timedelta(hours=1)
            session.ends_at += datetime.timedelta(hours=1)
            session.save()
            began = time.monotonic()
            run = invite_run_start(gathering=gathering, kind="update", actor=admin)
            run_ids.append(run.pk)
            log(f"session moved one hour; update run #{run.pk} started")
            return began

        def run_finished():
            from cohorts.models import InviteRun

            return InviteRun.objects.filter(pk__in=run_ids, finished_at__isnull=False).exists()

        def run_progress():
            from cohorts.models import InviteRun

            run = InviteRun.objects.filter(pk__in=run_ids).first()
            if run is None:
                return "; invite run not started yet"
            done = "finished" if run.finished_at else "not finished"
            return f"; invite run {run.processed}/{run.total} processed, {done}"

        return self.run(
            f"c: update run after a time change, {count} people",
            count,
            prepare,
            act,
            extra=run_finished,
            extra_label="invite run finished",
            progress=run_progress,
        )

    # d -----------------------------------------------------------------------------------

    def outage(self):
        count, outage = self.args.outage_count, self.args.outage

        def prepare():
            admin, *state = self._applicants("nede", count)
            return admin, state

        def act(state, outcome):
            from cohorts.services import enrolment_apply

            gathering, participants, organisation = state
            back = {}

            def server_back():
                self.sink.up()
                back["at"] = time.monotonic()

            self.sink.down()
            down = time.monotonic()
            timer = threading.Timer(outage, server_back)
            timer.daemon = True
            timer.start()
            log(f"mail server unreachable for {outage} s")
            try:
                for participant in participants:
                    enrolment_apply(
                        participant=participant, gathering=gathering, organisation=organisation
                    )
                log(f"{count} applications written in {time.monotonic() - down:.1f} s")
                timer.join(timeout=outage + 10)
            finally:
                timer.cancel()
            if "at" not in back:
                raise BenchTimeout("the SMTP sink did not come back")
            log(f"mail server back after {back['at'] - down:.1f} s")
            return back["at"]

        return self.run(
            f"d: server unreachable {outage} s, {count} applications",
            count,
            prepare,
            act,
            kills=False,
        )
