"""Page JSON stored when content changes, so that a read is one indexed row (issue #15).

`PageRepresentation` holds, per page and site, the detail and the card the pages API
serves, as JSON text with absolute URLs left on a placeholder base (the base is per
request: api/absolute_urls.py). It is built on write (articles/representations/build.py)
and deleted the moment anything it shows changes (articles/representations/invalidation.py);
a read that finds no fresh row assembles the response instead and writes nothing.

`RepresentationDependency` records what a page's stored JSON was made from — the pages it
links, cites or lists, its ancestors (breadcrumbs), images, documents, media, snippets —
so that a change to one of them deletes exactly the rows that show it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Site


class PageRepresentation(models.Model):
    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="+")
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="+")
    detail = models.TextField(_("detail JSON"))
    card = models.TextField(_("card JSON"))
    built_at = models.DateTimeField(_("built at"))
    # A linked page's expiry hides its link without any signal until publish_scheduled
    # runs: the row is not served past the earliest such expiry.
    fresh_until = models.DateTimeField(_("fresh until"), null=True, blank=True)
    # A directive's hiệu lực (validity) is judged on the day of the request: the row is
    # served only on days the statuses it shows are the same (validity.today()).
    first_day = models.DateField(_("first day"), null=True, blank=True)
    last_day = models.DateField(_("last day"), null=True, blank=True)

    class Meta:
        verbose_name = _("stored page representation")
        verbose_name_plural = _("stored page representations")
        constraints = [
            models.UniqueConstraint(fields=["page", "site"], name="unique_page_site_representation")
        ]

    def __str__(self) -> str:
        return f"page {self.page_id} on site {self.site_id}"


class RepresentationDependency(models.Model):
    """One thing a page's stored JSON shows: (`kind`, `object_id`), kind a model label."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=100)
    object_id = models.BigIntegerField(_("object id"))

    class Meta:
        verbose_name = _("stored representation dependency")
        verbose_name_plural = _("stored representation dependencies")
        indexes = [models.Index(fields=["kind", "object_id"], name="representation_dependency")]
        constraints = [
            models.UniqueConstraint(
                fields=["page", "kind", "object_id"], name="unique_representation_dependency"
            )
        ]

    def __str__(self) -> str:
        return f"page {self.page_id} shows {self.kind} {self.object_id}"
