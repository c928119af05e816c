"""What must hold in the database whatever moment a process was killed at; run in a
subprocess against a scratch database (`manage.py shell -c`), printed as JSON."""

import json

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, Revision

from articles.models import ArticlePage, ImportRecord


def tree_problems() -> dict[str, int]:
    names = ["bad_alpha", "bad_path", "orphans", "bad_depth", "bad_numchild"]
    return {name: len(found) for name, found in zip(names, Page.find_problems(), strict=True)}


def half_pages() -> dict[str, list[int]]:
    pages = Page.objects.exclude(depth=1)
    live = pages.filter(live=True)
    return {
        "without_revision": list(
            pages.filter(latest_revision__isnull=True).values_list("pk", flat=True)
        ),
        "live_never_published": list(
            live.filter(live_revision__isnull=True).values_list("pk", flat=True)
        ),
        "live_title_not_its_revision": [
            page.pk
            for page in live.exclude(live_revision__isnull=True).select_related("live_revision")
            if page.live_revision.content.get("title") != page.title
        ],
        "article_without_its_row": list(
            pages.filter(content_type=ContentType.objects.get_for_model(ArticlePage))
            .exclude(pk__in=ArticlePage.objects.values("pk"))
            .values_list("pk", flat=True)
        ),
    }


def orphaned_revisions() -> int:
    page_type = ContentType.objects.get_for_model(Page)
    page_ids = {str(pk) for pk in Page.objects.values_list("pk", flat=True)}
    return sum(
        object_id not in page_ids
        for object_id in Revision.objects.filter(base_content_type=page_type).values_list(
            "object_id", flat=True
        )
    )


def report():
    print(
        json.dumps(
            {
                "tree": tree_problems(),
                "half_pages": half_pages(),
                "orphaned_revisions": orphaned_revisions(),
                "articles": ArticlePage.objects.count(),
                "import_records": ImportRecord.objects.count(),
                "imported_titles": sorted(
                    ImportRecord.objects.values_list("page__title", flat=True)
                ),
            }
        )
    )
