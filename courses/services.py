"""Writes with rules for the curriculum."""


def workflow_publish_approved(workflow_state, user=None):
    """Publish a page whose workflow has just been approved by its last reviewer.

    Wired in as WAGTAIL_FINISH_WORKFLOW_ACTION. Wagtail's default publishes *as* the last
    approver and demands that they hold publish permission — but anyone holding it could
    also publish directly, skipping the first review. Here completing the workflow is the
    authority to publish: reviewers hold no publish permission, and the log still names
    the approver who published.
    """
    revision = workflow_state.content_object.get_latest_revision()
    revision.publish(user=user, skip_permission_checks=True)
