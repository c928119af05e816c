"""The dashboard panel of the search log: what readers looked for and did not find."""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.permission_policies.pages import PagePermissionPolicy

from search.models import UnansweredSearch

# "This week": today and the six days before it, in the site's time zone.
WEEK_DAYS = 7
LIST_LENGTH = 10


def week_start() -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=WEEK_DAYS - 1)


class SearchesWithoutResultsPanel(Component):
    """Tìm kiếm không có kết quả: what readers looked for this week and did not find.

    Shown to those who decide what gets written (moderators, administrators); queries
    are what citizens typed, so writers do not see them.
    """

    name = "editorial_searches_without_results"
    template_name = "vnsearch/panels/searches_without_results.html"
    order = 130

    def __init__(self, user: AbstractBaseUser):
        self.user = user

    @staticmethod
    def is_shown_to(user: AbstractBaseUser) -> bool:
        return PagePermissionPolicy().user_has_permission(user, "publish")

    def get_context_data(self, parent_context=None):
        searches = (
            UnansweredSearch.objects.filter(date__gte=week_start())
            .values("query__query_string")
            .annotate(searches=Sum("hits"))
            .order_by("-searches", "query__query_string")[:LIST_LENGTH]
        )
        return {
            "searches": [(row["query__query_string"], row["searches"]) for row in searches],
            # Wagtail's reports menu shows the full report to superusers only.
            "report_url": reverse("unanswered_searches") if self.user.is_superuser else None,
        }
