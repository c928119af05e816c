"""Pages in each state the public must never see, for leak tests of any page type.

`make_hidden(state, factory, parent)` builds a page with a page factory from
`articles.factories` and leaves it in the named state.
"""

import datetime

from django.utils import timezone
from wagtail.models import PageViewRestriction

HIDDEN_STATES = ("draft", "unpublished", "expired", "scheduled", "private", "under_a_draft_parent")


def make_hidden(state: str, factory, parent, **fields):
    if state == "draft":
        return factory(parent=parent, live=False, **fields)
    if state == "unpublished":
        page = factory(parent=parent, **fields)
        page.unpublish()
        return page
    if state == "expired":
        # Past its expiry time but not yet swept by publish_scheduled: still `live` in Wagtail.
        page = factory(parent=parent, **fields)
        page.expire_at = timezone.now() - datetime.timedelta(minutes=1)
        page.save(update_fields=["expire_at"])
        return page
    if state == "scheduled":
        page = factory(parent=parent, live=False, **fields)
        page.go_live_at = timezone.now() + datetime.timedelta(days=1)
        page.save_revision(approved_go_live_at=page.go_live_at)
        return page
    if state == "private":
        page = factory(parent=parent, **fields)
        PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.PASSWORD, password="mat-khau"
        )
        return page
    if state == "under_a_draft_parent":
        # A live page in a branch whose section was never published: unreachable.
        hidden_parent = parent.specific_class(title="Nhánh nháp", slug="nhanh-nhap")
        parent.get_parent().add_child(instance=hidden_parent)
        hidden_parent.live = False
        hidden_parent.save(update_fields=["live"])
        return factory(parent=hidden_parent, **fields)
    raise ValueError(state)
