"""The participant's and the guardian's journeys of issue 15, walked in a browser as people do
them, in Norwegian and in English: apply → receipt, withdraw from the waiting list, accept and
decline an offered seat, and the guardian confirming or declining. axe checks every page at
phone and desktop width (tests/e2e/conftest.py)."""

import pytest
from playwright.sync_api import expect

from tests.e2e.accessibility import assert_accessible
from tests.e2e.people import PHONE

pytestmark = pytest.mark.django_db(transaction=True)

FULL = "nye-brukermedvirkere-trondheim"  # demo: first come, full, with a waiting list

WORDS = {
    "nb": {
        "waitlist_tag": "Venteliste",
        "join": "Sett meg på venteliste",
        "warned": "søknaden din havner på venteliste",
        "step": "Søk plass",
        "receipt": "Du står på venteliste",
        "position": "Du er nummer 1 på ventelisten",
        "my_page": "Gå til Min side",
        "leave": "Gå av ventelisten",
        "consequence": "Du går av ventelisten",
        "yes_withdraw": "Ja, meld meg av",
        "withdrawn": "Du har meldt deg av",
        "accept": "Takk ja til plassen",
        "accepted": "Du har takket ja til plassen",
        "decline": "Takk nei til plassen",
        "declined": "Du har takket nei til plassen",
        "confirm": "Jeg bekrefter søknaden",
        "guardian_decline": "Nei, jeg bekrefter ikke",
        "confirmed": "Du har bekreftet søknaden",
        "already": "Du har allerede bekreftet",
        "guardian_declined": "Du har takket nei",
        "overnight": "Overnatting",
    },
    "en": {
        "waitlist_tag": "Waiting list",
        "join": "Join the waiting list",
        "warned": "your application will go on the waiting list",
        "step": "Apply for a place",
        "receipt": "You are on the waiting list",
        "position": "You are number 1 on the waiting list",
        "my_page": "Go to My page",
        "leave": "Leave the waiting list",
        "consequence": "You leave the waiting list",
        "yes_withdraw": "Yes, withdraw",
        "withdrawn": "You have withdrawn from",
        "accept": "Accept the seat",
        "accepted": "You have accepted the seat",
        "decline": "Decline the seat",
        "declined": "You have declined the seat",
        "confirm": "I confirm the application",
        "guardian_decline": "No, I do not confirm",
        "confirmed": "You have confirmed",
        "already": "You have already confirmed",
        "guardian_declined": "You have declined",
        "overnight": "Overnight stay",
    },
}
LANGUAGES = ["nb", "en"]


def _organisations():
    from cohorts.models import Organisation

    return {o.short_code: o for o in Organisation.objects.all()}


def _person(short_code, *, age=22, language="nb"):
    """A new participant of one organisation (password "x", e-mail address verified)."""
    from allauth.account.models import EmailAddress

    from tests.factories import make_participant

    participant = make_participant(_organisations()[short_code], age=age)
    participant.language = language
    participant.save()
    EmailAddress.objects.create(
        user=participant.user, email=participant.user.email, verified=True, primary=True
    )
    return participant


def _choose_language(tab, language):
    tab.goto("/")
    if language == "en":
        menu = tab.get_by_role("button", name="Meny")
        if menu.is_visible():  # on a phone the language switch is in the menu
            menu.click()
        tab.get_by_role("link", name="English").click()
        expect(tab.locator("html")).to_have_attribute("lang", "en")


def _log_in(tab, email, password):
    tab.goto("/konto/login/")
    tab.locator("input[name=login]").fill(email)
    tab.locator("input[name=password]").fill(password)
    tab.locator("input[name=password]").press("Enter")
    tab.wait_for_url("**/min-side/")


@pytest.mark.parametrize("language", LANGUAGES)
def test_apply_to_a_full_gathering_get_the_receipt_and_leave_the_waiting_list(
    demo_site, new_tab, language
):
    words = WORDS[language]
    participant = _person("MHU", language=language)
    tab = new_tab(*PHONE)
    _choose_language(tab, language)
    _log_in(tab, participant.user.email, "x")

    tab.goto(f"/samlinger/{FULL}/")
    expect(tab.locator(".gathering-status").first).to_have_text(words["waitlist_tag"])
    expect(tab.get_by_text(words["overnight"], exact=True)).to_be_visible()
    assert_accessible(tab)
    tab.get_by_role("link", name=words["join"]).click()

    expect(tab.locator('[aria-current="step"]')).to_contain_text(words["step"])
    expect(tab.get_by_text(words["warned"])).to_be_visible()
    expect(tab.get_by_label("Mental Helse Ungdom (MHU)")).to_be_checked()  # the only one
    assert_accessible(tab)
    tab.get_by_role("button", name=words["join"]).click()

    expect(tab.get_by_role("heading", level=1)).to_have_text(words["receipt"])
    expect(tab.get_by_text(words["position"])).to_be_visible()
    assert_accessible(tab)
    tab.get_by_role("link", name=words["my_page"]).click()

    tab.get_by_role("link", name=words["leave"]).click()
    expect(tab.get_by_text(words["consequence"])).to_be_visible()
    assert_accessible(tab)
    tab.get_by_role("button", name=words["yes_withdraw"]).click()
    expect(tab.get_by_text(words["withdrawn"])).to_be_visible()
    assert_accessible(tab)


def _offer_a_seat():
    """Free a BAR seat at the full gathering: the next on BAR's waiting list is offered it."""
    from cohorts.models import Enrolment
    from cohorts.services import enrolment_cancel

    held = Enrolment.objects.filter(
        gathering__slug=FULL, organisation__short_code="BAR", state="confirmed"
    ).first()
    enrolment_cancel(enrolment=held, actor=held.participant.user)
    return Enrolment.objects.select_related("participant__user").get(
        gathering__slug=FULL, state="offered"
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_offered_seat_is_accepted_and_the_next_one_declined(demo_site, new_tab, language):
    words = WORDS[language]
    offered = _offer_a_seat()
    tab = new_tab()
    _choose_language(tab, language)
    _log_in(tab, offered.participant.user.email, "medvirk-demo")
    card = tab.locator(f'[data-enrolment="{offered.pk}"]')
    expect(card.get_by_role("button", name=words["decline"])).to_have_count(1)
    expect(card.get_by_role("link", name=words["leave"])).to_have_count(0)  # one way to say no
    assert_accessible(tab)
    card.get_by_role("button", name=words["accept"]).click()
    expect(tab.get_by_text(words["accepted"])).to_be_visible()
    offered.refresh_from_db()
    assert offered.state == "confirmed"

    second = _offer_a_seat()
    other = new_tab(*PHONE)
    _choose_language(other, language)
    _log_in(other, second.participant.user.email, "medvirk-demo")
    other.locator(f'[data-enrolment="{second.pk}"]').get_by_role(
        "button", name=words["decline"]
    ).click()
    expect(other.get_by_text(words["declined"])).to_be_visible()
    assert_accessible(other)
    second.refresh_from_db()
    assert second.state == "declined"


def _minor_holding_a_seat(language):
    """An applicant of 16 at a new gathering with free seats: the seat is held for the
    guardian's confirmation. Returns the guardian's link."""
    from cohorts.services import enrolment_apply, guardian_token
    from tests.factories import make_gathering

    organisations = _organisations()
    gathering = make_gathering(organisations, title="Helgesamling")
    minor = _person("MHU", age=16, language=language)
    enrolment = enrolment_apply(
        participant=minor, gathering=gathering, organisation=organisations["MHU"]
    )
    assert enrolment.state == "guardian_pending"
    return enrolment, f"/samlinger/foresatt/{guardian_token(enrolment)}/"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_guardian_confirms_and_a_second_visit_says_already_confirmed(
    demo_site, new_tab, language
):
    words = WORDS[language]
    enrolment, url = _minor_holding_a_seat(language)
    tab = new_tab(*PHONE)
    _choose_language(tab, language)
    tab.goto(url)
    expect(tab.get_by_text(words["overnight"], exact=True)).to_be_visible()
    expect(tab.get_by_role("button", name=words["guardian_decline"])).to_be_visible()
    assert_accessible(tab)
    tab.get_by_role("button", name=words["confirm"]).click()
    expect(tab.get_by_text(words["confirmed"])).to_be_visible()
    assert_accessible(tab)
    tab.goto(url)
    expect(tab.get_by_text(words["already"])).to_be_visible()
    expect(tab.get_by_role("button", name=words["confirm"])).to_have_count(0)
    enrolment.refresh_from_db()
    assert enrolment.state == "confirmed"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_guardian_declines(demo_site, new_tab, language):
    words = WORDS[language]
    enrolment, url = _minor_holding_a_seat(language)
    tab = new_tab()
    _choose_language(tab, language)
    tab.goto(url)
    tab.get_by_role("button", name=words["guardian_decline"]).click()
    expect(tab.get_by_text(words["guardian_declined"])).to_be_visible()
    assert_accessible(tab)
    enrolment.refresh_from_db()
    assert enrolment.state == "cancelled"
