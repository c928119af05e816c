"""Webhook receivers that are down, slow, or failing never hold an editor's publish; the
worker retries with growing waits, logs every failure, and gives up in the open.

Before: without a TASKS setting django-tasks ran the first delivery inside the editor's
request, right after the commit, so a frontend that hung cost every publish up to
TIMEOUT_SECONDS (5 s) per webhook; retries happened only if someone had put
`deliver_webhooks` in cron; a failure was logged without the URL, a final one no louder than
the others. Now publishing only queues a task (django-tasks-db), `db_worker` makes the
attempts, and each failure queues the next attempt for after its backoff (`run_after`).

The receiver is a real HTTP server in a thread; the worker is django-tasks-db's own
`db_worker` loop, run here in the test's process (`--batch`: until nothing is ready).
"""

import logging
import time
from datetime import timedelta

import pytest
from django.test import override_settings
from django.urls import reverse
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from articles.factories import ArticlePageFactory
from cms.settings.base import TASKS as DEPLOYED_TASKS
from home import webhooks
from home.webhooks import Webhook, WebhookDelivery

Status = WebhookDelivery.Status

pytestmark = [
    # Committed for real, so that on-commit hooks run as they do on a live server.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("database_tasks"),
]


@pytest.fixture
def database_tasks():
    """The tasks backend `make run` and production use (tests otherwise run tasks at once)."""
    with override_settings(TASKS=DEPLOYED_TASKS):
        yield


@pytest.fixture
def article(news_section):
    return ArticlePageFactory(parent=news_section, title="Thông báo lịch tiếp công dân")


@pytest.fixture
def quick_backoff(monkeypatch):
    """Waits of 0.2, 0.4, 0.8 s instead of 30 s, 1, 2 min: the same doubling, test-sized."""
    monkeypatch.setattr(webhooks, "RETRY_BASE", timedelta(seconds=0.2))


def publish(page) -> None:
    page.save_revision().publish()


def run_worker() -> None:
    """django-tasks-db's worker loop, as `manage.py db_worker --batch` runs it."""
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    ).run()


def run_worker_until_settled(timeout: float = 10) -> WebhookDelivery:
    """Run the worker whenever a retry falls due, until the delivery stops being pending."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        run_worker()
        delivery = WebhookDelivery.objects.get()
        if delivery.status != Status.PENDING:
            return delivery
        time.sleep(0.05)
    raise AssertionError(f"still pending after {timeout} s: {delivery.last_error}")


def queued_attempts() -> list[int]:
    """The attempt numbers of the deliver_webhook tasks waiting in the queue."""
    tasks = DBTaskResult.objects.filter(
        task_path="home.webhooks.deliver_webhook", status="READY"
    ).order_by("run_after")
    return [task.args_kwargs["kwargs"].get("attempt", 1) for task in tasks]


def webhook_log(caplog, level: int) -> list[str]:
    return [
        r.getMessage() for r in caplog.records if r.name == "home.webhooks" and r.levelno == level
    ]


def test_publishing_returns_at_once_while_the_receiver_hangs(receiver, article):
    receiver.delay = 5  # longer than TIMEOUT_SECONDS: a frontend that hangs
    Webhook.objects.create(name="Next.js", url=receiver.url)

    started = time.monotonic()
    publish(article)
    elapsed = time.monotonic() - started

    assert elapsed < 1
    assert receiver.arrivals == []
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == (Status.PENDING, 0)
    assert queued_attempts() == [1]


def test_a_receiver_slower_than_the_timeout_is_retried_later_by_the_worker(
    receiver, article, monkeypatch, caplog
):
    monkeypatch.setattr(webhooks, "TIMEOUT_SECONDS", 0.3)
    receiver.delay = 2
    Webhook.objects.create(name="Next.js", url=receiver.url)
    publish(article)

    with caplog.at_level(logging.WARNING, logger="home.webhooks"):
        run_worker()

    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == (Status.PENDING, 1)
    assert "Timeout" in delivery.last_error
    retry = DBTaskResult.objects.get(task_path="home.webhooks.deliver_webhook", status="READY")
    assert retry.run_after == delivery.next_attempt_at
    assert retry.args_kwargs["kwargs"] == {"attempt": 2}
    [warning] = webhook_log(caplog, logging.WARNING)
    assert receiver.url in warning
    assert "attempt 1 of 5, no answer" in warning


def test_a_receiver_answering_500_is_retried_with_growing_waits_until_it_recovers(
    receiver, article, quick_backoff, caplog
):
    receiver.statuses = [500, 500, 200]
    Webhook.objects.create(name="Next.js", url=receiver.url)
    publish(article)

    with caplog.at_level(logging.WARNING, logger="home.webhooks"):
        delivery = run_worker_until_settled()

    assert (delivery.status, delivery.attempts, delivery.response_status) == (
        Status.SUCCEEDED,
        3,
        200,
    )
    first_wait = receiver.arrivals[1] - receiver.arrivals[0]
    second_wait = receiver.arrivals[2] - receiver.arrivals[1]
    assert 0.2 <= first_wait < second_wait
    assert second_wait >= 0.4
    warnings = webhook_log(caplog, logging.WARNING)
    assert len(warnings) == 2
    assert all(receiver.url in w and "HTTP 500" in w for w in warnings)
    assert ["attempt 1 of 5" in warnings[0], "attempt 2 of 5" in warnings[1]] == [True, True]
    assert queued_attempts() == []


def test_an_unreachable_receiver_is_given_up_after_the_last_attempt_with_an_error(
    closed_port_url, article, monkeypatch, caplog, admin_client
):
    monkeypatch.setattr(webhooks, "RETRY_BASE", timedelta(seconds=0.05))
    Webhook.objects.create(name="Tắt máy", url=closed_port_url)
    publish(article)

    with caplog.at_level(logging.WARNING, logger="home.webhooks"):
        delivery = run_worker_until_settled()

    assert (delivery.status, delivery.attempts, delivery.next_attempt_at) == (
        Status.FAILED,
        webhooks.MAX_ATTEMPTS,
        None,
    )
    assert len(webhook_log(caplog, logging.WARNING)) == webhooks.MAX_ATTEMPTS - 1
    [given_up] = webhook_log(caplog, logging.ERROR)
    assert closed_port_url in given_up
    assert "given up after 5 attempts" in given_up
    assert queued_attempts() == []
    inspect = admin_client.get(
        reverse("wagtailsnippets_home_webhookdelivery:inspect", args=(delivery.pk,))
    )
    assert "ConnectionError" in inspect.content.decode()


def test_a_retry_already_made_by_deliver_webhooks_is_not_made_again(receiver, article):
    """The cron backstop and the queued retry may both find a delivery due: one sends."""
    receiver.statuses = [500, 500]
    Webhook.objects.create(name="Next.js", url=receiver.url)
    publish(article)
    run_worker()
    delivery = WebhookDelivery.objects.get()
    WebhookDelivery.objects.filter(pk=delivery.pk).update(next_attempt_at=delivery.updated_at)
    DBTaskResult.objects.filter(status="READY").update(run_after=delivery.updated_at)

    webhooks.deliver_due()  # attempt 2, by the backstop; it queues attempt 3
    run_worker()  # the queued attempt 2 finds it made, and does nothing

    assert len(receiver.arrivals) == 2
    assert WebhookDelivery.objects.get().attempts == 2
    assert queued_attempts() == [3]
