"""Content-Security-Policy per part of the site (django-csp).

- `/api/` answers JSON only: nothing in it may load or run anything (`default-src 'none'`),
  so a response opened in a browser, or a value that looks like HTML, can do no harm.
- `/api/docs` is Swagger UI from django-ninja's own static files: scripts and styles
  from this host only.
- Everything else (the admin, the login, documents) gets CONTENT_SECURITY_POLICY from
  settings. Wagtail's document view sets its own `default-src 'none'`, which is kept.
"""

from csp.constants import NONE, SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from django.http import HttpRequest, HttpResponseBase

API_POLICY = {
    "default-src": [NONE],
    "frame-ancestors": [NONE],
    "base-uri": [NONE],
    "form-action": [NONE],
}
API_DOCS_POLICY = {
    "default-src": [NONE],
    "script-src": [SELF],
    # Swagger UI sets style attributes in the markup it renders.
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:"],
    "connect-src": [SELF],
    "frame-ancestors": [NONE],
    "base-uri": [NONE],
    "form-action": [NONE],
}


def policy_for_path(path: str) -> dict | None:
    """The path's own policy, or None for the site-wide CONTENT_SECURITY_POLICY."""
    if path.startswith("/api/docs"):
        return API_DOCS_POLICY
    if path.startswith("/api/"):
        return API_POLICY
    return None


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        own_policy = policy_for_path(request.path_info)
        if own_policy is not None and not report_only and parts.config is None:
            parts.config = own_policy
        return parts
