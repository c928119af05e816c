"""Background work of the search app, run by the task worker (`manage.py db_worker`)."""

from django_tasks import task
from modelsearch.backends import get_search_backend
from modelsearch.conf import get_app_config


@task()
def apply_missed_index_updates(alias: str) -> int:
    """Push to the Elasticsearch index `alias` the updates it missed while unavailable.

    Queued by a write that reached the index while older updates were still recorded,
    so an outage heals without waiting for cron's `sync_search_index`; a search never
    replays them (it only reads). Returns how many were applied.
    """
    for name in get_app_config().get_search_backend_config():
        writes = getattr(get_search_backend(name).engine, "writes", None)
        if writes is not None and writes.alias == alias:
            return writes.catch_up()
    return 0
