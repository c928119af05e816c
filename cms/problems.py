"""One error shape for every API endpoint: RFC 9457 problem details."""

from django.http import JsonResponse
from ninja import Field, Schema


class ParameterError(Schema):
    parameter: str
    message: str


class Problem(Schema):
    """RFC 9457 problem details, served as application/problem+json."""

    type: str
    title: str
    status: int
    detail: str
    errors: list[ParameterError] | None = Field(
        None, description="For a 400: each parameter at fault, with what is wrong with it."
    )


def problem(status: int, title: str, detail: str, **extra) -> JsonResponse:
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail, **extra}
    return JsonResponse(body, status=status, content_type="application/problem+json")
