"""Admin wiring of the editorial workflow: dashboard panels, edit conflicts, sign-in lockouts."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from editorial.forms import warn_with_comparison
from editorial.lockout_admin import UNLOCK_ACTION, LockoutViewSet
from editorial.panels import editorial_panels

# Wagtail's panels that ours replace: the same pages, listed twice, would be noise.
REPLACED_PANELS = {"workflow_objects_to_moderate", "recent_edits"}


@hooks.register("construct_homepage_panels")
def add_editorial_panels(request, panels):
    panels[:] = [panel for panel in panels if getattr(panel, "name", "") not in REPLACED_PANELS]
    panels.extend(editorial_panels(request.user))


@hooks.register("register_log_actions")
def register_unlock_action(actions):
    actions.register_action(UNLOCK_ACTION, _("Unlock sign-in"), _("Sign-in unlocked"))


@hooks.register("register_admin_viewset")
def register_lockout_viewset():
    return LockoutViewSet()


# The page form refuses a stale save (editorial/forms.py); this adds the links to resolve it.
hooks.register("before_edit_page", warn_with_comparison)
