"""Retention in the admin, for administrators: what the daily task would delete now (a dry
run), and running it at once."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from website import policy

from . import services


def retention_preview(request):
    policy.require_administrator(request.user)
    if request.method == "POST":
        results = services.retention_apply()
        messages.success(
            request,
            _("Deleted by the retention rules: %(summary)s.")
            % {"summary": ", ".join(f"{r.title}: {r.count}" for r in results)},
        )
        return redirect("cohorts_admin_retention")
    return render(
        request,
        "privacy/admin/retention.html",
        {
            "results": services.retention_apply(dry_run=True),
            "page_title": _("Retention"),
            "page_subtitle": _("What would be deleted now"),
            "header_icon": "bin",
        },
    )


def _is_erasure(user) -> bool:
    """A participant's account (or a non-staff account without a profile): deleting it erases."""
    return hasattr(user, "participant") or not policy.is_staff(user)


def user_delete_as_erasure(request, user):
    """Wagtail's Users → Delete for a participant (the `before_delete_user` hook; Wagtail has
    checked the permission): a page that says what erasure does, and on confirming, the erasure.
    None for a staff account: Wagtail deletes it as usual."""
    if not _is_erasure(user):
        return None
    index = reverse("wagtailusers_users:index")
    if user.erased_at is not None:
        messages.info(request, _("This person's data have already been deleted."))
        return redirect(index)
    if request.method == "POST":
        try:
            services.user_erase(user=user, actor=request.user)
        except services.ErasureError as refusal:
            if refusal.code == "in_progress":
                refusal = services.ErasureError("person_in_progress")
            messages.error(request, refusal.message)
        else:
            messages.success(
                request,
                _(
                    "The person's data have been deleted: the account can no longer be used, "
                    "and their name is gone from applications, the logs and certificates."
                ),
            )
        return redirect(index)
    return render(
        request,
        "privacy/admin/erase_user.html",
        {
            "person": user,
            "participant": getattr(user, "participant", None),
            "page_title": _("Delete a participant's data"),
            "page_subtitle": str(user),
            "header_icon": "bin",
        },
    )


def users_delete_as_erasure(users, *, actor) -> int:
    """The Users listing's bulk Delete: participants erased, staff accounts deleted. Someone at
    a gathering going on now is left as they are. Returns how many went."""
    done = 0
    for user in users:
        if not _is_erasure(user):
            user.delete()
            done += 1
            continue
        try:
            done += services.user_erase(user=user, actor=actor)
        except services.ErasureError:
            continue
    return done
