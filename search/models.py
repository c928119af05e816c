"""Storage of the Vietnamese search index in the database.

`IndexEntry` holds each object's analysed terms per weighted column. On SQLite
an FTS5 table indexes these columns (see migration 0002); on PostgreSQL a GIN
index over a tsvector does. Elasticsearch keeps its own copy.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelsearch.backends.base import get_model_root
from wagtail.admin.panels import FieldPanel


def root_content_type(model) -> ContentType:
    """The content type objects of `model` are indexed under: its root model's, as
    modelsearch keys them (wagtailcore.Page for every page type)."""
    return ContentType.objects.get_for_model(get_model_root(model))


class IndexEntry(models.Model):
    # The root model (wagtailcore.Page for every page type), as modelsearch keys objects.
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.BigIntegerField()
    # Space-separated terms from search.analysis, one column per ranking weight.
    title = models.TextField(blank=True)
    number = models.TextField(blank=True)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="unique_index_entry")
        ]

    def __str__(self) -> str:
        return f"{self.content_type_id}:{self.object_id}"


class PendingIndexUpdate(models.Model):
    """An object whose Elasticsearch copy missed a write or a delete.

    Recorded when Elasticsearch could not be reached, so that saves never wait
    for it and no update is lost: the task a later successful write queues, or
    `manage.py sync_search_index`, pushes the object's current IndexEntry (or
    its deletion, when the entry is gone) and removes the row.
    """

    # The Elasticsearch alias that missed the update: one row per copy of the index.
    index_name = models.CharField(max_length=255)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.BigIntegerField()
    # Bumped when the object misses another update, so a sync that read the row
    # earlier does not remove the newer miss.
    recorded_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["index_name", "content_type", "object_id"],
                name="unique_pending_index_update",
            )
        ]

    def __str__(self) -> str:
        return f"{self.index_name} {self.content_type_id}:{self.object_id}"


class Abbreviation(models.Model):
    """A government abbreviation and what it stands for; searched in both directions."""

    abbreviation = models.CharField(
        _("abbreviation"), max_length=30, help_text=_("As written, e.g. UBND or HĐND.")
    )
    expansion = models.CharField(
        _("stands for"), max_length=255, help_text=_("E.g. Ủy ban nhân dân.")
    )

    panels = [FieldPanel("abbreviation"), FieldPanel("expansion")]

    class Meta:
        verbose_name = _("abbreviation")
        verbose_name_plural = _("abbreviations")
        ordering = ["abbreviation"]
        constraints = [
            models.UniqueConstraint(
                fields=["abbreviation", "expansion"], name="unique_abbreviation_expansion"
            )
        ]

    def __str__(self) -> str:
        return f"{self.abbreviation} – {self.expansion}"


class UnansweredSearch(models.Model):
    """Per day, how often a query found nothing: what editors should write about next.

    All searches are counted per day by Wagtail's own search-terms log
    (wagtail.contrib.search_promotions); this keeps the ones without results.
    """

    query = models.ForeignKey(
        "wagtailsearchpromotions.Query",
        on_delete=models.CASCADE,
        related_name="unanswered_daily_hits",
    )
    date = models.DateField()
    hits = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["query", "date"], name="unique_unanswered_search_day")
        ]

    def __str__(self) -> str:
        return f"{self.query} ({self.date}): {self.hits}"
