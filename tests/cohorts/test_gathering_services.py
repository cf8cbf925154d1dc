"""Saving a gathering (`gathering_save`): quotas never reserve more than the capacity, and a
cancellation or its reversal tells the invite holders — for the admin's form and any caller."""

import pytest
from django.core import mail

from cohorts.models import CalendarInvite, Gathering, InviteRun, Quota
from cohorts.services import enrolment_apply
from cohorts.services.gatherings import GatheringError, gathering_quotas_check, gathering_save
from cohorts.viewsets import gathering_viewset
from tests.factories import make_gathering, make_participant

pytestmark = pytest.mark.django_db
Method = CalendarInvite.Method


def test_quotas_may_fill_the_capacity_but_not_more():
    gathering_quotas_check(capacity=20, quotas=[6, 6, 8])
    with pytest.raises(GatheringError) as error:
        gathering_quotas_check(capacity=20, quotas=[6, 6, 9])
    assert error.value.code == "quotas_over_capacity"
    assert str(error.value.message) == "Kvotene reserverer 21 plasser, mer enn kapasiteten."


def test_saving_quotas_above_the_capacity_is_refused_and_changes_nothing(organisations):
    gathering = make_gathering(organisations, capacity=20, quotas=(6, 6, 6))
    gathering.capacity = 17
    with pytest.raises(GatheringError):
        gathering_save(gathering=gathering)
    gathering.refresh_from_db()
    assert gathering.capacity == 20
    copied = ["level", "year", "venue_name", "venue_address", "starts_at", "ends_at"]
    copied += ["enrolment_opens_at", "enrolment_closes_at"]
    new = Gathering(
        title="Ny", slug="ny-samling", capacity=2, **{f: getattr(gathering, f) for f in copied}
    )
    new.quotas = [Quota(organisation=organisations["MHU"], seats=3)]  # held in memory
    with pytest.raises(GatheringError):
        gathering_save(gathering=new)
    assert not Gathering.objects.filter(slug="ny-samling").exists()
    assert not Quota.objects.filter(seats=3).exists()


@pytest.fixture
def holders(organisations, on_commit):
    """A gathering with two confirmed participants holding calendar invites."""
    gathering = make_gathering(organisations)
    for code in ("MHU", "BAR"):
        on_commit(
            enrolment_apply,
            participant=make_participant(organisations[code]),
            gathering=gathering,
            organisation=organisations[code],
        )
    return gathering


def newest_methods(gathering):
    newest = {}
    for invite in CalendarInvite.objects.filter(gathering=gathering).order_by("sequence", "pk"):
        newest[invite.participant_id] = invite.method
    return sorted(newest.values())


def test_cancelling_tells_every_holder_and_reinstating_invites_them_again(
    holders, admin_user, on_commit
):
    assert newest_methods(holders) == [Method.REQUEST, Method.REQUEST]
    holders.status = Gathering.Status.CANCELLED
    mail.outbox.clear()
    on_commit(gathering_save, gathering=holders, actor=admin_user)
    assert newest_methods(holders) == [Method.CANCEL, Method.CANCEL]
    assert InviteRun.objects.filter(gathering=holders, requested_by=admin_user).count() == 1
    assert sorted(m.subject for m in mail.outbox) == [f"Avlyst: {holders.title}"] * 2
    holders.status = Gathering.Status.PUBLISHED
    on_commit(gathering_save, gathering=holders, actor=admin_user)
    assert newest_methods(holders) == [Method.REQUEST, Method.REQUEST]


def test_other_changes_start_no_run(holders, on_commit):
    holders.title = "Nytt navn"
    holders.status = Gathering.Status.COMPLETED
    on_commit(gathering_save, gathering=holders)
    assert not InviteRun.objects.filter(gathering=holders).exists()
    assert newest_methods(holders) == [Method.REQUEST, Method.REQUEST]


def resubmitted(form) -> dict:
    """The POST data that sends `form` (with its formsets) back unchanged."""
    data = {}
    forms = [form]
    for formset in form.formsets.values():
        forms += [formset.management_form, *formset.forms]
    for each in forms:
        for field in each:
            value = field.value()
            if value is None or value is False:
                continue
            if value is True:
                data[field.html_name] = "on"
            elif isinstance(value, list | tuple):
                data[field.html_name] = [str(item) for item in value]
            else:
                data[field.html_name] = field.field.widget.format_value(value) or ""
    return data


def test_cancelling_in_the_admin_goes_through_the_service(client, holders, admin_user, on_commit):
    form_class = gathering_viewset.get_form_class(for_update=True)
    data = resubmitted(form_class(instance=holders, for_user=admin_user))
    data["status"] = Gathering.Status.CANCELLED
    client.force_login(admin_user)
    response = on_commit(client.post, path=f"/admin/gatherings/edit/{holders.pk}/", data=data)
    assert response.status_code == 302, response.content.decode()[:2000]
    holders.refresh_from_db()
    assert holders.status == Gathering.Status.CANCELLED
    assert newest_methods(holders) == [Method.CANCEL, Method.CANCEL]
