"""The NinjaAPI every typed endpoint is served by: one error shape, one parameter check.

- every 4xx and 5xx is problem+json (`api.problems`), and the schema says so;
- ninja's validation errors and a view's `BadParameter` are the one 400 (`bad_parameters`);
- an unknown query parameter is that 400 too, on every operation (`known_parameters_only`);
- ninja's throttles answer 429 in the same shape, with Retry-After.
"""

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import Throttled
from ninja.errors import ValidationError as NinjaValidationError

from api.parameters import known_parameters_only
from api.problems import BadParameter, Problem, bad_parameter, bad_parameters
from api.rate_limit import too_many_requests


class ProblemJsonAPI(NinjaAPI):
    """A NinjaAPI whose errors, and whose schema of them, are problem+json.

    Ninja documents every response as application/json; ours are problem+json
    for every 4xx and 5xx. And two answers can come from any operation, before
    its view runs (api/errors.py, api/rate_limit.py): 400 for a query string
    that is not valid UTF-8, too long or has an unknown parameter, 429 past the
    rate limit.
    """

    ANY_OPERATION = {"400": "Bad request", "429": "Too many requests"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_decorator(known_parameters_only, mode="view")
        self.add_exception_handler(NinjaValidationError, invalid_parameters)
        self.add_exception_handler(BadParameter, parameter_at_fault)
        self.add_exception_handler(Throttled, throttled)

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        problem_ref = {"$ref": "#/components/schemas/Problem"}
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                # Ninja keys responses by int; a str key of the same status would be a
                # second "400" in the served JSON, which YAML-based tools refuse
                # ("duplicated mapping key"). Every key a str, so one entry per status.
                responses = {
                    str(key): reply for key, reply in operation.get("responses", {}).items()
                }
                operation["responses"] = responses
                for status, description in self.ANY_OPERATION.items():
                    responses[status] = {
                        "description": description,
                        "content": {"application/json": {"schema": problem_ref}},
                    }
                for status, response in responses.items():
                    content = response.get("content", {})
                    if int(status) >= 400 and "application/json" in content:
                        content["application/problem+json"] = content.pop("application/json")
        schema.setdefault("components", {}).setdefault("schemas", {}).setdefault(
            "Problem", Problem.model_json_schema()
        )
        return schema


def invalid_parameters(request: HttpRequest, error: NinjaValidationError) -> HttpResponse:
    return bad_parameters(
        [
            {
                "parameter": ".".join(str(part) for part in e.get("loc", [])[1:]),
                "message": e["msg"],
            }
            for e in error.errors
        ]
    )


def parameter_at_fault(request: HttpRequest, error: BadParameter) -> HttpResponse:
    return bad_parameter(error.parameter, str(error))


def throttled(request: HttpRequest, error: Throttled) -> HttpResponse:
    return too_many_requests(error.wait)
