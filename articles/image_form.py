"""The image upload form: an image with too many pixels is refused from its header.

Wagtail's field checks WAGTAILIMAGES_MAX_IMAGE_PIXELS only after Willow has opened the
file, and Willow's Pillow plugin decodes the whole image to do so: an 11000×11000 PNG of
15 KB cost the upload request 120 MB (one byte a pixel; four for RGBA) before it was
refused. Pillow reads the size from the header without decoding, so the cap is checked
first, with Wagtail's own message; everything else is Wagtail's field as it is.
"""

import warnings

import PIL.Image
from django import forms
from django.utils.translation import gettext as _
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm


def pixels_in_header(upload) -> int | None:
    """Width × height as the file's header declares them; None when Pillow cannot tell
    (not an image: Wagtail's field says so). A header past Pillow's own bomb limit
    (twice PIL.Image.MAX_IMAGE_PIXELS) is reported as -1: too many, number unknown."""
    position = upload.tell()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", PIL.Image.DecompressionBombWarning)
            with PIL.Image.open(upload) as image:  # lazy: reads the header only
                width, height = image.size
        return width * height
    except PIL.Image.DecompressionBombError:
        return -1
    except Exception:  # noqa: BLE001 — anything unreadable is Wagtail's field's to refuse
        return None
    finally:
        upload.seek(position)


class PixelCappedImageField(WagtailImageField):
    def to_python(self, data):
        if data and hasattr(data, "read") and self.max_image_pixels is not None:
            self.refuse_too_many_pixels(data)
        return super().to_python(data)

    def refuse_too_many_pixels(self, upload) -> None:
        pixels = pixels_in_header(upload)
        if pixels is None or 0 <= pixels <= self.max_image_pixels:
            return
        raise forms.ValidationError(
            self.error_messages["file_too_many_pixels"]
            % {
                "num_pixels": pixels if pixels >= 0 else _("unknown number"),
                "max_pixels_count": self.max_image_pixels,
            },
            code="file_too_many_pixels",
        )


class ImageForm(BaseImageForm):
    """Wagtail's image form (every upload screen and chooser uses it, through
    WAGTAILIMAGES_IMAGE_FORM_BASE) with the pixel cap checked before decoding."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        wagtail_field = self.fields.get("file")
        if wagtail_field is not None:
            self.fields["file"] = PixelCappedImageField(
                label=wagtail_field.label,
                required=wagtail_field.required,
                widget=wagtail_field.widget,
            )
