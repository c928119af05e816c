"""A titled set of images shown together in a body."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from articles.blocks.base import ApiStructBlock, list_items, plain_text


class GalleryImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=500)
    credit = blocks.CharBlock(label=_("credit"), required=False, max_length=255)

    api_schema_name = "GalleryImage"

    class Meta:
        icon = "image"


class ImageGalleryBlock(ApiStructBlock):
    title = blocks.CharBlock(label=_("title"), required=False, max_length=255)
    images = blocks.ListBlock(GalleryImageBlock(), label=_("images"), min_num=1)

    class Meta:
        icon = "grip"
        label = _("Image gallery")

    def collect_references(self, value, refs) -> None:
        if isinstance(value, dict):
            for item in list_items(value.get("images")):
                refs.want_image(item.get("image"))

    def get_api_representation(self, value, context=None) -> dict | None:
        if not isinstance(value, dict):
            return None
        refs = context["refs"]
        images = [
            {
                "image": image,
                "caption": plain_text(item, "caption"),
                "credit": plain_text(item, "credit"),
            }
            for item in list_items(value.get("images"))
            if (image := refs.image(item.get("image"))) is not None
        ]
        if not images:
            return None
        return {"title": plain_text(value, "title"), "images": images}
