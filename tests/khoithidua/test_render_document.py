"""`render_document <kind> --bloc <slug> --year <YYYY> -o <file>`: the year's documents from the
command line; a wrong kind, bloc or year is said plainly, never with a traceback."""

import io
import zipfile

import pytest
from django.core.management import CommandError, call_command

from tests.khoithidua.factories import written_report
from tests.pdf import PdfInfo


def run(*args):
    call_command("render_document", *args, stdout=io.StringIO())


def test_it_writes_the_years_report_to_the_file_given(bloc_year, tmp_path):
    written_report(bloc_year)
    out = tmp_path / "report.pdf"

    run("report", "--bloc", bloc_year.bloc.slug, "--year", "2023", "-o", str(out))

    info = PdfInfo(out.read_bytes())
    assert info.all_a4() and "Số: 05/BC-KTĐ" in info.text


def test_it_writes_the_dossier_as_a_zip(bloc_year, tmp_path):
    written_report(bloc_year)
    out = tmp_path / "dossier.zip"

    run("dossier", "--bloc", bloc_year.bloc.slug, "--year", "2023", "-o", str(out))

    names = zipfile.ZipFile(out).namelist()
    assert "00-danh-muc.txt" in names
    assert any(name.startswith("03-bao-cao-tong-ket") for name in names)


@pytest.mark.parametrize(
    "args,words",
    [
        (["no-such-kind", "--bloc", "{slug}", "--year", "2023"], ["no-such-kind", "report"]),
        (["report", "--bloc", "no-such-bloc", "--year", "2023"], ["no-such-bloc", "{slug}"]),
        (["report", "--bloc", "{slug}", "--year", "1999"], ["1999", "2023"]),
    ],
)
def test_an_unknown_kind_bloc_or_year_is_a_clear_command_error(bloc_year, tmp_path, args, words):
    slug = bloc_year.bloc.slug
    args = [a.format(slug=slug) for a in args] + ["-o", str(tmp_path / "x.pdf")]

    with pytest.raises(CommandError) as error:
        run(*args)

    for word in words:
        assert word.format(slug=slug) in str(error.value)
    assert not (tmp_path / "x.pdf").exists()
