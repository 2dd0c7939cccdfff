from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from khoithidua import transfer
from members.models import Bloc


class Command(BaseCommand):
    help = "Writes a whole bloc (every year, member, score, vote, document) to one JSON file."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("-o", "--output", required=True)

    def handle(self, slug, output, **options):
        bloc = Bloc.objects.filter(slug=slug).first()
        if bloc is None:
            raise CommandError(f"No bloc with the slug “{slug}”.")
        data = transfer.export_bloc(bloc)
        Path(output).write_text(transfer.dumps(data), encoding="utf-8")
        self.stdout.write(f"{len(data['objects'])} rows written to {output}")
