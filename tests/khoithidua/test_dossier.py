"""The dossier for the province: one ZIP with the submission, the minutes, the report and the
ranking; a closed year's dossier is the stored one."""

import io
import zipfile

from documents import registry
from documents.models import StoredDocument
from tests.khoithidua.factories import closed_year, written_report


def test_one_click_downloads_a_zip_of_the_four_documents(client_for, observer, url, bloc_year):
    written_report(bloc_year)

    response = client_for(observer).get(url("dossier/"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith("attachment;")
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    for prefix in ("00-danh-muc", "01-", "02-", "03-bao-cao-tong-ket", "04-"):
        assert any(name.startswith(prefix) for name in names), (prefix, names)
    for name in names:
        if name.endswith(".pdf"):
            assert zipfile.ZipFile(io.BytesIO(response.content)).read(name)[:5] == b"%PDF-"


def test_the_dossier_of_a_closed_year_packs_the_stored_documents(
    client_for, member, url, bloc_year
):
    closed_year(bloc_year)
    stored_report = StoredDocument.objects.get(key=registry.document_key("report", bloc_year))

    response = client_for(member).get(url("dossier/"))

    archive = zipfile.ZipFile(io.BytesIO(response.content))
    report_name = next(n for n in archive.namelist() if n.startswith("03-"))
    assert archive.read(report_name) == bytes(stored_report.content)
    stored_dossier = StoredDocument.objects.get(key=registry.document_key("dossier", bloc_year))
    assert response.content == bytes(stored_dossier.content)


def test_the_register_page_lists_the_numbers_the_years_documents_took(
    client_for, observer, url, bloc_year
):
    written_report(bloc_year, number="")
    registry.render("report", bloc_year)

    page = client_for(observer).get(url("register/")).content.decode()

    assert "01/BC-KTĐ" in page and f"20/12/{bloc_year.year}" in page


def test_a_document_whose_typed_number_is_taken_answers_409_and_changes_nothing(
    client_for, observer, url, bloc_year
):
    from awards.models import Meeting
    from documents.models import RegisterEntry
    from tests.khoithidua.factories import meeting_held

    written_report(bloc_year, number="03/BC-KTĐ")
    registry.render("report", bloc_year)
    meeting_held(bloc_year)
    Meeting.objects.filter(bloc_year=bloc_year).update(minutes_number="03/BB-KTĐ")

    response = client_for(observer).get(
        f"/b/{bloc_year.bloc.slug}/{bloc_year.year}/awards/documents/minutes.pdf"
    )

    assert response.status_code == 409
    assert "03/BB-KTĐ" in response.content.decode()
    assert RegisterEntry.objects.count() == 1


def test_every_document_downloads_as_word(client_for, member, url, bloc_year):
    written_report(bloc_year)

    response = client_for(member).get(url("documents/report.docx"))
    unknown = client_for(member).get(url("documents/nothing.docx"))

    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.docx"')
    assert unknown.status_code == 404
