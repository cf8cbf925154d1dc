"""StreamField blocks for curriculum modules: the shared site blocks plus teaching blocks.

Facilitator notes are private: they render only when the template context says the viewer
may see facilitator content, they contribute nothing to the search index, and the API leaves
them out.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock

from website.blocks import BaseStreamBlock

FACILITATOR_CONTEXT_KEY = "show_facilitator_content"


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(label=_("Video address"), help_text=_("A YouTube or Vimeo link."))
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    transcript = blocks.TextBlock(
        label=_("Transcript"),
        help_text=_("Everything said in the video, for those who cannot hear or play it."),
    )

    class Meta:
        icon = "media"
        label = _("Video")
        template = "blocks/video_block.html"
        description = _("An embedded video with its transcript.")
        preview_value = {
            "title": "Hva er brukermedvirkning?",
            "transcript": "Hei! I denne videoen forteller vi hva brukermedvirkning er.",
        }


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    description = blocks.CharBlock(label=_("Description"), required=False, max_length=250)

    class Meta:
        icon = "doc-full"
        label = _("Handout")
        template = "blocks/document_block.html"
        description = _("A document to download, such as a handout.")


class ReflectionExerciseBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"), max_length=300)
    minutes = blocks.IntegerBlock(label=_("Minutes"), min_value=1, max_value=240, default=10)
    instructions = blocks.RichTextBlock(
        label=_("How to run it"), features=["bold", "italic", "ol", "ul"]
    )

    class Meta:
        icon = "help"
        label = _("Reflection exercise")
        template = "blocks/reflection_exercise_block.html"
        description = _("A question to reflect on, with time and how to run it.")
        preview_value = {
            "question": "Når ble du sist hørt av en tjeneste du bruker?",
            "minutes": 15,
            "instructions": "<p>Tenk selv i fem minutter, del så i par.</p>",
        }


class LivedExperienceStoryBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    story = blocks.RichTextBlock(label=_("Story"), features=["bold", "italic"])
    author = blocks.CharBlock(
        label=_("Told by"),
        max_length=120,
        help_text=_("A first name or a pseudonym, as the author wishes."),
    )
    consent = blocks.BooleanBlock(
        label=_("The author has consented to publishing this story"),
        required=True,
        help_text=_("Tick only when the author has said yes to this text being published."),
    )

    class Meta:
        icon = "user"
        label = _("Lived-experience story")
        template = "blocks/lived_experience_story_block.html"
        description = _("A story told by someone with lived experience, published with consent.")
        preview_value = {
            "title": "Første gang jeg sa ifra",
            "story": "<p>Jeg trodde ingen ville høre på meg. Så spurte noen.</p>",
            "author": "Sara, 19",
            "consent": True,
        }


class FacilitatorNoteBlock(blocks.StructBlock):
    """Guidance for those who run the session. Never shown to visitors or participants."""

    note = blocks.RichTextBlock(label=_("Note"), features=["bold", "italic", "ol", "ul", "link"])

    class Meta:
        icon = "warning"
        label = _("Facilitator note")
        template = "blocks/facilitator_note_block.html"
        description = _("Visible only to coordinators and staff, never to participants.")
        preview_value = {"note": "<p>Sett av tid til pause etter denne øvelsen.</p>"}

    def render(self, value, context=None):
        if not (context and context.get(FACILITATOR_CONTEXT_KEY)):
            return ""
        return super().render(value, context)

    def render_basic(self, value, context=None):
        return ""

    def get_preview_context(self, value, parent_context=None):
        # The block preview in the admin is seen by editors only.
        context = super().get_preview_context(value, parent_context)
        context[FACILITATOR_CONTEXT_KEY] = True
        return context

    def get_searchable_content(self, value):
        return []

    def get_api_representation(self, value, context=None):
        # Nothing of the note, should it ever sit inside another block; the stream below
        # leaves the whole item out.
        return None


class ModuleStreamBlock(BaseStreamBlock):
    video = VideoBlock()
    document = DocumentBlock()
    reflection_exercise = ReflectionExerciseBlock()
    lived_experience_story = LivedExperienceStoryBlock()
    facilitator_note = FacilitatorNoteBlock()

    def get_api_representation(self, value, context=None):
        """The read API (courses/api.py) and Wagtail's admin API: every item but the facilitator
        notes — not even their type or id shows that a module has one."""
        return [
            item
            for item, child in zip(
                super().get_api_representation(value, context), value or [], strict=True
            )
            if not isinstance(child.block, FacilitatorNoteBlock)
        ]
