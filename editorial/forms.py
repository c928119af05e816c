"""The page edit form every page type uses: it refuses to overwrite a colleague's save.

Wagtail's edit form posts the revision it was loaded from (`loaded_revision_id`,
`loaded_revision_created_at`, or `overwrite_revision_id` once autosave has run), but
Wagtail only compares it with the page's latest revision for autosave. A save-draft,
publish or submit from a form opened before someone else's save would silently replace
their work; here it is refused with a Vietnamese form error, and a message with buttons
to compare the two versions or reload. The form shown again carries the newer revision,
so saving a second time is a deliberate overwrite.
"""

from django.db import connection
from django.forms import ValidationError
from django.http import HttpRequest
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import Panel, PublishingPanel
from wagtail.models import Page, Revision

from editorial.slugs import ascii_slug


def latest_revision_id(page: Page) -> int | None:
    """The page's latest revision as committed, its row locked until the save is done.

    The admin's views run in a transaction (cms/urls.py): locking the page row here makes
    two simultaneous saves of one page check and save one after the other, so the second
    sees the first's revision. (SQLite's immediate transactions serialise them anyway.)
    """
    pages = Page.objects.filter(pk=page.pk)
    if connection.in_atomic_block:
        pages = pages.select_for_update()
    return pages.values_list("latest_revision_id", flat=True).first()


def newer_revision(page: Page, posted) -> Revision | None:
    """The page's latest revision if the posted form was loaded from an older one.

    The same rule as Wagtail's autosave check (EditView.is_out_of_date): a form that
    says nothing about its revision is taken as up to date.
    """
    latest = Revision.page_revisions.filter(pk=latest_revision_id(page)).first()
    if latest is None:
        return None
    if overwrite_id := posted.get("overwrite_revision_id"):
        return latest if overwrite_id != str(latest.pk) else None
    loaded_id = posted.get("loaded_revision_id")
    if not loaded_id:
        return None
    loaded_at = posted.get("loaded_revision_created_at", "")
    if loaded_id != str(latest.pk) or loaded_at != latest.created_at.isoformat():
        return latest
    return None


def compare_url(page: Page, loaded_id: str | None, latest: Revision) -> str:
    """The comparison of the version the editor opened with the newer one."""
    if loaded_id and loaded_id.isdigit():
        return reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, loaded_id, latest.pk])
    return reverse("wagtailadmin_pages:history", args=[page.pk])  # every version listed


def stale_form_error(latest: Revision) -> ValidationError:
    author = latest.user.get_full_name() or latest.user.get_username() if latest.user else None
    return ValidationError(
        _(
            "%(user)s saved this page at %(time)s, after you opened it. Saving now would "
            "replace their version. To keep your version anyway, save again."
        )
        % {
            "user": author or _("Someone"),
            "time": date_format(localtime(latest.created_at), "d/m/Y H:i"),
        },
        code="stale",
    )


def warn_with_comparison(request: HttpRequest, page: Page) -> None:
    """before_edit_page: beside the form's refusal, links to compare and to reload.

    Form errors are shown as text, so the links travel as a message's buttons.
    """
    if request.method != "POST" or not request.accepts("text/html"):
        return  # autosave has Wagtail's own conflict answer
    latest = newer_revision(page, request.POST)
    if latest is None:
        return
    loaded_id = request.POST.get("loaded_revision_id") or request.POST.get("overwrite_revision_id")
    messages.warning(
        request,
        _("Compare the two versions, or reload the page (your changes here are lost)."),
        buttons=[
            messages.button(compare_url(page, loaded_id, latest), _("Compare versions")),
            messages.button(reverse("wagtailadmin_pages:edit", args=[page.pk]), _("Reload")),
        ],
    )


def has_publishing_dialog(panel: Panel) -> bool:
    if isinstance(panel, PublishingPanel):
        return True
    return any(has_publishing_dialog(child) for child in getattr(panel, "children", ()))


def schedule_toggle_shown(form: WagtailAdminPageForm) -> bool:
    edit_handler = form._meta.model.get_edit_handler()
    return "go_live_at" in form.base_fields and has_publishing_dialog(edit_handler)


class EditorialPageForm(WagtailAdminPageForm):
    """Base form of every page type (set as `base_form_class` on each page model)."""

    def __init_subclass__(cls, **kwargs):
        """Wagtail's status panel offers a scheduling dialog, which only a PublishingPanel
        renders; page types with go-live and expiry as plain fields on their Publishing
        tab have none, so the toggle there would open nothing. Wagtail builds each page
        form as `(WagtailAdminDraftStateFormMixin, base_form_class)`, the mixin's property
        first, so the narrower rule is set on each built form class itself."""
        super().__init_subclass__(**kwargs)
        cls.show_schedule_publishing_toggle = property(schedule_toggle_shown)

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if self.instance.pk:
            return slug  # an existing page keeps its published URL
        # The admin's script fills the field with the marks kept; sites write URLs without.
        return ascii_slug(slug) or slug  # a slug of marks alone ("đ") folds to "d"

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk:
            latest = newer_revision(self.instance, self.data)
            if latest is not None:
                self.add_error(None, stale_form_error(latest))
        return cleaned_data
