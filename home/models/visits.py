"""Lượt truy cập: what the visit counter counts, per page and for the whole site."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PageVisits(models.Model):
    """Lượt truy cập (views) of one page on one day, in the site's time zone.

    One row per page per day keeps "today" and "all time" cheap to answer and
    lets a view be counted with a single upsert (see `home.api.visits`).
    """

    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+"
    )
    date = models.DateField(_("date"))
    count = models.PositiveIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("page visits")
        verbose_name_plural = _("page visits")
        constraints = [
            models.UniqueConstraint(fields=["page", "date"], name="unique_page_visits_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.page_id} {self.date}: {self.count}"


class SiteVisits(models.Model):
    """Views of the whole portal on one day: the footer's "Số lượt truy cập — Tất cả".

    Kept apart from PageVisits so that deleting a page never lowers the site's
    total, and so the total is one small table's sum rather than every page's.
    """

    date = models.DateField(_("date"), unique=True)
    count = models.PositiveIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("site visits")
        verbose_name_plural = _("site visits")

    def __str__(self) -> str:
        return f"{self.date}: {self.count}"
