"""A province starts from nothing (issue 9), in a real browser and without /admin/: its office
creates a bloc of 7 members on a 1,000-point scale, appoints the secretariat, who invites two
representatives by e-mail, opens the year and moves it to self-scoring; a representative follows
the e-mailed link, chooses a password and scores its own sheet."""

import re
from io import BytesIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from openpyxl import Workbook

from members.models import Bloc, BlocYear
from pledges.models import Score
from tests.browser.steps import submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

YEAR = timezone.localdate().year  # a live year (a past one would be entered afterwards)

ORGANIZATIONS = [
    "Phòng Nội vụ huyện Mường Chà",
    "Phòng Tài chính – Kế hoạch huyện Mường Chà",
    "Phòng Giáo dục và Đào tạo huyện Mường Chà",
    "Phòng Y tế huyện Mường Chà",
    "Phòng Tư pháp huyện Mường Chà",
    "Phòng Văn hóa – Thông tin huyện Mường Chà",
    "Phòng Nông nghiệp huyện Mường Chà",
]
# A 1,000-point scale: 4 criteria of 250 points.
CRITERIA = [
    ("I", "Công tác chuyên môn", str(n), f"Tiêu chí {n}", "Chấm điểm", 250) for n in (1, 2, 3, 4)
]


def xlsx(header, rows) -> bytes:
    book = Workbook()
    book.active.append(header)
    for row in rows:
        book.active.append(list(row))
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def last_link() -> str:
    return re.search(r"https?://\S+/accounts/password/set/\S+/", mail.outbox[-1].body).group(0)


def choose_password(page, link, password="Dien-bien-2024!"):
    page.goto(link)
    page.fill("input[name=new_password1]", password)
    page.fill("input[name=new_password2]", password)
    submit(page, "button:has-text('Lưu mật khẩu')")
    assert "Đã lưu mật khẩu" in page.content()
    return password


def log_out(page):
    page.click("#account-menu")
    submit(page, "button:has-text('Đăng xuất')")


def test_a_province_office_starts_a_bloc_and_a_representative_self_scores(page, login, live_server):
    call_command(
        "create_province_office",
        province="Điện Biên",
        username="bantdkt.dienbien",
        email="tdkt@dienbien.gov.vn",
        password="Thi-dua-Dien-Bien-1",
    )
    page.on("dialog", lambda dialog: dialog.accept())
    visited = []
    page.on("request", lambda request: visited.append(request.url))

    # The office lands on its province, creates a bloc, and appoints its secretariat.
    login("bantdkt.dienbien", "Thi-dua-Dien-Bien-1")
    assert page.url.endswith("/p/dien-bien/")
    page.click("a:has-text('Khối mới')")
    page.fill("input[name=name]", "Khối thi đua các phòng huyện Mường Chà")
    page.fill("input[name=short_name]", "Khối các phòng Mường Chà")
    page.fill("input[name=superior_body]", "Ủy ban nhân dân huyện Mường Chà")
    submit(page, "button:has-text('Lưu')")
    bloc = Bloc.objects.get(name="Khối thi đua các phòng huyện Mường Chà")
    assert bloc.slug == "khoi-cac-phong-muong-cha"
    page.click("a:has-text('Mời người dùng')")
    page.fill("input[name=email]", "vanphong@muongcha.gov.vn")
    page.fill("input[name=last_name]", "Lò Thị")
    page.fill("input[name=first_name]", "Thư")
    page.select_option("select[name=kind]", "secretariat")
    submit(page, "button:has-text('Gửi lời mời')")
    assert "Đã gửi lời mời tới vanphong@muongcha.gov.vn" in page.content()
    log_out(page)

    # The secretariat follows its link, then builds the bloc's year.
    password = choose_password(page, last_link())
    login("vanphong@muongcha.gov.vn", password)
    base = f"{live_server.url}/b/{bloc.slug}/"
    page.goto(base + "orgs/import/")
    page.set_input_files(
        "input[type=file]",
        files=[
            {
                "name": "don-vi.xlsx",
                "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "buffer": xlsx(["Tên đơn vị"], [[name] for name in ORGANIZATIONS]),
            }
        ],
    )
    submit(page, "button:has-text('Nhập')")
    assert "Đã thêm 7 đơn vị" in page.content()

    page.goto(base + "years/")
    page.fill("input[name=year]", str(YEAR))
    page.select_option("select[name=source]", "")
    submit(page, "button:has-text('Mở năm')")
    assert page.url.endswith(f"/b/{bloc.slug}/{YEAR}/")
    page.goto(base + f"{YEAR}/members/")
    for name in ORGANIZATIONS:  # ticked together, added at once
        page.get_by_label(name, exact=True).check()
    submit(page, "button:has-text('Thêm vào năm')")
    assert BlocYear.objects.get(bloc=bloc, year=YEAR).memberships.count() == 7

    page.goto(base + f"{YEAR}/criteria/import/")
    page.set_input_files(
        "input[type=file]",
        files=[
            {
                "name": "tieu-chi.xlsx",
                "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "buffer": xlsx(
                    ["Mục", "Tên mục", "Số TT", "Tiêu chí", "Loại", "Điểm tối đa"], CRITERIA
                ),
            }
        ],
    )
    submit(page, "button:has-text('Nhập')")
    assert "1.000" in page.content()

    # Two representatives, each invited by e-mail.
    for email, organization in (
        ("noivu@muongcha.gov.vn", ORGANIZATIONS[0]),
        ("taichinh@muongcha.gov.vn", ORGANIZATIONS[1]),
    ):
        page.goto(base + "people/invite/")
        page.fill("input[name=email]", email)
        page.fill("input[name=first_name]", "Đại diện")
        page.select_option("select[name=kind]", "representative")
        page.select_option("select[name=organization]", label=organization)
        submit(page, "button:has-text('Gửi lời mời')")
    links = [
        re.search(r"https?://\S+/accounts/password/set/\S+/", m.body).group(0)
        for m in mail.outbox[-2:]
    ]
    assert [m.to for m in mail.outbox[-2:]] == [
        ["noivu@muongcha.gov.vn"],
        ["taichinh@muongcha.gov.vn"],
    ]

    # Setting up → pledge → self-scoring, through the year's own actions.
    page.goto(base + f"{YEAR}/")
    submit(page, "button:has-text('Giai đoạn: Ký giao ước')")
    submit(page, "button:has-text('Giai đoạn: Tự chấm điểm')")
    assert BlocYear.objects.get(bloc=bloc, year=YEAR).phase == "scoring"
    log_out(page)

    # The first representative joins and scores its own sheet.
    password = choose_password(page, links[0])
    login("noivu@muongcha.gov.vn", password)
    page.goto(base + f"{YEAR}/sheets/")  # self-scoring began with every member's sheet open
    page.click(f"a:has-text('{ORGANIZATIONS[0]}')")
    page.locator("input.points").first.fill("240")
    # Leaving the box saves its row (htmx); wait for it before the whole-sheet submit, so the two
    # requests do not race on the test's shared in-memory SQLite database.
    page.keyboard.press("Tab")
    page.locator(".save-ok").first.wait_for()
    page.click("#save-sheet")  # the whole sheet in one submit
    page.locator(".alert-success").wait_for()
    score = Score.objects.get(sheet__organization__name=ORGANIZATIONS[0], self_points__isnull=False)
    assert score.self_points == 240

    assert not [url for url in visited if "/admin/" in url]
