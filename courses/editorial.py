"""The editorial process for the curriculum: groups, their permissions, and the two-step workflow.

Every `ProgrammePage` (one per language) is the root of a tree on which
- the organisations' editor groups may add and edit pages but never publish,
- a workflow sends every change first to a user-representative reviewer, then to a
  professional reviewer; the page is published only when both have approved.

`ensure_editorial_setup(apps)` builds all of it and is safe to run again. It takes an app
registry so that the data migration (historical models) and the running site (real models,
e.g. when a programme page is created or translated) share one definition.
"""

from django.contrib.auth.management import create_permissions

EDITOR_GROUPS = {
    "MHU": "MHU redaktører",
    "BAR": "BAR redaktører",
    "LFB": "LFB redaktører",
}
USER_REVIEWER_GROUP = "Godkjennere brukerrepresentant"
PROFESSIONAL_REVIEWER_GROUP = "Godkjennere faglig"
COORDINATOR_GROUP = "Koordinatorer"

WORKFLOW_NAME = "Godkjenning av opplæringsprogrammet"
USER_REVIEW_TASK = "Godkjenning brukerrepresentant"
PROFESSIONAL_REVIEW_TASK = "Faglig godkjenning"

ADMIN_ACCESS = ("wagtailadmin", "access_admin")
FACILITATOR_CONTENT = ("courses", "view_facilitator_content")
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page"]  # no publish_page, no delete_page
EDITOR_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]


def _permission(apps, app_label, codename):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _ensure_permissions_exist(apps):
    # Permissions are normally created after `migrate`; a data migration needs them now.
    for app_config in apps.get_app_configs():
        had_module = getattr(app_config, "models_module", None)
        app_config.models_module = had_module or True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = had_module


def _ensure_groups(apps):
    Group = apps.get_model("auth", "Group")
    admin_access = _permission(apps, *ADMIN_ACCESS)
    facilitator = _permission(apps, *FACILITATOR_CONTENT)
    names = [
        *EDITOR_GROUPS.values(),
        USER_REVIEWER_GROUP,
        PROFESSIONAL_REVIEWER_GROUP,
        COORDINATOR_GROUP,
    ]
    groups = {}
    for name in names:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(admin_access, facilitator)
        groups[name] = group
    return groups


def _ensure_collection_permissions(apps, editor_groups):
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root = Collection.objects.filter(depth=1).first()
    if root is None:
        return
    permissions = [_permission(apps, app, code) for app, code in EDITOR_COLLECTION_PERMISSIONS]
    for group in editor_groups:
        for permission in permissions:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root, permission=permission
            )


def _ensure_workflow(apps, groups):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    steps = [
        (USER_REVIEW_TASK, USER_REVIEWER_GROUP),
        (PROFESSIONAL_REVIEW_TASK, PROFESSIONAL_REVIEWER_GROUP),
    ]
    for order, (task_name, group_name) in enumerate(steps):
        task, _ = GroupApprovalTask.objects.get_or_create(
            name=task_name, defaults={"content_type": task_type, "active": True}
        )
        task.groups.add(groups[group_name])
        WorkflowTask.objects.update_or_create(
            workflow=workflow, task=task, defaults={"sort_order": order}
        )
    return workflow


def attach_programme(apps, programme, *, workflow, editor_groups):
    """Put a programme page's tree under the workflow and give the editors their page rights."""
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    WorkflowPage.objects.update_or_create(page_id=programme.pk, defaults={"workflow": workflow})
    permissions = [_permission(apps, "wagtailcore", code) for code in EDITOR_PAGE_PERMISSIONS]
    for group in editor_groups:
        for permission in permissions:
            GroupPagePermission.objects.get_or_create(
                group=group, page_id=programme.pk, permission=permission
            )


def ensure_editorial_setup(apps):
    """Groups, permissions and the workflow; every existing programme page attached."""
    _ensure_permissions_exist(apps)
    groups = _ensure_groups(apps)
    editor_groups = [groups[name] for name in EDITOR_GROUPS.values()]
    _ensure_collection_permissions(apps, editor_groups)
    workflow = _ensure_workflow(apps, groups)
    for programme in apps.get_model("courses", "ProgrammePage").objects.all():
        attach_programme(apps, programme, workflow=workflow, editor_groups=editor_groups)
    return workflow
