"""Reference lists editors maintain: who writes, who issues, what kind, which field."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index

from vietnamese_text.folding import fold


class Category(TranslatableMixin, index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=255, allow_unicode=False)

    panels = [FieldPanel("name"), FieldPanel("slug")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    def __str__(self) -> str:
        return self.name


class Byline(TranslatableMixin, index.Indexed, models.Model):
    """Who an article is credited to: a unit ("Phòng PBGDPL") or a person."""

    class Kind(models.TextChoices):
        UNIT = "unit", _("Unit")
        PERSON = "person", _("Person")

    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.UNIT)
    full_name = models.CharField(
        _("full name"),
        max_length=255,
        blank=True,
        help_text=_("For a unit known by its initials: Phòng Phổ biến, giáo dục pháp luật."),
    )
    job_title = models.CharField(_("job title"), max_length=255, blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("full_name"),
        FieldPanel("job_title"),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("full_name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("byline")
        verbose_name_plural = _("bylines")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class IssuingBody(TranslatableMixin, index.Indexed, models.Model):
    """Cơ quan ban hành: "Ban Thường vụ Tỉnh ủy Sóc Trăng", "UBND tỉnh Sóc Trăng"."""

    name = models.CharField(_("name"), max_length=255)
    code = models.CharField(
        _("code"),
        max_length=50,
        blank=True,
        help_text=_("The issuer part of its document numbers, e.g. TU or UBND."),
    )

    panels = [FieldPanel("name"), FieldPanel("code")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("issuing body")
        verbose_name_plural = _("issuing bodies")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class DocumentType(TranslatableMixin, models.Model):
    """Hình thức văn bản: an editable list seeded with the national types."""

    name = models.CharField(_("name"), max_length=100)
    code = models.CharField(
        _("code"), max_length=20, help_text=_("As in document numbers: CT, QĐ, NQ, NĐ.")
    )
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=100)

    panels = [FieldPanel("name"), FieldPanel("code"), FieldPanel("sort_order")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("document type")
        verbose_name_plural = _("document types")
        ordering = ["sort_order", "name"]
        unique_together = [("translation_key", "locale"), ("code", "locale")]

    def __str__(self) -> str:
        return self.name


class LegalField(TranslatableMixin, models.Model):
    """Lĩnh vực: a two- or three-level tree such as Tư pháp › Hòa giải ở cơ sở."""

    MAX_DEPTH = 3

    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=255, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent field"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("parent")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("field")
        verbose_name_plural = _("fields")
        ordering = ["name"]

    def __str__(self) -> str:
        return " › ".join(f.name for f in self.ancestors_and_self())

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(fold(self.name))[:255]
        super().save(*args, **kwargs)

    def ancestors_and_self(self) -> list["LegalField"]:
        chain, node, seen = [], self, set()
        while node is not None and node.pk not in seen:
            seen.add(node.pk)
            chain.append(node)
            node = node.parent
        return list(reversed(chain))

    def clean(self):
        super().clean()
        node, depth = self.parent, 1
        while node is not None:
            if node.pk is not None and node.pk == self.pk:
                raise ValidationError({"parent": _("A field cannot be inside itself.")})
            depth += 1
            node = node.parent
        if depth > self.MAX_DEPTH:
            raise ValidationError(
                {
                    "parent": _("Fields can be nested at most %(depth)s levels deep.")
                    % {"depth": self.MAX_DEPTH}
                }
            )
