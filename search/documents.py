"""What of an object goes into which weighted column of the index.

Columns follow the product's ranking rule: title and document number weigh
most, then the lead or abstract (fields with a boost), then the body.
"""

from django.db.models import Manager
from django.utils.encoding import force_str
from modelsearch.index import AutocompleteField, RelatedFields, SearchField

from search.languages import index_terms
from search.locales import language_of
from vietnamese_text.document_numbers import parse_document_number

COLUMNS = ("title", "number", "summary", "body")
NUMBER_FIELDS = {"number", "number_key"}


def columns_for(fields) -> list[str]:
    """The columns a search on `fields` (None: all) looks in."""
    if fields and set(fields) <= {"title"}:
        return ["title"]
    return list(COLUMNS)


def flatten(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)):
        return " ".join(flatten(item) for item in value)
    if isinstance(value, dict):
        return " ".join(flatten(item) for item in value.values())
    return force_str(value)


def column_for(field: SearchField, related: bool) -> str:
    if field.field_name == "title" and not related:
        return "title"
    if field.field_name in NUMBER_FIELDS:
        return "number"
    if (getattr(field, "boost", None) or 1) >= 2:
        return "summary"
    return "body"


def field_texts(obj, fields, related: bool = False):
    """(column, text) for every SearchField of obj, following RelatedFields."""
    for field in fields:
        if isinstance(field, SearchField):
            yield column_for(field, related), flatten(field.get_value(obj))
        elif isinstance(field, RelatedFields):
            value = field.get_value(obj)
            if value is None:
                continue
            related_objects = value.all() if isinstance(value, Manager) else [value]
            for related_obj in related_objects:
                yield from field_texts(related_obj, field.fields, related=True)
        elif isinstance(field, AutocompleteField):
            continue


def document_columns(obj) -> dict[str, str]:
    """The analysed terms of obj per column, ready to store, by the rules of its language."""
    language = language_of(obj)
    texts: dict[str, list[str]] = {column: [] for column in COLUMNS}
    for column, text in field_texts(obj, obj.get_search_fields()):
        if text:
            texts[column].append(text)
    columns = {
        column: " ".join(index_terms(" ".join(parts), language)) for column, parts in texts.items()
    }
    columns["number"] = " ".join(filter(None, [columns["number"], number_terms(texts["number"])]))
    return columns


def number_terms(texts: list[str]) -> str:
    """Canonical keys of document numbers, so every spelling of one number meets."""
    keys = []
    for text in texts:
        parsed = parse_document_number(text)
        if parsed is not None:
            keys.append(number_key_term(parsed.key))
            keys.extend(parsed.search_tokens)
    return " ".join(keys)


def number_key_term(key: str) -> str:
    """One index term for a document number key: "5-CT/TU" → "no_5_ct_tu"."""
    cleaned = "".join(ch if ch.isalnum() else "_" for ch in key.lower())
    return "no_" + "_".join(part for part in cleaned.split("_") if part)
