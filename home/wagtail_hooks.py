"""Admin screens of the site shell: webhooks and their delivery log, for administrators only."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permission_policies import BasePermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home import translation_admin  # noqa: F401 (its hooks: translation state, enabled languages)
from home.panels import MostReadThisWeekPanel
from home.webhooks import Webhook, WebhookDelivery


class AdministratorsOnlyPolicy(BasePermissionPolicy):
    """Superusers only, whatever groups grant: webhook secrets let anyone sign requests to
    the frontend. `actions` narrows what even they may do (the log is read-only)."""

    def __init__(self, model, actions=frozenset({"add", "change", "delete", "view"})):
        super().__init__(model)
        self.actions = actions

    def user_has_permission(self, user, action):
        return user.is_active and user.is_superuser and action in self.actions

    def users_with_any_permission(self, actions):
        users = get_user_model().objects.filter(is_active=True, is_superuser=True)
        return users if self.actions.intersection(actions) else users.none()


# Registered before the viewsets below look their policy up (Wagtail 8 requires it).
register_permission_policy(Webhook, AdministratorsOnlyPolicy(Webhook))
register_permission_policy(
    WebhookDelivery, AdministratorsOnlyPolicy(WebhookDelivery, actions=frozenset({"view"}))
)


class AdministratorsOnlyViewSet(SnippetViewSet):
    add_to_settings_menu = True
    copy_view_enabled = False

    def get_permissions_to_register(self):
        # Group permissions would have no effect; don't offer them in the group editor.
        return Permission.objects.none()


class WebhookViewSet(AdministratorsOnlyViewSet):
    model = Webhook
    icon = "link-external"
    menu_label = _("Webhooks")
    list_display = ["name", "url", "active"]
    list_filter = ["active"]
    search_fields = ["name", "url"]


class WebhookDeliveryViewSet(AdministratorsOnlyViewSet):
    """The delivery log: listed and inspected, never added or edited."""

    model = WebhookDelivery
    icon = "history"
    menu_label = _("Webhook deliveries")
    inspect_view_enabled = True
    list_display = [
        "__str__",
        "status",
        "attempts",
        "response_status",
        "created_at",
        "next_attempt_at",
    ]
    list_filter = ["status", "webhook", "event"]
    ordering = ["-created_at", "-pk"]

    def get_queryset(self, request):
        return WebhookDelivery.objects.select_related("webhook")  # named in every row


register_snippet(WebhookViewSet)
register_snippet(WebhookDeliveryViewSet)


@hooks.register("construct_homepage_panels")
def add_most_read_panel(request, panels):
    panels.append(MostReadThisWeekPanel())
