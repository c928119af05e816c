"""A row's field values converted to what the page model stores, or rejected naming the field."""

from __future__ import annotations

import datetime
import re
import textwrap
from typing import Any

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter
from wagtail.fields import RichTextField
from wagtail.models import Page

from articles.importing.report import RowRejected
from articles.models import (
    ArticlePage,
    Byline,
    DirectivePage,
    GalleryPage,
    IssuingBody,
    StandardPage,
)
from editorial.slugs import ascii_slug

PAGE_TYPES: dict[str, type[Page]] = {
    "article": ArticlePage,
    "directive": DirectivePage,
    "standard": StandardPage,
    "gallery": GalleryPage,
}
TYPE_NAMES = {model: name for name, model in PAGE_TYPES.items()}

# Page's own fields an import may set; the rest (path, live, owner...) belong to Wagtail.
PAGE_FIELDS = frozenset({"seo_title", "search_description"})
# Relations set by name; snippets named here are created when missing, document types are not
# (they are a curated national list, see migration 0002_seed_document_types).
NAMED_SNIPPETS: dict[str, type[models.Model]] = {"byline": Byline, "issuing_body": IssuingBody}
NAME_LISTS = frozenset({"categories", "tags"})
SLUG_MAX = 80


def convert_fields(model: type[Page], raw: dict) -> dict[str, Any]:
    converted = {}
    for name, value in raw.items():
        if name in NAMED_SNIPPETS or name == "document_type":
            importable_relation(model, name)
            converted[name] = optional_name(name, value)
        elif name in NAME_LISTS:
            importable_relation(model, name)
            converted[name] = name_list(name, value)
        else:
            converted[name] = convert_value(importable_field(model, name), value)
    return converted


def importable_relation(model: type[Page], name: str) -> None:
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        raise RowRejected(unknown_field_reason(model, name), field=name) from None


def importable_field(model: type[Page], name: str) -> models.Field:
    try:
        model_field = model._meta.get_field(name)
    except FieldDoesNotExist:
        raise RowRejected(unknown_field_reason(model, name), field=name) from None
    own = model_field.model is not Page or name in PAGE_FIELDS
    plain = getattr(model_field, "concrete", False) and not model_field.is_relation
    if name == "body" or not (own and plain and model_field.editable):
        raise RowRejected(f"{name}: cannot be set by an import", field=name)
    return model_field


def unknown_field_reason(model: type[Page], name: str) -> str:
    return f"{name}: not a field of {type_name(model)} pages"


def type_name(model: type[Page]) -> str:
    """The row's name for a page type ("article"); reasons name types as rows do."""
    return TYPE_NAMES.get(model, model._meta.model_name)


def convert_value(model_field: models.Field, value: Any) -> Any:
    name = model_field.name
    if value is None:
        if model_field.null:
            return None
        if isinstance(model_field, models.CharField | models.TextField):
            return ""
        raise RowRejected(f"{name}: may not be empty", field=name)
    if isinstance(model_field, models.DateField) and not isinstance(
        model_field, models.DateTimeField
    ):
        return parse_date(value, name)
    if isinstance(model_field, models.BooleanField) and not isinstance(value, bool):
        raise RowRejected(f"{name}: must be true or false", field=name)
    if isinstance(model_field, models.CharField | models.TextField) and not isinstance(value, str):
        raise RowRejected(f"{name}: must be a string", field=name)
    if isinstance(model_field, RichTextField):
        return EditorHTMLConverter(model_field.features).to_database_format(value)
    try:
        return model_field.to_python(value)
    except ValidationError as error:
        raise RowRejected(f"{name}: {' '.join(error.messages)}", field=name) from None


DMY_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


def parse_date(value: Any, name: str = "date") -> datetime.date:
    """ISO 8601 (2021-09-23) or the Vietnamese administrative dd/mm/yyyy (23/09/2021)."""
    if isinstance(value, str):
        text = value.strip()
        try:
            match = DMY_DATE.fullmatch(text)
            if match:
                day, month, year = (int(part) for part in match.groups())
                return datetime.date(year, month, day)
            return datetime.date.fromisoformat(text)
        except ValueError:
            pass
    raise RowRejected(f"{name}: {value!r} is not a date (use YYYY-MM-DD or dd/mm/yyyy)", field=name)


def optional_name(name: str, value: Any) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        raise RowRejected(f"{name}: must be a name (a string)", field=name)
    return value.strip()


def name_list(name: str, value: Any) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise RowRejected(f"{name}: must be a list of names", field=name)
    return list(dict.fromkeys(item.strip() for item in value if item.strip()))


def shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return textwrap.shorten(text, width, placeholder=" …") if len(text) > width else text


def import_slug(title: str) -> str:
    """An unaccented slug ("tin-tuc-su-kien"), as editors write them, cut at a word boundary."""
    slug = ascii_slug(title)
    if len(slug) > SLUG_MAX:
        slug = slug[: SLUG_MAX + 1].rsplit("-", 1)[0]
    return slug or "trang"
