"""Dashboard panels: what waits for me, my drafts.

They replace Wagtail's "Awaiting your review" and "Your most recent edits" panels, which
show the same pages (see wagtail_hooks.py); Wagtail's others stay.
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin.ui.components import Component
from wagtail.models import GroupApprovalTask, Page, TaskState

LIST_LENGTH = 10


def can_approve(user: AbstractBaseUser) -> bool:
    """Whether the user belongs to a group that approves a step of some workflow."""
    if user.is_superuser:
        return True
    return GroupApprovalTask.objects.filter(active=True, groups__user=user).exists()


@dataclass(frozen=True)
class AwaitingItem:
    title: str
    workflow: str
    task: str
    requested_by: str
    since: datetime.datetime
    edit_url: str
    compare_url: str | None


class AwaitingMyApprovalPanel(Component):
    """Chờ tôi duyệt: pages at a workflow step the user may approve, oldest first."""

    name = "editorial_awaiting_my_approval"
    template_name = "editorial/panels/awaiting_my_approval.html"
    order = 100

    def __init__(self, user: AbstractBaseUser):
        self.user = user

    def items(self) -> list[AwaitingItem]:
        states = (
            TaskState.objects.reviewable_by(self.user)
            .select_related(
                "task", "revision", "workflow_state__workflow", "workflow_state__requested_by"
            )
            .order_by("started_at")
        )
        items = []
        for state in states:
            page = state.revision.content_object
            if not isinstance(page, Page):
                continue  # snippets have no workflows on this site
            requester = state.workflow_state.requested_by
            items.append(
                AwaitingItem(
                    title=page.get_admin_display_title(),
                    workflow=state.workflow_state.workflow.name,
                    task=state.task.name,
                    requested_by=requester.get_full_name() or requester.get_username()
                    if requester
                    else "",
                    since=state.started_at,
                    edit_url=reverse("wagtailadmin_pages:edit", args=[page.pk]),
                    compare_url=reverse(
                        "wagtailadmin_pages:revisions_compare",
                        args=[page.pk, "live", state.revision_id],
                    )
                    if page.live_revision_id
                    else None,
                )
            )
        return items

    def get_context_data(self, parent_context=None):
        items = self.items()
        return {"items": items[:LIST_LENGTH], "count": len(items)}


@dataclass(frozen=True)
class Draft:
    title: str
    status: str
    edited_at: datetime.datetime
    edit_url: str


class MyRecentDraftsPanel(Component):
    """Bản nháp gần đây của tôi: pages whose newest, unpublished version is mine."""

    name = "editorial_my_recent_drafts"
    template_name = "editorial/panels/my_recent_drafts.html"
    order = 110

    def __init__(self, user: AbstractBaseUser):
        self.user = user

    def drafts(self) -> list[Draft]:
        pages = (
            Page.objects.filter(latest_revision__user=self.user, has_unpublished_changes=True)
            .order_by("-latest_revision_created_at")
            .specific()[:LIST_LENGTH]
        )
        return [
            Draft(
                title=page.get_admin_display_title(),
                status=self.status_of(page),
                edited_at=page.latest_revision_created_at,
                edit_url=reverse("wagtailadmin_pages:edit", args=[page.pk]),
            )
            for page in pages
        ]

    @staticmethod
    def status_of(page: Page) -> str:
        task = page.current_workflow_task
        if task is not None:
            return _("Awaiting approval: %(step)s") % {"step": task.name}
        if page.live:
            return _("Live, with unpublished changes")
        return _("Draft")

    def get_context_data(self, parent_context=None):
        return {"drafts": self.drafts()}


def editorial_panels(user: AbstractBaseUser) -> list[Component]:
    """The panels this user sees: approvals only for approvers. (Home adds what readers
    read, search what they did not find: each app registers the panel over its own data.)"""
    panels: list[Component] = []
    if can_approve(user):
        panels.append(AwaitingMyApprovalPanel(user))
    panels.append(MyRecentDraftsPanel(user))
    return panels
