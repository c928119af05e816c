"""Directives and legal documents (văn bản chỉ đạo, điều hành): the register's entries,
their files and their typed relations to other documents."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from articles.blocks import body_blocks
from articles.models import validity
from articles.models.pages.attachments import PageAttachment
from articles.models.pages.common import tabbed
from articles.models.querysets import DirectivePageQuerySet
from articles.models.validity import Validity
from articles.preview import HeadlessPreviewMixin
from articles.widgets import TreeCheckboxSelectMultiple
from editorial.forms import EditorialPageForm
from vietnamese_text.document_numbers import parse_document_number


class DirectivePage(HeadlessPreviewMixin, Page):
    """Văn bản chỉ đạo, điều hành: a document with the metadata Nghị định 42/2022 asks for."""

    base_form_class = EditorialPageForm

    document_type = models.ForeignKey(
        "articles.DocumentType",
        verbose_name=_("document type"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
    )
    number = models.CharField(
        _("number and symbol"),
        max_length=100,
        blank=True,
        help_text=_("Số ký hiệu, exactly as printed, e.g. 05-CT/TU or 42/2022/NĐ-CP."),
    )
    # Parsed from `number` on save: used by search, filters and the duplicate check.
    number_key = models.CharField(max_length=120, blank=True, db_index=True, editable=False)
    number_year = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    type_code = models.CharField(max_length=20, blank=True, editable=False)
    issuer_code = models.CharField(max_length=50, blank=True, editable=False)
    issuing_body = models.ForeignKey(
        "articles.IssuingBody",
        verbose_name=_("issuing body"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
    )
    signer_name = models.CharField(_("signed by"), max_length=255, blank=True)
    signer_title = models.CharField(_("signer's title"), max_length=255, blank=True)
    issue_date = models.DateField(_("issue date"), null=True, blank=True, db_index=True)
    effective_date = models.DateField(_("effective date"), null=True, blank=True)
    expiry_date = models.DateField(_("expiry date"), null=True, blank=True)
    validity_override = models.CharField(
        _("validity status"),
        max_length=20,
        blank=True,
        choices=Validity.choices,
        help_text=_("Leave empty to derive it from the dates."),
    )
    legal_fields = ParentalManyToManyField(
        "articles.LegalField", verbose_name=_("fields"), blank=True, related_name="documents"
    )
    abstract = models.TextField(_("abstract"), blank=True, help_text=_("Trích yếu nội dung."))
    body = StreamField(body_blocks(), verbose_name=_("full text"), blank=True)

    objects = PageManager.from_queryset(DirectivePageQuerySet)()

    parent_page_types = ["articles.DirectiveIndexPage"]
    subpage_types: list[str] = []

    content_panels = Page.content_panels + [
        FieldPanel("abstract"),
        FieldPanel("body"),
        InlinePanel("attachments", heading=_("Files"), label=_("file")),
    ]
    metadata_panels = [
        FieldRowPanel([FieldPanel("document_type"), FieldPanel("number")]),
        FieldPanel("issuing_body"),
        FieldRowPanel([FieldPanel("signer_name"), FieldPanel("signer_title")]),
        FieldRowPanel(
            [FieldPanel("issue_date"), FieldPanel("effective_date"), FieldPanel("expiry_date")]
        ),
        FieldPanel("validity_override"),
        FieldPanel("legal_fields", widget=TreeCheckboxSelectMultiple),
        InlinePanel("relations", heading=_("Related documents"), label=_("relation")),
    ]
    edit_handler = tabbed(content_panels, metadata_panels)

    search_fields = Page.search_fields + [
        index.SearchField("number", boost=5),
        index.SearchField("number_key", boost=5),
        index.AutocompleteField("number"),
        index.SearchField("abstract", boost=2),
        index.SearchField("body"),
        index.SearchField("signer_name"),
        index.FilterField("issue_date"),
        index.FilterField("number_year"),
        index.FilterField("document_type"),
        index.FilterField("issuing_body"),
        index.RelatedFields("issuing_body", [index.SearchField("name")]),
        index.RelatedFields("document_type", [index.SearchField("name")]),
    ]

    override_translatable_fields = [
        SynchronizedField("number"),
        SynchronizedField("document_type"),
        SynchronizedField("issuing_body"),
        SynchronizedField("issue_date"),
        SynchronizedField("effective_date"),
        SynchronizedField("expiry_date"),
        SynchronizedField("validity_override"),
        SynchronizedField("signer_name"),
        TranslatableField("signer_title"),
        TranslatableField("abstract"),
    ]

    class Meta:
        verbose_name = _("directive or legal document")
        verbose_name_plural = _("directives and legal documents")

    @property
    def validity_status(self) -> str:
        if self.validity_override:
            return self.validity_override
        on = validity.today()
        if self.effective_date and self.effective_date > on:
            return Validity.NOT_YET
        if self.expiry_date and self.expiry_date <= on:
            return Validity.EXPIRED
        return Validity.IN_FORCE

    @property
    def validity_label(self) -> str:
        return str(Validity(self.validity_status).label)

    def full_clean(self, *args, **kwargs):
        self.apply_parsed_number()
        super().full_clean(*args, **kwargs)

    def clean(self):
        super().clean()
        errors = {}
        if self.issue_date and self.effective_date and self.effective_date < self.issue_date:
            errors["effective_date"] = _("The effective date cannot be before the issue date.")
        if self.effective_date and self.expiry_date and self.expiry_date <= self.effective_date:
            errors["expiry_date"] = _("The expiry date must be after the effective date.")
        duplicate = self.find_duplicate()
        if duplicate is not None:
            errors["number"] = _(
                "Another document already has this number from the same issuer, type and "
                "year: “%(title)s”."
            ) % {"title": duplicate.title}
        if errors:
            raise ValidationError(errors)

    def apply_parsed_number(self) -> None:
        """Store the parts of the number as typed; an unparseable one keeps empty parts."""
        parsed = parse_document_number(self.number) if self.number else None
        self.number_key = parsed.key if parsed else ""
        self.number_year = parsed.year if parsed else None
        self.type_code = (parsed.type_code or "") if parsed else ""
        self.issuer_code = (parsed.issuer_code or "") if parsed else ""

    @property
    def number_is_recognised(self) -> bool:
        return not self.number or parse_document_number(self.number) is not None

    def numbering_period(self) -> str:
        """The period within which a number is unique.

        State legal documents carry their year in the number. Administrative state
        documents restart numbering every year, and Party documents every term of the
        Party committee (5 years; provincial congresses meet in the autumn of years
        divisible by 5, so a document from before October of such a year belongs to
        the previous term).
        """
        if self.number_year:
            return str(self.number_year)
        if not self.issue_date:
            return ""
        year = self.issue_date.year
        parsed = parse_document_number(self.number)
        if parsed is None or parsed.convention != "party":
            return str(year)
        term_start = year - year % 5
        if year == term_start and self.issue_date.month < 10:
            term_start -= 5
        return f"term-{term_start}"

    def find_duplicate(self) -> "DirectivePage | None":
        if not self.number_key:
            return None
        others = DirectivePage.objects.filter(number_key=self.number_key)
        if self.locale_id:
            others = others.filter(locale_id=self.locale_id)
        if self.translation_key:
            # The same document in another language or an earlier save of this page.
            others = others.exclude(translation_key=self.translation_key)
        if self.pk:
            others = others.exclude(pk=self.pk)
        period = self.numbering_period()
        for other in others.only("id", "title", "number", "number_year", "issue_date"):
            if other.numbering_period() == period or not period or not other.numbering_period():
                return other
        return None

    def save(self, *args, **kwargs):
        self.apply_parsed_number()
        super().save(*args, **kwargs)

    def relations_both_ways(self) -> list[dict]:
        """Every typed relation with this document, described from this end."""
        outgoing = [
            {"relation": r.relation_type, "label": r.get_relation_type_display(), "page": r.target}
            for r in self.relations.select_related("target")
        ]
        incoming = [
            {
                "relation": r.relation_type,
                "label": DirectiveRelation.INVERSE_LABELS[r.relation_type],
                "page": r.source,
            }
            for r in DirectiveRelation.objects.filter(target=self).select_related("source")
        ]
        return outgoing + incoming


class DirectiveAttachment(PageAttachment):
    page = ParentalKey(DirectivePage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(  # labelled "file": the document is the page itself
        "wagtaildocs.Document", verbose_name=_("file"), on_delete=models.CASCADE, related_name="+"
    )


class DirectiveRelation(Orderable):
    """A typed link between two documents, stored once and shown from both ends."""

    class RelationType(models.TextChoices):
        AMENDS = "amends", _("Amends")
        REPLACES = "replaces", _("Replaces")
        GUIDES = "guides", _("Guides the implementation of")
        REPEALS = "repeals", _("Repeals")
        BASED_ON = "based_on", _("Is based on")

    INVERSE_LABELS = {
        RelationType.AMENDS: _("Amended by"),
        RelationType.REPLACES: _("Replaced by"),
        RelationType.GUIDES: _("Implementation guided by"),
        RelationType.REPEALS: _("Repealed by"),
        RelationType.BASED_ON: _("Basis for"),
    }

    source = ParentalKey(DirectivePage, on_delete=models.CASCADE, related_name="relations")
    relation_type = models.CharField(_("relation"), max_length=20, choices=RelationType.choices)
    target = models.ForeignKey(
        DirectivePage,
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="incoming_relations",
    )

    panels = [FieldPanel("relation_type"), FieldPanel("target")]

    def clean(self):
        super().clean()
        if self.target_id and self.target_id == self.source_id:
            raise ValidationError({"target": _("A document cannot be related to itself.")})
