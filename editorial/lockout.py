"""Sign-in lockout after repeated failures, built on django-axes.

Two rules, counted over the cool-off period (AXES_COOLOFF_TIME):

- a username is locked after AXES_FAILURE_LIMIT failures from anywhere, so guessing one
  account's password from many addresses is stopped;
- an address is locked after LOGIN_FAILURES_PER_ADDRESS failures across usernames, so
  trying one password on many accounts is stopped. It is higher than the username's
  limit: an office behind one NAT address shares it.

While locked, even the right password is refused, with a Vietnamese message on Wagtail's
own login page. Administrators lift a lockout early under *Settings → Khóa đăng nhập*
(`editorial/lockout_admin.py`).
"""

from axes.handlers.database import AxesDatabaseHandler
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off, get_lockout_parameters
from axes.models import AccessAttempt
from django import forms
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm

LOCKED_OUT_MESSAGE = _(
    "Too many failed sign-ins: sign-in is locked for %(minutes)s minutes. "
    "Try again later, or ask an administrator to unlock it."
)


def failure_limits() -> dict[str, int]:
    """The failures each lockout parameter may reach before it locks."""
    return {
        "username": settings.AXES_FAILURE_LIMIT,
        "ip_address": settings.LOGIN_FAILURES_PER_ADDRESS,
    }


def cool_off_minutes() -> int:
    return int(get_cool_off().total_seconds() // 60)


def locked_out_message() -> str:
    return LOCKED_OUT_MESSAGE % {"minutes": cool_off_minutes()}


class LockoutHandler(AxesDatabaseHandler):
    """axes' database handler with a limit per parameter instead of one for all."""

    def get_failures(self, request, credentials: dict | None = None) -> int:
        """Failures on AXES_FAILURE_LIMIT's scale for the parameter nearest its own limit.

        axes compares one number with AXES_FAILURE_LIMIT; reporting the nearest limit's
        distance on that scale makes the comparison true exactly when either the
        username or the address has reached its limit.
        """
        limits = failure_limits()
        parameters = get_lockout_parameters(request, credentials)
        attempts_per_parameter = self.get_user_attempts(request, credentials)
        margins = [
            limits[parameter] - (attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0)
            for parameter, attempts in zip(parameters, attempts_per_parameter, strict=True)
        ]
        return settings.AXES_FAILURE_LIMIT - min(margins)


class LoginForm(WagtailLoginForm):
    """Wagtail's login form, saying "locked" instead of "wrong password" during a lockout."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Wagtail declares the field without a label, so Django showed its name,
        # "Password", in every language.
        self.fields["password"].label = _("Password")

    def get_invalid_login_error(self):
        if getattr(self.request, "axes_locked_out", False):
            return forms.ValidationError(locked_out_message(), code="locked_out")
        return super().get_invalid_login_error()


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: dict | None
) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: the login page as rendered (with the lockout error), as a 429.

    Anything else that authenticates (there is no other sign-in form) gets the message as
    plain text.
    """
    if original_response is not None and original_response.status_code == 200:
        original_response.status_code = settings.AXES_HTTP_RESPONSE_CODE
        return original_response
    return HttpResponse(
        locked_out_message(),
        status=settings.AXES_HTTP_RESPONSE_CODE,
        content_type="text/plain; charset=utf-8",
    )


def unlock(attempt: AccessAttempt) -> int:
    """Forget the failures counted against this attempt's username and its address."""
    return AxesProxyHandler.reset_attempts(
        username=attempt.username, ip_address=attempt.ip_address, ip_or_username=True
    )
