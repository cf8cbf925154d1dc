"""The matrix's rows for the network app (issue 18): the public pages about the network, a
service's request form and its capability link, the members' pages, a member's answers to
invitations, and the coordinators' matching in the admin.

To add a URL: one entry here, keyed by the pattern's name (with namespace); see `harness.Row`.
A refused role gets 404 (`REFUSED`), as if the page did not exist.
"""

ROWS = []
