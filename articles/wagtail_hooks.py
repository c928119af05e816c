"""Admin wiring for the content model: snippet screens, the document register, warnings."""

import django_filters
from django.contrib import messages
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.ui.tables.pages import PageTitleColumn
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from articles.models import (
    Byline,
    Category,
    DirectivePage,
    DocumentType,
    IssuingBody,
    LegalField,
    Validity,
)


class DirectiveFilterSet(WagtailFilterSet):
    document_type = django_filters.ModelChoiceFilter(
        label=_("document type"), queryset=DocumentType.objects.all(), method="filter_type"
    )
    issuing_body = django_filters.ModelChoiceFilter(
        label=_("issuing body"), queryset=IssuingBody.objects.all(), method="filter_issuer"
    )
    issue_year = django_filters.NumberFilter(label=_("year"), method="filter_year")
    validity = django_filters.ChoiceFilter(
        label=_("validity status"), choices=Validity.choices, method="filter_validity"
    )
    number = django_filters.CharFilter(label=_("number and symbol"), method="filter_number")

    class Meta:
        model = DirectivePage
        fields = []

    # Each filter is the queryset method /api/pages/ and /api/search/ use, so they agree.
    def filter_type(self, queryset, name, value):
        return queryset.of_document_type(value.code)

    def filter_issuer(self, queryset, name, value):
        return queryset.issued_by(value.pk)

    def filter_year(self, queryset, name, value):
        return queryset.issued_in_year(int(value))

    def filter_validity(self, queryset, name, value):
        return queryset.with_validity(value)

    def filter_number(self, queryset, name, value):
        return queryset.with_number(value)


def issue_date_shown(page: DirectivePage) -> str:
    """dd/mm/yyyy, as the document itself prints it (not Wagtail's "5 years ago")."""
    return page.issue_date.strftime("%d/%m/%Y") if page.issue_date else ""


def listing_column(name: str) -> Column:
    """One of Wagtail's own page listing columns (bulk actions, title, status)."""
    return next(column for column in PageListingViewSet.columns if column.name == name)


class DirectiveListingViewSet(PageListingViewSet):
    """A flat register of documents, filterable as clerks look them up."""

    model = DirectivePage
    icon = "doc-full-inverse"
    menu_label = _("Directives register")
    # Named by us: derived from the label, it could match Wagtail's documents item,
    # and the sidebar would highlight both.
    menu_name = "directives"
    add_to_admin_menu = True
    menu_order = 150
    name = "directives"
    filterset_class = DirectiveFilterSet
    columns = [
        listing_column("bulk_actions"),
        Column("number", label=_("number and symbol"), sort_key="number"),
        PageTitleColumn("title", label=_("summary"), sort_key="title", classname="title"),
        Column("document_type", label=_("document type")),
        Column("issuing_body", label=_("issuing body")),
        Column(
            "issue_date", label=_("issue date"), accessor=issue_date_shown, sort_key="issue_date"
        ),
        Column("validity_label", label=_("validity status")),
        listing_column("status"),
    ]


@hooks.register("register_admin_viewset")
def register_directive_listing():
    return DirectiveListingViewSet()


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "tag"
    list_display = ["name", "slug"]
    search_fields = ["name"]


class BylineViewSet(SnippetViewSet):
    model = Byline
    icon = "user"
    list_display = ["name", "kind", "job_title"]
    list_filter = ["kind"]
    search_fields = ["name", "full_name"]


class IssuingBodyViewSet(SnippetViewSet):
    model = IssuingBody
    icon = "group"
    list_display = ["name", "code"]
    search_fields = ["name", "code"]


class DocumentTypeViewSet(SnippetViewSet):
    model = DocumentType
    icon = "list-ul"
    list_display = ["name", "code", "sort_order"]
    search_fields = ["name", "code"]


class LegalFieldViewSet(SnippetViewSet):
    model = LegalField
    icon = "folder-open-inverse"
    list_display = ["__str__", "slug"]
    search_fields = ["name"]


class ReferenceListsGroup(SnippetViewSetGroup):
    menu_label = _("Reference lists")
    menu_icon = "folder-inverse"
    menu_order = 160
    items = (
        CategoryViewSet,
        BylineViewSet,
        IssuingBodyViewSet,
        DocumentTypeViewSet,
        LegalFieldViewSet,
    )


register_snippet(ReferenceListsGroup)


def warn_about_unrecognised_number(request, page):
    """Real documents are messy: keep an odd number, but tell the editor."""
    page = page.specific
    if isinstance(page, DirectivePage) and not page.number_is_recognised:
        messages.warning(
            request,
            _(
                "The number “%(number)s” does not follow the national conventions "
                "(e.g. 05-CT/TU or 42/2022/NĐ-CP). It was saved as typed; check it."
            )
            % {"number": page.number},
        )


hooks.register("after_create_page", warn_about_unrecognised_number)
hooks.register("after_edit_page", warn_about_unrecognised_number)
