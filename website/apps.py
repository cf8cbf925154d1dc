from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def second_factor_proved_on_setup(sender, request, user, authenticator, **kwargs):
    """Setting up TOTP means typing a code from the app: count it as the session's second
    factor, so a staff member goes on to the admin instead of logging in again.

    allauth reads a session's factors publicly (`allauth.account.authentication`) but records
    them only through an internal function, the one its own MFA login calls; allauth is pinned
    to 65.x and tests/website/test_private_apis.py fails if that function moves or changes.
    Imported here: allauth's modules need the app registry, which is not ready at import."""
    from allauth.account.internal.flows.login import record_authentication
    from allauth.mfa.models import Authenticator

    if request is not None and authenticator.type == Authenticator.Type.TOTP:
        record_authentication(request, user, "mfa", type=authenticator.type)


def cache_table_create(sender, using, verbosity=1, **kwargs):
    """Every `migrate` (setup, deploys, the test database) also creates the shared cache's
    table (settings.CACHES); nothing happens when it exists or the cache is Redis."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)


class WebsiteConfig(AppConfig):
    name = "website"
    verbose_name = _("Website")

    def ready(self):
        from allauth.mfa.signals import authenticator_added
        from django.db.models.signals import post_migrate

        from . import outbox, staff_setup
        from .adapters import render_account_email

        outbox.register("account/", render_account_email, _("Account e-mail"))
        outbox.register("mfa/", render_account_email, _("Two-factor e-mail"))
        outbox.register(
            staff_setup.KIND, staff_setup.render_staff_setup, _("Two-factor set-up link")
        )

        from .spreadsheets import neutralise_wagtail_exports

        neutralise_wagtail_exports()  # Wagtail's CSV/XLSX exports: no formulas run

        authenticator_added.connect(second_factor_proved_on_setup, dispatch_uid="website-mfa")
        post_migrate.connect(cache_table_create, sender=self, dispatch_uid="website-cache-table")

        from . import pagecache

        pagecache.connect()  # stored pages go stale when what they show changes

        from . import sitememo

        sitememo.install()  # Wagtail's Locale and site root path look-ups from the memo
