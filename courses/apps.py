from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


def _programme_created(sender, instance, created, raw=False, **kwargs):
    """A new programme page (made in the admin, translated, or by the demo) joins the
    editorial process at once, so no tree is ever open to publishing without review."""
    if created and not raw:
        from django.apps import apps

        from .editorial import ensure_editorial_setup

        ensure_editorial_setup(apps)


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Curriculum")

    def ready(self):
        from .models import ProgrammePage

        post_save.connect(
            _programme_created, sender=ProgrammePage, dispatch_uid="programme-editorial"
        )
