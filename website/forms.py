"""Upload checks for the Wagtail admin: a document's content must be what its extension says
(a renamed program is refused). Sizes are limited by Wagtail (WAGTAILDOCS_MAX_UPLOAD_SIZE,
WAGTAILIMAGES_MAX_UPLOAD_SIZE); images are opened by Wagtail's image library."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

ZIP = b"PK\x03\x04"
# How each allowed kind of document starts (Office Open XML and OpenDocument are zip files).
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "docx": (ZIP,),
    "xlsx": (ZIP,),
    "pptx": (ZIP,),
    "odt": (ZIP,),
    "ods": (ZIP,),
    "odp": (ZIP,),
}


def check_document(upload) -> None:
    extension = Path(upload.name).suffix.lower().lstrip(".")
    upload.seek(0)
    head = upload.read(512)
    upload.seek(0)
    expected = SIGNATURES.get(extension)
    if expected and not head.startswith(expected):
        raise ValidationError(
            _("The file's content is not a .%(extension)s file. Save it again as %(extension)s.")
            % {"extension": extension}
        )
    if extension == "txt" and b"\x00" in head:
        raise ValidationError(_("The file is not plain text."))


class CheckedDocumentForm(BaseDocumentForm):
    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is not None and hasattr(upload, "size") and "file" in self.changed_data:
            check_document(upload)
        return upload
