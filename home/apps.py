from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """The site shell: home page, site-wide settings and menus."""

    name = "home"
    verbose_name = _("Site")

    def ready(self):
        from home.api.home_page import register_home_page
        from home.signal_handlers import register_signal_handlers

        register_signal_handlers()
        register_home_page()
