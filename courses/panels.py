"""Editor panels whose content comes from an app above (`courses.registry`)."""

from django.utils.functional import cached_property
from wagtail.admin.panels import ObjectList, Panel

from .registry import editor_section


class RegisteredSectionPanel(Panel):
    """Shows what the app registered for `section` renders for the page being edited; not
    shown at all (nor its tab) when it renders nothing."""

    def __init__(self, section: str, **kwargs):
        super().__init__(**kwargs)
        self.section = section

    def clone_kwargs(self):
        kwargs = super().clone_kwargs()
        kwargs["section"] = self.section
        return kwargs

    class BoundPanel(Panel.BoundPanel):
        @cached_property
        def html(self) -> str:
            return editor_section(self.panel.section, self.instance, self.request)

        def is_shown(self):
            return bool(self.html) and super().is_shown()

        def render_html(self, parent_context=None):
            return self.html


class NamedObjectList(ObjectList):
    """A tab whose address (`#tab-<name>`) is the same in every language; Wagtail would
    otherwise derive it from the translated heading, and a link into the tab would break."""

    def __init__(self, *args, name: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.name = name

    def clone_kwargs(self):
        kwargs = super().clone_kwargs()
        kwargs["name"] = self.name
        return kwargs

    @property
    def clean_name(self):
        return self.name
