"""Background work of the stored page JSON, run by the task worker (`manage.py db_worker`)."""

from django_tasks import task
from wagtail.models import Page

from articles.representations.build import rebuild_pages


@task()
def rebuild_stored_pages(page_ids: list[int] | None) -> int:
    """Store the JSON of these pages (None: every live page) after a change committed.

    Queued by articles.representations.invalidation; returns how many pages were stored.
    """
    if page_ids is None:
        page_ids = list(Page.objects.filter(live=True).values_list("pk", flat=True))
    return rebuild_pages(page_ids)
