"""A legal field (lĩnh vực) gets an ASCII slug from its name, folded like every slug."""

from articles.models import LegalField


def test_new_legal_field_slug_is_its_folded_name(db):
    field = LegalField(name="Đất đai – Hòa giải")
    field.save()
    assert field.slug == "dat-dai-hoa-giai"


def test_a_slug_given_is_kept(db):
    field = LegalField(name="Đất đai", slug="dat")
    field.save()
    assert field.slug == "dat"
