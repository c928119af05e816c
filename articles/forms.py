"""Page forms that check what Wagtail's generic page form cannot."""

from django.utils.translation import gettext_lazy as _

from editorial.forms import EditorialPageForm


class GalleryPageForm(EditorialPageForm):
    """A photo gallery needs photos and a video gallery needs videos."""

    def clean(self):
        cleaned = super().clean()
        media_type = cleaned.get("media_type")
        formset_name = {"photo": "photos", "video": "videos"}.get(media_type)
        if formset_name and not self.count_items(formset_name):
            message = {
                "photos": _("A photo gallery needs at least one photo."),
                "videos": _("A video gallery needs at least one video."),
            }[formset_name]
            self.add_error("media_type", message)
        return cleaned

    def count_items(self, formset_name: str) -> int:
        formset = self.formsets.get(formset_name)
        if formset is None:
            return 0
        # The page form is cleaned before its formsets: clean them now to read deletions.
        formset.full_clean()
        return sum(
            1
            for form in formset.forms
            if (form.has_changed() or form.instance.pk)
            and not (formset.can_delete and formset._should_delete_form(form))
        )
