"""Approval workflows: one step for news, two for documents, with e-mails and comments.

Each workflow is walked through twice: with Wagtail's workflow API, and as people do it,
through the admin's views (add/edit with "Submit", the workflow action view).
"""

import datetime

from django.urls import reverse
from wagtail.models import Comment, Page, PageLogEntry, WorkflowPage, WorkflowState

from articles.factories import ArticlePageFactory, DirectivePageFactory
from articles.models import ArticlePage, DirectivePage, SectionIndexPage
from editorial.roles import ADMINISTRATORS, MODERATORS
from editorial.workflows import (
    DIRECTIVE_WORKFLOW,
    EDITORIAL_REVIEW,
    NEWS_WORKFLOW,
    PUBLICATION_APPROVAL,
)
from tests.articles.admin_forms import add_page_url, assert_saved, edit_page_url
from tests.editorial.page_forms import SUBMIT, page_form, with_comment, workflow_action_url
from tests.site_tree import add_published


def recipients(mailoutbox) -> list[str]:
    return sorted(address for mail in mailoutbox for address in mail.to)


def current_step(page: Page) -> str | None:
    task = Page.objects.get(pk=page.pk).current_workflow_task
    return task.name if task else None


def is_live(page: Page) -> bool:
    return Page.objects.get(pk=page.pk).live


def submit_article(writer_client, news_section, **fields) -> ArticlePage:
    """A writer writes a news article and submits it, as in the admin."""
    article = ArticlePage(title="Tập huấn hòa giải viên", slug="tap-huan", lead="Tóm tắt.")
    data = page_form(article) | fields | SUBMIT
    assert_saved(writer_client.post(add_page_url(ArticlePage, news_section), data))
    return ArticlePage.objects.get(slug="tap-huan")


def submit_directive(writer_client, directive_register, directive_type) -> DirectivePage:
    directive = DirectivePage(
        title="Chỉ thị về công tác hòa giải ở cơ sở",
        slug="chi-thi-hoa-giai",
        abstract="Về tăng cường công tác hòa giải ở cơ sở.",
        document_type=directive_type,
        number="06-CT/TU",
        issue_date=datetime.date(2024, 1, 10),
    )
    data = page_form(directive) | SUBMIT
    assert_saved(writer_client.post(add_page_url(DirectivePage, directive_register), data))
    return DirectivePage.objects.get(slug="chi-thi-hoa-giai")


# --- Which pages get which workflow ----------------------------------------------------------


def test_a_new_news_section_gets_the_news_workflow(news_section):
    assert WorkflowPage.objects.get(page=news_section).workflow.name == NEWS_WORKFLOW


def test_a_new_document_register_gets_the_two_step_workflow(directive_register):
    assert WorkflowPage.objects.get(page=directive_register).workflow.name == DIRECTIVE_WORKFLOW


def test_a_nested_section_follows_its_parent_section(news_section):
    nested = add_published(
        news_section, SectionIndexPage(title="Tin địa phương", slug="dia-phuong")
    )

    assert not WorkflowPage.objects.filter(page=nested).exists()
    assert nested.get_workflow().name == NEWS_WORKFLOW


def test_pages_outside_the_sections_need_one_approval_too(photo_library):
    assert photo_library.get_workflow().name == NEWS_WORKFLOW


def test_the_document_workflow_is_a_review_then_an_approval(directive_register):
    workflow = directive_register.get_workflow()
    steps = [(task.name, [g.name for g in task.specific.groups.all()]) for task in workflow.tasks]

    assert steps == [(EDITORIAL_REVIEW, [MODERATORS]), (PUBLICATION_APPROVAL, [ADMINISTRATORS])]


def test_an_administrator_sees_both_workflows_and_their_steps_in_the_admin(
    administrator_client, directive_register
):
    workflow = directive_register.get_workflow()

    response = administrator_client.get(reverse("wagtailadmin_workflows:edit", args=[workflow.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert EDITORIAL_REVIEW in html and PUBLICATION_APPROVAL in html
    assert directive_register.title in html


# --- News: one approval, through the admin ----------------------------------------------------


def test_a_submitted_article_waits_for_the_head_of_the_editorial_board(
    writer_client, moderator, news_section, mailoutbox
):
    article = submit_article(writer_client, news_section)

    assert not article.live
    assert current_step(article) == EDITORIAL_REVIEW
    assert recipients(mailoutbox) == [moderator.email]
    assert article.title in mailoutbox[0].subject + mailoutbox[0].body


def test_the_head_of_the_board_approves_and_the_article_goes_live(
    writer_client, writer, moderator_client, news_section, mailoutbox
):
    article = submit_article(writer_client, news_section)
    mailoutbox.clear()

    response = moderator_client.post(workflow_action_url(article, "approve"))

    assert response.status_code == 302
    assert is_live(article)
    assert recipients(mailoutbox) == [writer.email]
    assert PageLogEntry.objects.filter(page=article, action="wagtail.publish").exists()


def test_requesting_changes_sends_the_comment_to_the_writer(
    writer_client, writer, moderator_client, news_section, mailoutbox
):
    article = submit_article(writer_client, news_section)
    mailoutbox.clear()
    comment = "Đề nghị bổ sung ảnh và ghi rõ nguồn tin."

    moderator_client.post(workflow_action_url(article, "reject"), {"comment": comment})

    assert not is_live(article)
    state = WorkflowState.objects.get(object_id=str(article.pk))
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert recipients(mailoutbox) == [writer.email]
    assert comment in mailoutbox[0].body


def test_the_head_of_the_boards_comment_on_the_article_reaches_the_writer(
    writer_client, writer, moderator_client, news_section, mailoutbox
):
    article = submit_article(writer_client, news_section, comment_notifications="on")
    mailoutbox.clear()
    remark = "Tiêu đề cần nêu rõ địa phương."

    response = moderator_client.post(
        edit_page_url(article), with_comment(page_form(article), remark)
    )

    assert_saved(response)
    assert Comment.objects.get(page=article).text == remark
    assert recipients(mailoutbox) == [writer.email]
    assert remark in mailoutbox[0].body


def test_a_writer_cannot_approve_their_own_article(writer_client, news_section):
    article = submit_article(writer_client, news_section)

    writer_client.post(workflow_action_url(article, "approve"))

    assert not is_live(article)
    assert current_step(article) == EDITORIAL_REVIEW


# --- Documents: two approvals, through the admin ---------------------------------------------


def test_a_directive_is_public_only_after_both_approvals(
    writer_client,
    moderator_client,
    administrator,
    administrator_client,
    directive_register,
    directive_type,
    mailoutbox,
):
    directive = submit_directive(writer_client, directive_register, directive_type)

    moderator_client.post(workflow_action_url(directive, "approve"))

    assert not is_live(directive)
    assert current_step(directive) == PUBLICATION_APPROVAL
    assert administrator.email in recipients(mailoutbox)

    administrator_client.post(workflow_action_url(directive, "approve"))

    assert is_live(directive)
    assert current_step(directive) is None


def test_the_head_of_the_board_cannot_give_the_second_approval(
    writer_client, moderator_client, directive_register, directive_type
):
    directive = submit_directive(writer_client, directive_register, directive_type)
    moderator_client.post(workflow_action_url(directive, "approve"))

    moderator_client.post(workflow_action_url(directive, "approve"))

    assert not is_live(directive)
    assert current_step(directive) == PUBLICATION_APPROVAL


# --- Both workflows, through Wagtail's workflow API -----------------------------------------


def approve_current_step(page: Page, user) -> None:
    state = Page.objects.get(pk=page.pk).current_workflow_task_state
    state.task.specific.on_action(state, user, "approve")


def test_the_news_workflow_publishes_after_one_approval(writer, moderator, news_section):
    article = ArticlePageFactory(parent=news_section, live=False)
    article.get_workflow().start(article, writer)

    approve_current_step(article, moderator)

    assert is_live(article)


def test_the_document_workflow_publishes_after_two_approvals(
    writer, moderator, administrator, directive_register
):
    directive = DirectivePageFactory(parent=directive_register, live=False)
    directive.get_workflow().start(directive, writer)

    approve_current_step(directive, moderator)
    assert not is_live(directive)
    approve_current_step(directive, administrator)

    assert is_live(directive)
