"""What the e-mails about applications, invites and accounts say, and who a reply reaches."""

import pytest
from django.core import mail

from cohorts.services import enrolment_apply, enrolment_cancel
from tests.factories import make_coordinator, make_gathering, make_participant

pytestmark = pytest.mark.django_db


def test_replies_reach_the_participants_own_organisation_never_another(organisations, on_commit):
    mhu, bar = organisations["MHU"], organisations["BAR"]
    mhu.contact_email = "medvirk@mhu.example.org"
    mhu.save()
    gathering = make_gathering(organisations)
    gathering.coordinators.add(make_coordinator(bar))  # the gathering's organiser is BAR's
    participant = make_participant(mhu)
    enrolment = on_commit(
        enrolment_apply, participant=participant, gathering=gathering, organisation=mhu
    )
    on_commit(
        enrolment_cancel, enrolment=enrolment, actor=make_coordinator(mhu), reason="Feil samling"
    )
    mails = [m for m in mail.outbox if participant.user.email in m.to]
    assert len(mails) >= 3  # received, confirmed, the invite, withdrawn, its cancellation
    for message in mails:
        assert message.reply_to == ["medvirk@mhu.example.org"], message.subject
        assert "Mental Helse Ungdom" in message.body
        assert "Barn av rusmisbrukere –" not in message.body  # not BAR's signature


def test_without_a_contact_address_replies_go_to_the_organisations_coordinators(
    organisations, on_commit
):
    mhu = organisations["MHU"]
    coordinator = make_coordinator(mhu)
    participant = make_participant(mhu)
    on_commit(
        enrolment_apply,
        participant=participant,
        gathering=make_gathering(organisations),
        organisation=mhu,
    )
    assert all(m.reply_to == [coordinator.email] for m in mail.outbox)


def test_the_withdrawn_email_says_withdrawn_not_cancelled(organisations, on_commit):
    participant = make_participant(organisations["MHU"])
    enrolment = on_commit(
        enrolment_apply,
        participant=participant,
        gathering=make_gathering(organisations),
        organisation=organisations["MHU"],
    )
    mail.outbox.clear()
    on_commit(enrolment_cancel, enrolment=enrolment, actor=participant.user)
    [withdrawn] = [m for m in mail.outbox if "trukket" in m.subject]
    assert "avlyst" not in withdrawn.subject.lower()


@pytest.mark.django_db(transaction=True)
def test_the_sign_up_email_is_in_our_words_and_language(client, site_tree):
    client.post(
        "/konto/signup/",
        {
            "email": "ny@example.org",
            "password1": "Et-godt-passord-2026",
            "password2": "Et-godt-passord-2026",
        },
    )
    [message] = mail.outbox
    assert message.subject == "Bekreft e-postadressen din"
    assert "Hei fra" not in message.body and "example.com" not in message.body
    assert "/konto/confirm-email/" in message.body
    assert '<html lang="nb">' in message.alternatives[0][0]
    assert message.extra_headers["Message-ID"].endswith("@medvirk.no>")
