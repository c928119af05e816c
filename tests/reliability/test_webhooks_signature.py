"""A webhook's signature covers when it was sent, so a captured request cannot be replayed.

Before: `X-Govcms-Signature` was the HMAC of the body alone. The body's `timestamp` is the
event's time, kept on every retry, so a receiver could not tell a replay from a late retry,
and nothing signed told it when the request was made. Now every attempt carries
`X-Govcms-Timestamp` (Unix seconds, signed afresh on each attempt) and the signature is the
HMAC of `<timestamp>.<body>`; the README's recipe refuses anything older than 5 minutes.
"""

import hashlib
import hmac
import time

import pytest

from articles.factories import ArticlePageFactory
from home.webhooks import REPLAY_WINDOW_SECONDS, Webhook, signature_is_valid

pytestmark = pytest.mark.django_db


def verify(secret: str, headers: dict, raw_body: bytes, now: float | None = None) -> bool:
    """The README's recipe for a receiver, as written there."""
    timestamp = headers["X-Govcms-Timestamp"]
    now = time.time() if now is None else now
    if not timestamp.isdigit() or abs(now - int(timestamp)) > 300:
        return False  # too old (a replay) or from the future
    signed = timestamp.encode() + b"." + raw_body
    expected = "sha256=" + hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, headers["X-Govcms-Signature"])


@pytest.fixture
def delivered(receiver, news_section, django_capture_on_commit_callbacks):
    """The secret, headers and body of one real delivery (tests run tasks immediately)."""
    webhook = Webhook.objects.create(name="Next.js", url=receiver.url)
    article = ArticlePageFactory(parent=news_section, title="Lịch tiếp công dân tháng 6")
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    [request] = receiver.requests
    return webhook.secret, request.headers, request.body


def test_a_delivery_verifies_with_the_documented_recipe(delivered):
    secret, headers, body = delivered

    assert verify(secret, headers, body)


def test_a_delivery_with_a_tampered_timestamp_does_not_verify(delivered):
    secret, headers, body = delivered
    refreshed = headers | {"X-Govcms-Timestamp": str(int(headers["X-Govcms-Timestamp"]) + 600)}

    assert not verify(secret, refreshed, body, now=int(refreshed["X-Govcms-Timestamp"]))


def test_a_delivery_replayed_after_the_window_is_refused(delivered):
    secret, headers, body = delivered
    sent_at = int(headers["X-Govcms-Timestamp"])

    assert verify(secret, headers, body, now=sent_at + REPLAY_WINDOW_SECONDS)
    assert not verify(secret, headers, body, now=sent_at + REPLAY_WINDOW_SECONDS + 1)


def test_the_python_helper_agrees_with_the_recipe(delivered):
    secret, headers, body = delivered
    timestamp, given = headers["X-Govcms-Timestamp"], headers["X-Govcms-Signature"]

    assert signature_is_valid(secret, timestamp, body, given)
    assert not signature_is_valid(secret, str(int(timestamp) - 1), body, given)
    assert not signature_is_valid(
        secret, timestamp, body, given, now=int(timestamp) + REPLAY_WINDOW_SECONDS + 1
    )
