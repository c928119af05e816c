"""Re-apply the editorial roles and workflows: `manage.py setup_editorial_roles`."""

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from editorial.roles import apply_roles
from editorial.workflows import apply_workflows


class Command(BaseCommand):
    help = (
        "Create or complete the editorial groups (Biên tập viên, Trưởng ban biên tập, "
        "Quản trị), their permissions and the approval workflows. Safe to run again; "
        "it only adds what is missing."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        groups = apply_roles(apps)
        workflows = apply_workflows(apps)
        self.stdout.write(
            self.style.SUCCESS(f"Roles: {', '.join(groups)}. Workflows: {', '.join(workflows)}.")
        )
