"""The representatives' network (issue 18, design rule 11).

- `members.py`: a certified participant's membership (consent, a guardian's confirmation for
  under-18s) and network profile, with what each part of it is visible as; messages between
  members (through the outbox, no address shown).
- `requests.py`: a service's request for a representative, the members coordinators invite,
  the request's history, and both sides' feedback after the assignment.

A member's data are special-category data (a field such as *rus* or *barnevern* says
something about the person's life): every view is minimised, and a service sees a member's
contact details only once that member has accepted (rule 11).
"""

from .choices import Availability, County, Field, ParticipationLevel
from .members import MemberMessage, Membership
from .requests import AssignmentFeedback, RequestEvent, RequestInvitation, ServiceRequest

__all__ = [
    "AssignmentFeedback",
    "Availability",
    "County",
    "Field",
    "MemberMessage",
    "Membership",
    "ParticipationLevel",
    "RequestEvent",
    "RequestInvitation",
    "ServiceRequest",
]
