"""Admin screens of the search app: abbreviations, and the searches that found nothing."""

from django.db.models import Sum
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django_filters import DateFromToRangeFilter
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.menu import AdminOnlyMenuItem
from wagtail.admin.ui.tables import Column, NumberColumn
from wagtail.contrib.search_promotions.models import Query
from wagtail.contrib.search_promotions.views.reports import SearchTermsReportView
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from search.models import Abbreviation
from search.panels import SearchesWithoutResultsPanel


class AbbreviationViewSet(SnippetViewSet):
    model = Abbreviation
    icon = "search"
    menu_label = _("Search abbreviations")
    add_to_settings_menu = True
    list_display = ["abbreviation", "expansion"]
    search_fields = ["abbreviation", "expansion"]


register_snippet(AbbreviationViewSet)


class UnansweredSearchesFilterSet(WagtailFilterSet):
    date = DateFromToRangeFilter(
        label=_("Date"), field_name="unanswered_daily_hits__date", widget=DateRangePickerWidget
    )

    class Meta:
        model = Query
        fields = []


class UnansweredSearchesReportView(SearchTermsReportView):
    """Like Wagtail's "Search terms" report, counting only searches that found nothing."""

    page_title = _("Searches without results")
    filterset_class = UnansweredSearchesFilterSet
    index_url_name = "unanswered_searches"
    index_results_url_name = "unanswered_searches_results"
    columns = [
        Column("query_string", label=_("Search term(s)"), sort_key="query_string"),
        NumberColumn("_hits", label=_("Searches"), sort_key="_hits"),
    ]
    export_headings = {"query_string": _("Search term(s)"), "_hits": _("Searches")}

    def get_base_queryset(self):
        return (
            Query.objects.filter(unanswered_daily_hits__isnull=False)
            .annotate(_hits=Sum("unanswered_daily_hits__hits"))
            .order_by("-_hits")
        )


@hooks.register("register_admin_urls")
def register_unanswered_searches_url():
    view = UnansweredSearchesReportView
    return [
        path("reports/unanswered-searches/", view.as_view(), name="unanswered_searches"),
        path(
            "reports/unanswered-searches/results/",
            view.as_view(results_only=True),
            name="unanswered_searches_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_unanswered_searches_menu_item():
    return AdminOnlyMenuItem(
        _("Searches without results"),
        reverse("unanswered_searches"),
        icon_name="search",
        order=720,
    )


@hooks.register("construct_homepage_panels")
def add_searches_without_results_panel(request, panels):
    if SearchesWithoutResultsPanel.is_shown_to(request.user):
        panels.append(SearchesWithoutResultsPanel(request.user))
