"""The admin screen of sign-in lockouts: who failed, from where, and "Mở khóa" (unlock).

Only people holding axes' permissions on failed attempts see it: the "Quản trị" role
(which receives every permission) and superusers. Failed attempts are written by axes
alone, so nobody may add or edit them here; unlocking deletes them.
"""

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.db.models import IntegerField, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.urls import path
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import DeleteView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import ListingButton
from wagtail.log_actions import log
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from editorial.lockout import failure_limits, unlock

UNLOCK_ACTION = "editorial.unlock_sign_in"


class LockoutPermissionPolicy(ModelPermissionPolicy):
    """axes records failed attempts; people may only look at them and clear them."""

    ALLOWED_ACTIONS = {"view", "delete"}

    def user_has_permission(self, user, action):
        return action in self.ALLOWED_ACTIONS and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(AccessAttempt, LockoutPermissionPolicy(AccessAttempt))


def recent_failures(field: str) -> Subquery:
    """Failures within the cool-off period by the same username (or from the same address)."""
    since = timezone.now() - get_cool_off()
    totals = (
        AccessAttempt.objects.filter(attempt_time__gte=since, **{field: OuterRef(field)})
        .values(field)
        .annotate(total=Sum("failures_since_start"))
        .values("total")
    )
    return Coalesce(Subquery(totals, output_field=IntegerField()), 0)


def lock_status(attempt: AccessAttempt) -> str:
    limits = failure_limits()
    username_locked = attempt.username_failures >= limits["username"]
    address_locked = attempt.address_failures >= limits["ip_address"]
    if username_locked and address_locked:
        return _("Username and address locked")
    if username_locked:
        return _("Username locked")
    if address_locked:
        return _("Address locked")
    return _("Not locked")


class LockoutIndexView(IndexView):
    page_title = _("Sign-in lockouts")
    default_ordering = "-attempt_time"

    @cached_property
    def columns(self):
        return [
            # The title column carries the row's buttons ("Mở khóa").
            self._get_title_column("username"),
            Column("ip_address", label=_("Address")),
            Column("failures_since_start", label=_("Failed sign-ins")),
            Column("attempt_time", label=_("Last failure")),
            Column("status", label=_("Status"), accessor=lock_status),
        ]

    def get_base_queryset(self):
        since = timezone.now() - get_cool_off()
        return AccessAttempt.objects.filter(attempt_time__gte=since).annotate(
            username_failures=recent_failures("username"),
            address_failures=recent_failures("ip_address"),
        )

    def get_list_more_buttons(self, instance):
        return []

    def get_list_buttons(self, instance):
        url = self.get_delete_url(instance)
        return [ListingButton(_("Unlock"), url=url, icon_name="lock-open")] if url else []


class UnlockView(DeleteView):
    """Asks first, then forgets the failures of the row's username and of its address."""

    page_title = _("Unlock")
    template_name = "editorial/confirm_unlock.html"
    success_message = _("Sign-in unlocked for %(object)s.")

    @property
    def confirmation_message(self):
        return _(
            "Unlock sign-in for the username “%(username)s” and the address %(address)s? "
            "Their failed attempts are forgotten."
        ) % {"username": self.object.username, "address": self.object.ip_address}

    def get_page_subtitle(self):
        return f"{self.object.username} – {self.object.ip_address}"

    def get_success_message(self):
        return self.success_message % {"object": self.get_page_subtitle()}

    def delete_action(self):
        # Who lifted which lockout stays in the audit log (Reports → Site history).
        log(self.object, UNLOCK_ACTION, user=self.request.user)
        unlock(self.object)


class LockoutViewSet(ModelViewSet):
    model = AccessAttempt
    name = "sign-in-lockouts"
    icon = "lock"
    menu_label = _("Sign-in lockouts")
    add_to_settings_menu = True
    index_view_class = LockoutIndexView
    delete_view_class = UnlockView
    copy_view_enabled = False

    def get_common_view_kwargs(self, **kwargs):
        # Only the listing and "unlock" exist: no add, edit, history or usage screens.
        return super().get_common_view_kwargs(
            add_url_name=None,
            edit_url_name=None,
            history_url_name=None,
            usage_url_name=None,
            **kwargs,
        )

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("unlock/<int:pk>/", self.delete_view, name="delete"),
        ]
