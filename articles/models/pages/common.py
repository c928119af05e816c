"""What every page type shares: the editor's tabs, the rich-text features of an introduction,
and today's date as a default."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.models import Page

INTRO_FEATURES = ["bold", "italic", "link"]


def today() -> datetime.date:
    return timezone.localdate()


def publishing_panels() -> list:
    """The Publishing tab: slug and search texts, then go-live and expiry as plain fields.

    Wagtail's PublishingPanel puts go-live and expiry in a dialog opened from the status
    side panel, so the tab the README sends editors to showed neither; here they are on
    the tab itself (editorial.forms then hides the side panel's now dialog-less toggle).
    Comments stay as Wagtail places them.
    """
    schedule = MultiFieldPanel(
        [FieldPanel("go_live_at"), FieldPanel("expire_at")], heading=_("Publishing schedule")
    )
    others = [
        panel
        for panel in Page.settings_panels
        if getattr(panel, "path", "") != "wagtail.admin.panels.PublishingPanel"
    ]
    return [*Page.promote_panels, schedule, *others]


def tabbed(content: list, metadata: list) -> TabbedInterface:
    """Content / metadata / publishing: the order in which an editor thinks."""
    return TabbedInterface(
        [
            ObjectList(content, heading=_("Content")),
            ObjectList(metadata, heading=_("Metadata")),
            ObjectList(publishing_panels(), heading=_("Publishing")),
        ]
    )
