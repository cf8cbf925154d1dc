"""Demo content for gatherings: the three founding organisations (more with later features)."""

from django.db import transaction

from .models import Organisation

ORGANISATIONS = [
    {"short_code": "MHU", "name": "Mental Helse Ungdom", "contact_email": "medvirk@mhu.localhost"},
    {
        "short_code": "BAR",
        "name": "Barn av rusmisbrukere",
        "contact_email": "medvirk@bar.localhost",
    },
    {
        "short_code": "LFB",
        "name": "Landsforeningen for barnevernsbarn",
        "contact_email": "medvirk@lfb.localhost",
    },
]


@transaction.atomic
def load(*, stdout) -> None:
    for data in ORGANISATIONS:
        _organisation, created = Organisation.objects.get_or_create(
            short_code=data["short_code"], defaults=data
        )
        if created:
            stdout.write(f"  organisasjon {data['short_code']} opprettet")
