"""No drift: whatever editors do, the API serves what the content model says now.

A hypothesis state machine runs random sequences of editor actions on a small portal
(tests/drift/portal.py) and, after each one, reads every page, every path any page has
had, the lists of cards, the site's settings and menus twice: as served, and assembled
fresh with `PAGE_JSON_STORE=False` (tests/drift/readings.py). The two must be equal,
status, body and caching headers.

Bounded and derandomised so that `make test` runs the same sequences every time, on
SQLite and PostgreSQL. The portal is built once; each sequence runs in a savepoint rolled
back after it, with the clock held at portal.START and moved only by `time_passes`.
"""

import datetime

import pytest
import time_machine
from django.core.cache import caches
from django.db import transaction
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from wagtail.models import Locale, Page, PageViewRestriction

from articles.models import (
    ArticlePage,
    Byline,
    Category,
    DirectivePage,
    DocumentType,
    GalleryPage,
    IssuingBody,
    SectionIndexPage,
)
from tests.drift import portal
from tests.drift.readings import drift, urls_to_read

pytestmark = pytest.mark.slow

# Sized for about a minute of CPU on SQLite (PostgreSQL about half as long again): each
# step reads every page's URLs, some forty to sixty, twice.
STEPS = 8
SEQUENCES = 4

picks = st.integers(min_value=0, max_value=10_000)
words = st.sampled_from(["Hòa giải", "Tiếp công dân", "Phổ biến", "Cải cách", "Chuyển đổi số"])


def pick(items: list, index: int):
    return items[index % len(items)]


def pages_of(*models, live: bool | None = None) -> list[Page]:
    pages = Page.objects.type(*models).order_by("pk")
    if live is not None:
        pages = pages.filter(live=live)
    return list(pages)


class EditorsAtWork(RuleBasedStateMachine):
    """Editors change the portal; the API must never serve what the content model no longer says."""

    built: portal.Portal  # set by the test before the machine runs

    def __init__(self):
        super().__init__()
        self.savepoint = transaction.atomic()
        self.savepoint.__enter__()
        self.traveller = time_machine.travel(portal.START, tick=False)
        self.clock = self.traveller.start()
        caches["default"].clear()
        self.paths_seen: set[str] = set()
        self.edits = 0

    def teardown(self):
        self.traveller.stop()
        transaction.set_rollback(True)
        self.savepoint.__exit__(None, None, None)
        caches["default"].clear()

    def title(self, word: str) -> str:
        self.edits += 1
        return f"{word} ({self.edits})"

    def now(self) -> datetime.datetime:
        return datetime.datetime.now(tz=portal.SITE_TIME)

    # --- pages ---------------------------------------------------------------------------

    @initialize()
    def start(self):
        """The portal as built, before any edit, already agrees."""

    @rule(index=picks, word=words)
    def edit_and_publish(self, index, word):
        page = pick(pages_of(ArticlePage, DirectivePage, GalleryPage, SectionIndexPage), index)
        portal.edit_and_publish(page, self.title(word))

    @rule(index=picks, word=words)
    def save_draft(self, index, word):
        portal.save_draft(pick(pages_of(ArticlePage, DirectivePage), index), self.title(word))

    @rule(index=picks)
    def unpublish(self, index):
        """Any page: a section hides what is inside it, a directive its citations."""
        live = pages_of(ArticlePage, DirectivePage, GalleryPage, SectionIndexPage, live=True)
        if live:
            portal.unpublish(pick(live, index))

    @rule(index=picks)
    def unpublish_cited_directive(self, index):
        cited = pages_of(DirectivePage, live=True)
        if cited:
            portal.unpublish(pick(cited, index))

    @rule(index=picks)
    def republish(self, index):
        drafts = pages_of(ArticlePage, DirectivePage, GalleryPage, SectionIndexPage, live=False)
        if drafts:
            portal.republish(pick(drafts, index))

    @rule(index=picks, destination=picks)
    def move(self, index, destination):
        """An article to another section, or the inner section (with its articles) out/in."""
        page = pick(pages_of(ArticlePage, SectionIndexPage), index)
        if page.pk == self.built.news:
            return
        parent = page.get_parent()
        targets = [
            section
            for section in pages_of(SectionIndexPage)
            if section.locale_id == page.locale_id
            and section.pk != parent.pk
            and not section.is_descendant_of(page)
            and section.pk != page.pk
        ]
        if isinstance(page.specific, SectionIndexPage) and parent.depth > 2:
            targets.append(page.get_ancestors().filter(depth=2).first())
        if targets:
            portal.move(page, pick(targets, destination))

    @rule(index=picks)
    def delete(self, index):
        pages = pages_of(ArticlePage, DirectivePage, GalleryPage)
        if pages:
            portal.delete(pick(pages, index))

    @rule(index=picks, language=st.sampled_from(["en", "km"]), word=words)
    def translate(self, index, language, word):
        locale = Locale.objects.get(language_code=language)
        sources = [
            page
            for page in pages_of(ArticlePage, DirectivePage, GalleryPage, live=True)
            if page.locale_id == Locale.get_default().pk
        ]
        if sources:
            portal.translate(pick(sources, index), locale, self.title(word))

    @rule(section=picks, word=words, cites=st.booleans(), illustrated=st.booleans())
    def add_article(self, section, word, cites, illustrated):
        directive = pages_of(DirectivePage)[:1]
        portal.add_article(
            pick(pages_of(SectionIndexPage), section),
            self.title(word),
            cites=directive[0] if cites and directive else None,
            image_id=self.built.image if illustrated else None,
        )

    @rule(index=picks, related=picks)
    def relate(self, index, related):
        article = pick(pages_of(ArticlePage), index)
        others = [page for page in Page.objects.filter(depth__gt=2) if page.pk != article.pk]
        portal.relate(article, pick(others, related))

    @rule(index=picks, directive=picks)
    def cite(self, index, directive):
        directives = pages_of(DirectivePage)
        if directives:
            portal.cite(pick(pages_of(ArticlePage), index), pick(directives, directive))

    @rule(index=picks)
    def restrict(self, index):
        pages = pages_of(ArticlePage, SectionIndexPage, DirectivePage)
        portal.restrict(pick(pages, index))

    @precondition(lambda self: PageViewRestriction.objects.exists())
    @rule()
    def lift_restrictions(self):
        for restriction in PageViewRestriction.objects.all():
            portal.lift_restrictions(restriction.page)

    # --- time ------------------------------------------------------------------------------

    @rule(index=picks, word=words, hours=st.integers(1, 24))
    def schedule(self, index, word, hours):
        page = pick(pages_of(ArticlePage, DirectivePage), index)
        portal.schedule(page, self.title(word), self.now() + datetime.timedelta(hours=hours))

    @rule(index=picks, hours=st.integers(1, 24))
    def set_expiry(self, index, hours):
        live = pages_of(ArticlePage, DirectivePage, GalleryPage, live=True)
        if live:
            portal.set_expiry(pick(live, index), self.now() + datetime.timedelta(hours=hours))

    @rule(hours=st.integers(1, 30), cron=st.booleans())
    def time_passes(self, hours, cron):
        """Expired pages vanish at once, even before cron unpublishes them."""
        self.clock.move_to(self.now() + datetime.timedelta(hours=hours))
        if cron:
            portal.cron_runs()

    # --- what pages embed -------------------------------------------------------------------

    @rule(kind=st.sampled_from(["byline", "category", "issuing_body", "document_type"]), word=words)
    def rename_snippet(self, kind, word):
        """The byline and category of the illustrated article, the cited directive's issuer
        and type: in its detail and its card."""
        snippets = {
            "byline": lambda: Byline.objects.get(pk=self.built.byline),
            "category": lambda: Category.objects.get(pk=self.built.category),
            "issuing_body": lambda: IssuingBody.objects.get(pk=self.built.issuing_body),
            "document_type": lambda: DocumentType.objects.get(
                code="CT", locale__language_code="vi"
            ),
        }
        portal.rename_snippet(snippets[kind](), self.title(word))

    @rule(word=words)
    def rename_image(self, word):
        portal.rename_image(self.built.image, self.title(word))

    @rule(word=st.sampled_from(["anh-moi", "hoi-nghi-2026"]))
    def replace_image_file(self, word):
        portal.replace_image_file(self.built.image, f"{word}-{self.edits}.gif")

    @rule(word=words)
    def rename_document(self, word):
        portal.rename_document(self.built.document, self.title(word))

    @rule(word=words)
    def edit_site_settings(self, word):
        portal.edit_site_settings(self.title(word))

    @rule(word=words, index=picks)
    def edit_menu(self, word, index):
        portal.edit_menu(self.title(word), pick(list(Page.objects.filter(depth__gt=2)), index))

    # --- the property ------------------------------------------------------------------------

    @invariant()
    def served_equals_fresh(self):
        differences = drift(self.client, urls_to_read(self.paths_seen))
        assert not differences, "\n".join(differences[:5])


def test_served_equals_fresh_after_any_editor_actions(client, built):
    class Machine(EditorsAtWork):
        pass

    Machine.built = built
    Machine.client = client
    run_state_machine_as_test(
        Machine,
        settings=settings(
            max_examples=SEQUENCES,
            stateful_step_count=STEPS,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        ),
    )
