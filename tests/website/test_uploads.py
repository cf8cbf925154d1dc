"""Uploads in the admin: documents are refused when too large or when their content is not
what the extension says; images of kinds we do not allow (SVG) are refused."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import Collection

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def root_collection(db):
    """Wagtail's root collection (a migration makes it; an earlier flush may have removed it)."""
    return Collection.get_first_root_node() or Collection.add_root(name="Root")


def document_form(name, content):
    from wagtail.documents.forms import get_document_form
    from wagtail.documents.models import Document

    form_class = get_document_form(Document)
    return form_class(
        data={"title": name, "collection": Collection.get_first_root_node().pk},
        files={"file": SimpleUploadedFile(name, content)},
    )


def test_a_real_pdf_is_accepted(site_tree):
    form = document_form("program.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    assert form.is_valid(), form.errors


def test_a_program_renamed_to_pdf_is_refused(site_tree):
    form = document_form("program.pdf", b"MZ\x90\x00\x03\x00\x00\x00 not a pdf")
    assert not form.is_valid()
    assert "Filens innhold er ikke en .pdf-fil." in str(form.errors["file"][0])


def test_a_word_file_must_be_a_zip_inside(site_tree):
    assert document_form("referat.docx", b"PK\x03\x04 rest of the zip").is_valid()
    assert not document_form("referat.docx", b"<html>phish</html>").is_valid()


def test_a_document_over_the_limit_is_refused(site_tree, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    form = document_form("stor.pdf", b"%PDF-1.7\n" + b"0" * 2048)
    assert not form.is_valid()
    assert "for stor" in str(form.errors["file"][0])


def test_svg_and_other_kinds_are_not_allowed_as_images(site_tree):
    from wagtail.images.forms import get_image_form
    from wagtail.images.models import Image

    form = get_image_form(Image)(
        data={"title": "logo", "collection": Collection.get_first_root_node().pk},
        files={
            "file": SimpleUploadedFile(
                "logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>'
            )
        },
    )
    assert not form.is_valid()
