# ruff: noqa: E501 (the msgids are Wagtail's, copied exactly)
"""Wagtail's own admin strings that its Norwegian catalogue lacks (or gets wrong, like its
"Tiittel"), marked here so that `makemessages --no-obsolete` keeps their Norwegian in our
locale files: our catalogue (LOCALE_PATHS) comes before Wagtail's. Each msgid is copied
exactly from Wagtail's templates and code (its locale/en .po files list them); a string
Wagtail changes in an upgrade simply stops matching, and tests/website/test_wagtail_strings.py
notices.

Nothing imports this module; it exists for makemessages. The workflow e-mails to reviewers
(wagtailadmin/notifications/) are among them, so those go out in Norwegian too."""

from django.utils.translation import gettext_noop

WAGTAIL_STRINGS = [
    gettext_noop("Request changes"),
    gettext_noop("Approve with comment"),
    gettext_noop("Go to the first error"),
    gettext_noop("You have <span>unsaved edits</span>"),
    gettext_noop("Save your changes before leaving"),
    gettext_noop("Help"),
    gettext_noop("New: %(model_name)s"),
    gettext_noop("The page title as you'd like it to be seen by the public"),
    gettext_noop("In progress"),
    gettext_noop("Approved"),
    gettext_noop("Needs changes"),
    gettext_noop("Cancelled"),
    gettext_noop("Not started"),
    gettext_noop("Rejected"),
    gettext_noop("Skipped"),
    gettext_noop("Draft saved"),
    gettext_noop("Saved"),
    gettext_noop("Comment"),
    gettext_noop("Comments"),
    gettext_noop("in moderation"),
    gettext_noop("live + in moderation"),
    gettext_noop("Locked by you"),
    gettext_noop("Locked by another user"),
    gettext_noop("Locked by workflow"),
    gettext_noop("Locked by schedule"),
    gettext_noop("Awaiting"),
    gettext_noop("Workflow started"),
    gettext_noop("Workflow completed"),
    gettext_noop("Workflow cancelled"),
    gettext_noop("Workflow task approved"),
    gettext_noop("Workflow task rejected. Workflow complete"),
    gettext_noop("Workflow task resubmitted. Workflow resumed"),
    gettext_noop("'%(workflow)s' started. Next step '%(task)s'"),
    gettext_noop("Approved at '%(task)s'. Next step '%(next_task)s'"),
    gettext_noop("Approved at '%(task)s'. '%(workflow)s' complete"),
    gettext_noop("Rejected at '%(task)s'. Changes requested"),
    gettext_noop("Resubmitted '%(task)s'. Workflow resumed"),
    gettext_noop("Cancelled '%(workflow)s' at '%(task)s'"),
    gettext_noop("Approved task"),
    gettext_noop("Requested by"),
    gettext_noop("Requested by <b>%(modified_by)s</b>"),
    gettext_noop("Started at <b>%(started_at)s</b>"),
    gettext_noop("Status %(status)s"),
    gettext_noop("Status: "),
    gettext_noop("Timeline"),
    gettext_noop("Initial Revision"),
    gettext_noop("%(action)s by <b>%(who)s</b> at <b>%(at)s</b>"),
    gettext_noop("%(action)s at <b>%(at)s</b>"),
    gettext_noop("%(action)s by <b>%(who)s</b>"),
    gettext_noop("with comment:"),
    gettext_noop("This page hasn't been submitted for moderation yet"),
    gettext_noop(
        "This page is currently at <strong>%(task)s</strong> in <strong>%(workflow)s</strong>."
    ),
    gettext_noop(
        "This page was marked as needing changes at <strong>%(task)s</strong> in <strong>%(workflow)s</strong>."
    ),
    gettext_noop(
        "This %(model_name)s was marked as needing changes at <strong>%(task)s</strong> in <strong>%(workflow)s</strong>."
    ),
    gettext_noop("Publishing this page will cancel the current workflow."),
    gettext_noop("Would you still like to publish this page?"),
    gettext_noop("Publish page"),
    gettext_noop("Group approval task"),
    gettext_noop("Members of the chosen Wagtail Groups can approve this task"),
    gettext_noop("Workflow state"),
    gettext_noop("Task state"),
    gettext_noop("Close dialog"),
    gettext_noop("Side panels"),
    gettext_noop("Toggle side panel"),
    gettext_noop("Toggle section"),
    gettext_noop("Minimap"),
    gettext_noop("Keyboard shortcuts"),
    gettext_noop("Language"),
    gettext_noop("Privacy and access"),
    gettext_noop("Apply filters"),
    gettext_noop("Show filters"),
    gettext_noop("Filter by"),
    gettext_noop("Back"),
    gettext_noop("History"),
    gettext_noop("View history"),
    gettext_noop("View details"),
    gettext_noop("No"),
    gettext_noop("This action cannot be undone."),
    gettext_noop("Item %(index)s of %(total)s"),
    gettext_noop("Checks"),
    gettext_noop("Content metrics"),
    gettext_noop("Reading time"),
    gettext_noop("Editor Guide"),
    gettext_noop("Page type"),
    gettext_noop("Date updated"),
    gettext_noop("Edited by"),
    gettext_noop("Any"),
    gettext_noop("Locale: "),
    gettext_noop("Locking: "),
    gettext_noop("Page visibility: "),
    gettext_noop("Once live anyone can view"),
    gettext_noop("Not visible to the public"),
    gettext_noop("Anyone can edit this %(model_name)s"),
    gettext_noop("Expiry:"),
    gettext_noop("Go-live:"),
    gettext_noop("Once scheduled:"),
    gettext_noop("No publishing schedule set"),
    gettext_noop("Set schedule"),
    gettext_noop("Edit schedule"),
    gettext_noop("Set publishing schedule"),
    gettext_noop("Save schedule"),
    gettext_noop("Schedule to publish"),
    gettext_noop("First published"),
    gettext_noop("Preview in new tab"),
    gettext_noop("Preview in mobile size"),
    gettext_noop("Preview in tablet size"),
    gettext_noop("Preview in desktop size"),
    gettext_noop("Preview is out of date"),
    gettext_noop("Preview mode"),
    gettext_noop("Loading"),
    gettext_noop("Refreshing…"),
    gettext_noop("Add comment"),
    gettext_noop("Comment notifications"),
    gettext_noop("Autosave is <span>paused</span>"),
    gettext_noop("Published"),
    gettext_noop("Unpublished"),
    gettext_noop("Create"),
    gettext_noop("Deleted"),
    gettext_noop("Moved"),
    gettext_noop("Copied"),
    gettext_noop("Renamed"),
    gettext_noop("Reordered"),
    gettext_noop("Added a comment"),
    gettext_noop("Edited a comment"),
    gettext_noop("Deleted a comment"),
    gettext_noop("Resolved a comment"),
    gettext_noop("Replied to a comment"),
    gettext_noop("Reverted to previous revision"),
    gettext_noop("Renamed from '%(old)s' to '%(new)s'"),
    gettext_noop("Moved from '%(old_parent)s' to '%(new_parent)s'"),
    gettext_noop("Copied from %(title)s"),
    gettext_noop(
        'The page "%(title)s" has been submitted for approval in moderation stage "%(task)s"'
    ),
    gettext_noop(
        'The page "%(title)s" has been submitted for approval in moderation stage "%(task)s".'
    ),
    gettext_noop(
        'The page "%(title)s" has been submitted for approval to moderation stage "%(task)s".'
    ),
    gettext_noop(
        'The %(model_name)s "%(title)s" has been submitted for approval in moderation stage "%(task)s"'
    ),
    gettext_noop(
        'The %(model_name)s "%(title)s" has been submitted for approval in moderation stage "%(task)s".'
    ),
    gettext_noop(
        'The %(model_name)s "%(title)s" has been submitted for approval to moderation stage "%(task)s".'
    ),
    gettext_noop('The page "%(title)s" has been submitted to workflow "%(workflow)s"'),
    gettext_noop('The %(model_name)s "%(title)s" has been submitted to workflow "%(workflow)s"'),
    gettext_noop(
        'The page "%(title)s" has been submitted for moderation to workflow "%(workflow)s" by %(requester)s.'
    ),
    gettext_noop(
        'The page "%(title)s" has been submitted for moderation to workflow "%(workflow)s".'
    ),
    gettext_noop(
        'The %(model_name)s "%(title)s" has been submitted for moderation to workflow "%(workflow)s" by %(requester)s.'
    ),
    gettext_noop(
        'The %(model_name)s "%(title)s" has been submitted for moderation to workflow "%(workflow)s".'
    ),
    gettext_noop('The page "%(title)s" has been approved in workflow "%(workflow)s".'),
    gettext_noop('The %(model_name)s "%(title)s" has been approved in workflow "%(workflow)s".'),
    gettext_noop(
        'The page "%(title)s" has been rejected during "%(task)s" in workflow "%(workflow)s" by %(rejector)s.'
    ),
    gettext_noop(
        'The page "%(title)s" has been rejected during "%(task)s" in workflow "%(workflow)s".'
    ),
    gettext_noop(
        'The %(model_name)s "%(title)s" has been rejected during "%(task)s" in workflow "%(workflow)s" by %(rejector)s.'
    ),
    gettext_noop(
        'The %(model_name)s "%(title)s" has been rejected during "%(task)s" in workflow "%(workflow)s".'
    ),
    gettext_noop('The following comment was left: "%(comment)s"'),
    gettext_noop("You can preview the %(model_name)s here:"),
    gettext_noop('%(editor)s has updated comments on "%(title)s"'),
    gettext_noop('%(editor)s has updated comments on "%(title)s".'),
    gettext_noop("New comments"),
    gettext_noop("New comments:"),
    gettext_noop("Resolved comments"),
    gettext_noop("Resolved comments:"),
    gettext_noop("Deleted comments"),
    gettext_noop("Deleted comments:"),
    gettext_noop("New replies"),
    gettext_noop("New replies:"),
    gettext_noop("New replies to:"),
    gettext_noop("Aging pages"),
    gettext_noop("Locked pages"),
    gettext_noop("Page types usage"),
    gettext_noop("Site history"),
    gettext_noop("Workflows"),
    gettext_noop("Workflow tasks"),
    gettext_noop("Shortcuts"),
    gettext_noop("Show keyboard shortcuts"),
    gettext_noop("All keyboard shortcuts"),
    gettext_noop("Keyboard shortcut"),
    gettext_noop("Section"),
    gettext_noop("Text editing"),
    gettext_noop("Text formatting"),
    gettext_noop("Save changes"),
    gettext_noop("Paste"),
    gettext_noop("Paste without formatting"),
    gettext_noop("Strike-through"),
    gettext_noop("Monospace (code)"),
    gettext_noop("Insert or edit a link"),
    gettext_noop("Add or show comments"),
    gettext_noop("Close modal dialogs (like this one)"),
    gettext_noop("Toggle minimap"),
    gettext_noop("Toggle sidebar"),
    gettext_noop("Edit account avatar"),
    gettext_noop("Search all pages…"),
    gettext_noop("Search…"),
    gettext_noop("Locale"),
    gettext_noop("Switch locales"),
    gettext_noop("Visible to all"),
    gettext_noop("Visible to all. Visit the live page"),
    gettext_noop("Private. Visit the live page"),
    gettext_noop("Choose who can view the live version of this page"),
    gettext_noop("Toggle status"),
    gettext_noop("Publish selected pages"),
    gettext_noop("Unpublish selected pages"),
    gettext_noop("Move selected pages"),
    gettext_noop("Delete selected pages"),
    gettext_noop("Side panel width"),
    gettext_noop("Has child pages"),
    gettext_noop("Toggle breadcrumbs"),
    gettext_noop("Select"),
    gettext_noop("Toggle comments"),
    gettext_noop("Toggle checks"),
    gettext_noop("Toggle preview"),
    gettext_noop("Add Comment"),
    gettext_noop("Choose when this page should go live and/or expire"),
    gettext_noop(
        'This publishing schedule will only take effect after you select the "Schedule to publish" option'
    ),
    gettext_noop("Autosave is paused"),
    gettext_noop("A network error occurred"),
    gettext_noop(
        "Troubleshoot your connection to the site before proceeding. Open the editor in a separate tab to view the last saved version."
    ),
    gettext_noop("View latest version"),
    gettext_noop("Correct the validation errors to resume preview (saving will highlight errors)"),
    gettext_noop("Actions (footer)"),
    gettext_noop("Issues found"),
    gettext_noop("Show issue"),
    gettext_noop("Readability"),
    gettext_noop("Words"),
    gettext_noop("This data explained"),
    gettext_noop("How we calculate our metrics"),
    gettext_noop(
        "We calculate reading time from word count, using different reading speeds for different languages."
    ),
    gettext_noop(
        "We extract the main content from the page preview, remove all formatting, and calculate the number of words."
    ),
    gettext_noop(
        "We use a readability formula based on length of words and sentences. Long sentences and words result in a worse readability score."
    ),
    gettext_noop(
        "The name of the page displayed on search engine results as the clickable headline."
    ),
    gettext_noop("The descriptive text displayed underneath a headline in search engine results."),
    gettext_noop("Add a concise description for search engines"),
    gettext_noop("Meta description is empty"),
    gettext_noop("Empty heading found"),
    gettext_noop("Use meaningful text for screen reader users"),
    gettext_noop("Use meaningful text"),
    gettext_noop("Misusing paragraphs as headings"),
    gettext_noop("Use proper heading tags"),
    gettext_noop("Incorrect heading hierarchy"),
    gettext_noop("Avoid skipping levels"),
    gettext_noop("Empty frame title found"),
    gettext_noop("Use a meaningful title for screen reader users"),
    gettext_noop("Input button text is empty"),
    gettext_noop("Button text is empty"),
    gettext_noop("Link text is empty"),
    gettext_noop("Table header text is empty"),
    gettext_noop("Image alt text has inappropriate pattern"),
    gettext_noop("Show disabled"),
    gettext_noop("Used by"),
    gettext_noop("Add a workflow"),
]
