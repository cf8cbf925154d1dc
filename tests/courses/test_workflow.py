"""The editorial process: editors cannot publish; a change goes live only after the
user-representative reviewer and then the professional reviewer have approved it."""

import pytest
from wagtail.models import WorkflowState

from courses import editorial
from courses.models import ModulePage, ProgrammePage
from tests.factories import make_module, user_in_group

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(programme):
    return {
        "editor": user_in_group("redaktor@example.org", editorial.EDITOR_GROUPS["MHU"]),
        "user_reviewer": user_in_group("bruker@example.org", editorial.USER_REVIEWER_GROUP),
        "professional": user_in_group("fag@example.org", editorial.PROFESSIONAL_REVIEWER_GROUP),
        "coordinator": user_in_group("koord@example.org", editorial.COORDINATOR_GROUP),
    }


def submit(page, user):
    page.save_revision(user=user)
    return page.get_workflow().start(page, user)


def actions_for(workflow_state, user):
    task = workflow_state.current_task_state.task.specific
    return [name for name, *_ in task.get_actions(workflow_state.content_object, user)]


def test_the_programme_tree_is_under_the_two_step_workflow(programme, course):
    workflow = ModulePage.objects.none().model(path=course.path + "0001", depth=4).get_workflow()
    assert workflow.name == editorial.WORKFLOW_NAME
    assert [task.name for task in workflow.tasks] == [
        editorial.USER_REVIEW_TASK,
        editorial.PROFESSIONAL_REVIEW_TASK,
    ]


def test_editors_add_and_edit_but_cannot_publish_or_delete(people, course):
    permissions = course.permissions_for_user(people["editor"])
    assert permissions.can_add_subpage()
    assert permissions.can_edit()
    assert not permissions.can_publish()
    assert not permissions.can_delete()


@pytest.mark.parametrize("role", ["user_reviewer", "professional", "coordinator"])
def test_reviewers_and_coordinators_cannot_edit_or_publish_directly(people, course, role):
    permissions = course.permissions_for_user(people[role])
    assert not permissions.can_edit()
    assert not permissions.can_publish()


def test_a_change_is_published_only_after_both_approvals_in_order(people, course):
    module = make_module(course, title="Ny modul", slug="ny", publish=False)
    state = submit(module, people["editor"])
    assert actions_for(state, people["professional"]) == []  # not their turn yet
    assert "approve" in actions_for(state, people["user_reviewer"])

    state.current_task_state.approve(user=people["user_reviewer"])
    state.refresh_from_db()
    module.refresh_from_db()
    assert not module.live
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.task.name == editorial.PROFESSIONAL_REVIEW_TASK
    assert actions_for(state, people["user_reviewer"]) == []

    state.current_task_state.approve(user=people["professional"])
    state.refresh_from_db()
    module.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert module.live


def test_an_edit_to_a_live_module_stays_hidden_until_approved(client, people, course):
    module = make_module(course, title="Gammel tittel", slug="modul")
    module = ModulePage.objects.get(pk=module.pk)
    module.title = "Ny tittel"
    state = submit(module, people["editor"])
    state.current_task_state.approve(user=people["user_reviewer"])
    assert "Gammel tittel" in client.get(module.url).content.decode()
    state.refresh_from_db()
    state.current_task_state.approve(user=people["professional"])
    assert "Ny tittel" in client.get(module.url).content.decode()


def test_a_rejection_returns_the_page_to_the_editor(people, course):
    module = make_module(course, title="Modul", slug="modul", publish=False)
    state = submit(module, people["editor"])
    state.current_task_state.approve(user=people["user_reviewer"])
    state.refresh_from_db()
    state.current_task_state.reject(user=people["professional"], comment="Mer om samtykke.")
    state.refresh_from_db()
    module.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert not module.live
    assert module.permissions_for_user(people["editor"]).can_edit()
    state.resume(user=people["editor"])
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS


def test_the_groups_exist_with_admin_access(programme):
    from django.contrib.auth.models import Group

    names = {
        *editorial.EDITOR_GROUPS.values(),
        editorial.USER_REVIEWER_GROUP,
        editorial.PROFESSIONAL_REVIEWER_GROUP,
        editorial.COORDINATOR_GROUP,
    }
    for group in Group.objects.filter(name__in=names):
        codes = set(group.permissions.values_list("codename", flat=True))
        assert {"access_admin", "view_facilitator_content"} <= codes
    assert Group.objects.filter(name__in=names).count() == len(names)


def test_a_translated_programme_joins_the_workflow_at_once(programme, english):
    translation = programme.copy_for_translation(english, copy_parents=True)
    translation = ProgrammePage.objects.get(pk=translation.pk)
    assert translation.get_workflow().name == editorial.WORKFLOW_NAME
    editor = user_in_group("redaktor2@example.org", editorial.EDITOR_GROUPS["LFB"])
    assert translation.permissions_for_user(editor).can_add_subpage()
    assert not translation.permissions_for_user(editor).can_publish()


def test_setting_up_the_editorial_process_twice_changes_nothing(programme):
    from django.apps import apps
    from django.contrib.auth.models import Group
    from wagtail.models import GroupPagePermission, Task, Workflow, WorkflowTask

    def counts():
        return [
            m.objects.count() for m in (Group, GroupPagePermission, Task, Workflow, WorkflowTask)
        ]

    before = counts()
    editorial.ensure_editorial_setup(apps)
    assert counts() == before
