"""One error shape for every API endpoint: RFC 9457 problem details."""

from django.http import JsonResponse
from ninja import Schema


class Problem(Schema):
    """RFC 9457 problem details, served as application/problem+json."""

    type: str
    title: str
    status: int
    detail: str


def problem(status: int, title: str, detail: str, **extra) -> JsonResponse:
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail, **extra}
    return JsonResponse(body, status=status, content_type="application/problem+json")
