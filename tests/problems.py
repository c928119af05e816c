"""The one check of the one error shape: RFC 9457 problem+json."""


def assert_problem(response, status: int, parameter: str | None = None) -> dict:
    """The response is a problem of this status; for a 400, its detail names `parameter`."""
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert (body["status"], body["type"]) == (status, "about:blank")
    assert body["title"] and body["detail"]
    if parameter is not None:
        assert parameter in body["detail"], body["detail"]
    return body
