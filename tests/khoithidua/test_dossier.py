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
