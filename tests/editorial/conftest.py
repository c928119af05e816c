"""People of the editorial office, each in one role, with an admin session of their own."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

from editorial.roles import ADMINISTRATORS, MODERATORS, WRITERS

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
