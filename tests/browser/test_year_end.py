"""The year's end in a real browser: the secretariat writes the report's narrative and previews
it, the head unit's leader signs it off and closes the year; then a score can no longer be
edited (403), and the dossier still downloads."""

import zipfile

import pytest
from django.utils.translation import gettext

from pledges.models import Criterion, Section
from tests.browser.steps import submit
from tests.khoithidua.factories import meeting_held, sheets_final

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def year_at_its_end(bloc_year):
    """Scores final, the meeting held, next year's leaders elected and applied: only the
    report and closing are left."""
    section = Section.objects.create(bloc_year=bloc_year, position=1, code="I", title="Công tác")
    criterion = Criterion.objects.create(
        section=section, position=1, title="Tiêu chí", max_points=10
    )
    meeting_held(bloc_year, applied=True)
    sheets_final(bloc_year)
    return bloc_year, criterion


def test_write_preview_sign_off_close_then_a_score_edit_is_refused_and_the_dossier_downloads(
    page, login, live_server, year_at_its_end, secretary, leader
):
    bloc_year, criterion = year_at_its_end
    year_url = f"{live_server.url}/b/{bloc_year.bloc.slug}/{bloc_year.year}/"
    page.on("dialog", lambda dialog: dialog.accept())  # the confirmations before acting

    # The secretariat writes the narrative from the year page.
    login("secretary")
    page.goto(year_url)
    page.click("#year-end a[href$='/report/']")
    page.click("#report-start")  # the first draft is an act (a POST), not a page visit
    page.fill("input[name=number]", "05/BC-KTĐ")
    page.fill("input[name=issued_on]", f"{bloc_year.year}-12-20")
    texts = page.locator("textarea[name$='-text']")
    for i in range(texts.count()):
        texts.nth(i).fill(f"Đoạn văn phần {i + 1}.\n- Ý thứ nhất;\n- Ý thứ hai.")
    submit(page, "#report-form button.btn-primary")
    assert page.url.endswith("/report/")
    assert page.locator(".alert-success").count() == 1

    # The preview is the document: header, date line, the narrative and its lists.
    page.goto(year_url + "report/preview/")
    preview = page.locator(".sheet").inner_text()
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in preview
    assert f"ngày 20 tháng 12 năm {bloc_year.year}" in preview
    assert "Đoạn văn phần 1." in preview
    assert page.locator(".sheet ul.dash li").count() >= 2

    # The head unit's leader signs it off, then closes the year.
    page.context.clear_cookies()
    login("leader")
    page.goto(year_url + "report/")
    submit(page, "form[action$='/report/sign-off/'] button")
    assert page.locator("#report-status .badge.text-bg-success").count() == 1
    page.goto(year_url)
    submit(page, "#year-end a[href$='/close/']")
    assert page.locator("#closing-problems").count() == 0
    submit(page, "form button.btn-danger")
    assert page.url == year_url
    assert page.locator("#year-end .alert-secondary").count() == 1  # closed: read-only

    # Editing a score of the closed year answers 403.
    sheet = bloc_year.score_sheets.get(organization=bloc_year.head)
    csrf = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    answer = page.request.post(
        f"{year_url}sheets/{sheet.pk}/rows/{criterion.pk}/",
        form={"points": "5", "note": "", "version": str(sheet.version)},
        headers={"X-CSRFToken": csrf, "Referer": year_url},
    )
    assert answer.status == 403
    closed = gettext("The year %(year)s is closed: it can no longer be changed.")
    assert closed % {"year": bloc_year.year} in answer.text()

    # The dossier downloads in one click.
    page.goto(year_url)
    with page.expect_download() as download:
        page.click("#year-end a[href$='/dossier/']")
    archive = zipfile.ZipFile(download.value.path())
    assert any(name.startswith("03-bao-cao-tong-ket") for name in archive.namelist())
