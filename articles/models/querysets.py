"""How documents are looked up: the one set of register filters.

The admin's document register, `/api/pages/` and `/api/search/` all filter
through these methods, so the three agree by construction.
"""

import datetime

from django.db.models import Q
from wagtail.query import PageQuerySet

from articles.models import validity
from articles.models.snippets import DocumentType, LegalField
from articles.models.validity import Validity
from vietnamese_text.document_numbers import parse_document_number


class DirectivePageQuerySet(PageQuerySet):
    def with_number(self, number: str):
        """Documents with this số ký hiệu, in any spelling, or containing this fragment.

        A recognised number names one document and matches on its parsed key
        (05-ct/tu finds 05-CT/TU, not 105-CT/TU). Anything else is a fragment as
        clerks type it (QĐ-UBND, 123) and finds every number containing it.
        """
        parsed = parse_document_number(number)
        if parsed is not None:
            return self.filter(number_key=parsed.key)
        return self.filter(number__icontains=number.strip())

    def with_validity(self, status: str, on: datetime.date | None = None):
        """Filter by the status an editor set or, where none is set, by the dates."""
        on = on or validity.today()
        derived = {
            Validity.NOT_YET: Q(effective_date__gt=on),
            Validity.EXPIRED: Q(expiry_date__lte=on),
            Validity.IN_FORCE: (Q(effective_date__isnull=True) | Q(effective_date__lte=on))
            & (Q(expiry_date__isnull=True) | Q(expiry_date__gt=on)),
            Validity.PARTLY_EXPIRED: Q(pk__in=[]),
        }[status]
        return self.filter(Q(validity_override=status) | (Q(validity_override="") & derived))

    def of_document_type(self, code: str):
        """Documents of a type, by its code (CT, QĐ…), case aside.

        Compared in Python: SQLite folds the case of ASCII letters only, and qđ is QĐ.
        """
        wanted = code.strip().casefold()
        codes = DocumentType.objects.values_list("code", flat=True).distinct()
        return self.filter(document_type__code__in=[c for c in codes if c.casefold() == wanted])

    def issued_by(self, issuing_body_id: int):
        return self.filter(issuing_body_id=issuing_body_id)

    def issued_in_year(self, year: int):
        return self.filter(issue_date__year=year)

    def in_legal_field(self, slug: str):
        """Documents in a field (lĩnh vực) or any of its sub-fields (three levels at most)."""
        fields = LegalField.objects.filter(slug=slug)
        subtree = (
            Q(pk__in=fields.values("pk")) | Q(parent__in=fields) | Q(parent__parent__in=fields)
        )
        in_field = self.model.objects.filter(legal_fields__in=LegalField.objects.filter(subtree))
        return self.filter(pk__in=in_field.values("pk"))
