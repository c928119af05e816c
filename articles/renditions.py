"""The image sizes the API offers, made once — when an image is uploaded or a page published.

A frontend picks from a `srcset`: several widths, each in WebP and in a
fallback format for old browsers. Making them on an API request would make the
first reader of a page wait for image resizing (and let anyone trigger it), so
the API only ever reads renditions that exist.
"""

from collections.abc import Iterable

from django.db import transaction
from django.dispatch import Signal
from django_tasks import task
from wagtail.images import get_image_model
from wagtail.models import Page

# Card thumbnails to full-width images on a wide screen; `width-N` never upscales.
RENDITION_WIDTHS = (320, 640, 1024, 1600)
# What Wagtail's admin shows of an image (listings and choosers; the edit screen, which
# also links the "original" rendition), made with the API's sizes so that the editor's
# next screen after an upload resizes nothing.
ADMIN_PREVIEW_SPECS = ("max-165x165", "max-800x600", "original")


def rendition_specs() -> list[str]:
    specs = []
    for width in RENDITION_WIDTHS:
        specs.append(f"width-{width}|format-webp")
        specs.append(f"width-{width}")  # the original's format (JPEG, PNG, GIF)
    return specs


def prepared_rendition_specs() -> list[str]:
    """Everything the worker makes of an image: the API's renditions and the admin's."""
    return rendition_specs() + list(ADMIN_PREVIEW_SPECS)


# Sent with `image_ids` when make_renditions created renditions of them: the API's JSON of
# those images now lists more sizes (articles/representations/ rebuilds what shows them).
renditions_made = Signal()


@task()
def make_renditions(image_ids: list[int]) -> int:
    """Create the missing renditions of these images; returns how many images it saw.
    Run by the task worker (`manage.py db_worker`), never in a request."""
    images = get_image_model().objects.filter(pk__in=image_ids)
    renditions = get_image_model().get_rendition_model().objects.filter(image_id__in=image_ids)
    before = renditions.count()
    count = make_missing_renditions(images)
    # Wagtail creates renditions in bulk, which sends no post_save.
    if renditions.count() != before:
        renditions_made.send(sender=make_renditions, image_ids=list(image_ids))
    return count


def make_missing_renditions(images) -> int:
    specs = prepared_rendition_specs()
    count = 0
    for image in images.prefetch_renditions(*specs):
        try:
            image.get_renditions(*specs)
        except (OSError, ValueError):  # a broken upload: the API then offers the original only
            continue
        count += 1
    return count


def schedule_renditions(image_ids: Iterable[int]) -> None:
    """Queue rendition-making after the current transaction commits."""
    ids = sorted({image_id for image_id in image_ids if image_id})
    if ids:
        transaction.on_commit(lambda: make_renditions.enqueue(ids))


def images_of_page(page: Page) -> set[int]:
    """Every image a page shows: its own image fields, photo rows and body blocks."""
    page = page.specific
    ids = set()
    for field_name in ("hero_image_id", "cover_image_id"):
        ids.add(getattr(page, field_name, None))
    if hasattr(page, "photos"):
        ids.update(photo.image_id for photo in page.photos.all())
    body = getattr(page, "body", None)
    if body is not None:
        ids.update(images_in_stream(body))
    ids.discard(None)
    return ids


def images_in_stream(stream) -> set[int]:
    ids = set()
    for block in stream.raw_data:
        value = block.get("value")
        if block.get("type") == "image" and isinstance(value, dict):
            ids.add(value.get("image"))
        elif block.get("type") == "gallery" and isinstance(value, dict):
            for item in value.get("images") or []:
                item_value = item.get("value", item) if isinstance(item, dict) else {}
                ids.add(item_value.get("image"))
    return {image_id for image_id in ids if isinstance(image_id, int)}


def on_image_saved(sender, instance, created: bool, **kwargs) -> None:
    if kwargs.get("raw"):
        return
    schedule_renditions([instance.pk])


def on_page_published(sender, instance, **kwargs) -> None:
    schedule_renditions(images_of_page(instance))
