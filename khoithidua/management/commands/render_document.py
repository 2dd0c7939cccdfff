"""render_document <kind> --bloc <slug> --year <YYYY> -o <file>: print one of a year's documents
from the command line, exactly as the web pages give it (stored bytes for a closed year)."""

from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from documents import registry
from members.models import Bloc, BlocYear


class Command(BaseCommand):
    help = "Render a document of a bloc year (PDF, .docx, or ZIP for the dossier) to a file."

    def add_arguments(self, parser):
        parser.add_argument("kind", help="report, dossier, pledge, ranking, minutes, …")
        parser.add_argument("--bloc", required=True, help="the bloc's slug")
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument(
            "-o", "--output", help="file to write (default: the document's name; .docx: Word)"
        )

    def handle(self, *args, kind, bloc, year, output=None, **options):
        if kind not in registry.kinds():
            raise CommandError(
                _("Unknown document kind “%(kind)s”. Known kinds: %(kinds)s.")
                % {"kind": kind, "kinds": ", ".join(registry.kinds())}
            )
        bloc_obj = Bloc.objects.filter(slug=bloc).first()
        if bloc_obj is None:
            known = ", ".join(Bloc.objects.order_by("slug").values_list("slug", flat=True))
            raise CommandError(
                _("No bloc with the slug “%(slug)s”. Known blocs: %(known)s.")
                % {"slug": bloc, "known": known or "-"}
            )
        bloc_year = (
            BlocYear.objects.select_related("bloc", "head", "deputy")
            .filter(bloc=bloc_obj, year=year)
            .first()
        )
        if bloc_year is None:
            years = ", ".join(
                str(y) for y in bloc_obj.years.order_by("year").values_list("year", flat=True)
            )
            raise CommandError(
                _("The bloc “%(slug)s” has no year %(year)s. Its years: %(years)s.")
                % {"slug": bloc, "year": year, "years": years or "-"}
            )
        try:
            rendered = registry.render(kind, bloc_year)
        except (ValidationError, PermissionDenied) as error:  # a refusal, said plainly
            raise CommandError(
                _("Could not render %(kind)s for %(slug)s %(year)s: %(error)s")
                % {
                    "kind": kind,
                    "slug": bloc,
                    "year": year,
                    "error": "; ".join(getattr(error, "messages", [str(error)])),
                }
            ) from error
        if output and output.endswith(".docx"):  # the Word copy of the same document
            if rendered.docx is None:
                raise CommandError(_("This kind of document has no Word copy."))
            rendered = rendered.as_word()
        path = Path(output or rendered.filename)
        path.write_bytes(rendered.content)
        self.stdout.write(f"{path} ({len(rendered.content)} B, {rendered.mimetype})")
