from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm


class CoursePageForm(WagtailAdminPageForm):
    """One course per gathering level in a programme."""

    def clean(self):
        cleaned_data = super().clean()
        level = cleaned_data.get("level")
        parent = self.parent_page
        if level and parent is not None:
            siblings = type(self.instance).objects.child_of(parent).filter(level=level)
            if self.instance.pk:
                siblings = siblings.exclude(pk=self.instance.pk)
            if siblings.exists():
                self.add_error("level", _("The programme already has a course for this level."))
        return cleaned_data
