"""Storage of the Vietnamese search index in the database.

`IndexEntry` holds each object's analysed terms per weighted column. On SQLite
an FTS5 table indexes these columns (see migration 0002); on PostgreSQL a GIN
index over a tsvector does. Elasticsearch keeps its own copy.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import models


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
