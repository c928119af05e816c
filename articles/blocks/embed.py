"""A video from YouTube, Facebook or Vimeo, by its page URL."""

from django.utils.translation import gettext_lazy as _
from ninja import Field
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock

from articles.blocks.base import ApiStructBlock, plain_text


class VideoEmbedBlock(ApiStructBlock):
    video = EmbedBlock(label=_("video URL"))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=500)

    # The API gives the URL (the frontend embeds it), under a name that says so.
    api_names = {"video": "url"}
    api_fields = {
        "url": (str, Field(description="The video page URL (YouTube, Facebook, Vimeo).")),
    }

    class Meta:
        icon = "media"
        label = _("Embedded video")

    def get_api_representation(self, value, context=None) -> dict | None:
        if not isinstance(value, dict) or not value.get("video"):
            return None
        return {"url": str(value["video"]), "caption": plain_text(value, "caption")}
