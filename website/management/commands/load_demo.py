"""`manage.py load_demo`: demo content that shows every feature; safe to run again.

Each app contributes a `demo.load(stdout=…)`; they run in the order below, so a
later app can build on what an earlier one made. Running the command twice changes
nothing the second time.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

import certificates.demo
import cohorts.demo
import courses.demo
import website.demo


class Command(BaseCommand):
    help = "Load demo content (organisations, home page, curriculum, administrator). Idempotent."

    def add_arguments(self, parser):
        parser.add_argument(
            "--admin-password",
            default=website.demo.DEFAULT_ADMIN_PASSWORD,
            help="Password for the demo administrator, used only when it is first created.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load demo content even though DEBUG is off (never on a real site).",
        )

    def handle(self, *args, admin_password, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "Demodata lastes bare inn når DEBUG er på; bruk --force om du virkelig mener det. "
                "/ Demo content loads only with DEBUG on; pass --force if you really mean it."
            )
        self.stdout.write("Laster inn demodata …")
        website.demo.load(stdout=self.stdout, admin_password=admin_password)
        cohorts.demo.load_organisations(stdout=self.stdout)
        courses.demo.load(stdout=self.stdout)
        courses.demo.load_staff(stdout=self.stdout, password=admin_password)
        cohorts.demo.load(stdout=self.stdout, password=admin_password)
        certificates.demo.load(stdout=self.stdout)
        website.demo.load_statements(stdout=self.stdout)
        website.demo.verify_demo_addresses()
        website.demo.mark_demo_messages_sent()
        self.stdout.write(
            self.style.SUCCESS(
                "Ferdig. Logg inn på /admin/ med "
                f"{website.demo.ADMIN_EMAIL} og passordet «{admin_password}» "
                "(passordet settes bare første gang administratoren opprettes). "
                "Redaktør, godkjennere, koordinatorer og deltakere har samme passord: "
                + ", ".join(
                    dict.fromkeys(
                        [email for email, *_ in courses.demo.STAFF]
                        + [email for email, *_ in cohorts.demo.COORDINATORS.values()]
                    )
                )
                + ", deltaker@medvirk.localhost (og de andre deltakerne)"
            )
        )
