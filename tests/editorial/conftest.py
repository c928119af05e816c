"""People of the editorial office, each in one role, with an admin session of their own."""

import contextlib

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connections
from django.test import Client
from playwright.sync_api import Browser, Page, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from editorial.roles import ADMINISTRATORS, MODERATORS, WRITERS
from tests.editorial.browser import (
    ARTIFACTS,
    LEAVING_MS,
    TIMEOUT_MS,
    chromium_path,
    note_csp_violation,
    retry_when_the_database_is_busy,
)

PASSWORD = "mat-khau-thu-nghiem-2024"


def member_of(group_name: str, username: str, full_name: str):
    first_name, _, last_name = full_name.rpartition(" ")
    user = get_user_model().objects.create_user(
        username=username,
        email=f"{username}@stp.example.gov.vn",
        password=PASSWORD,
        first_name=first_name,
        last_name=last_name,
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def writer(db):
    return member_of(WRITERS, "bientapvien", "Nguyễn Thị Lan")


@pytest.fixture
def moderator(db):
    return member_of(MODERATORS, "truongban", "Trần Văn Minh")


@pytest.fixture
def administrator(db):
    return member_of(ADMINISTRATORS, "quantri", "Lê Hoàng Nam")


@pytest.fixture
def writer_client(writer) -> Client:
    return logged_in(writer)


@pytest.fixture
def moderator_client(moderator) -> Client:
    return logged_in(moderator)


@pytest.fixture
def administrator_client(administrator) -> Client:
    return logged_in(administrator)


# --- Test outcome, for fixtures that keep evidence of a failure (browser screenshots) ------

OUTCOME = pytest.StashKey[dict]()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    item.stash.setdefault(OUTCOME, {})[report.when] = report
    return report


def failed(item) -> bool:
    reports = item.stash.get(OUTCOME, {})
    return any(report.failed for report in reports.values())


# --- The browser: one headless Chromium per module, a context per person ------------------


@pytest.fixture(scope="module")
def chromium(django_db_setup, django_db_blocker):
    """One headless Chromium for the module.

    Playwright's sync API keeps an event loop running in this thread, which changes
    two things for Django: it refuses ORM calls (they are synchronous here, so this
    module allows them), and it looks database connections up per async context, so
    the test would get new ones, without the test database's saved contents that
    serialized rollback restores. The context is given the connections the test
    database was set up on.
    """
    with django_db_blocker.unblock():
        test_connections = {alias: connections[alias] for alias in connections}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            for alias, connection in test_connections.items():
                connections[alias] = connection
            browser = playwright.chromium.launch(executable_path=chromium_path(), headless=True)
            yield browser
            browser.close()


@pytest.fixture
def open_tabs(request, chromium: Browser):
    """Tabs opened during the test; screenshots of them if it fails."""
    tabs: list[Page] = []
    yield tabs
    if failed(request.node):
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        for number, tab in enumerate(tabs):
            tab.screenshot(path=ARTIFACTS / f"{request.node.name}-{number}.png", full_page=True)
    for tab in tabs:
        # The live server must have answered before the test database is flushed: leaving
        # an edit form sends Wagtail's editing-session release, a write, so leave first
        # and give the server that moment (SQLite's in-memory database cannot be flushed
        # while another connection writes).
        # A screen that keeps polling (Wagtail's editing sessions) may never be idle:
        # then leaving is enough, and the wait below gives the release its moment.
        with contextlib.suppress(PlaywrightTimeout):
            tab.wait_for_load_state("networkidle", timeout=5000)
        tab.goto("about:blank")
        tab.wait_for_timeout(LEAVING_MS)
        tab.context.close()


@pytest.fixture
def csp_violations() -> list[str]:
    """Console messages about the Content-Security-Policy: each is something the policy broke."""
    return []


@pytest.fixture
def log_in(live_server, chromium: Browser, open_tabs, csp_violations):
    """A new browser context for a person, logged in through the login form."""

    def log_in_as(username: str) -> Page:
        # Vietnamese editors' browsers ask for Vietnamese: the admin answers in it.
        context = chromium.new_context(locale="vi-VN", base_url=live_server.url)
        context.set_default_timeout(TIMEOUT_MS)
        for fetched_beside_the_page in ("**/admin/sprite/**", "**/admin/jsi18n/**"):
            context.route(fetched_beside_the_page, retry_when_the_database_is_busy)
        tab = context.new_page()
        tab.on("console", lambda message: note_csp_violation(message.text, csp_violations))
        open_tabs.append(tab)
        tab.goto("/admin/login/")
        tab.fill("#id_username", username)
        tab.fill("#id_password", PASSWORD)
        tab.click("button[type=submit]")
        tab.wait_for_url("**/admin/")
        return tab

    return log_in_as
