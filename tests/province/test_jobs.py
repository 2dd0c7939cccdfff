"""The province dossier as background work: the page starts a task (django-tasks, database
backend), a worker builds every bloc's dossier with the bloc's own builder, the page's progress
shows it, offers the file when done; a failed job says why and can be tried again."""

import io
import zipfile

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from province.models import ProvinceJob
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
    assert names == [  # one folder per bloc, by the blocs' names
        f"01-ho-so-{bloc_year.bloc.slug}-2023.zip",
        f"02-ho-so-{second_year.bloc.slug}-2023.zip",
    ]
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
