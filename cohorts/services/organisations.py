"""Organisations' coordinators and the access that goes with coordinating.

The *Koordinatorer* group (courses/editorial.py) gives Wagtail admin access and the curriculum's
facilitator content. A coordinator needs it to review their organisation's applications; a
person who no longer coordinates anything should not keep it.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Q

from courses.editorial import COORDINATOR_GROUP

from ..models import Organisation


def organisation_coordinators_set(*, organisation: Organisation, coordinators) -> None:
    """Name the organisation's coordinators. Everyone named is put in the group; everyone taken
    off leaves it unless they still coordinate another organisation or a gathering (check-in
    is in the admin too), or are a superuser (who needs no group)."""
    coordinators = list(coordinators)
    User = get_user_model()
    with transaction.atomic():
        before = set(organisation.coordinators.values_list("pk", flat=True))
        organisation.coordinators.set(coordinators)
        group, _created = Group.objects.get_or_create(name=COORDINATOR_GROUP)
        group.user_set.add(*coordinators)
        removed = before - {user.pk for user in coordinators}
        if removed:
            still_coordinating = (
                Q(is_superuser=True)
                | Q(coordinated_organisations__isnull=False)
                | Q(coordinated_gatherings__isnull=False)
            )
            keep = User.objects.filter(still_coordinating, pk__in=removed).values("pk")
            group.user_set.remove(*User.objects.filter(pk__in=removed).exclude(pk__in=keep))
