"""One error shape for every API endpoint: RFC 9457 problem details."""

from django.http import HttpRequest, JsonResponse
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


class BadParameter(ValueError):
    """A query parameter that names nothing valid: every API answers it with a 400."""

    def __init__(self, parameter: str, message: str):
        super().__init__(message)
        self.parameter = parameter


def reject_unknown_parameters(request: HttpRequest, allowed) -> None:
    """Ninja ignores parameters it does not know; a frontend's typo deserves a 400."""
    unknown = sorted(set(request.GET) - set(allowed))
    if unknown:
        valid = ", ".join(sorted(allowed)) or "none"
        raise BadParameter(
            unknown[0], f"Unknown parameter {unknown[0]!r}; valid parameters: {valid}"
        )
