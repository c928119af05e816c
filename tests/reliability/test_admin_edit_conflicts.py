"""A save from an edit form opened before a colleague's save is refused, not applied.

Before: editor B publishing (or saving a draft) from a form loaded before editor A's
publish silently replaced A's work — Wagtail compares the revision the form was loaded
from only for autosave. Now every page type's form (editorial/forms.py) refuses it with a
Vietnamese message linking to the comparison of the two versions and to a reload; the
form shown again carries the newer revision, so a second save is a deliberate overwrite.
"""

import re
import threading

import pytest
from django.db import connection, transaction
from django.urls import reverse
from wagtail.models import Page

from articles.factories import ArticlePageFactory
from editorial.roles import MODERATORS
from tests.articles.admin_forms import PUBLISH, assert_saved, edit_page_url
from tests.editorial.conftest import logged_in, member_of
from tests.editorial.page_forms import page_form
from tests.editorial.test_revisions import PAGE_TYPES, new_page

STALE_TEXT = "sau khi bạn mở trang"
LOADED_FIELDS = ("loaded_revision_id", "loaded_revision_created_at")


@pytest.fixture
def editor_a(db):
    return logged_in(member_of(MODERATORS, "truongban", "Trần Văn Minh"))


@pytest.fixture
def editor_b(db):
    return logged_in(member_of(MODERATORS, "phoban", "Đỗ Thị Hoa"))


@pytest.fixture
def article(news_section):
    return ArticlePageFactory(parent=news_section, title="Hội nghị tổng kết")


def opened(client, page: Page) -> dict:
    """The hidden fields of the edit form as the browser received it."""
    html = client.get(edit_page_url(page)).content.decode()
    return {
        name: re.search(rf'name="{name}" value="([^"]*)"', html).group(1) for name in LOADED_FIELDS
    }


def publish(client, page: Page, form_state: dict, **changes):
    page = Page.objects.get(pk=page.pk).specific
    return client.post(edit_page_url(page), page_form(page, **changes) | form_state | PUBLISH)


def save_draft(client, page: Page, form_state: dict, **changes):
    page = Page.objects.get(pk=page.pk).specific
    return client.post(edit_page_url(page), page_form(page, **changes) | form_state)


def live_title(page: Page) -> str:
    return Page.objects.get(pk=page.pk).title


def test_a_publish_from_a_form_opened_before_a_colleagues_publish_is_refused(
    editor_a, editor_b, article
):
    form_b = opened(editor_b, article)
    assert_saved(publish(editor_a, article, opened(editor_a, article), title="Bản của A"))

    response = publish(editor_b, article, form_b, title="Bản của B")

    assert response.status_code == 200
    assert STALE_TEXT in response.content.decode()
    assert live_title(article) == "Bản của A"


def test_a_draft_from_a_form_opened_before_a_colleagues_publish_is_refused(
    editor_a, editor_b, article
):
    form_b = opened(editor_b, article)
    assert_saved(publish(editor_a, article, opened(editor_a, article), title="Bản của A"))
    revisions = article.revisions.count()

    response = save_draft(editor_b, article, form_b, title="Bản nháp của B")

    assert response.status_code == 200
    assert STALE_TEXT in response.content.decode()
    assert article.revisions.count() == revisions


def test_the_refusal_names_the_colleague_and_links_to_the_comparison(editor_a, editor_b, article):
    form_b = opened(editor_b, article)
    assert_saved(publish(editor_a, article, opened(editor_a, article), title="Bản của A"))
    latest = Page.objects.get(pk=article.pk).latest_revision_id

    html = publish(editor_b, article, form_b, title="Bản của B").content.decode()

    compare = reverse(
        "wagtailadmin_pages:revisions_compare",
        args=[article.pk, form_b["loaded_revision_id"], latest],
    )
    assert re.search(rf'<a href="{re.escape(compare)}"[^>]*>So sánh hai phiên bản</a>', html)
    assert "Trần Văn Minh" in html


def test_saving_again_after_the_warning_overwrites_deliberately(editor_a, editor_b, article):
    form_b = opened(editor_b, article)
    assert_saved(publish(editor_a, article, opened(editor_a, article), title="Bản của A"))
    refused = publish(editor_b, article, form_b, title="Bản của B")
    form_shown_again = {
        name: re.search(rf'name="{name}" value="([^"]*)"', refused.content.decode()).group(1)
        for name in LOADED_FIELDS
    }

    assert_saved(publish(editor_b, article, form_shown_again, title="Bản của B"))
    assert live_title(article) == "Bản của B"


def test_one_editor_saving_then_publishing_is_not_a_conflict(editor_a, article):
    assert_saved(save_draft(editor_a, article, opened(editor_a, article), title="Nháp"))

    assert_saved(publish(editor_a, article, opened(editor_a, article), title="Bản chính thức"))
    assert live_title(article) == "Bản chính thức"


@pytest.mark.parametrize("model", PAGE_TYPES, ids=lambda model: model.__name__)
def test_every_page_type_refuses_a_stale_publish(
    editor_a, editor_b, home_page, directive_type, model
):
    page = new_page(model, home_page, directive_type)
    form_b = opened(editor_b, page)
    assert_saved(publish(editor_a, page, opened(editor_a, page), title="Bản của A"))

    response = publish(editor_b, page, form_b, title="Bản của B")

    assert STALE_TEXT in response.content.decode()
    assert live_title(page) == "Bản của A"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_save_arriving_while_a_colleagues_publish_commits_is_refused(editor_b, article):
    """Before the page row was locked, B's form was checked against the committed state
    while A's publish was still in its transaction: the check passed and B's save then
    replaced A's. Now the check waits for A's commit and sees A's revision."""
    form_b = opened(editor_b, article)
    published, release = threading.Event(), threading.Event()

    def colleague_publishes():
        try:
            with transaction.atomic():
                page = Page.objects.select_for_update().get(pk=article.pk).specific
                page.title = "Bản của A"
                page.save_revision().publish()
                published.set()
                release.wait(10)
        finally:
            connection.close()

    colleague = threading.Thread(target=colleague_publishes)
    colleague.start()
    assert published.wait(10)
    threading.Timer(1.0, release.set).start()

    response = publish(editor_b, article, form_b, title="Bản của B")
    colleague.join(10)

    assert STALE_TEXT in response.content.decode()
    assert live_title(article) == "Bản của A"
