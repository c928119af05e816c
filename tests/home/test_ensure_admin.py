import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def run(**env) -> str:
    out = io.StringIO()
    call_command("ensure_admin", stdout=out)
    return out.getvalue()


def test_password_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "mật-khẩu-thử-nghiệm")
    output = run()
    assert "mật-khẩu-thử-nghiệm" not in output
    user = get_user_model().objects.get(username="admin")
    assert user.is_superuser and user.check_password("mật-khẩu-thử-nghiệm")


def test_without_a_password_a_random_one_is_printed_once(monkeypatch):
    monkeypatch.delenv("DJANGO_SUPERUSER_PASSWORD", raising=False)
    output = run()
    password = output.rsplit(": ", 1)[1].strip()
    assert len(password) >= 12
    assert get_user_model().objects.get(username="admin").check_password(password)
    second = run()
    assert password not in second
    assert get_user_model().objects.filter(username="admin").count() == 1


def test_an_existing_admin_keeps_its_password(monkeypatch):
    get_user_model().objects.create_superuser("admin", "a@example.gov.vn", "giữ-nguyên-mật-khẩu")
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "khác")
    run()
    assert get_user_model().objects.get(username="admin").check_password("giữ-nguyên-mật-khẩu")


def test_a_password_given_for_an_existing_admin_says_why_it_was_not_applied(monkeypatch):
    """Before: a later `make run` with DJANGO_SUPERUSER_PASSWORD said only "password
    unchanged", so an operator who lost the password did not learn how to reset it."""
    get_user_model().objects.create_superuser("admin", "a@example.gov.vn", "mật-khẩu-cũ-đã-quên")
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "mật-khẩu-mới")
    output = run()
    assert "DJANGO_SUPERUSER_PASSWORD was not applied" in output
    assert "manage.py changepassword admin" in output


def test_a_later_run_without_a_password_prints_no_reset_advice(monkeypatch):
    get_user_model().objects.create_superuser("admin", "a@example.gov.vn", "mật-khẩu")
    monkeypatch.delenv("DJANGO_SUPERUSER_PASSWORD", raising=False)
    assert "not applied" not in run()
