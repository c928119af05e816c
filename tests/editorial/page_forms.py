"""Page edit forms as the browser posts them, read back from a page (or a revision of it).

The revert view shows an old revision in the edit form; posting what it shows is
`page_form(revision.as_object())`.
"""

import datetime

from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from articles.models import (
    ArticlePage,
    DirectiveIndexPage,
    DirectivePage,
    DocumentLibraryPage,
    GalleryIndexPage,
    GalleryPage,
    SectionIndexPage,
    StandardPage,
)
from home.models import HomePage

SUBMIT = {"action-submit": "action-submit"}


def shown(date: datetime.date | None) -> str:
    """A date as the admin's date field shows it (dd/mm/yyyy)."""
    return date.strftime("%d/%m/%Y") if date else ""


def existing(items: list[dict]) -> dict:
    """An inline formset listing child objects that already exist."""
    return inline_formset(items, initial=len(items))


def intro_fields(page) -> dict:
    return {"intro": rich_text(page.intro or "<p></p>")}


def article_fields(page: ArticlePage) -> dict:
    return {
        "lead": page.lead,
        "body": streamfield([]),
        "attachments": inline_formset([]),
        "related_pages": inline_formset([]),
        "display_date": shown(page.display_date),
    }


def directive_fields(page: DirectivePage) -> dict:
    return {
        "abstract": page.abstract,
        "body": streamfield([]),
        "attachments": inline_formset([]),
        "relations": inline_formset([]),
        "document_type": page.document_type_id or "",
        "number": page.number,
        "issue_date": shown(page.issue_date),
        "effective_date": shown(page.effective_date),
    }


def gallery_fields(page: GalleryPage) -> dict:
    photos = [
        {"id": p.pk, "image": p.image_id, "caption": p.caption, "credit": p.credit}
        for p in page.photos.all()
    ]
    return {
        "media_type": page.media_type,
        "display_date": shown(page.display_date),
        "photos": existing(photos),
        "videos": inline_formset([]),
    } | intro_fields(page)


def library_fields(page: DocumentLibraryPage) -> dict:
    entries = [
        {
            "id": e.pk,
            "document": e.document_id,
            "title": e.title,
            "date": shown(e.date),
            "description": e.description,
        }
        for e in page.entries.all()
    ]
    return {"entries": existing(entries)} | intro_fields(page)


FIELDS = {
    HomePage: lambda page: intro_fields(page) | {"highlights": inline_formset([])},
    SectionIndexPage: intro_fields,
    DirectiveIndexPage: intro_fields,
    GalleryIndexPage: intro_fields,
    StandardPage: lambda page: {"body": streamfield([])},
    ArticlePage: article_fields,
    DirectivePage: directive_fields,
    GalleryPage: gallery_fields,
    DocumentLibraryPage: library_fields,
}


def page_form(page: Page, **changes) -> dict:
    """The edit form of `page` as posted, with `changes` applied to the top-level fields."""
    data = {"title": page.title, "slug": page.slug, "comments": inline_formset([])}
    data |= FIELDS[type(page)](page)
    return nested_form_data(data | changes)


def with_comment(data: dict, text: str, on_field: str = "title") -> dict:
    """The form with one new comment on a field, as Wagtail's commenting sends it."""
    return data | {
        "comments-TOTAL_FORMS": "1",
        "comments-INITIAL_FORMS": "0",
        "comments-0-DELETE": "",
        "comments-0-resolved": "",
        "comments-0-id": "",
        "comments-0-contentpath": on_field,
        "comments-0-text": text,
        "comments-0-position": "",
        "comments-0-replies-TOTAL_FORMS": "0",
        "comments-0-replies-INITIAL_FORMS": "0",
        "comments-0-replies-MIN_NUM_FORMS": "0",
        "comments-0-replies-MAX_NUM_FORMS": "0",
    }


def workflow_action_url(page: Page, action: str) -> str:
    task_state = Page.objects.get(pk=page.pk).current_workflow_task_state
    return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
