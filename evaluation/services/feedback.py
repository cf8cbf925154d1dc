"""Editors mark a participant's comment on a module as taken in (*tatt inn*) by a revision of
the module's page, or take the mark back.

Only someone who may edit that page (Wagtail's page permissions) may do it, only for a comment
staff are shown (its module's comments at its gathering pass the threshold, see
evaluation.selectors), and only with a revision of a page of that module (either language).
Every mark and every undo is written to the audit log.
"""

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Revision

from website.audit import Action, audit_record

from ..models import CommentAddressed, ModuleRating
from ..selectors import comment_is_shown

MESSAGES = {
    "not_editor": _("Only an editor of this module may mark its comments."),
    "not_shown": _("This comment is not shown (too few answers), so it cannot be marked."),
    "wrong_revision": _("Choose a version of this module's page."),
}


class FeedbackError(Exception):
    def __init__(self, code: str):
        self.code = code
        super().__init__(str(MESSAGES[code]))

    @property
    def message(self) -> str:
        return str(MESSAGES[self.code])


def _page_of(revision: Revision | None, rating: ModuleRating) -> Page:
    if revision is None or revision.base_content_type.model_class() is not Page:
        raise FeedbackError("wrong_revision")
    page = Page.objects.filter(pk=revision.object_id).first()
    if page is None or page.translation_key != rating.module_key:
        raise FeedbackError("wrong_revision")
    return page


def _require_editor(page: Page, user) -> None:
    if not (user.is_authenticated and user.is_active):
        raise FeedbackError("not_editor")
    if not page.permissions_for_user(user).can_edit():
        raise FeedbackError("not_editor")


def comment_mark_addressed(*, rating: ModuleRating, revision: Revision, user) -> CommentAddressed:
    """Mark `rating`'s comment as taken in by `revision`; marking it again moves the mark."""
    page = _page_of(revision, rating)
    _require_editor(page, user)
    if not comment_is_shown(rating):
        raise FeedbackError("not_shown")
    with transaction.atomic():
        mark, _created = CommentAddressed.objects.update_or_create(
            rating=rating, defaults={"revision": revision, "by": user}
        )
        audit_record(
            actor=user,
            action=Action.COMMENT_ADDRESSED,
            object_label=page.title,
            summary=f"revision {revision.pk}",
        )
    return mark


def comment_unmark_addressed(*, rating: ModuleRating, user) -> None:
    """Take back the mark on `rating`'s comment (nothing happens when it has none)."""
    mark = CommentAddressed.objects.filter(rating=rating).select_related("revision").first()
    if mark is None:
        return
    if mark.revision is not None:
        page = _page_of(mark.revision, rating)
    else:
        page = Page.objects.filter(translation_key=rating.module_key).first()
        if page is None:
            raise FeedbackError("wrong_revision")
    _require_editor(page, user)
    with transaction.atomic():
        CommentAddressed.objects.filter(pk=mark.pk).delete()
        audit_record(
            actor=user,
            action=Action.COMMENT_UNADDRESSED,
            object_label=page.title,
            summary=f"revision {mark.revision_id}" if mark.revision_id else "",
        )
