"""Webhooks for frontend revalidation, sent to a real HTTP server running inside the test."""

import hashlib
import hmac
import io
import time
from datetime import datetime, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale
from wagtail.test.utils.form_data import nested_form_data

from articles.factories import ArticlePageFactory
from articles.models import ArticlePage, SectionIndexPage
from home import webhooks
from home.webhooks import Webhook, WebhookDelivery
from tests.articles.admin_forms import PUBLISH, add_page_url, assert_saved
from tests.webhook_receiver import ReceivedRequest

pytestmark = pytest.mark.django_db

Status = WebhookDelivery.Status


@pytest.fixture
def webhook(receiver) -> Webhook:
    return Webhook.objects.create(name="Next.js", url=receiver.url)


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Run what the editor's transaction queues for after its commit, as a real one would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def article(news_section) -> ArticlePage:
    return ArticlePageFactory(parent=news_section, title="Hội nghị tổng kết công tác tư pháp")


def publish(page) -> None:
    page.save_revision().publish()


def expected_signature(secret: str, request: ReceivedRequest) -> str:
    """How a frontend checks the header (see home.webhooks.signature): over the timestamp
    header, a dot and the raw body."""
    signed = request.headers["X-Govcms-Timestamp"].encode() + b"." + request.body
    return "sha256=" + hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()


# --- What is sent ---------------------------------------------------------------------------


@override_settings(FRONTEND_BASE_URL="https://stp.soctrang.gov.vn")
def test_publishing_sends_one_signed_post_naming_the_page(
    receiver, webhook, article, run_on_commit
):
    with run_on_commit():
        publish(article)

    [request] = receiver.requests
    assert request.path == "/api/revalidate"
    assert request.headers["Content-Type"] == "application/json"
    assert request.headers["X-Govcms-Event"] == "publish"
    assert hmac.compare_digest(
        request.headers["X-Govcms-Signature"], expected_signature(webhook.secret, request)
    )
    payload = request.json()
    assert payload["event"] == "publish"
    assert payload["page"] == {
        "id": article.pk,
        "type": "articles.ArticlePage",
        "title": "Hội nghị tổng kết công tác tư pháp",
        "url_path": article.url_path,
        "path": f"/tin-tuc/{article.slug}/",
        "url": f"https://stp.soctrang.gov.vn/tin-tuc/{article.slug}/",
        "locale": "vi",
    }
    assert datetime.fromisoformat(payload["timestamp"]).tzinfo is not None


@override_settings(FRONTEND_BASE_URL="https://stp.soctrang.gov.vn")
def test_an_english_page_is_named_by_its_frontend_path_with_the_language_prefix(
    receiver, webhook, home_page, news_section, article, run_on_commit
):
    english = Locale.objects.get_or_create(language_code="en")[0]
    for page in (home_page, news_section):
        page.copy_for_translation(english, copy_parents=True).save_revision().publish()
    translated = article.copy_for_translation(english)
    with run_on_commit():
        publish(translated)

    [request] = receiver.requests
    page = request.json()["page"]
    assert page["path"] == f"/en/tin-tuc/{article.slug}/"
    assert page["url"] == f"https://stp.soctrang.gov.vn/en/tin-tuc/{article.slug}/"
    assert page["locale"] == "en"


def test_the_delivery_header_names_the_logged_delivery(receiver, webhook, article, run_on_commit):
    with run_on_commit():
        publish(article)

    delivery = WebhookDelivery.objects.get()
    assert receiver.requests[0].headers["X-Govcms-Delivery"] == str(delivery.pk)
    assert (delivery.webhook, delivery.event, delivery.page_id) == (webhook, "publish", article.pk)
    assert (delivery.status, delivery.attempts, delivery.response_status) == (
        Status.SUCCEEDED,
        1,
        200,
    )


def test_a_signature_made_with_another_secret_does_not_verify(
    receiver, webhook, article, run_on_commit
):
    with run_on_commit():
        publish(article)

    request = receiver.requests[0]
    forged = expected_signature("not-the-secret", request)
    assert not hmac.compare_digest(request.headers["X-Govcms-Signature"], forged)


def test_each_webhook_gets_its_own_secret():
    first = Webhook.objects.create(name="A", url="https://a.example.gov.vn/")
    second = Webhook.objects.create(name="B", url="https://b.example.gov.vn/")
    assert len(first.secret) >= 32
    assert first.secret != second.secret


def test_unpublishing_sends_an_unpublish_event(receiver, webhook, article, run_on_commit):
    with run_on_commit():
        article.unpublish()

    [request] = receiver.requests
    assert request.headers["X-Govcms-Event"] == "unpublish"
    assert request.json()["page"]["id"] == article.pk


def test_moving_sends_a_move_event_with_the_old_path(
    receiver, webhook, article, home_page, run_on_commit
):
    old_path = article.url_path
    with run_on_commit():
        article.move(home_page, pos="last-child")

    [request] = receiver.requests
    assert request.headers["X-Govcms-Event"] == "move"
    page = request.json()["page"]
    assert page["previous_url_path"] == old_path
    assert page["url_path"] == f"{home_page.url_path}{article.slug}/"


def test_deleting_sends_a_delete_event(receiver, webhook, article, run_on_commit):
    article_id = article.pk
    with run_on_commit():
        article.delete()

    # Wagtail unpublishes a live page before deleting it.
    assert receiver.events() == ["unpublish", "delete"]
    deleted = receiver.requests[1].json()["page"]
    assert (deleted["id"], deleted["type"]) == (article_id, "articles.ArticlePage")


def test_deleting_a_section_sends_a_delete_event_for_each_page(
    receiver, webhook, news_section, article, run_on_commit
):
    webhook.on_unpublish = False
    webhook.save()
    with run_on_commit():
        news_section.delete()

    deleted = {r.json()["page"]["id"] for r in receiver.requests}
    assert receiver.events() == ["delete", "delete"]
    assert deleted == {news_section.pk, article.pk}


def test_nothing_is_sent_before_the_editor_transaction_commits(
    receiver, webhook, article, run_on_commit
):
    with run_on_commit():
        publish(article)
        assert receiver.requests == []
        assert not WebhookDelivery.objects.exists()
    assert len(receiver.requests) == 1


def test_an_inactive_webhook_sends_nothing(receiver, webhook, article, run_on_commit):
    webhook.active = False
    webhook.save()
    with run_on_commit():
        publish(article)
        article.unpublish()

    assert receiver.requests == []
    assert not WebhookDelivery.objects.exists()


def test_a_webhook_not_subscribed_to_the_event_sends_nothing(
    receiver, webhook, article, run_on_commit
):
    webhook.on_publish = False
    webhook.save()
    with run_on_commit():
        publish(article)
    assert receiver.requests == []

    with run_on_commit():
        article.unpublish()
    assert receiver.events() == ["unpublish"]


def test_every_subscribed_webhook_is_notified(receiver, webhook, article, run_on_commit):
    Webhook.objects.create(name="Bản sao", url=f"{receiver.url}?mirror=1")
    with run_on_commit():
        publish(article)

    assert sorted(r.path for r in receiver.requests) == [
        "/api/revalidate",
        "/api/revalidate?mirror=1",
    ]


# --- Failures never reach the editor ----------------------------------------------------------


def test_a_failing_receiver_leaves_the_delivery_pending_with_backoff(
    receiver, webhook, article, run_on_commit
):
    receiver.statuses = [500]
    with run_on_commit():
        publish(article)

    article.refresh_from_db()
    assert article.live
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.response_status) == (
        Status.PENDING,
        1,
        500,
    )
    assert delivery.last_error == "HTTP 500: frontend broke"
    wait = delivery.next_attempt_at - timezone.now()
    assert timedelta(seconds=25) < wait <= webhooks.RETRY_BASE


def test_an_unreachable_receiver_does_not_fail_the_publish(closed_port_url, article, run_on_commit):
    Webhook.objects.create(name="Tắt máy", url=closed_port_url)
    with run_on_commit():
        publish(article)

    article.refresh_from_db()
    assert article.live
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.response_status) == (
        Status.PENDING,
        1,
        None,
    )
    assert "ConnectionError" in delivery.last_error


def test_a_slow_receiver_is_abandoned_after_the_timeout(
    receiver, webhook, article, run_on_commit, monkeypatch
):
    monkeypatch.setattr(webhooks, "TIMEOUT_SECONDS", 0.2)
    # The receiver answers after 5 s; the publish must not wait for it. (The margin is
    # wide because the publish itself takes a second on a loaded machine.)
    receiver.delay = 5
    started = time.monotonic()
    with run_on_commit():
        publish(article)

    assert time.monotonic() - started < 4
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == Status.PENDING
    assert "Timeout" in delivery.last_error


def test_an_editor_publishing_in_the_admin_succeeds_while_the_frontend_is_down(
    admin_client, receiver, webhook, home_page, run_on_commit
):
    receiver.statuses = [503]
    data = nested_form_data({"title": "Phổ biến pháp luật", "slug": "pho-bien"})
    with run_on_commit():
        response = admin_client.post(add_page_url(SectionIndexPage, home_page), data | PUBLISH)

    assert_saved(response)
    section = SectionIndexPage.objects.get(slug="pho-bien")
    assert section.live
    delivery = WebhookDelivery.objects.get()
    assert (delivery.page_id, delivery.response_status) == (section.pk, 503)


# --- Retries from cron ------------------------------------------------------------------------


def deliver_webhooks() -> str:
    out = io.StringIO()
    call_command("deliver_webhooks", stdout=out)
    return out.getvalue()


def make_due(delivery: WebhookDelivery) -> None:
    """What waiting out the backoff looks like to the command."""
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        next_attempt_at=timezone.now() - timedelta(seconds=1)
    )


def test_deliver_webhooks_retries_a_due_delivery_until_it_succeeds(
    receiver, webhook, article, run_on_commit
):
    receiver.statuses = [500]
    with run_on_commit():
        publish(article)
    delivery = WebhookDelivery.objects.get()

    receiver.statuses = [200]
    make_due(delivery)
    output = deliver_webhooks()

    assert output.startswith("1 delivered")
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.response_status) == (
        Status.SUCCEEDED,
        2,
        200,
    )
    assert delivery.next_attempt_at is None
    assert delivery.last_error == ""
    first, retry = receiver.requests
    assert retry.body == first.body
    assert retry.headers["X-Govcms-Delivery"] == first.headers["X-Govcms-Delivery"]


def test_deliver_webhooks_waits_for_the_backoff(receiver, webhook, article, run_on_commit):
    receiver.statuses = [500]
    with run_on_commit():
        publish(article)

    deliver_webhooks()

    assert len(receiver.requests) == 1
    assert WebhookDelivery.objects.get().attempts == 1


def test_backoff_doubles_and_the_fifth_failure_is_final(receiver, webhook, article, run_on_commit):
    receiver.statuses = [500]
    with run_on_commit():
        publish(article)
    delivery = WebhookDelivery.objects.get()

    waits = []
    for _ in range(webhooks.MAX_ATTEMPTS - 1):
        delivery.refresh_from_db()
        waits.append(round((delivery.next_attempt_at - delivery.updated_at).total_seconds()))
        make_due(delivery)
        deliver_webhooks()

    delivery.refresh_from_db()
    assert waits == [30, 60, 120, 240]
    assert (delivery.status, delivery.attempts, delivery.next_attempt_at) == (
        Status.FAILED,
        5,
        None,
    )
    make_due(delivery)
    deliver_webhooks()
    assert len(receiver.requests) == 5


def test_deliveries_of_a_paused_webhook_wait_for_it(receiver, webhook, article, run_on_commit):
    receiver.statuses = [500]
    with run_on_commit():
        publish(article)
    delivery = WebhookDelivery.objects.get()
    webhook.active = False
    webhook.save()
    make_due(delivery)

    deliver_webhooks()

    assert len(receiver.requests) == 1


def test_deliver_webhooks_sends_a_delivery_the_task_queue_never_ran(receiver, webhook, article):
    """E.g. a worker that was down: the delivery was logged but not attempted."""
    WebhookDelivery.objects.create(
        webhook=webhook,
        event="publish",
        page_id=article.pk,
        payload={"event": "publish", "page": {"id": article.pk}},
        next_attempt_at=timezone.now(),
    )

    deliver_webhooks()

    assert receiver.events() == ["publish"]
    assert WebhookDelivery.objects.get().status == Status.SUCCEEDED


# --- Admin ----------------------------------------------------------------------------------


def assert_refused(response) -> None:
    """Wagtail answers a missing permission by sending the user back to the dashboard."""
    assert (response.status_code, response["Location"]) == (302, reverse("wagtailadmin_home"))


@pytest.fixture
def editor(client, db):
    """An editor with admin access and every permission a group can grant on webhooks."""
    user = get_user_model().objects.create_user("bien-tap", password="x")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(content_type__app_label="home", codename__contains="webhook"),
    )
    client.force_login(user)
    return client


def test_administrators_manage_webhooks(admin_client, webhook):
    response = admin_client.get(reverse("wagtailsnippets_home_webhook:list"))
    assert response.status_code == 200
    assert "Next.js" in response.content.decode()
    add = admin_client.get(reverse("wagtailsnippets_home_webhook:add"))
    assert add.status_code == 200


def test_editors_cannot_see_webhooks_or_their_secrets(editor, webhook):
    for name, args in [
        ("wagtailsnippets_home_webhook:list", ()),
        ("wagtailsnippets_home_webhook:edit", (webhook.pk,)),
        ("wagtailsnippets_home_webhookdelivery:list", ()),
    ]:
        response = editor.get(reverse(name, args=args))
        assert_refused(response)


def test_the_delivery_log_is_listed_and_inspected_but_not_edited(
    admin_client, receiver, webhook, article, run_on_commit
):
    with run_on_commit():
        publish(article)
    delivery = WebhookDelivery.objects.get()

    listing = admin_client.get(
        reverse("wagtailsnippets_home_webhookdelivery:list"), {"status": "succeeded"}
    )
    assert listing.status_code == 200
    assert str(delivery) in listing.content.decode()
    assert reverse("wagtailsnippets_home_webhookdelivery:add") not in listing.content.decode()
    failed_only = admin_client.get(
        reverse("wagtailsnippets_home_webhookdelivery:list"), {"status": "failed"}
    )
    assert str(delivery) not in failed_only.content.decode()
    inspect = admin_client.get(
        reverse("wagtailsnippets_home_webhookdelivery:inspect", args=(delivery.pk,))
    )
    assert inspect.status_code == 200
    for name, args in [
        ("wagtailsnippets_home_webhookdelivery:add", ()),
        ("wagtailsnippets_home_webhookdelivery:edit", (delivery.pk,)),
        ("wagtailsnippets_home_webhookdelivery:delete", (delivery.pk,)),
    ]:
        assert_refused(admin_client.get(reverse(name, args=args)))
