"""Back up the site: the database and the uploaded files, into one new folder.

    python manage.py backup_site /var/backups/govcms/2026-12-04

Restore it with `restore_site` into an empty database and empty file folders.
See home/backups.py for what the folder holds.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from home.backups import BackupError, back_up


class Command(BaseCommand):
    help = "Back up the database and the uploaded files (media, documents) into a new folder."

    def add_arguments(self, parser):
        parser.add_argument("folder", help="A new or empty folder to write the backup into.")

    def handle(self, *args, folder: str, **options):
        try:
            manifest = back_up(Path(folder))
        except BackupError as error:
            raise CommandError(str(error)) from None
        files = ", ".join(entry["file"] for entry in manifest["files"].values())
        self.stdout.write(f"Backed up the {manifest['engine']} database and files: {files}.")
