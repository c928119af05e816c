"""Signals the content model sends besides Wagtail's own."""

from django.dispatch import Signal

# Sent by `import_content --bulk` for each batch of pages it created, inside the batch's
# transaction, with `pages` (the specific pages, live or draft), instead of post_save and
# page_published for each page: a receiver does for the batch at once what it does for
# one saved or published page (the content version, sort dates, stored representations).
pages_imported = Signal()
