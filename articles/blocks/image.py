"""One image in a body, with caption, credit and how it sits in the column."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from articles.blocks.base import ApiStructBlock, choice, plain_text


class ImageBlock(ApiStructBlock):
    image = ImageChooserBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=500)
    credit = blocks.CharBlock(label=_("credit"), required=False, max_length=255)
    alignment = blocks.ChoiceBlock(
        label=_("alignment"),
        choices=[("full", _("Full width")), ("left", _("Left")), ("right", _("Right"))],
        default="full",
    )

    class Meta:
        icon = "image"
        label = _("Image")

    def collect_references(self, value, refs) -> None:
        if isinstance(value, dict):
            refs.want_image(value.get("image"))

    def get_api_representation(self, value, context=None) -> dict | None:
        image = context["refs"].image(value.get("image")) if isinstance(value, dict) else None
        if image is None:
            return None
        return {
            "image": image,
            "caption": plain_text(value, "caption"),
            "credit": plain_text(value, "credit"),
            "alignment": choice(self.child_blocks["alignment"], value.get("alignment")),
        }
