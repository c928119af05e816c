"""Each editorial role can do only what it should, through the admin's real views.

tests/editorial/test_roles.py covers publishing, unpublishing, uploads and the users list;
this extends it to what a role must not reach: deleting, moving and locking live pages,
adding users, groups and site settings. Every refusal is paired with an administrator
making the same request successfully, so a request that is merely malformed cannot pass
as a refusal. Anonymous visitors get the sign-in page for every admin URL but the public
ones (sign-in, password reset, the icon sprite and the JavaScript catalogue).

Before: nothing pinned these rights down — a change to the roles (editorial/roles.py) or
a new admin screen without a permission check would have passed the suite unnoticed.
These are regression guards: the roles were already right, so they pass on the old code
(the lockouts screen, new this round, is covered in test_admin_lockout.py).
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse
from wagtail.models import Page, Site

from articles.factories import ArticlePageFactory
from articles.models import SectionIndexPage
from editorial.roles import ADMINISTRATORS, MODERATORS, WRITERS
from tests.editorial.conftest import logged_in, member_of
from tests.site_tree import add_published

REFUSED, ALLOWED = "refused", "allowed"


@pytest.fixture
def pages(news_section, home_page):
    """A live article by someone else, and a second section it could be moved to."""
    author = member_of(WRITERS, "tacgia", "Vũ Thị Mai")
    return {
        "article": ArticlePageFactory(parent=news_section, title="Thông báo", owner=author),
        "other_section": add_published(
            home_page, SectionIndexPage(title="Phổ biến pháp luật", slug="pho-bien")
        ),
        "site": Site.objects.get(is_default_site=True),
    }


def delete_page(client: Client, pages: dict):
    article = pages["article"]
    response = client.post(reverse("wagtailadmin_pages:delete", args=[article.pk]))
    return response, not Page.objects.filter(pk=article.pk).exists()


def move_page(client: Client, pages: dict):
    article, target = pages["article"], pages["other_section"]
    response = client.post(reverse("wagtailadmin_pages:move_confirm", args=[article.pk, target.pk]))
    return response, Page.objects.get(pk=article.pk).get_parent().pk == target.pk


def lock_page(client: Client, pages: dict):
    article = pages["article"]
    response = client.post(reverse("wagtailadmin_pages:lock", args=[article.pk]))
    return response, Page.objects.get(pk=article.pk).locked


def add_user(client: Client, pages: dict):
    response = client.post(
        reverse("wagtailusers_users:add"),
        {
            "username": "nguoimoi",
            "email": "nguoimoi@stp.example.gov.vn",
            "first_name": "Hồ",
            "last_name": "Văn Tâm",
            "password1": "Mat-khau-rat-dai-2024",
            "password2": "Mat-khau-rat-dai-2024",
        },
    )
    return response, get_user_model().objects.filter(username="nguoimoi").exists()


def open_groups(client: Client, pages: dict):
    return client.get(reverse("wagtailusers_groups:add")), None


def open_site_settings(client: Client, pages: dict):
    url = reverse("wagtailsettings:edit", args=["home", "sitesettings", pages["site"].pk])
    return client.get(url), None


ACTIONS = {
    "delete-live-page": delete_page,
    "move-page": move_page,
    "lock-page": lock_page,
    "add-user": add_user,
    "groups": open_groups,
    "site-settings": open_site_settings,
}
CASES = [
    *[(WRITERS, action, REFUSED) for action in ACTIONS],
    *[(MODERATORS, action, REFUSED) for action in ("add-user", "groups", "site-settings")],
    *[(ADMINISTRATORS, action, ALLOWED) for action in ACTIONS],
]


def assert_refused(response) -> None:
    """Wagtail answers 403, or sends the user to the dashboard with "Sorry, …"."""
    if response.status_code == 302:
        assert response["Location"] == reverse("wagtailadmin_home")
    else:
        assert response.status_code == 403


@pytest.mark.parametrize(("role", "action", "expected"), CASES)
def test_each_role_reaches_only_its_own_actions(pages, role, action, expected):
    client = logged_in(member_of(role, "nguoithu", "Phan Văn Thử"))

    response, happened = ACTIONS[action](client, pages)

    if expected == REFUSED:
        assert_refused(response)
        assert not happened
    else:
        assert response.status_code in (200, 302)
        if response.status_code == 302:
            assert response["Location"] != reverse("wagtailadmin_home")
        assert happened in (None, True)


# --- Anonymous visitors ----------------------------------------------------------------------

PUBLIC_ADMIN_URLS = {
    "wagtailadmin_login",
    "wagtailadmin_password_reset",
    "wagtailadmin_password_reset_done",
    "wagtailadmin_password_reset_confirm",
    "wagtailadmin_password_reset_complete",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
}


def admin_url_patterns(patterns=None, prefix: str = ""):
    """(route, name) of every URL under /admin/, from the project's URL configuration."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from admin_url_patterns(pattern.url_patterns, route)
        elif route.startswith("admin/"):
            yield route, pattern.name


def concrete_path(route: str, object_id: int) -> str:
    """A path matching the route: ids become an existing page's, choices their first."""
    path = re.sub(r"\(\?P<\w+>([^|)]*)[^)]*\)", r"\1", route)
    path = path.replace("^", "").replace("$", "").replace(r"\.", ".").replace(r"\d+", "1")
    path = re.sub(r"<int:\w+>", str(object_id), path)
    return "/" + re.sub(r"<(?:\w+:)?\w+>", "x", path)


def test_anonymous_visitors_get_the_sign_in_page_for_every_admin_url(home_page):
    client = Client()
    open_to_anyone = set()

    for route, name in admin_url_patterns():
        response = client.get(concrete_path(route, home_page.pk))
        if not (response.status_code == 302 and response["Location"].startswith("/admin/login/")):
            open_to_anyone.add(name or route)

    assert open_to_anyone == PUBLIC_ADMIN_URLS
