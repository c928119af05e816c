"""Every integer parameter of every API endpoint is bounded: past the bound, a 400 naming it.

Before: an id past the database's integers reached the database, where SQLite raised
OverflowError (a 500: `issuing_body=10^30`); path ids (`/api/pages/{id}/`,
`/api/images/{id}/`, `/api/visits/pages/{id}/`) had no bound at all, a negative one
was no URL (404) and a huge one a lookup; /api/v2/ let `id=-1` through as an empty
list and clamped `offset=10^30` silently.

Promise: each integer parameter, in the query or the path, answers 10^30, -1 and
2^63 with a 400 problem+json whose `errors` name it. The typed API's parameters are
read from the served OpenAPI document, so a new integer parameter is tested without
editing this file; /api/v2/ (Django REST framework, not in that document) is listed.
"""

import re
from urllib.parse import urlencode

import pytest
from django.core.cache import cache
from django.test import Client

from tests.problems import assert_problem

OUT_OF_BOUNDS = {"huge": 10**30, "negative": -1, "past_int8": 2**63}
# Values for the other required parameters of an operation: any string passes their
# schema (the integer is refused first).
FILLER = "a"


@pytest.fixture(autouse=True)
def no_rate_limit(settings):
    settings.API_RATE_LIMIT_PER_MINUTE = 0
    cache.clear()
    yield
    cache.clear()


def is_integer(schema: dict) -> bool:
    return schema.get("type") == "integer" or any(
        option.get("type") == "integer" for option in schema.get("anyOf", [])
    )


def integer_parameters(schema: dict) -> list[tuple[str, str, str]]:
    """(method, path, parameter) for every integer parameter the document describes."""
    return sorted(
        (method, path, parameter["name"])
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        for parameter in operation.get("parameters", [])
        if is_integer(parameter["schema"])
    )


def request_for(schema_path: str, operation: dict, name: str, value: int) -> tuple[str, dict]:
    """The URL and query with `name` set to `value` and every other required parameter filled."""
    query, path_values = {}, {}
    for parameter in operation.get("parameters", []):
        other = parameter["name"]
        given = value if other == name else (FILLER if parameter.get("required") else None)
        if given is None:
            continue
        if parameter["in"] == "path":
            path_values[other] = 1 if other != name and is_integer(parameter["schema"]) else given
        else:
            query[other] = given
    url = re.sub(r"\{(\w+)\}", lambda match: str(path_values[match.group(1)]), schema_path)
    return url, query


def assert_names_the_parameter(response, name: str) -> None:
    body = assert_problem(response, 400)
    named = [error["parameter"].split(".")[-1] for error in body.get("errors") or []]
    assert name in named, body


@pytest.fixture(scope="module")
def openapi(django_db_setup, django_db_blocker) -> dict:
    """The document as served."""
    with django_db_blocker.unblock():
        return Client().get("/api/openapi.json").json()


def pytest_generate_tests(metafunc):
    # Parametrised at collection, from the same schema the view serves (no request is
    # possible yet); the test then reads each operation from the served document.
    if "typed_parameter" in metafunc.fixturenames:
        from cms.api import api

        found = integer_parameters(api.get_openapi_schema())
        metafunc.parametrize("typed_parameter", found, ids=[" ".join(row) for row in found])


def test_the_served_document_has_integer_parameters_to_test(openapi):
    assert len(integer_parameters(openapi)) >= 10


@pytest.mark.parametrize("value", OUT_OF_BOUNDS.values(), ids=OUT_OF_BOUNDS.keys())
def test_an_integer_parameter_out_of_bounds_is_a_400_naming_it(
    client, home_page, openapi, typed_parameter, value
):
    method, path, name = typed_parameter
    url, query = request_for(path, openapi["paths"][path][method], name, value)
    if method == "get":
        response = client.get(url, query)
    else:
        response = client.generic(method.upper(), f"{url}?{urlencode(query)}")
    assert_names_the_parameter(response, name)


# --- /api/v2/: Wagtail's endpoints, not in the OpenAPI document ------------------------------

V2_PARAMETERS = [
    ("/api/v2/pages/", "id"),
    ("/api/v2/pages/", "child_of"),
    ("/api/v2/pages/", "descendant_of"),
    ("/api/v2/pages/", "ancestor_of"),
    ("/api/v2/pages/", "translation_of"),
    ("/api/v2/pages/", "limit"),
    ("/api/v2/pages/", "offset"),
    ("/api/v2/pages/find/", "id"),
    ("/api/v2/images/", "id"),
    ("/api/v2/images/", "width"),
    ("/api/v2/images/", "height"),
    ("/api/v2/images/", "limit"),
    ("/api/v2/images/", "offset"),
    ("/api/v2/documents/", "id"),
    ("/api/v2/documents/", "limit"),
    ("/api/v2/documents/", "offset"),
]


@pytest.mark.parametrize("value", OUT_OF_BOUNDS.values(), ids=OUT_OF_BOUNDS.keys())
@pytest.mark.parametrize("url, name", V2_PARAMETERS)
def test_a_v2_integer_parameter_out_of_bounds_is_a_400_naming_it(
    client, home_page, url, name, value
):
    assert_names_the_parameter(client.get(url, {name: value}), name)


@pytest.mark.parametrize("value", OUT_OF_BOUNDS.values(), ids=OUT_OF_BOUNDS.keys())
@pytest.mark.parametrize("endpoint", ["pages", "images", "documents"])
def test_a_v2_path_id_out_of_bounds_is_a_400_naming_it(client, home_page, endpoint, value):
    assert_names_the_parameter(client.get(f"/api/v2/{endpoint}/{value}/"), "id")
