import datetime

from django.conf import settings
from django.utils import formats, translation


def test_vietnamese_is_the_default_language_and_time_zone():
    assert settings.LANGUAGE_CODE == "vi"
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"


def test_dates_are_shown_day_month_year_with_slashes():
    with translation.override("vi"):
        assert formats.date_format(datetime.date(2021, 5, 31), "SHORT_DATE_FORMAT") == "31/05/2021"
        assert formats.date_format(datetime.date(2021, 9, 23)) == "23/09/2021"


def test_dates_typed_the_vietnamese_way_are_understood():
    with translation.override("vi"):
        assert "%d/%m/%Y" in formats.get_format("DATE_INPUT_FORMATS")


def test_admin_speaks_vietnamese(admin_client):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    assert 'lang="vi"' in response.content.decode()
    # Wagtail's own Vietnamese catalogue: "Dashboard" is "Trang tổng quan".
    assert "Trang tổng quan" in response.content.decode()


def test_an_editor_can_choose_english_for_the_admin(admin_client, admin_user):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "en"
    profile.save()
    response = admin_client.get("/admin/")
    assert 'lang="en"' in response.content.decode()
