"""Admin screens of the search app: the abbreviation list editors maintain."""

from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from search.abbreviations import forget_table
from search.models import Abbreviation


class AbbreviationViewSet(SnippetViewSet):
    model = Abbreviation
    icon = "search"
    menu_label = _("Search abbreviations")
    add_to_settings_menu = True
    list_display = ["abbreviation", "expansion"]
    search_fields = ["abbreviation", "expansion"]


register_snippet(AbbreviationViewSet)

# Queries use the edited list at once, not after the cache expires.
post_save.connect(forget_table, sender=Abbreviation, dispatch_uid="abbreviations-saved")
post_delete.connect(forget_table, sender=Abbreviation, dispatch_uid="abbreviations-deleted")
