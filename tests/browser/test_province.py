"""The province at a glance, in a real browser: the demo's province office sees the demo bloc and
a second bloc on its dashboard, sets a deadline, a reminder arrives on a real SMTP server, and the
province dossier is built by the task worker while the page's progress bar follows it, then
downloads."""

import datetime
import io
import zipfile

import pytest
from django.core.management import call_command
from django.utils import timezone

from members.models import BlocRole, Province
from tests.browser.steps import submit
from tests.factories import BlocFactory, BlocRoleFactory, UserFactory, year_with_members

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_and_a_second_bloc(db):
    call_command("load_demo", stdout=io.StringIO())
    province = Province.objects.get(slug="yen-bai")
    second = year_with_members(
        3, bloc=BlocFactory(province=province, name="Khối Thi đua các sở, ngành kinh tế")
    )
    late = UserFactory(username="daidien", email="daidien@example.vn")
    BlocRoleFactory(
        user=late,
        bloc=second.bloc,
        kind=BlocRole.Kind.REPRESENTATIVE,
        organization=second.memberships.order_by("position")[2].organization,
    )
    return second


def test_the_province_office_sees_its_blocs_sets_a_deadline_is_reminded_and_gets_the_dossier(
    page, login, live_server, smtp_server, demo_and_a_second_bloc
):
    second = demo_and_a_second_bloc
    due = timezone.localdate() + datetime.timedelta(days=3)

    # The dashboard lists the demo bloc and the second bloc, each linking to its year.
    login("bantdkt")
    page.goto(f"{live_server.url}/p/yen-bai/dashboard/?year=2023")
    blocs = page.locator("#blocs").inner_text()
    assert "Khối Thi đua các tổ chức Hội đặc thù tỉnh Yên Bái" in blocs
    assert "Khối Thi đua các sở, ngành kinh tế" in blocs

    # The office sets the self-scoring deadline.
    page.click("text=Đặt thời hạn và mức tối đa")
    page.fill("input[name=scoring_due]", due.isoformat())
    submit(page, "button:has-text('Lưu')")
    assert page.locator(".alert-success").count() == 1
    assert due.strftime("%d/%m/%Y") in page.locator("#deadlines").inner_text()

    # The scheduled job mails the member who has not submitted; the SMTP server receives it.
    call_command("send_reminders", stdout=io.StringIO())
    mails = [m for m in smtp_server.messages if m["To"] == "daidien@example.vn"]
    assert len(mails) == 1
    assert mails[0]["Subject"].strip().startswith("Nhắc hạn: nộp bảng tự chấm điểm")
    assert second.bloc.name in mails[0].get_content()

    # The province dossier: queued, then built by a worker while the progress bar follows it.
    submit(page, "button:has-text('Lập hồ sơ của tỉnh')")
    assert page.locator("#job-progress[data-status=queued]").count() == 1
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", stdout=io.StringIO())
    page.locator("#job-file").wait_for()  # htmx polling swapped the bar in place
    assert "100 %" in page.locator("#job-progress").inner_text()
    with page.expect_download() as download:
        page.click("#job-file")
    archive = zipfile.ZipFile(download.value.path())
    # Neither bloc has submitted its 2023 nominations: each folder says so, and the index.
    assert archive.namelist() == [
        f"01-ho-so-{second.bloc.slug}-2023-chua-nop.zip",
        "02-ho-so-hoi-dac-thu-yen-bai-2023-chua-nop.zip",
        "00-danh-muc.txt",
    ]
    assert "Đã nộp: 0/2 khối, cụm" in archive.read("00-danh-muc.txt").decode()

    # A reload shows the finished job, its file still offered.
    page.reload()
    assert page.locator("#job-file").count() == 1
