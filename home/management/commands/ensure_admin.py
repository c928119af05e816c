"""Create the `admin` account once; never touch an existing one."""

import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create the superuser 'admin' (password from DJANGO_SUPERUSER_PASSWORD or random)."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument("--email", default="admin@example.gov.vn")

    def handle(self, *args, username: str, email: str, **options):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            self.stdout.write(f"Admin account '{username}' already exists; password unchanged.")
            if os.environ.get("DJANGO_SUPERUSER_PASSWORD"):
                # The variable stays in an operator's environment: applying it on every
                # start would silently undo a password changed in the admin since.
                self.stdout.write(
                    self.style.WARNING(
                        "DJANGO_SUPERUSER_PASSWORD was not applied: it only sets the password "
                        "of a new account. To change it: "
                        f"python manage.py changepassword {username}"
                    )
                )
            return
        password = os.environ.get("DJANGO_SUPERUSER_PASSWORD") or secrets.token_urlsafe(12)
        User.objects.create_superuser(username=username, email=email, password=password)
        if os.environ.get("DJANGO_SUPERUSER_PASSWORD"):
            self.stdout.write(
                f"Created admin account '{username}' (password from the environment)."
            )
        else:
            # Printed once: it is stored only as a hash.
            self.stdout.write(
                self.style.SUCCESS(f"Created admin account '{username}' with password: {password}")
            )
