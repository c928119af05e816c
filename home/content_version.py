"""The content version: one number that changes whenever anything the public API shows changes.

HTTP caching (`api.conditional`, given it by `home.http_caching`) builds every ETag
and Last-Modified from it, so a frontend that revalidates after a publish never gets a
304 for stale content, and a revalidation costs one tiny query instead of the whole
response.

It is a database row, not a cache entry: every worker and every server sees the same
number, and a change of content and the change of the number commit (or roll back)
together in the editor's transaction.

What changes it (`home.signal_handlers`): publishing, unpublishing (expiry included,
through `publish_scheduled`), moving or deleting a page; saving or deleting a snippet, a
site setting, a redirect, an image, a document, a collection or a privacy restriction.
Saving a draft does not: drafts are never public.
"""

from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

# The single row's primary key.
ROW = 1

# Besides every snippet and every site setting, these models feed public endpoints.
PUBLIC_MODELS = {
    "wagtailcore.site",
    "wagtailcore.locale",
    "wagtailcore.collection",
    "wagtailcore.pageviewrestriction",
    "wagtailcore.collectionviewrestriction",
    "wagtailimages.image",
    "wagtaildocs.document",
    "wagtailmedia.media",
    "wagtailredirects.redirect",
    "wagtailsearchpromotions.searchpromotion",
    "vnsearch.abbreviation",
    "home.sitesettingstranslation",
}
# Snippets that are admin bookkeeping, never shown by the API: saved on every
# delivery attempt, they would otherwise invalidate every cached response each minute.
PRIVATE_SNIPPETS = {"home.webhook", "home.webhookdelivery"}


class ContentVersion(models.Model):
    """One row: how many public changes there have been, and when the last one happened."""

    number = models.PositiveBigIntegerField(_("version"), default=0)
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)

    class Meta:
        verbose_name = _("content version")
        verbose_name_plural = _("content versions")

    def __str__(self) -> str:
        return f"{self.number} ({self.changed_at:%Y-%m-%d %H:%M:%S})"


def current() -> ContentVersion:
    """The version now; an unsaved zero version if the row is missing (a freshly flushed DB)."""
    version = ContentVersion.objects.filter(pk=ROW).first()
    if version is None:
        return ContentVersion(pk=ROW, number=0, changed_at=timezone.now())
    return version


def bump() -> None:
    """Add one to the version, in the caller's transaction (so a rollback undoes it)."""
    now = timezone.now()
    if ContentVersion.objects.filter(pk=ROW).update(number=F("number") + 1, changed_at=now):
        return
    try:
        with transaction.atomic():
            ContentVersion.objects.create(pk=ROW, number=1, changed_at=now)
    except IntegrityError:  # another process created the row first
        ContentVersion.objects.filter(pk=ROW).update(number=F("number") + 1, changed_at=now)


def model_key(model: type[models.Model]) -> str:
    return model._meta.label_lower


def is_public_model(model: type[models.Model]) -> bool:
    """Whether saving this model can change what an anonymous API reader sees."""
    if issubclass(model, Page):
        return False  # pages change the version by being published, not by saving drafts
    key = model_key(model)
    if key in PUBLIC_MODELS:
        return True
    if key in PRIVATE_SNIPPETS:
        return False
    from wagtail.contrib.settings.registry import registry as settings_registry
    from wagtail.snippets.models import get_snippet_models

    return model in get_snippet_models() or model in list(settings_registry)
