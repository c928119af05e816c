"""Preview in the decoupled frontend, with short-lived signed tokens.

The admin's Preview button calls `serve_preview`, which sends the browser to the
frontend's preview route with the page id and a token; the frontend exchanges
them at `/api/pages/preview/` for the latest saved draft. A token is signed with
SECRET_KEY (so it cannot be forged), names one page and one revision (so it
cannot be used for another page) and expires after PREVIEW_TOKEN_SECONDS.

Previews show the draft as last saved: the frontend cannot see an editor's
unsaved form, so Preview saves nothing by itself.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.utils.translation import gettext as _

SALT = "govcms.preview"


class PreviewTokenError(Exception):
    """Why a token was refused: expired, forged or for another page."""


def make_preview_token(page_id: int, revision_id: int) -> str:
    return signing.dumps({"page": page_id, "revision": revision_id}, salt=SALT)


def read_preview_token(token: str, page_id: int) -> int:
    """The revision id the token grants for this page."""
    try:
        data = signing.loads(token, salt=SALT, max_age=settings.PREVIEW_TOKEN_SECONDS)
    except signing.SignatureExpired as error:
        raise PreviewTokenError("The preview token has expired.") from error
    except signing.BadSignature as error:
        raise PreviewTokenError("The preview token is not valid.") from error
    if not isinstance(data, dict) or data.get("page") != page_id:
        raise PreviewTokenError("The preview token is for another page.")
    revision_id = data.get("revision")
    if not isinstance(revision_id, int):
        raise PreviewTokenError("The preview token is not valid.")
    return revision_id


def preview_url(page, revision_id: int) -> str:
    query = urlencode(
        {"id": page.pk, "token": make_preview_token(page.pk, revision_id), "type": page_type(page)}
    )
    return f"{settings.FRONTEND_PREVIEW_URL}?{query}"


def page_type(page) -> str:
    return f"{page._meta.app_label}.{type(page).__name__}"


class HeadlessPreviewMixin:
    """Wagtail's Preview, for pages rendered by a separate frontend."""

    def serve_preview(self, request: HttpRequest, mode_name: str) -> HttpResponse:
        revision_id = getattr(self, "latest_revision_id", None)
        if not self.pk or not revision_id:
            return HttpResponse(
                _("Save a draft first: the frontend previews the last saved draft."),
                content_type="text/plain; charset=utf-8",
            )
        if settings.FRONTEND_PREVIEW_URL:
            return HttpResponseRedirect(preview_url(self, revision_id))
        # No frontend configured: show the JSON the frontend would receive.
        api_url = "/api/pages/preview/?" + urlencode(
            {"id": self.pk, "token": make_preview_token(self.pk, revision_id)}
        )
        return JsonResponse({"preview_api_url": request.build_absolute_uri(api_url)})
