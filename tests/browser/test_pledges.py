"""In a real browser: Hội Khuyến học's representative fills and submits its sheet (each row saved
without reloading the page); the secretariat reviews and finalizes it; the ranking shows it and
its PDF downloads."""

import re
from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import expect

from members import demo
from members.models import BlocYear, Organization
from pledges import services
from pledges.models import Criterion, Evidence, Score, ScoreSheet, Section
from tests.browser.steps import submit
from tests.pdf import PdfInfo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

KH = "Hội Khuyến học tỉnh"


def _criteria(bloc_year, *, open_sheets=True) -> list[Criterion]:
    section = Section.objects.create(bloc_year=bloc_year, position=1, code="I", title="Công tác")
    rows = [
        ("1", "Ban hành kế hoạch thi đua", Criterion.Kind.SCORED, "10"),
        ("2", "Phát triển hội viên mới", Criterion.Kind.SCORED, "10"),
        ("3", "Nộp báo cáo chậm", Criterion.Kind.DEDUCTION, "2"),
    ]
    criteria = [
        Criterion.objects.create(
            section=section, position=i, code=code, title=title, kind=kind, max_points=Decimal(m)
        )
        for i, (code, title, kind, m) in enumerate(rows, start=1)
    ]
    if open_sheets:  # as the app opens them with the year; else the page's button does
        services.sheets_ensure(bloc_year=bloc_year)
    return criteria


def _autosave(page, criterion, points, note=""):
    """Type into a row and leave it: the row saves itself (htmx), the page stays."""
    page.fill(f"#id_c{criterion.pk}-points", points)
    if note:
        page.fill(f"#id_c{criterion.pk}-note", note)
    page.keyboard.press("Tab")
    page.locator(f"#msg-{criterion.pk} .save-ok").wait_for()


def _open_own_sheet(page, base):
    page.goto(f"{base}/sheets/")
    page.get_by_role("link", name=KH).first.click()
    # The sheet's own address, loaded with its scripts: a box filled before app.js ran kept its
    # running total at 0 (CI).
    page.wait_for_url(re.compile(r"/sheets/\d+/$"))


def test_a_member_submits_the_secretariat_finalizes_and_the_ranking_prints(
    page, login, live_server, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    demo.load()
    year = BlocYear.objects.get(bloc__slug=demo.SLUG, year=2023)
    criteria = _criteria(year, open_sheets=False)
    base = f"{live_server.url}/b/{demo.SLUG}/2023"
    page.on("dialog", lambda dialog: dialog.accept())  # the confirmations

    # The member fills its own sheet, row by row, without a page reload.
    login("hoivien")
    page.goto(f"{base}/sheets/")
    page.get_by_role("button", name="Mở phiếu chấm").first.click()  # reading creates none
    page.get_by_role("link", name=KH).first.click()
    # The sheet's own address, loaded with its scripts: a box filled before app.js ran kept its
    # running total at 0 (CI).
    page.wait_for_url(re.compile(r"/sheets/\d+/$"))
    page.locator(f"#file-{criteria[1].pk}").set_input_files(
        files=[{"name": "danh-sach.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 x"}]
    )
    submit(page, f"button[form=ev-{criteria[1].pk}]:has-text('Tải lên')")
    page.evaluate("window.notReloaded = true")
    _autosave(page, criteria[0], "9,5", note="Kế hoạch số 05/KH-KH")
    _autosave(page, criteria[1], "10")
    _autosave(page, criteria[2], "-0,5")
    assert page.evaluate("window.notReloaded") is True
    assert page.locator("#self-total").inner_text() == "19"
    page.locator(f"#row-{criteria[1].pk}").get_by_text("danh-sach.pdf").wait_for()
    submit(page, "#submit-sheet")
    assert page.locator(".status-submitted").count() == 1
    sheet = ScoreSheet.objects.get(bloc_year=year, organization__name=KH)
    assert sheet.status == ScoreSheet.Status.SUBMITTED
    assert Evidence.objects.filter(score__sheet=sheet).count() == 1

    # The secretariat reviews one criterion down, with the reason, and finalizes.
    page.context.clear_cookies()
    login("thuky")
    page.goto(f"{base}/sheets/{sheet.pk}/")
    page.click(f"a[href='/b/{demo.SLUG}/2023/sheets/{sheet.pk}/review/']")
    page.fill(f"input[name=points_{criteria[0].pk}]", "9")
    page.fill(f"input[name=reason_{criteria[0].pk}]", "Kế hoạch ban hành chậm")
    submit(page, "#save-review")
    submit(page, "form[action$='/finalize/'] button")
    assert page.locator(".status-final").count() == 1
    score = Score.objects.get(sheet=sheet, criterion=criteria[0])
    assert (score.self_points, score.final_points) == (Decimal("9.5"), Decimal("9"))

    # The ranking shows it, and its PDF downloads.
    page.goto(f"{base}/ranking/")
    table = page.locator("#ranking")
    assert table.locator("td.org").first.inner_text() == KH
    assert table.locator("td.total").first.inner_text() == "18,5"
    assert page.locator("svg.ranking-chart").count() == 1
    with page.expect_download() as download:
        page.click("#ranking-pdf")
    text = PdfInfo(Path(download.value.path()).read_bytes()).text
    assert KH in text and "18,5" in text
    assert Organization.objects.filter(name=KH).exists()


def test_the_score_sheet_works_with_javascript_off(browser, live_server):
    demo.load()
    year = BlocYear.objects.get(bloc__slug=demo.SLUG, year=2023)
    criteria = _criteria(year, open_sheets=False)
    context = browser.new_context(java_script_enabled=False, locale="vi-VN")
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("input[name=username]", "hoivien")
        page.fill("input[name=password]", demo.PASSWORD)
        page.click("button:has-text('Đăng nhập')")
        page.goto(f"{live_server.url}/b/{demo.SLUG}/2023/sheets/")
        page.get_by_role("button", name="Mở phiếu chấm").first.click()
        page.get_by_role("link", name=KH).first.click()
        for criterion, points in zip(criteria, ["8", "7,25", "-1"], strict=True):
            page.fill(f"#id_c{criterion.pk}-points", points)
        submit(page, "#save-sheet")  # one submit for the whole sheet
        assert page.locator("#self-total").inner_text() == "14,25"
        submit(page, "#submit-sheet")  # no confirmation without JavaScript
        sheet = ScoreSheet.objects.get(bloc_year=year, organization__name=KH)
        assert sheet.status == ScoreSheet.Status.SUBMITTED
    finally:
        context.close()


def test_a_member_enters_the_whole_sheet_with_the_keyboard_only(page, login, live_server):
    demo.load()
    year = BlocYear.objects.get(bloc__slug=demo.SLUG, year=2023)
    criteria = _criteria(year)
    login("hoivien")
    _open_own_sheet(page, f"{live_server.url}/b/{demo.SLUG}/2023")
    # The first empty box has the focus (typing before it has would lose the first keys); Enter
    # goes down the column, and from the last row submits the whole sheet.
    expect(page.locator(f"#id_c{criteria[0].pk}-points")).to_be_focused()
    for points in ["9,5", "10", "-0,5"]:
        page.keyboard.type(points)
        page.keyboard.press("Enter")
    page.locator(".alert-success").wait_for()
    sheet = ScoreSheet.objects.get(bloc_year=year, organization__name=KH)
    points = dict(Score.objects.filter(sheet=sheet).values_list("criterion_id", "self_points"))
    assert points == {criteria[0].pk: Decimal("9.5"), criteria[1].pk: 10, criteria[2].pk: 0.5}
    assert page.locator("#self-total").inner_text() == "19"


def test_a_column_copied_from_excel_pastes_into_the_sheet(page, login, live_server):
    demo.load()
    year = BlocYear.objects.get(bloc__slug=demo.SLUG, year=2023)
    criteria = _criteria(year)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    login("hoivien")
    _open_own_sheet(page, f"{live_server.url}/b/{demo.SLUG}/2023")
    page.evaluate("navigator.clipboard.writeText('8\\r\\n7,25\\r\\n-1\\r\\n')")
    page.focus(f"#id_c{criteria[0].pk}-points")
    page.keyboard.press("Control+V")
    values = [page.input_value(f"#id_c{c.pk}-points") for c in criteria]
    assert values == ["8", "7,25", "-1"]
    assert page.locator("#self-total").inner_text() == "14,25"  # the running total
    page.click("#save-sheet")
    page.locator(".alert-success").wait_for()
    sheet = ScoreSheet.objects.get(bloc_year=year, organization__name=KH)
    saved = sorted(Score.objects.filter(sheet=sheet).values_list("self_points", flat=True))
    assert saved == [Decimal("1"), Decimal("7.25"), Decimal("8")]


def test_two_quick_changes_in_one_row_both_save_on_a_slow_server(page, login, live_server):
    """The row's second autosave waits for the first and carries the version it returned, so a
    slow answer never turns the member's own second change into a conflict."""
    import time

    demo.load()
    year = BlocYear.objects.get(bloc__slug=demo.SLUG, year=2023)
    criteria = _criteria(year)
    login("hoivien")
    _open_own_sheet(page, f"{live_server.url}/b/{demo.SLUG}/2023")

    def slowly(route):
        time.sleep(1)
        route.continue_()

    page.route("**/rows/**", slowly)
    page.fill(f"#id_c{criteria[0].pk}-points", "9,5")
    page.fill(f"#id_c{criteria[0].pk}-note", "Kế hoạch số 05")  # leaves the points box
    page.keyboard.press("Tab")  # leaves the note while the first save is still on its way
    page.locator(f"#msg-{criteria[0].pk} .save-ok").wait_for()
    page.wait_for_timeout(2500)
    assert page.locator(f"#msg-{criteria[0].pk} .conflict").count() == 0
    score = Score.objects.get(sheet__bloc_year=year, criterion=criteria[0])
    assert (score.self_points, score.note) == (Decimal("9.5"), "Kế hoạch số 05")


def test_the_running_total_reads_numbers_as_the_server_does(page, login, live_server):
    """ "1.500" is one thousand five hundred for the server (the dot groups thousands); the total
    on the page read it as 1,5."""
    demo.load()
    year = BlocYear.objects.get(bloc__slug=demo.SLUG, year=2023)
    criteria = _criteria(year)
    login("hoivien")
    _open_own_sheet(page, f"{live_server.url}/b/{demo.SLUG}/2023")
    page.fill(f"#id_c{criteria[0].pk}-points", "1.500")
    page.fill(f"#id_c{criteria[1].pk}-points", "2,5")  # row 1 autosaves (refused: over 10)
    expect(page.locator("#self-total")).to_have_text("1.502,5")
    page.locator(".htmx-request").first.wait_for(state="detached")
    # The autosave's answer brings the saved sum (0): the running total stays that of the boxes.
    expect(page.locator("#self-total")).to_have_text("1.502,5")
    page.fill(f"#id_c{criteria[1].pk}-points", "2.5")  # a lone dot before one digit: a decimal
    expect(page.locator("#self-total")).to_have_text("1.502,5")
