"""Send the webhook deliveries that are due and that no queued task will send."""

from django.core.management.base import BaseCommand

from home.webhooks import MAX_ATTEMPTS, RETRY_BASE, deliver_due


class Command(BaseCommand):
    help = (
        "Send every pending webhook delivery whose next attempt is due. The task worker "
        "(manage.py db_worker) makes every attempt itself (waits "
        f"{int(RETRY_BASE.total_seconds())} s after a failure, then doubling; marked failed "
        f"after {MAX_ATTEMPTS} attempts); this is the backstop for deliveries whose task was "
        "lost or whose webhook was paused and resumed. Safe beside the worker (an attempt "
        "is made once), e.g. from cron: "
        "'*/5 * * * * cd /app && python manage.py deliver_webhooks'."
    )

    def handle(self, *args, **options):
        outcomes = deliver_due()
        self.stdout.write(
            f"{outcomes['succeeded']} delivered, {outcomes['pending']} to retry later, "
            f"{outcomes['failed']} failed for good."
        )
