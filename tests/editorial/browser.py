"""Driving the admin in Debian's Chromium (fixtures `chromium` and `log_in` in conftest.py).

Playwright's browser downloads are never used: `scripts/chromium.sh` (run by `make test`)
installs Debian's chromium and `CHROMIUM` may name another binary.
"""

import os
import shutil
from pathlib import Path

from django.conf import settings
from playwright.sync_api import Page, Route

ARTIFACTS = Path(settings.BASE_DIR) / "var" / "test-artifacts"
TIMEOUT_MS = 15_000
LEAVING_MS = 500  # for the requests a page sends as it is left (editing-session release)


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    assert Path(path).exists(), f"{path} is missing: run scripts/chromium.sh (make test does)"
    return path


def note_csp_violation(text: str, violations: list[str]) -> None:
    if "Content Security Policy" in text or "Content-Security-Policy" in text:
        violations.append(text)


def open_footer_menu(tab: Page) -> None:
    tab.locator("footer .w-dropdown__toggle").click()


def click_tab_holding(tab: Page, field_selector: str) -> None:
    """Show the tab (Content / Metadata / Publishing) that holds a field."""
    panel_id = tab.eval_on_selector(field_selector, "el => el.closest('[role=tabpanel]').id")
    tab.click(f"a[role=tab][href='#{panel_id}']")


def retry_when_the_database_is_busy(route: Route) -> None:
    """The icon sprite or the script translations, fetched while the page's own request
    still holds its transaction,
    can meet SQLite's in-memory test database locked (a shared cache does not wait, it
    answers "database table is locked"): fetch it again, as a browser's reload would."""
    for _ in range(5):
        response = route.fetch()
        if response.status < 500:
            break
    route.fulfill(response=response)
