"""Restore a `backup_site` folder into this site's empty database and file folders.

    DATABASE_URL=postgres://…/govcms_new MEDIA_ROOT=… DOCUMENTS_ROOT=… \
        python manage.py restore_site /var/backups/govcms/2026-12-04

It refuses a database that already has tables and file folders that are not
empty, so a restore never mixes two sites. Afterwards run `migrate` (a backup
from an older release) and, with Elasticsearch, `sync_search_index --all`.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from home.backups import BackupError, restore


class Command(BaseCommand):
    help = "Restore a backup_site folder into an empty database and empty file folders."

    def add_arguments(self, parser):
        parser.add_argument("folder", help="The folder backup_site wrote.")

    def handle(self, *args, folder: str, **options):
        try:
            manifest = restore(Path(folder))
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Restored the {manifest['engine']} database and files from {folder}. "
            "With Elasticsearch, fill its index: manage.py sync_search_index --all"
        )
