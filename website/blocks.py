"""StreamField blocks shared by every page type.

`BaseStreamBlock` is the common body; the curriculum (courses/blocks.py) extends
it with its own teaching blocks rather than defining look-alikes.
"""

from django.forms.utils import ErrorList
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from .i18n import in_active_language


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Heading 2")), ("h3", _("Heading 3"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading_block.html"
        preview_value = {"text": "Hva er brukermedvirkning?", "level": "h2"}
        description = _("A section heading (level 2 or 3).")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote_block.html"
        preview_value = {
            "text": "Å hjelpe er ikke å herske, men å tjene.",
            "attribution": "Søren Kierkegaard, 1859",
        }
        description = _("A quotation with the name of who said it.")


class LinkStructValue(blocks.StructValue):
    def href(self):
        page = self.get("page")
        if page:
            return page.localized.url
        return self.get("url") or ""

    def text(self):
        label = in_active_language(self.get("label"), self.get("label_en"))
        if label:
            return label
        page = self.get("page")
        return page.localized.title if page else self.get("url")


class LinkBlock(blocks.StructBlock):
    """A link to a page of the site or to an address elsewhere, labelled in both languages."""

    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("External address"), required=False)
    label = blocks.CharBlock(
        label=_("Label"),
        required=False,
        max_length=80,
        help_text=_("Leave empty to use the page's title."),
    )
    label_en = blocks.CharBlock(label=_("Label in English"), required=False, max_length=80)

    class Meta:
        icon = "link"
        label = _("Link")
        value_class = LinkStructValue
        template = "blocks/link_block.html"
        preview_value = {"url": "https://www.mentalhelseungdom.no", "label": "Mental Helse Ungdom"}

    def clean(self, value):
        cleaned = super().clean(value)
        errors = {}
        if not cleaned.get("page") and not cleaned.get("url"):
            errors["page"] = ErrorList([_("Choose a page or give an external address.")])
        if cleaned.get("page") and cleaned.get("url"):
            errors["url"] = ErrorList([_("Give either a page or an external address, not both.")])
        if cleaned.get("url") and not cleaned.get("label"):
            errors["label"] = ErrorList([_("A link to another site needs a label.")])
        if errors:
            raise blocks.StructBlockValidationError(block_errors=errors)
        return cleaned


class AccessibleImageBlock(blocks.StructBlock):
    """An image that always has a text alternative (WCAG 1.1.1), with an optional caption."""

    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_("Describe what the image shows for someone who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image_block.html"
        description = _("An image with a description for screen readers.")


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), required=False)
    link = LinkBlock(label=_("Button"))

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "blocks/call_to_action_block.html"
        preview_value = {
            "title": "Meld deg på en samling",
            "text": "Tre samlinger i året, for nye og erfarne brukermedvirkere.",
            "link": {"url": "https://example.org/samlinger/", "label": "Se samlingene"},
        }
        description = _("A highlighted box with a button.")


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Text"),
        icon="pilcrow",
        features=["bold", "italic", "link", "ol", "ul", "h3", "h4", "document-link"],
        template="blocks/paragraph_block.html",
        preview_value=(
            "<p>Brukermedvirkning betyr at de som bruker en tjeneste, får innflytelse "
            "på hvordan den utformes.</p>"
        ),
    )
    image = AccessibleImageBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
