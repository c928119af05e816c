"""The site shell's models, a module per concept. Django finds models here; the content
version and the webhooks keep theirs beside the code that drives them."""

from home.content_version import ContentVersion
from home.models.home_page import HomePage, HomePageHighlight
from home.models.menus import LinkBlock, Menu, MenuItemBlock
from home.models.site_settings import LocalisedSiteSettings, SiteSettings, SiteSettingsTranslation
from home.models.visits import PageVisits, SiteVisits
from home.webhooks import Webhook, WebhookDelivery

__all__ = [
    "ContentVersion",
    "HomePage",
    "HomePageHighlight",
    "LinkBlock",
    "LocalisedSiteSettings",
    "Menu",
    "MenuItemBlock",
    "PageVisits",
    "SiteSettings",
    "SiteSettingsTranslation",
    "SiteVisits",
    "Webhook",
    "WebhookDelivery",
]
