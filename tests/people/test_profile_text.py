"""What a participant types into the profile (issue 14, finding 10): free text has a length
limit, and names are one line of visible text — right-to-left overrides, zero-width
characters, line breaks and other control characters are taken out (forms) or refused (any
other way in, e.g. the admin)."""

import pytest
from django.core.exceptions import ValidationError

from cohorts.forms import ApplicationForm
from people.models import NEEDS_MAX_LENGTH, Participant
from website.parsing import plain_name

pytestmark = pytest.mark.django_db

PROFILE = "/min-side/profil/"


def profile_data(organisations, **changes):
    return {
        "full_name": "Kari Nordmann",
        "birth_date": "2000-05-01",
        "organisations": [organisations["MHU"].pk],
        "language": "nb",
        **changes,
    }


@pytest.mark.parametrize("field", ["dietary_needs", "accessibility_needs"])
def test_a_hundred_thousand_characters_of_needs_are_refused_and_nothing_is_saved(
    client, user, organisations, field
):
    client.force_login(user)
    response = client.post(PROFILE, profile_data(organisations, **{field: "x" * 100_000}))
    assert response.status_code == 400
    assert f"{NEEDS_MAX_LENGTH} eller færre tegn" in response.content.decode()
    assert not Participant.objects.exists()


def test_needs_up_to_the_limit_are_kept(client, user, organisations):
    client.force_login(user)
    text = "Glutenfri mat. " * (NEEDS_MAX_LENGTH // 15)
    client.post(PROFILE, profile_data(organisations, dietary_needs=text.strip()))
    assert Participant.objects.get().dietary_needs == text.strip()


def test_the_profile_page_tells_the_browser_the_limit(client, user):
    client.force_login(user)
    html = client.get(PROFILE).content.decode()
    assert f'maxlength="{NEEDS_MAX_LENGTH}"' in html


@pytest.mark.parametrize(
    "typed",
    [
        "Kari\u202e Nordmann",  # right-to-left override
        "Kari \u2067Nordmann\u2069",  # right-to-left isolate
        "Ka\u200bri Nord\u200dmann\ufeff",  # zero-width space, joiner, byte order mark
        "Kari\r\nNordmann",  # a line break (an e-mail header or CSV row split in two)
        "Kari\x00\x1b[31m Nordmann".replace("[31m", ""),  # NUL and escape
        "  Kari \t  Nordmann  ",
    ],
)
def test_names_are_saved_as_one_line_of_visible_text(client, user, organisations, typed):
    client.force_login(user)
    response = client.post(
        PROFILE,
        profile_data(
            organisations, full_name=typed, preferred_name=typed, emergency_contact_name=typed
        ),
    )
    assert response.status_code == 302
    participant = Participant.objects.get()
    assert participant.full_name == "Kari Nordmann"
    assert participant.preferred_name == "Kari Nordmann"
    assert participant.emergency_contact_name == "Kari Nordmann"


def test_a_name_of_invisible_characters_only_is_no_name(client, user, organisations):
    client.force_login(user)
    response = client.post(PROFILE, profile_data(organisations, full_name="\u200b\u202e\r\n"))
    assert response.status_code == 400
    assert not Participant.objects.exists()


def test_a_name_with_an_override_is_refused_outside_the_form(user):
    participant = Participant(user=user, full_name="Kari\u202eNordmann", birth_date="2000-05-01")
    with pytest.raises(ValidationError) as refused:
        participant.full_clean(exclude=["organisations"])
    assert "usynlige tegn" in str(refused.value)


def test_norwegian_and_other_scripts_are_left_alone():
    for name in ["Åse Ødegård-Ærø", "Ðorđe Nguyễn", "Мария Иванова", "Ayşe Yılmaz", "O'Neil"]:
        assert plain_name(name) == name


def test_an_application_text_over_the_limit_is_refused(user, organisations):
    participant = Participant.objects.create(user=user, full_name="Kari", birth_date="2000-05-01")
    participant.organisations.add(organisations["MHU"])
    form = ApplicationForm(
        {"organisation": organisations["MHU"].pk, "needs": "x" * 2001}, participant=participant
    )
    assert not form.is_valid()
    assert "needs" in form.errors
