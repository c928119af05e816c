"""Which page an imported item became."""

from django.db import models


class ImportRecord(models.Model):
    """Remembers which page an imported item became, so that re-imports update it."""

    source_id = models.CharField(max_length=500, unique=True)
    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="import_record"
    )
    imported_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.source_id
