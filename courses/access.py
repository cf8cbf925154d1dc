"""Who may see what in the curriculum."""

FACILITATOR_PERMISSION = "courses.view_facilitator_content"


def can_see_facilitator_content(user) -> bool:
    """Coordinators, editors, reviewers and administrators — never visitors or participants.

    Granted through the permission `courses.view_facilitator_content`, which the editorial
    groups and the coordinator group hold (courses/editorial.py).
    """
    return bool(user and user.is_authenticated and user.has_perm(FACILITATOR_PERMISSION))
