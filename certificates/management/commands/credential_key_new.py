"""Print a new Ed25519 key for signing credentials, as CREDENTIAL_SIGNING_KEYS wants it."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from certificates.badges.keys import new_seed, parse_keys


class Command(BaseCommand):
    help = (
        "Print a new signing key for the certificates' Open Badges credentials. Put it FIRST "
        "in CREDENTIAL_SIGNING_KEYS (or the CREDENTIAL_KEY_FILE) and keep the old keys after "
        "it: the first signs, the others stay published so that what they signed still verifies."
    )

    def add_arguments(self, parser):
        parser.add_argument("--name", help="The key's name (default: key-YYYY-MM-DD).")

    def handle(self, *args, name=None, **options):
        line = f"{name or timezone.localdate().strftime('key-%Y-%m-%d')}:{new_seed()}"
        key = parse_keys(line, source="--name")[0]
        self.stderr.write(f"Public key {key.name}: {key.public_multibase}")
        self.stdout.write(line)
