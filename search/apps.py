from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Vietnamese full-text search: normalisation, indexing and the search API."""

    name = "search"
    label = "vnsearch"
    verbose_name = _("Vietnamese search")

    def ready(self):
        from search.signal_handlers import register_signal_handlers

        register_signal_handlers()
