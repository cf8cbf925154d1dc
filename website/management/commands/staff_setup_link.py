"""Print a one-time two-factor set-up link for a staff account: the first superuser's by
default (bootstrap: nobody can make one in the admin before an administrator has two-factor),
or the account given with --email. Nothing is e-mailed unless --send is given."""

from django.core.management.base import BaseCommand, CommandError

from website import emails, staff_setup


class Command(BaseCommand):
    help = "Print a one-time two-factor set-up link for the first superuser (or --email)."

    def add_arguments(self, parser):
        parser.add_argument("--email", help="the staff account (default: the first superuser)")
        parser.add_argument("--send", action="store_true", help="also e-mail it (the outbox)")

    def handle(self, *args, email=None, send=False, **options):
        if email:
            address = emails.normalise_loosely(email)
            user = staff_setup.staff_accounts().filter(email=address).first()
            if user is None:
                raise CommandError(
                    f"Ingen aktiv stab-konto med adressen {email}. "
                    f"/ No active staff account has the address {email}."
                )
        else:
            user = staff_setup.first_superuser()
            if user is None:
                raise CommandError(
                    "Ingen superbruker ennå: lag en med `manage.py createsuperuser`. "
                    "/ No superuser yet: create one with `manage.py createsuperuser`."
                )
        if staff_setup.has_totp(user):
            raise CommandError(
                f"{user.email} har allerede tofaktor. / {user.email} has two-factor already."
            )
        self.stdout.write(staff_setup.staff_setup_link_create(user=user, send=send))
