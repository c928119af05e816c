"""Content-Security-Policy on the served responses: none on the API, a working one elsewhere.

The browser side (no CSP errors while an editor works in the admin, Swagger UI loading)
is checked in real Chromium by tests/editorial/test_editor_in_browser.py and below.
"""

import pytest
from playwright.sync_api import sync_playwright

from tests.editorial.browser import chromium_path, note_csp_violation

HEADER = "Content-Security-Policy"


def directives(response) -> dict[str, list[str]]:
    policy = response[HEADER]
    parsed = {}
    for directive in policy.split(";"):
        name, *values = directive.split()
        parsed[name] = values
    return parsed


@pytest.mark.parametrize(
    "url", ["/api/", "/api/pages/", "/api/v2/pages/", "/api/openapi.json", "/api/no-such-thing/"]
)
def test_api_responses_allow_nothing_to_load_or_run(client, home_page, url):
    """Before: no Content-Security-Policy at all; a JSON response opened in a browser (or
    DRF's HTML renderer) could run whatever markup a value smuggled in. Now every /api/
    answer, errors included, says `default-src 'none'` and may not be framed."""
    response = client.get(url)
    policy = directives(response)
    assert policy["default-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]


def test_the_api_docs_run_only_this_hosts_scripts(client, db):
    """Before: /api/docs loaded Swagger UI from cdn.jsdelivr.net and ran an inline script,
    with no policy. Now it is served from our static files under a policy that allows
    scripts from this host only."""
    response = client.get("/api/docs")
    assert response.status_code == 200
    policy = directives(response)
    assert policy["script-src"] == ["'self'"]
    assert policy["default-src"] == ["'none'"]
    html = response.content.decode()
    assert "cdn.jsdelivr.net" not in html
    assert "/static/ninja/swagger-ui-bundle.js" in html


@pytest.mark.parametrize("url", ["/admin/login/", "/admin/"])
def test_the_admin_loads_nothing_from_other_hosts(client, db, url):
    """Before: no policy on the admin, so injected markup could load and run scripts from
    anywhere, or post its forms elsewhere. Now scripts and styles come from this host
    (inline ones too: Wagtail's templates need them), never via eval, plugins or a
    foreign <base>, and forms post only here."""
    response = client.get(url, follow=True)
    policy = directives(response)
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]


# live_server makes this test transactional; serialized rollback leaves the migrations'
# data (content types) as the other transactional tests expect to find it.
@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_swagger_ui_works_under_its_policy_in_a_real_browser(live_server):
    """The policy must not break the docs: Swagger UI loads the schema and lists the
    operations in Chromium, and the console reports no Content-Security-Policy violation."""
    violations: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), headless=True)
        try:
            tab = browser.new_page()
            tab.on("console", lambda message: note_csp_violation(message.text, violations))
            tab.goto(f"{live_server.url}/api/docs")
            tab.locator(".opblock-summary-path", has_text="/api/pages/find/").first.wait_for(
                timeout=15_000
            )
        finally:
            browser.close()
    assert violations == []
