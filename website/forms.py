"""Forms and form fields every app shares.

- Upload checks for the Wagtail admin: a document's content must be what its extension says
  (a renamed program is refused). Sizes are limited by Wagtail (WAGTAILDOCS_MAX_UPLOAD_SIZE,
  WAGTAILIMAGES_MAX_UPLOAD_SIZE); images are opened by Wagtail's image library.
- Names (`NameField`; the rule is `website.parsing.plain_name`): one line of visible text.
- allauth's log-in, sign-up and password-reset forms (`ACCOUNT_FORMS`): addresses in their
  normal form (website/emails.py); sign-up does the same work for a new and a known address.
"""

from pathlib import Path

from allauth.account import forms as account_forms
from django import forms
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

from .emails import normalise_loosely
from .parsing import plain_name

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


class NameField(forms.CharField):
    """A person's name as typed: cleaned with `plain_name` before it is checked."""

    def to_python(self, value):
        return plain_name(super().to_python(value))


class LoginForm(account_forms.LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The log-in page links "Forgot your password?" beside the button, not inside the field.
        self.fields["password"].help_text = ""

    def clean_login(self) -> str:
        return normalise_loosely(super().clean_login())


class ResetPasswordForm(account_forms.ResetPasswordForm):
    def clean_email(self) -> str:
        super().clean_email()
        return normalise_loosely(self.cleaned_data["email"])


class SignupForm(account_forms.SignupForm):
    def try_save(self, request):
        """allauth answers a known address without creating an account (and e-mails its owner
        instead); hashing the password is most of the work of creating one, so it is done
        here too, and the answer takes as long either way (no way to tell which it was)."""
        if self.account_already_exists:
            make_password(self.cleaned_data.get("password1") or None)
        return super().try_save(request)
