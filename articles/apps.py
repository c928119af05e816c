from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    """The content model: news, directives and legal documents, galleries."""

    name = "articles"
    verbose_name = _("Content")

    def ready(self):
        from articles.signal_handlers import register_signal_handlers

        register_signal_handlers()
