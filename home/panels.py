"""The dashboard panel of the visit counter's data: what readers read this week."""

import datetime
from dataclasses import dataclass

from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.models import Page

from editorial.charts import horizontal_bar_chart
from home.models import PageVisits

# "This week": today and the six days before it, in the site's time zone.
WEEK_DAYS = 7
LIST_LENGTH = 10


def week_start() -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=WEEK_DAYS - 1)


@dataclass(frozen=True)
class ReadPage:
    title: str
    views: int
    edit_url: str


class MostReadThisWeekPanel(Component):
    """Đọc nhiều nhất tuần này: views counted by the visit counter, as bars."""

    name = "editorial_most_read_this_week"
    template_name = "home/panels/most_read_this_week.html"
    order = 120

    def most_read(self) -> list[ReadPage]:
        totals = (
            PageVisits.objects.filter(date__gte=week_start())
            .values("page")
            .annotate(views=Sum("count"))
            .filter(views__gt=0)
            .order_by("-views", "page")[:LIST_LENGTH]
        )
        pages = Page.objects.in_bulk([row["page"] for row in totals])
        return [
            ReadPage(
                title=pages[row["page"]].get_admin_display_title(),
                views=row["views"],
                edit_url=reverse("wagtailadmin_pages:edit", args=[row["page"]]),
            )
            for row in totals
        ]

    def get_context_data(self, parent_context=None):
        pages = self.most_read()
        return {
            "pages": pages,
            "chart": horizontal_bar_chart([(page.title, page.views) for page in pages]),
            "since": week_start(),
        }
