"""Approval workflows: one approval for news, two for documents.

- "Duyệt tin": the head of the editorial board approves (and so publishes) news.
- "Duyệt văn bản": the same check, then a second approval before a directive or legal
  document goes public; the second step belongs to the administrators' group until a
  site assigns it to its own leadership group (Settings → Workflows → Tasks).

Both are ordinary Wagtail workflows, editable in the admin. They are created by the
data migration and by `manage.py setup_editorial_roles`, which create what is missing
and never change what an administrator configured. "Duyệt tin" replaces Wagtail's
default "Moderators approval" on the root of the page tree, so every page needs an
approval; each news section and each document register gets its own assignment when
it is created, so that a new register never falls back to the one-step workflow.
"""

from wagtail.models import Page, Workflow, WorkflowPage

from editorial.roles import ADMINISTRATORS, MODERATORS

NEWS_WORKFLOW = "Duyệt tin"
DIRECTIVE_WORKFLOW = "Duyệt văn bản"
EDITORIAL_REVIEW = "Trưởng ban biên tập duyệt"
PUBLICATION_APPROVAL = "Phê duyệt đăng văn bản"

# Task name -> the group whose members approve it.
TASKS = {EDITORIAL_REVIEW: MODERATORS, PUBLICATION_APPROVAL: ADMINISTRATORS}
# Workflow name -> its tasks, in order.
WORKFLOWS = {
    NEWS_WORKFLOW: (EDITORIAL_REVIEW,),
    DIRECTIVE_WORKFLOW: (EDITORIAL_REVIEW, PUBLICATION_APPROVAL),
}
# Created by Wagtail's own migrations on the root page; replaced only while still there.
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"


def default_workflow_name(page_model: str, parent_model: str) -> str | None:
    """The workflow a newly created page gets for itself and its descendants, if any.

    Models are named "app_label.modelname". News sections get one at the top level only;
    nested sections inherit their parent's.
    """
    if page_model == "articles.directiveindexpage":
        return DIRECTIVE_WORKFLOW
    if page_model == "articles.sectionindexpage" and parent_model == "home.homepage":
        return NEWS_WORKFLOW
    return None


def apply_workflows(apps) -> list[str]:
    """Create missing tasks and workflows and assign them; return the workflow names.

    Runs against historical models in the migration, hence the app registry argument.
    """
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    HistoricalWorkflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")

    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    tasks = {}
    for name, group_name in TASKS.items():
        task = GroupApprovalTask.objects.filter(name=name).first()
        if task is None:
            # Historical models do not fill content_type in save(), as the real Task does.
            task = GroupApprovalTask.objects.create(name=name, content_type=task_type)
            task.groups.add(Group.objects.get(name=group_name))
        tasks[name] = task

    for name, task_names in WORKFLOWS.items():
        if HistoricalWorkflow.objects.filter(name=name).exists():
            continue
        workflow = HistoricalWorkflow.objects.create(name=name, active=True)
        for order, task_name in enumerate(task_names):
            WorkflowTask.objects.create(workflow=workflow, task=tasks[task_name], sort_order=order)

    assign_workflows(apps)
    return list(WORKFLOWS)


def assign_workflows(apps) -> None:
    """Root → "Duyệt tin" (unless an administrator chose another), sections → theirs."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    HistoricalPage = apps.get_model("wagtailcore", "Page")
    HistoricalWorkflow = apps.get_model("wagtailcore", "Workflow")
    HistoricalWorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")

    workflows = {w.name: w for w in HistoricalWorkflow.objects.filter(name__in=WORKFLOWS)}
    root = HistoricalPage.objects.filter(depth=1).order_by("path").first()
    current = HistoricalWorkflowPage.objects.filter(page=root).select_related("workflow").first()
    if NEWS_WORKFLOW in workflows and (
        current is None or current.workflow.name == WAGTAIL_DEFAULT_WORKFLOW
    ):
        HistoricalWorkflowPage.objects.update_or_create(
            page=root, defaults={"workflow": workflows[NEWS_WORKFLOW]}
        )

    model_names = {
        ct.pk: f"{ct.app_label}.{ct.model}"
        for ct in ContentType.objects.filter(
            app_label__in=["articles", "home"],
            model__in=["sectionindexpage", "directiveindexpage", "homepage"],
        )
    }
    if not model_names:
        return
    pages = HistoricalPage.objects.filter(content_type__in=model_names).order_by("path")
    model_by_path = {page.path: model_names[page.content_type_id] for page in pages}
    assigned = set(HistoricalWorkflowPage.objects.values_list("page_id", flat=True))
    for page in pages:
        parent_model = model_by_path.get(page.path[: -Page.steplen], "")
        name = default_workflow_name(model_by_path[page.path], parent_model)
        if name in workflows and page.pk not in assigned:
            HistoricalWorkflowPage.objects.create(page=page, workflow=workflows[name])


def assign_workflow_to_new_section(sender, instance: Page, created: bool, raw=False, **kwargs):
    """post_save of section and register pages: give a new one its default workflow."""
    if not created or raw:
        return
    parent = instance.get_parent()
    parent_model = f"{parent.content_type.app_label}.{parent.content_type.model}"
    name = default_workflow_name(instance._meta.label_lower, parent_model)
    workflow = Workflow.objects.filter(name=name, active=True).first() if name else None
    if workflow is not None:
        WorkflowPage.objects.get_or_create(page=instance, defaults={"workflow": workflow})
