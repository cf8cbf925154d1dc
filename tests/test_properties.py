"""Property-based tests (Hypothesis): whatever is typed or sent to the application, profile
and check-in forms and to `/bevis/`, the answer is never a server error, and a refused
request writes nothing."""

import datetime
import string
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cohorts.forms import ParticipantForm
from cohorts.models import Attendance, Enrolment, Participant, Session
from tests.factories import (
    NOW,
    log_in_with_admin_access,
    make_coordinator,
    make_gathering,
    make_participant,
)

pytestmark = pytest.mark.django_db

# derandomize: the same examples on every run, so CI is red only when the code changed (the
# cases Hypothesis found while the suite ran randomly are pinned below with @example).
EXAMPLES = settings(
    max_examples=60,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Any text a browser could send, including control characters, NUL, emoji and very long text.
ANY_TEXT = st.text(st.characters(codec="utf-8"), max_size=3000)
SHORT = st.text(st.characters(codec="utf-8"), max_size=40)
NUMBERISH = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.sampled_from(["", " ", "1.5", "²", "٣", "1e9", "0x10", "-0", "NaN", "٠"]),
    SHORT,
)


def answered(response):
    assert response.status_code < 500, response.status_code
    return response.status_code


@pytest.fixture
def world(organisations):
    gathering = make_gathering(organisations, capacity=500, quotas=(100, 100, 100))
    session = Session.objects.create(
        gathering=gathering,
        title="Velkommen",
        starts_at=NOW - datetime.timedelta(minutes=30),
        ends_at=NOW + datetime.timedelta(minutes=60),
    )
    Session.objects.filter(pk=session.pk).update(gathering=gathering)
    return {"gathering": gathering, "session": session, "organisations": organisations}


@EXAMPLES
@given(organisation=NUMBERISH, motivation=ANY_TEXT, needs=ANY_TEXT)
def test_the_application_form_never_fails_and_a_refusal_writes_nothing(
    client, world, organisation, motivation, needs
):
    participant = make_participant(world["organisations"]["MHU"])
    client.force_login(participant.user)
    response = client.post(
        f"/samlinger/{world['gathering'].slug}/pamelding/",
        {"organisation": organisation, "motivation": motivation, "needs": needs},
    )
    if answered(response) != 302:
        assert not Enrolment.objects.filter(participant=participant).exists()


PROFILE_FIELDS = ParticipantForm.Meta.fields


@EXAMPLES
@given(values=st.fixed_dictionaries({name: st.one_of(SHORT, NUMBERISH) for name in PROFILE_FIELDS}))
def test_the_profile_form_never_fails_and_a_refusal_writes_nothing(client, world, values):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(
        email=f"ny{get_user_model().objects.count()}@example.org", password="x"
    )
    client.force_login(user)
    response = client.post("/min-side/profil/", values)
    if answered(response) != 302:
        assert not Participant.objects.filter(user=user).exists()


@EXAMPLES
@given(token=st.text(st.characters(codec="utf-8", exclude_characters="/"), min_size=1, max_size=80))
@example(token="¹")  # found by Hypothesis in CI: a digit that int() refuses
@example(token="123-ø")  # non-ASCII in the code part
def test_a_participants_check_in_with_any_code_never_fails(client, world, token):
    participant = make_participant(world["organisations"]["MHU"])
    client.force_login(participant.user)
    before = Attendance.objects.count()
    url = f"/samlinger/innsjekk/{world['session'].pk}/{quote(token, safe='')}/"
    answered(client.get(url))
    answered(client.post(url))
    assert Attendance.objects.count() == before  # not enrolled, and the code is not real


@EXAMPLES
@given(
    session=NUMBERISH,
    enrolment=NUMBERISH,
    status=st.one_of(st.sampled_from(["present", "late", "absent", "excused"]), SHORT),
    minutes=NUMBERISH,
    reason=ANY_TEXT,
)
def test_the_door_tablets_form_never_fails_and_a_refusal_writes_nothing(
    client, world, session, enrolment, status, minutes, reason
):
    coordinator = make_coordinator(world["organisations"]["MHU"])
    world["gathering"].coordinators.add(coordinator)
    log_in_with_admin_access(client, coordinator)
    before = list(Attendance.objects.values_list("pk", "status", "minutes_attended"))
    response = client.post(
        f"/admin/pameldinger/{world['gathering'].pk}/innsjekk/marker/",
        {
            "session": session,
            "enrolment": enrolment,
            "status": status,
            "minutes": minutes,
            "reason": reason,
        },
    )
    answered(response)
    # no such enrolment exists in the gathering, so nothing can have been written
    assert list(Attendance.objects.values_list("pk", "status", "minutes_attended")) == before


@EXAMPLES
@given(code=st.text(st.characters(codec="utf-8", exclude_characters="/"), min_size=1, max_size=60))
@example(code="ùo;v\x19vÔ\x00\x89\x904")  # found by Hypothesis: a NUL byte
def test_any_certificate_code_gets_an_answer_not_an_error(client, code):
    answered(client.get(f"/bevis/{quote(code, safe='')}/"))


@EXAMPLES
@given(code=st.text(alphabet=string.ascii_letters + string.digits + "-– ", min_size=1, max_size=20))
def test_code_like_input_is_looked_up_without_error(client, code):
    assert answered(client.get(f"/bevis/{quote(code, safe='')}/")) in (200, 400, 404, 429)


# E-mail addresses and names (issue 14): pure functions, so no database and more examples.
PURE = settings(max_examples=300, derandomize=True, database=None, deadline=None)
ADDRESS_PART = st.text(st.characters(codec="utf-8"), min_size=1, max_size=30)


@PURE
@given(local=ADDRESS_PART, domain=ADDRESS_PART)
@example(local="Kari", domain="Blåbær.NO")
@example(local="ß", domain="medvırk.localhost")
def test_the_normal_form_of_an_address_is_its_own_normal_form(local, domain):
    from website.emails import look_alike_key, normalise_or_none

    normal = normalise_or_none(f"{local}@{domain}")
    if normal is not None:
        assert normalise_or_none(normal) == normal
        assert normal.rpartition("@")[2].isascii()
        assert look_alike_key(normal) == look_alike_key(f"{local}@{domain}")


@PURE
@given(text=ANY_TEXT)
@example(text="Kari\u202e\u200b\r\nNordmann\ufeff")
def test_a_plain_name_is_one_line_of_visible_text_and_stays_so(text):
    import unicodedata

    from website.parsing import plain_name

    name = plain_name(text)
    assert plain_name(name) == name
    assert name == name.strip() and "  " not in name
    assert not any(unicodedata.category(c) in ("Cc", "Cf") for c in name)
    assert "\n" not in name and "\r" not in name
