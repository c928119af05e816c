"""Caches the search engine keeps in memory, forgotten when their rows change, so queries
use an edited abbreviation list or a new language at once.

Connected in `SearchConfig.ready()`.
"""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Locale

from search.abbreviations import forget_table
from search.locales import forget_locales
from search.models import Abbreviation


def register_signal_handlers() -> None:
    post_save.connect(forget_table, sender=Abbreviation, dispatch_uid="abbreviations-saved")
    post_delete.connect(forget_table, sender=Abbreviation, dispatch_uid="abbreviations-deleted")
    post_save.connect(forget_locales, sender=Locale, dispatch_uid="vnsearch-locale-saved")
    post_delete.connect(forget_locales, sender=Locale, dispatch_uid="vnsearch-locale-deleted")
