"""Send the webhook deliveries that are due; cron runs it every minute."""

from django.core.management.base import BaseCommand

from home.webhooks import MAX_ATTEMPTS, RETRY_BASE, deliver_due


class Command(BaseCommand):
    help = (
        "Send every pending webhook delivery whose next attempt is due: retries after a "
        f"failure (waits {int(RETRY_BASE.total_seconds())} s, then doubling; marked failed "
        f"after {MAX_ATTEMPTS} attempts) and first attempts the task queue missed. Nothing "
        "sleeps in-process, so schedule it, e.g. every minute in cron: "
        "'* * * * * cd /app && python manage.py deliver_webhooks'."
    )

    def handle(self, *args, **options):
        outcomes = deliver_due()
        self.stdout.write(
            f"{outcomes['succeeded']} delivered, {outcomes['pending']} to retry later, "
            f"{outcomes['failed']} failed for good."
        )
