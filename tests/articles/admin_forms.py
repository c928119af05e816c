"""Posting Wagtail admin forms the way the editor's browser does.

Complements ``wagtail.test.utils.form_data``, which has no helper for ListBlock
data and none for reading errors back out of a re-rendered form.
"""

from django.contrib.messages import get_messages
from django.http import HttpResponse
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page

# The button an editor presses to publish instead of saving a draft.
PUBLISH = {"action-publish": "action-publish"}


def add_page_url(model: type[Page], parent: Page) -> str:
    return reverse(
        "wagtailadmin_pages:add",
        args=[model._meta.app_label, model._meta.model_name, parent.pk],
    )


def edit_page_url(page: Page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def list_block(items: list[dict]) -> dict:
    """ListBlock form data, to nest inside ``nested_form_data`` like ``streamfield``."""
    data = {
        str(index): {"value": value, "deleted": "", "order": str(index), "id": ""}
        for index, value in enumerate(items)
    }
    data["count"] = str(len(items))
    return data


def form_errors(response: HttpResponse) -> dict[str, list[str]]:
    """Field errors of the page form the admin re-rendered, keyed by field name."""
    assert response.status_code == 200, f"expected the form again, got {response.status_code}"
    return {
        name: [str(e) for e in errors] for name, errors in response.context["form"].errors.items()
    }


def assert_saved(response: HttpResponse) -> None:
    """The admin redirects after a save; on a re-rendered form, show why it refused."""
    if response.status_code == 200 and response.context and "form" in response.context:
        form = response.context["form"]
        formset_errors = {
            name: [f.errors for f in fs.forms if f.errors] or fs.non_form_errors()
            for name, fs in getattr(form, "formsets", {}).items()
            if not fs.is_valid()
        }
        field_errors = {
            name: [getattr(e, "as_json_data", lambda e=e: e.messages)() for e in errors]
            for name, errors in form.errors.as_data().items()
        }
        raise AssertionError(f"form refused: {field_errors} {formset_errors}")
    assert response.status_code == 302, response.status_code


def in_admin_language(msgid: str, **params) -> str:
    """A message as the admin renders it: Vietnamese, or the msgid until it is translated."""
    with translation.override("vi"):
        message = translation.gettext(msgid)
    return message % params if params else message


def messages_of(response: HttpResponse) -> list[tuple[str, str]]:
    """(level tag, text) of every message the view queued for the editor."""
    return [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]
