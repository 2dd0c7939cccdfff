import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from khoithidua import transfer


class Command(BaseCommand):
    help = "Loads a bloc written by export_bloc into this database (the bloc must not exist)."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, file, **options):
        try:
            data = json.loads(Path(file).read_text(encoding="utf-8"))
            count = transfer.import_bloc(data)
        except (OSError, ValueError, KeyError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{count} rows imported from {file}")
