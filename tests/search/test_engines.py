"""The engine protocol (search.engines): what every backend's engine answers."""

from wagtail.models import Page

from articles.models import ArticlePage
from search.documents import COLUMNS
from search.engines import Counted, Engine, Ranking
from search.languages import analyse_query
from tests.site_tree import add_published


def test_every_engine_ranks_and_counts_with_a_degraded_flag(search_backend, news_section):
    page = add_published(news_section, ArticlePage(title="Hòa giải ở cơ sở", slug="hg"))
    engine = search_backend.engine
    assert isinstance(engine, Engine)
    analysed = analyse_query("hoa giai")
    ranking = engine.rank(Page.objects.live(), analysed, list(COLUMNS), 10, 0, {})
    assert isinstance(ranking, Ranking) and not ranking.degraded
    assert [pk for pk, _ in ranking.hits] == [page.pk]
    assert engine.count(Page.objects.live(), analysed, list(COLUMNS), {}) == Counted(1, False)
