"""manage.py update_index (search/management/commands/update_index.py): the whole index
rebuilt a keyset chunk at a time, each chunk's entries written with one upsert."""

from django.core.management import call_command

from articles.models import ArticlePage
from search.models import IndexEntry
from tests.site_tree import add_published


def entries() -> dict[int, tuple[str, str, str, str]]:
    return {
        entry.object_id: (entry.title, entry.number, entry.summary, entry.body)
        for entry in IndexEntry.objects.all()
    }


def test_update_index_in_small_chunks_indexes_every_page_once(news_section):
    pages = [
        add_published(
            news_section,
            ArticlePage(title=f"Hòa giải {n}", slug=f"hg-{n}", lead="hòa giải ở cơ sở"),
        )
        for n in range(7)
    ]
    saved = entries()
    IndexEntry.objects.filter(object_id__in=[page.pk for page in pages[::2]]).delete()

    call_command("update_index", chunk_size=2, verbosity=0)

    rebuilt = entries()
    # Pages made by migrations (the tree's root) were never saved: only the rebuild has them.
    assert {pk: rebuilt[pk] for pk in saved} == saved
    assert {page.pk for page in pages} <= saved.keys()
    assert [page.pk for page in ArticlePage.objects.live().search("hòa giải 3")][0] == pages[3].pk
