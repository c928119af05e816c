"""StreamField bodies as typed JSON: `{"type", "id", "value"}` per block.

Works on the stored (raw) block data, not on Wagtail's block objects, so that
choosers do not fetch their image, document or page one by one: `collect_body`
notes every reference, `render_body` reads them from the loaded References.
A block whose image or document is gone or hidden is left out; a citation of an
unpublished document keeps its text with `directive: null`.
"""

from articles.api.references import References
from articles.api.rich_text import without_markup


def collect_body(raw_blocks: list[dict], refs: References) -> None:
    for block in raw_blocks:
        kind, value = block.get("type"), block.get("value")
        if kind == "paragraph":
            refs.want_rich_text(value)
        elif not isinstance(value, dict):
            continue
        elif kind == "image":
            refs.want_image(value.get("image"))
        elif kind == "gallery":
            for item in gallery_items(value):
                refs.want_image(item.get("image"))
        elif kind == "document":
            refs.want_document(value.get("document"))
        elif kind == "notice":
            refs.want_rich_text(value.get("text"))
        elif kind == "citation":
            refs.want_page(value.get("directive"))


def render_body(raw_blocks: list[dict], refs: References, cited: dict[int, str]) -> list[dict]:
    """`cited` maps a cited directive's id to its number (loaded by the caller)."""
    rendered = []
    for block in raw_blocks:
        kind, value = block.get("type"), block.get("value")
        render = RENDERERS.get(kind)
        if render is None:
            continue
        output = render(value, refs, cited)
        if output is not None:
            rendered.append({"type": kind, "id": str(block.get("id") or ""), "value": output})
    return rendered


def gallery_items(value: dict) -> list[dict]:
    """ListBlock items are stored as {"type": "item", "value": ..., "id": ...} (Wagtail ≥ 2.16)."""
    items = []
    for item in value.get("images") or []:
        if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
            item = item["value"]
        if isinstance(item, dict):
            items.append(item)
    return items


def text(value: dict, key: str) -> str:
    """A block's plain-text field: markup stored through the model is stripped."""
    return without_markup(str(value.get(key) or ""))


def render_paragraph(value, refs: References, cited) -> str | None:
    return refs.rich_text(value) if isinstance(value, str) else None


def render_heading(value, refs, cited) -> dict | None:
    if not isinstance(value, dict) or not value.get("text"):
        return None
    level = value.get("level") if value.get("level") in ("h2", "h3", "h4") else "h2"
    return {"text": text(value, "text"), "level": level}


def render_image(value, refs: References, cited) -> dict | None:
    image = refs.image(value.get("image")) if isinstance(value, dict) else None
    if image is None:
        return None
    alignment = (
        value.get("alignment") if value.get("alignment") in ("full", "left", "right") else "full"
    )
    return {
        "image": image,
        "caption": text(value, "caption"),
        "credit": text(value, "credit"),
        "alignment": alignment,
    }


def render_gallery(value, refs: References, cited) -> dict | None:
    if not isinstance(value, dict):
        return None
    images = [
        {"image": image, "caption": text(item, "caption"), "credit": text(item, "credit")}
        for item in gallery_items(value)
        if (image := refs.image(item.get("image"))) is not None
    ]
    if not images:
        return None
    return {"title": text(value, "title"), "images": images}


def render_quote(value, refs, cited) -> dict | None:
    if not isinstance(value, dict):
        return None
    return {"text": text(value, "text"), "attribution": text(value, "attribution")}


def render_table(value, refs, cited) -> dict | None:
    if not isinstance(value, dict):
        return None
    rows = [
        ["" if cell is None else without_markup(str(cell)) for cell in row]
        for row in value.get("data") or []
        if isinstance(row, list)
    ]
    return {
        "rows": rows,
        "first_row_is_header": bool(value.get("first_row_is_header")),
        "first_col_is_header": bool(value.get("first_col_is_header")),
    }


def render_embed(value, refs, cited) -> dict | None:
    if not isinstance(value, dict) or not value.get("video"):
        return None
    return {"url": str(value["video"]), "caption": text(value, "caption")}


def render_document(value, refs: References, cited) -> dict | None:
    document = refs.document(value.get("document")) if isinstance(value, dict) else None
    if document is None:
        return None
    return {
        "document": document,
        "title": text(value, "title") or document["title"],
        "description": text(value, "description"),
    }


def render_notice(value, refs: References, cited) -> dict | None:
    if not isinstance(value, dict):
        return None
    tone = value.get("tone") if value.get("tone") in ("info", "important") else "info"
    return {
        "title": text(value, "title"),
        "text": refs.rich_text(str(value.get("text") or "")),
        "tone": tone,
    }


def render_citation(value, refs: References, cited: dict[int, str]) -> dict | None:
    if not isinstance(value, dict):
        return None
    link = refs.linked_page(value.get("directive"))
    if link is not None:
        link["number"] = cited.get(link["id"], "")
    return {"directive": link, "provision": text(value, "provision"), "note": text(value, "note")}


RENDERERS = {
    "paragraph": render_paragraph,
    "heading": render_heading,
    "image": render_image,
    "gallery": render_gallery,
    "quote": render_quote,
    "table": render_table,
    "embed": render_embed,
    "document": render_document,
    "notice": render_notice,
    "citation": render_citation,
}
