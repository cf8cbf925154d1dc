"""What `courses` asks of the apps above it, answered by those apps.

Layers run one way: `courses` never imports `evaluation`, yet a module page's editor shows the
participants' feedback on that module. An app above registers a section renderer in its
`AppConfig.ready`; the module page's panels (`courses.panels.RegisteredSectionPanel`) ask here
and show what it gives, or nothing when no app answers.
"""

from collections.abc import Callable

_editor_sections: dict[str, Callable] = {}

# The sections a module page's editor has room for.
MODULE_FEEDBACK = "module_feedback"  # the feedback tab: ratings per gathering, the comments
MODULE_REVIEW = "module_review"  # above the content: what the version in review answers


def register_editor_section(name: str, render: Callable) -> None:
    """`render(page, request) -> str`: the HTML of section `name` in the page's editor ("" for
    nothing to show). A second registration for the same name replaces the first."""
    _editor_sections[name] = render


def editor_section(name: str, page, request) -> str:
    """The registered section's HTML for this page and request, or "" when none is registered."""
    render = _editor_sections.get(name)
    if render is None or page is None or page.pk is None:
        return ""
    return render(page, request) or ""
