"""A gathering's public status — the tag on every gathering card and page.

Computed from the same rules `enrolment_apply` enforces (`_check_gathering_open`: cancelled,
published, the application window) and the same seat count (`seat_counts`), so a gathering
whose deadline has passed never looks open, whatever seats it has left.
"""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import pgettext_lazy

from ..models import Gathering
from ..selectors import SeatCounts, seat_counts
from .enrolment import EnrolmentError, _check_gathering_open

# At most this many free seats (or a fifth of the capacity, if fewer) counts as "few left".
FEW_SEATS = 5

STATUS_LABELS = {
    "open": pgettext_lazy("gathering status", "Open for applications"),
    "few_seats": pgettext_lazy("gathering status", "Few seats left"),
    "waitlist": pgettext_lazy("gathering status", "Waiting list"),
    "full": pgettext_lazy("gathering status", "Full"),
    "not_open_yet": pgettext_lazy("gathering status", "Opens soon"),
    "closed": pgettext_lazy("gathering status", "Applications closed"),
    "completed": pgettext_lazy("gathering status", "Has taken place"),
    "cancelled": pgettext_lazy("gathering status", "Cancelled"),
}
# Designsystemet's `data-color` for each status's tag.
STATUS_COLOURS = {
    "open": "success",
    "few_seats": "warning",
    "waitlist": "info",
    "full": "neutral",
    "not_open_yet": "info",
    "closed": "neutral",
    "completed": "neutral",
    "cancelled": "danger",
}


@dataclass(frozen=True)
class GatheringStatus:
    code: str
    seats_left: int
    capacity: int

    @property
    def label(self):
        return STATUS_LABELS[self.code]

    @property
    def colour(self) -> str:
        return STATUS_COLOURS[self.code]

    @property
    def can_apply(self) -> bool:
        """Applying is possible (a seat, or a place on the waiting list)."""
        return self.code in ("open", "few_seats", "waitlist")

    @property
    def goes_to_waiting_list(self) -> bool:
        return self.code == "waitlist"

    @property
    def shows_seats(self) -> bool:
        """Seat numbers mean something only while one can apply."""
        return self.code in ("open", "few_seats")


def _few(counts: SeatCounts) -> int:
    return min(FEW_SEATS, max(1, counts.capacity // 5))


def gathering_status(
    gathering: Gathering, *, counts: SeatCounts | None = None, now=None
) -> GatheringStatus:
    """The public status of `gathering` now. `counts`: its seat counts, if already read."""
    now = now or timezone.now()
    counts = counts if counts is not None else seat_counts(gathering)

    def status(code):
        return GatheringStatus(code=code, seats_left=counts.seats_left, capacity=counts.capacity)

    if gathering.status == Gathering.Status.COMPLETED or (
        gathering.status == Gathering.Status.PUBLISHED and gathering.ends_at <= now
    ):
        return status("completed")
    try:
        _check_gathering_open(gathering, now)
    except EnrolmentError as refusal:
        code = refusal.code if refusal.code in ("cancelled", "not_open_yet") else "closed"
        return status(code)
    if counts.seats_left == 0:
        return status("waitlist" if gathering.has_waiting_list else "full")
    if counts.seats_left <= _few(counts):
        return status("few_seats")
    return status("open")
