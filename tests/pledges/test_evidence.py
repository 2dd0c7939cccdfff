"""Evidence files: accepted types and size, streamed only to people who may see the sheet."""

from django.core.files.uploadedfile import SimpleUploadedFile

from pledges.models import Evidence, ScoreSheet
from tests.pledges.helpers import post_row, sheet_of


def _pdf(name="bao-cao.pdf", size=None):
    content = b"%PDF-1.4\n" + b"0" * ((size or 100) - 9)
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_a_member_attaches_evidence_to_a_row(
    client_for, member, url, bloc_year, member_org, scored
):
    sheet = sheet_of(bloc_year, member_org)
    response = post_row(client_for(member), url, sheet, scored[0], "5", evidence=_pdf())
    assert response.status_code == 302
    evidence = Evidence.objects.get(score__sheet=sheet)
    assert evidence.original_name == "bao-cao.pdf"
    assert evidence.content_type == "application/pdf"
    assert "bao-cao" not in evidence.file.name  # stored under a random name


def test_evidence_is_streamed_by_a_view_that_checks_access(
    client_for, member, leader, observer, url, bloc_year, member_org, scored
):
    sheet = sheet_of(bloc_year, member_org)
    post_row(client_for(member), url, sheet, scored[0], "5", evidence=_pdf())
    evidence = Evidence.objects.get(score__sheet=sheet)
    address = url(f"sheets/{sheet.pk}/evidence/{evidence.pk}/")
    response = client_for(member).get(address)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert 'filename="bao-cao.pdf"' in response["Content-Disposition"]
    assert client_for(observer).get(address).status_code == 200
    # Another member may not see a draft, nor its files.
    assert client_for(leader).get(address).status_code == 404
    sheet.status = ScoreSheet.Status.SUBMITTED
    sheet.save()
    assert client_for(leader).get(address).status_code == 200


def test_an_evidence_download_is_never_stored_by_a_browser_or_a_shared_cache(
    client_for, member, url, bloc_year, member_org, scored
):
    sheet = sheet_of(bloc_year, member_org)
    post_row(client_for(member), url, sheet, scored[0], "5", evidence=_pdf())
    evidence = Evidence.objects.get(score__sheet=sheet)

    response = client_for(member).get(url(f"sheets/{sheet.pk}/evidence/{evidence.pk}/"))

    assert response.status_code == 200
    assert {"private", "no-store"} <= {d.strip() for d in response["Cache-Control"].split(",")}


def test_evidence_of_another_sheet_cannot_be_fetched_through_this_one(
    client_for, secretary, url, bloc_year, orgs, member_org, scored
):
    sheet = sheet_of(bloc_year, member_org)
    other = sheet_of(bloc_year, orgs[3])
    post_row(client_for(secretary), url, other, scored[0], "5", evidence=_pdf())
    evidence = Evidence.objects.get(score__sheet=other)
    response = client_for(secretary).get(url(f"sheets/{sheet.pk}/evidence/{evidence.pk}/"))
    assert response.status_code == 404


def test_a_file_too_big_is_refused_and_nothing_is_saved(
    client_for, member, url, bloc_year, member_org, scored, settings
):
    settings.EVIDENCE_MAX_BYTES = 1000
    sheet = sheet_of(bloc_year, member_org)
    response = post_row(client_for(member), url, sheet, scored[0], "5", evidence=_pdf(size=1500))
    assert response.status_code == 400
    assert "Tệp quá lớn" in response.content.decode()
    assert not Evidence.objects.exists()


def test_a_refused_file_type_is_refused_with_a_message(
    client_for, member, url, bloc_year, member_org, scored
):
    sheet = sheet_of(bloc_year, member_org)
    script = SimpleUploadedFile("virus.exe", b"MZ....", content_type="application/octet-stream")
    response = post_row(client_for(member), url, sheet, scored[0], "5", evidence=script)
    assert response.status_code == 400
    assert "Không nhận tệp loại “.exe”" in response.content.decode()
    assert not Evidence.objects.exists()


def test_a_member_deletes_its_evidence_while_the_sheet_is_a_draft(
    client_for,
    member,
    url,
    bloc_year,
    member_org,
    scored,
    media_root,
    django_capture_on_commit_callbacks,
):
    sheet = sheet_of(bloc_year, member_org)
    client = client_for(member)
    post_row(client, url, sheet, scored[0], "5", evidence=_pdf())
    evidence = Evidence.objects.get()
    path = media_root / evidence.file.name
    assert path.exists()
    address = url(f"sheets/{sheet.pk}/evidence/{evidence.pk}/delete/")
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(address).status_code == 302
    assert not Evidence.objects.exists()
    assert not path.exists()


def test_evidence_cannot_be_deleted_once_submitted(
    client_for, member, url, bloc_year, member_org, scored
):
    sheet = sheet_of(bloc_year, member_org)
    client = client_for(member)
    post_row(client, url, sheet, scored[0], "5", evidence=_pdf())
    sheet.status = ScoreSheet.Status.SUBMITTED
    sheet.save()
    evidence = Evidence.objects.get()
    response = client.post(url(f"sheets/{sheet.pk}/evidence/{evidence.pk}/delete/"))
    assert response.status_code == 403
    assert Evidence.objects.exists()
