"""Webhooks that tell the frontend to revalidate when a page is published, unpublished,
moved or deleted, and the log of every delivery.

The rule from the headless API issue: an editor's publish never waits on, nor fails
because of, a frontend. So the signal handlers only describe the page; the deliveries are
created after the editor's transaction commits and are sent by a background task
(django-tasks with its database backend, run by `manage.py db_worker`). Failures are
recorded on the delivery row, logged (WARNING with the URL and status; ERROR when given
up), never raised, and retried with exponential backoff by a task queued to run after the
wait (`run_after`). `manage.py deliver_webhooks` sends whatever is due that no task will
(a worker that lost its queue, a paused webhook resumed); cron may run it as a backstop.

With the immediate backend (the tests' default) the first attempt runs right after the
editor's commit and retries are left to `deliver_webhooks`, since that backend cannot wait.

Each request is a POST of the JSON payload::

    {"event": "publish",
     "page": {"id": 42, "type": "articles.ArticlePage", "title": "…", "url_path": "/trang-chu/…/",
              "path": "/tin-tuc/…/", "url": "https://<frontend>/tin-tuc/…/", "locale": "vi"},
     "timestamp": "2025-01-31T08:00:00+00:00"}

A move adds `page.previous_url_path`; moving a section sends one event, for the section,
though its descendants' paths changed with it. Deleting a section sends a `delete` for every
page in it, and deleting a live page is preceded by `unpublish` (Wagtail unpublishes first).
Headers: `X-Govcms-Event`, `X-Govcms-Delivery` (the same on every retry, to deduplicate),
`X-Govcms-Timestamp` (when this attempt was sent) and `X-Govcms-Signature` (see `signature`).
"""

import hashlib
import hmac
import json
import logging
import secrets
import time
from collections import Counter
from datetime import datetime, timedelta
from functools import partial

import requests
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks import task
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page

from public.paths import frontend_base_url, frontend_path

logger = logging.getLogger(__name__)

# A frontend that cannot answer within this is treated as down; the retry comes later.
TIMEOUT_SECONDS = 5
# The n-th failed attempt waits RETRY_BASE × 2ⁿ⁻¹ (30 s, 1, 2, 4 min); the fifth is final.
RETRY_BASE = timedelta(seconds=30)
MAX_ATTEMPTS = 5
# How old an X-Govcms-Timestamp a receiver should accept (the README's recipe): a captured
# request replayed later than this is refused, while clocks a little apart still agree.
REPLAY_WINDOW_SECONDS = 300
# Enough of a response or exception to diagnose from the log without storing whole pages.
ERROR_EXCERPT_CHARS = 1000
USER_AGENT = "govcms-webhooks/1"


class WebhookEvent(models.TextChoices):
    PUBLISH = "publish", _("Publish")
    UNPUBLISH = "unpublish", _("Unpublish")
    MOVE = "move", _("Move")
    DELETE = "delete", _("Delete")


def generate_secret() -> str:
    return secrets.token_urlsafe(32)


def signature(secret: str, timestamp: str, body: bytes) -> str:
    """The `X-Govcms-Signature` header: `sha256=` and the hex HMAC-SHA256, keyed with the
    webhook's secret, of `<X-Govcms-Timestamp>.<raw body>`.

    Signing the timestamp with the body is what makes the replay window enforceable: a
    receiver refuses a timestamp older than REPLAY_WINDOW_SECONDS, and an attacker who
    captured a request cannot refresh its timestamp without breaking the signature. Each
    attempt is signed afresh, so a retry is never refused as a replay; `X-Govcms-Delivery`
    stays the same on retries for deduplication. See `signature_is_valid` and the README.

    Node (Next.js route handler)::

        const raw = Buffer.from(await request.arrayBuffer());
        const ts = request.headers.get("x-govcms-timestamp") ?? "";
        const expected = "sha256=" + createHmac("sha256", secret)
          .update(ts + ".").update(raw).digest("hex");
        const given = request.headers.get("x-govcms-signature") ?? "";
        const fresh = Math.abs(Date.now() / 1000 - Number(ts)) <= 300;
        const ok = fresh && given.length === expected.length
          && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
    """
    signed = timestamp.encode() + b"." + body
    digest = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def signature_is_valid(
    secret: str,
    timestamp: str,
    body: bytes,
    given: str,
    *,
    now: float | None = None,
    window_seconds: int = REPLAY_WINDOW_SECONDS,
) -> bool:
    """A receiver's check, in Python: the timestamp is recent and the signature matches."""
    try:
        age = (time.time() if now is None else now) - int(timestamp)
    except ValueError:
        return False
    if abs(age) > window_seconds:
        return False
    return hmac.compare_digest(signature(secret, timestamp, body), given)


class WebhookQuerySet(models.QuerySet):
    def subscribed_to(self, event: str) -> "WebhookQuerySet":
        return self.filter(active=True, **{f"on_{event}": True})


class Webhook(models.Model):
    """A frontend URL to notify so it can revalidate the pages an editor changed."""

    name = models.CharField(_("name"), max_length=100)
    url = models.URLField(_("URL"), max_length=500)
    secret = models.CharField(
        _("secret"),
        max_length=100,
        default=generate_secret,
        help_text=_(
            "Shared with the frontend, which checks the X-Govcms-Signature header with it."
        ),
    )
    on_publish = models.BooleanField(_("publish"), default=True)
    on_unpublish = models.BooleanField(_("unpublish"), default=True)
    on_move = models.BooleanField(_("move"), default=True)
    on_delete = models.BooleanField(_("delete"), default=True)
    active = models.BooleanField(_("active"), default=True)

    objects = WebhookQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("url"),
        MultiFieldPanel(
            [
                FieldPanel("on_publish"),
                FieldPanel("on_unpublish"),
                FieldPanel("on_move"),
                FieldPanel("on_delete"),
            ],
            heading=_("Events"),
        ),
        FieldPanel("active"),
        FieldPanel("secret"),
    ]

    class Meta:
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class WebhookDeliveryQuerySet(models.QuerySet):
    def due(self, now: datetime | None = None) -> "WebhookDeliveryQuerySet":
        """Pending deliveries whose next attempt is now; a paused webhook's wait for it."""
        return self.filter(
            status=WebhookDelivery.Status.PENDING,
            webhook__active=True,
            next_attempt_at__lte=now or timezone.now(),
        )


class WebhookDelivery(models.Model):
    """One event sent (or still to send) to one webhook: the delivery log."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")

    webhook = models.ForeignKey(
        Webhook, verbose_name=_("webhook"), on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.CharField(_("event"), max_length=20, choices=WebhookEvent.choices)
    # Not a foreign key: a deleted page's deliveries outlive it.
    page_id = models.PositiveIntegerField(_("page ID"))
    payload = models.JSONField(_("payload"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    response_status = models.PositiveSmallIntegerField(
        _("last response status"), null=True, blank=True
    )
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = WebhookDeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.get_event_display()} #{self.page_id} → {self.webhook}"

    def body(self) -> bytes:
        return json.dumps(self.payload, ensure_ascii=False, separators=(",", ":")).encode()

    def send(self) -> None:
        """POST once and record the outcome; nothing a receiver does is raised from here."""
        body = self.body()
        timestamp = str(int(time.time()))
        headers = {
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            "X-Govcms-Event": self.event,
            "X-Govcms-Delivery": str(self.pk),
            "X-Govcms-Timestamp": timestamp,
            "X-Govcms-Signature": signature(self.webhook.secret, timestamp, body),
        }
        try:
            # A redirect is a misconfigured URL: report it instead of following it.
            with requests.post(
                self.webhook.url,
                data=body,
                headers=headers,
                timeout=TIMEOUT_SECONDS,
                allow_redirects=False,
                stream=True,
            ) as response:
                if 200 <= response.status_code < 300:
                    self.record(response.status_code, error="")
                    return
                excerpt = response.raw.read(ERROR_EXCERPT_CHARS, decode_content=True)
                text = excerpt.decode(response.encoding or "utf-8", errors="replace")
                self.record(response.status_code, error=f"HTTP {response.status_code}: {text}")
        except Exception as error:  # unreachable, timeout, bad URL: all mean "try later"
            self.record(None, error=f"{type(error).__name__}: {error}")

    def record(self, response_status: int | None, *, error: str) -> None:
        self.attempts += 1
        self.response_status = response_status
        self.last_error = error[:ERROR_EXCERPT_CHARS]
        if not error:
            self.status = self.Status.SUCCEEDED
            self.next_attempt_at = None
        elif self.attempts >= MAX_ATTEMPTS:
            self.status = self.Status.FAILED
            self.next_attempt_at = None
        else:
            self.next_attempt_at = timezone.now() + RETRY_BASE * 2 ** (self.attempts - 1)
        self.log_failure()
        self.save(
            update_fields=[
                "attempts",
                "response_status",
                "last_error",
                "status",
                "next_attempt_at",
                "updated_at",
            ]
        )

    def log_failure(self) -> None:
        """Operators find a frontend's outage in the log: which URL, what it answered."""
        if not self.last_error:
            return
        answer = f"HTTP {self.response_status}" if self.response_status else "no answer"
        if self.status == self.Status.FAILED:
            logger.error(
                "Webhook delivery %s to %s given up after %s attempts (%s): %s",
                self.pk,
                self.webhook.url,
                self.attempts,
                answer,
                self.last_error,
            )
            return
        logger.warning(
            "Webhook delivery %s to %s failed (attempt %s of %s, %s), next attempt at %s: %s",
            self.pk,
            self.webhook.url,
            self.attempts,
            MAX_ATTEMPTS,
            answer,
            self.next_attempt_at.isoformat(),
            self.last_error,
        )


def send_claimed(deliveries: WebhookDeliveryQuerySet, delivery_id: int) -> str | None:
    """Send the delivery if it is still in `deliveries`, holding its row meanwhile so the
    task and cron never send it twice at once (PostgreSQL; SQLite serves one process).
    A failure that will be retried queues the retry's task in the same transaction.
    Returns its new status, or None when there was nothing to send."""
    with transaction.atomic():
        delivery = (
            deliveries.select_for_update(skip_locked=True, of=("self",))
            .select_related("webhook")
            .filter(pk=delivery_id)
            .first()
        )
        if delivery is None:
            return None
        delivery.send()
        if delivery.status == WebhookDelivery.Status.PENDING:
            queue_retry(delivery)
        return delivery.status


def queue_retry(delivery: WebhookDelivery) -> None:
    """Queue the next attempt for when its backoff ends. A backend that cannot wait (the
    immediate one) would retry at once, so there the retry is left to `deliver_webhooks`."""
    if not deliver_webhook.get_backend().supports_defer:
        return
    deliver_webhook.using(run_after=delivery.next_attempt_at).enqueue(
        delivery.pk, attempt=delivery.attempts + 1
    )


@task()
def deliver_webhook(delivery_id: int, attempt: int = 1) -> None:
    """Make the delivery's `attempt`-th attempt: the first is queued once the editor's change
    is committed, each retry by the attempt before it. A task whose attempt was already
    made (by `deliver_webhooks`) does nothing, so one delivery never has two retry chains."""
    this_attempt = WebhookDelivery.objects.due().filter(attempts=attempt - 1)
    try:
        send_claimed(this_attempt, delivery_id)
    except Exception:  # e.g. the database went away; the delivery stays due for cron
        logger.exception("Webhook delivery %s could not be attempted", delivery_id)


def deliver_due(now: datetime | None = None) -> Counter:
    """Attempt every due delivery once; what `manage.py deliver_webhooks` runs."""
    due = WebhookDelivery.objects.due(now)
    outcomes = Counter()
    for delivery_id in due.order_by("next_attempt_at").values_list("pk", flat=True):
        if status := send_claimed(due, delivery_id):
            outcomes[status] += 1
    return outcomes


# --- From Wagtail's signals to deliveries -----------------------------------------------------


def describe_page(page: Page) -> dict:
    """The page as the frontend knows it: `path` is its frontend path (`public.paths`, the
    one the pages API gives) and `url` that path on FRONTEND_BASE_URL."""
    page_class = page.specific_class or type(page)
    site = page.get_site()
    if site is None:  # a page outside every site has no address; the tree path still names it
        path = url = None
    else:
        path = frontend_path(page, site)
        url = frontend_base_url(None, site) + path
    return {
        "id": page.pk,
        "type": page_class._meta.label,
        "title": page.title,
        "url_path": page.url_path,
        "path": path,
        "url": url,
        "locale": page.locale.language_code,
    }


def queue_deliveries(event: str, payload: dict) -> None:
    """Runs after the commit: one delivery per subscribed webhook, each sent by a task."""
    for webhook in Webhook.objects.subscribed_to(event):
        delivery = WebhookDelivery.objects.create(
            webhook=webhook,
            event=event,
            page_id=payload["page"]["id"],
            payload=payload,
            next_attempt_at=timezone.now(),
        )
        try:
            deliver_webhook.enqueue(delivery.pk)
        except Exception:  # a task backend that is down: cron sends it instead
            logger.exception("Webhook delivery %s could not be queued", delivery.pk)


def notify(event: str, page: Page, **page_extra) -> None:
    """Describe the page now, while it exists; touch webhook tables only after the commit,
    where no error can roll back the editor's change."""
    try:
        payload = {
            "event": event,
            "page": describe_page(page) | page_extra,
            "timestamp": timezone.now().isoformat(),
        }
        transaction.on_commit(partial(queue_deliveries, event, payload), robust=True)
    except Exception:
        logger.exception("Webhook event %s for page %s was not queued", event, page.pk)
