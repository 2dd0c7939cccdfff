"""The dossier for the province: one ZIP with the submission, the minutes, the report and the
ranking; a closed year's dossier is the stored one."""

import io
import zipfile

from documents import registry
from documents.models import StoredDocument
from tests.khoithidua.factories import closed_year, signed_report, written_report


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
    signed_report(bloc_year)  # signing off issues the report: its number is reserved

    page = client_for(observer).get(url("register/")).content.decode()

    assert "05/BC-KTĐ" in page and f"20/12/{bloc_year.year}" in page


def test_a_meeting_whose_minutes_number_is_taken_is_refused_and_changes_nothing(bloc_year):
    import pytest
    from django.core.exceptions import ValidationError

    from awards import services as award_services
    from awards.models import Meeting
    from tests.awards.factories import hold_meeting

    signed_report(bloc_year)  # 05/BC-KTĐ, 20/12
    meeting = hold_meeting(bloc_year)

    with pytest.raises(ValidationError) as refused:
        award_services.meeting_record(
            bloc_year=bloc_year,
            present=list(meeting.present.all()),
            held_on=meeting.held_on,
            starts_at=meeting.starts_at,
            place=meeting.place,
            chair=meeting.chair,
            secretary=meeting.secretary,
            minutes_number="05/BB-KTĐ",
        )

    assert "minutes_number" in refused.value.message_dict
    assert Meeting.objects.get().minutes_number == ""


def test_every_document_downloads_as_word(client_for, member, url, bloc_year):
    written_report(bloc_year)

    response = client_for(member).get(url("documents/report.docx"))
    unknown = client_for(member).get(url("documents/nothing.docx"))

    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.docx"')
    assert unknown.status_code == 404
