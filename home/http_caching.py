"""HTTP caching of the public read endpoints, keyed by the site's content version.

The conditional-request logic is `api.conditional`'s; this gives it the version, which
is the site's data (`home.content_version`): one row read per request.
"""

from api.conditional import Version, VersionedCachingMiddleware
from home import content_version


class ContentVersionCachingMiddleware(VersionedCachingMiddleware):
    def current_version(self) -> Version:
        version = content_version.current()
        return Version(version.number, version.changed_at)
