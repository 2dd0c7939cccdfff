"""The province dossier as background work: the page starts a task (django-tasks, database
backend), a worker builds every bloc's dossier with the bloc's own builder, the page's progress
shows it, offers the file when done; a failed job says why and can be tried again. A bloc's large
import of organizations is such a job too, on the same page under the bloc's address."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.models import DBTaskResult
from openpyxl import Workbook

from province.models import ProvinceJob
from tests.province.factories import nominations
from tests.utils import text

# The worker commits and checks its connection as it would in production (a test transaction
# around it would look like a broken connection to it on PostgreSQL).
pytestmark = pytest.mark.django_db(transaction=True)

HTMX = {"HX-Request": "true"}  # the progress bar is polled by htmx


def work():
    """One worker run, as `manage.py db_worker` does on any machine, until the queue is empty."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", stdout=io.StringIO())


def test_the_province_dossier_is_built_by_a_worker_with_every_blocs_dossier(
    client_for, province_office, province, bloc_year, second_year
):
    nominations(bloc_year, "MERIT_CERTIFICATE", 1)  # submitted on 25/12/2023; the second bloc not
    client = client_for(province_office)

    started = client.post(f"/p/{province.slug}/2023/dossier/")
    job = ProvinceJob.objects.get()
    waiting = client.get(
        f"/p/{province.slug}/jobs/{job.pk}/progress/", headers=HTMX
    ).content.decode()
    work()
    done = client.get(f"/p/{province.slug}/jobs/{job.pk}/progress/", headers=HTMX).content.decode()
    download = client.get(f"/p/{province.slug}/jobs/{job.pk}/file/")

    assert started["Location"] == f"/p/{province.slug}/jobs/{job.pk}/"
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    assert 'hx-trigger="every 1s"' in waiting and 'data-status="queued"' in waiting
    assert "hx-trigger" not in done and "100 %" in done and "2/2 khối" in text_of(done)
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    names = archive.namelist()
    # One folder per bloc, by the blocs' names; one not yet submitted says so in its name (its
    # submission is a draft without number or date) and in the index.
    assert names == [
        f"01-ho-so-{bloc_year.bloc.slug}-2023.zip",
        f"02-ho-so-{second_year.bloc.slug}-2023-chua-nop.zip",
        "00-danh-muc.txt",
    ]
    index = archive.read("00-danh-muc.txt").decode()
    assert "Đã nộp: 1/2 khối, cụm" in index
    assert f"{bloc_year.bloc.name} (nộp ngày 25 tháng 12 năm 2023)" in index
    assert f"{second_year.bloc.name} (CHƯA NỘP: tờ trình là bản nháp" in index
    inner = zipfile.ZipFile(io.BytesIO(archive.read(names[0])))
    assert "00-danh-muc.txt" in inner.namelist()  # the bloc's own dossier, as the bloc prints it


def text_of(html):
    class Page:
        content = html.encode()

    return text(Page)


def test_a_failed_job_says_why_and_can_be_tried_again(
    client_for, province_office, province, bloc_year
):
    client = client_for(province_office)

    client.post(f"/p/{province.slug}/2030/dossier/")  # no bloc has 2030
    work()
    failed = ProvinceJob.objects.get()
    page = client.get(f"/p/{province.slug}/jobs/{failed.pk}/")
    retried = client.post(f"/p/{province.slug}/jobs/{failed.pk}/retry/")

    assert failed.status == "failed"
    assert "Không khối nào của Yên Bái có năm 2030." in text(page)
    assert "Chạy lại" in text(page)
    again = ProvinceJob.objects.exclude(pk=failed.pk).get()
    assert retried["Location"] == f"/p/{province.slug}/jobs/{again.pk}/"
    assert again.status == "queued" and again.task_id


def test_a_job_that_did_not_fail_cannot_be_retried(
    client_for, province_office, province, bloc_year
):
    job = ProvinceJob.objects.create(province=province, year=2023, kind="dossier")

    response = client_for(province_office).post(f"/p/{province.slug}/jobs/{job.pk}/retry/")

    assert response.status_code == 302
    assert ProvinceJob.objects.count() == 1


def test_the_job_page_survives_a_reload(client_for, province_office, province, bloc_year):
    client = client_for(province_office)
    client.post(f"/p/{province.slug}/2023/dossier/")
    job = ProvinceJob.objects.get()
    work()

    first = client.get(f"/p/{province.slug}/jobs/{job.pk}/")
    second = client.get(f"/p/{province.slug}/jobs/{job.pk}/")

    assert 'id="job-file"' in first.content.decode()
    assert 'id="job-file"' in second.content.decode()


# --- a bloc's large import runs as a job too ----------------------------------------------------


def organizations_file(*names) -> SimpleUploadedFile:
    book = Workbook()
    book.active.append(["Tên đơn vị", "Email"])
    for name in names:
        book.active.append([name, "không-phải-email" if name.endswith("!") else ""])
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("don-vi.xlsx", buffer.getvalue())


@override_settings(IMPORT_BACKGROUND_ROWS=2)
def test_a_large_import_of_organizations_runs_as_a_job_whose_page_shows_each_rows_fate(
    client_for, secretary, bloc
):
    client = client_for(secretary)
    upload = organizations_file("Hội Luật gia tỉnh", "Hội Nhà báo tỉnh!", "Hội Đông y tỉnh")

    started = client.post(f"/b/{bloc.slug}/orgs/import/", {"file": upload})
    job = ProvinceJob.objects.get()
    waiting = client.get(f"/b/{bloc.slug}/jobs/{job.pk}/progress/", headers=HTMX)
    created_before_the_worker = bloc.organizations.filter(name="Hội Luật gia tỉnh").exists()
    work()
    done = client.get(f"/b/{bloc.slug}/jobs/{job.pk}/progress/", headers=HTMX).content.decode()
    page = client.get(f"/b/{bloc.slug}/jobs/{job.pk}/")

    assert started["Location"] == f"/b/{bloc.slug}/jobs/{job.pk}/"
    assert 'hx-trigger="every 1s"' in waiting.content.decode()
    assert not created_before_the_worker
    assert "hx-trigger" not in done and "100 %" in done
    shown = text(page)
    assert "Nhập danh sách đơn vị" in shown and "3 dòng" in shown
    assert "Đã thêm 2 đơn vị" in shown and "1 dòng bị từ chối" in shown
    assert "3 Email:" in shown  # row 3 of the file, with the reason
    names = set(bloc.organizations.values_list("name", flat=True))
    assert {"Hội Luật gia tỉnh", "Hội Đông y tỉnh"} <= names


@override_settings(IMPORT_BACKGROUND_ROWS=1)
def test_a_failed_import_says_why_creates_nothing_and_is_tried_again_with_the_same_file(
    client_for, secretary, bloc, monkeypatch
):
    client = client_for(secretary)
    before = bloc.organizations.count()
    client.post(f"/b/{bloc.slug}/orgs/import/", {"file": organizations_file("Hội A", "Hội B")})
    failed = ProvinceJob.objects.get()

    def broken(**kwargs):
        raise ValidationError("Máy chủ đang bảo trì.")

    monkeypatch.setattr("members.services.organizations_import", broken)
    work()
    monkeypatch.undo()
    failed.refresh_from_db()
    page = text(client.get(f"/b/{bloc.slug}/jobs/{failed.pk}/"))
    retried = client.post(f"/b/{bloc.slug}/jobs/{failed.pk}/retry/")
    again = ProvinceJob.objects.exclude(pk=failed.pk).get()
    work()
    again.refresh_from_db()

    assert failed.status == "failed" and "Máy chủ đang bảo trì." in page and "Chạy lại" in page
    assert retried["Location"] == f"/b/{bloc.slug}/jobs/{again.pk}/"
    assert again.upload.name == failed.upload.name
    assert again.status == "done" and bloc.organizations.count() == before + 2


def test_a_small_import_answers_at_once_without_a_job(client_for, secretary, bloc):
    response = client_for(secretary).post(
        f"/b/{bloc.slug}/orgs/import/", {"file": organizations_file("Hội Cựu giáo chức tỉnh")}
    )

    assert response.status_code == 200 and "Đã thêm 1 đơn vị" in text(response)
    assert not ProvinceJob.objects.exists()
