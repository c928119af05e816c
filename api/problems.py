"""One error shape for every API endpoint: RFC 9457 problem details.

`problem()` builds every error body; `bad_parameter()` is the one 400 for a request
parameter at fault, whether the middleware, ninja's validation, a view or Wagtail's
v2 endpoints find it. Views raise `BadParameter`; the API turns it into that 400.
"""

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


def bad_parameters(errors: list[dict[str, str]]) -> JsonResponse:
    """The 400 for request parameters at fault: each named, with what is wrong with it."""
    detail = "; ".join(
        f"{e['parameter']}: {e['message']}" if e["parameter"] else e["message"] for e in errors
    )
    return problem(400, "Bad request", detail, errors=errors)


def bad_parameter(parameter: str, message: str) -> JsonResponse:
    return bad_parameters([{"parameter": parameter, "message": message}])


class BadParameter(ValueError):
    """A request parameter that names nothing valid: every API answers it with a 400."""

    def __init__(self, parameter: str, message: str):
        super().__init__(message)
        self.parameter = parameter
