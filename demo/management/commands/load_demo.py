"""`manage.py load_demo`: the demo content that shows every feature, with dates relative to
today; safe to run again (a second run changes nothing). Prints every demo login."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo import loader


class Command(BaseCommand):
    help = (
        "Load the demo: curriculum, gatherings and people from demo/data/, dated relative to "
        "today. Idempotent. Prints every demo login."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--admin-password",
            default=loader.DEFAULT_PASSWORD,
            help="Password for every demo account, used only when an account is first created.",
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
        self.stdout.write("Laster inn demodata … / Loading the demo …")
        loader.load(stdout=self.stdout, password=admin_password)
        self.stdout.write(self.style.SUCCESS("Ferdig. / Done."))
        for line in loader.summary(password=admin_password) + loader.staff_setup_lines():
            self.stdout.write(line)
