"""`fields=` names exactly the fields the card schemas show."""

from articles.api.filters import CARD_FIELDS
from articles.api.schemas import ArticleCard, DirectiveCard, GalleryCard, OtherPageCard


def test_fields_parameter_names_every_card_field_and_no_other():
    shown = set()
    for card in (ArticleCard, DirectiveCard, GalleryCard, OtherPageCard):
        shown |= set(card.model_fields) - {"id", "type"}
    assert set(CARD_FIELDS) == shown
    assert len(CARD_FIELDS) == len(shown)
