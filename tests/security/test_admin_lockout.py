"""Password guessing on the admin's sign-in page is locked out, per username and per address.

Before: no defence at all — 40 wrong admin passwords in a row were each answered with the
ordinary "didn't match" page, and the 41st guess could be the right one. Now (django-axes,
editorial/lockout.py) a username locks after LOGIN_FAILURES_PER_USERNAME failures from
anywhere and an address after LOGIN_FAILURES_PER_ADDRESS failures across usernames; the
lockout is a 429 showing Wagtail's sign-in page with a Vietnamese message, the right
password is refused meanwhile, and administrators unlock under Settings → Khóa đăng nhập.
"""

import base64
import datetime

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from editorial.roles import ADMINISTRATORS, MODERATORS, WRITERS
from tests.editorial.conftest import PASSWORD, logged_in, member_of

LOGIN = reverse("wagtailadmin_login")
LOCKOUTS = reverse("sign-in-lockouts:index")
LOCKED_TEXT = "Đăng nhập sai quá nhiều lần"
OFFICE = "203.0.113.10"
ELSEWHERE = "198.51.100.20"


@pytest.fixture(autouse=True)
def lockout_rules(settings):
    """The shipped defaults, pinned so the environment cannot change what is tested."""
    settings.AXES_FAILURE_LIMIT = 5
    settings.LOGIN_FAILURES_PER_ADDRESS = 20
    settings.AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
    settings.TRUSTED_PROXIES = []


@pytest.fixture
def editor(db):
    return member_of(WRITERS, "bientapvien", "Nguyễn Thị Lan")


def browser(address: str = OFFICE, **headers) -> Client:
    return Client(REMOTE_ADDR=address, **headers)


def sign_in(client: Client, username: str, password: str):
    return client.post(LOGIN, {"username": username, "password": password})


def signed_in(client: Client) -> bool:
    return SESSION_KEY in client.session


def guess(client: Client, username: str, times: int):
    responses = [sign_in(client, username, f"doan-sai-{n}") for n in range(times)]
    return responses[-1]


def test_forty_wrong_passwords_end_in_a_lockout_with_a_vietnamese_message(editor):
    response = guess(browser(), editor.username, 40)

    assert response.status_code == 429
    html = response.content.decode()
    assert LOCKED_TEXT in html
    assert "15 phút" in html
    assert 'name="password"' in html  # Wagtail's own sign-in page, not a bare text


def test_the_first_failures_are_answered_as_a_wrong_password(editor):
    response = guess(browser(), editor.username, 4)

    assert response.status_code == 200
    assert LOCKED_TEXT not in response.content.decode()


def test_the_right_password_is_refused_while_the_username_is_locked(editor):
    client = browser()
    guess(client, editor.username, 5)

    response = sign_in(client, editor.username, PASSWORD)

    assert response.status_code == 429
    assert not signed_in(client)


def test_a_locked_username_is_refused_from_any_address(editor):
    guess(browser(OFFICE), editor.username, 5)
    client = browser(ELSEWHERE)

    response = sign_in(client, editor.username, PASSWORD)

    assert response.status_code == 429
    assert not signed_in(client)


def test_one_address_trying_many_usernames_is_locked_for_every_username(editor):
    spraying = browser(OFFICE)
    for n in range(20):
        sign_in(spraying, f"nguoi-dung-{n}", "MatKhau@2024")
    colleague = browser(OFFICE)

    response = sign_in(colleague, editor.username, PASSWORD)

    assert response.status_code == 429
    assert LOCKED_TEXT in response.content.decode()
    assert not signed_in(colleague)


def test_an_address_lockout_leaves_other_addresses_alone(editor):
    spraying = browser(OFFICE)
    for n in range(20):
        sign_in(spraying, f"nguoi-dung-{n}", "MatKhau@2024")
    client = browser(ELSEWHERE)

    response = sign_in(client, editor.username, PASSWORD)

    assert response.status_code == 302
    assert signed_in(client)


def test_a_forged_forwarded_for_header_does_not_escape_the_address_lockout(editor):
    """A client that connects directly cannot pose as a new address with X-Forwarded-For."""
    for n in range(20):
        sign_in(browser(OFFICE, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}"), f"nguoi-dung-{n}", "x")
    client = browser(OFFICE, HTTP_X_FORWARDED_FOR="192.0.2.200")

    response = sign_in(client, editor.username, PASSWORD)

    assert response.status_code == 429


def test_behind_a_trusted_proxy_each_reader_is_counted_by_their_own_address(settings, editor):
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    attacker = browser("10.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.66")
    for n in range(20):
        sign_in(attacker, f"nguoi-dung-{n}", "x")
    client = browser("10.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.77")

    response = sign_in(client, editor.username, PASSWORD)

    assert response.status_code == 302
    assert AccessAttempt.objects.filter(ip_address="192.0.2.66").exists()


def test_a_lockout_ends_after_the_cool_off_period(editor):
    guess(browser(), editor.username, 5)
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=16))
    client = browser()

    response = sign_in(client, editor.username, PASSWORD)

    assert response.status_code == 302
    assert signed_in(client)


# --- The admin screen ---------------------------------------------------------------------


@pytest.fixture
def administrator_client(db):
    return logged_in(member_of(ADMINISTRATORS, "quantri", "Lê Hoàng Nam"))


def test_an_administrator_sees_the_locked_username_and_address(administrator_client, editor):
    guess(browser(), editor.username, 5)

    html = administrator_client.get(LOCKOUTS).content.decode()

    assert editor.username in html
    assert OFFICE in html
    assert "Mở khóa" in html


def test_unlocking_on_the_admin_screen_lets_the_user_sign_in_again(administrator_client, editor):
    guess(browser(), editor.username, 40)
    attempt = AccessAttempt.objects.get(username=editor.username)
    unlock_url = reverse("sign-in-lockouts:delete", args=[attempt.pk])
    assert "Đồng ý, mở khóa" in administrator_client.get(unlock_url).content.decode()

    response = administrator_client.post(unlock_url)

    assert response.status_code == 302
    client = browser()
    assert sign_in(client, editor.username, PASSWORD).status_code == 302
    assert signed_in(client)


def test_an_unlock_is_kept_in_the_audit_log(administrator_client, editor):
    guess(browser(), editor.username, 5)
    attempt = AccessAttempt.objects.get(username=editor.username)

    administrator_client.post(reverse("sign-in-lockouts:delete", args=[attempt.pk]))

    entry = ModelLogEntry.objects.get(action="editorial.unlock_sign_in")
    assert entry.user.username == "quantri"


@pytest.mark.parametrize("role", [WRITERS, MODERATORS])
@pytest.mark.parametrize("screen", ["index", "unlock"])
def test_only_administrators_open_the_lockouts_screen(editor, role, screen):
    guess(browser(), editor.username, 5)
    attempt = AccessAttempt.objects.get(username=editor.username)
    url = {"index": LOCKOUTS, "unlock": reverse("sign-in-lockouts:delete", args=[attempt.pk])}
    client = logged_in(member_of(role, "nguoikhac", "Phạm Văn Hùng"))

    get = client.get(url[screen])
    post = client.post(url[screen])

    for response in (get, post):
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")
    assert AccessAttempt.objects.filter(pk=attempt.pk).exists()


def basic_credentials(username: str, password: str) -> dict:
    token = base64.b64encode(f"{username}:{password}".encode()).decode()
    return {"HTTP_AUTHORIZATION": f"Basic {token}"}


def test_the_public_api_takes_no_password_to_check(home_page, editor):
    """Before: DRF's default HTTP Basic authentication answered a wrong password 403 and the
    right one 200 on /api/v2/ — a second place to guess passwords. Now both are ignored."""
    client = browser()

    wrong = client.get("/api/v2/pages/", **basic_credentials(editor.username, "doan-sai"))
    right = client.get("/api/v2/pages/", **basic_credentials(editor.username, PASSWORD))

    assert wrong.status_code == right.status_code == 200
    assert not AccessAttempt.objects.exists()


def test_the_admins_own_api_still_knows_the_signed_in_editor(home_page, editor):
    """The page chooser's API (DRF) still authenticates by the admin session."""
    response = logged_in(editor).get("/admin/api/main/pages/")

    assert response.status_code == 200
