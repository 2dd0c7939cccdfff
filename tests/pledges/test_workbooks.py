"""Score sheets through Excel: the year's workbook (one tab per member) downloaded, changed and
uploaded back; a workbook with a bad cell, or made before someone else's change, changes nothing."""

from decimal import Decimal
from io import BytesIO

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from pledges import services
from pledges.models import Score, ScoreChange, ScoreSheet, ScoringSettings
from pledges.sheets_excel import META, NOTE_COLUMN, OWN_COLUMN, POINTS_COLUMN
from tests.pledges.factories import sheet_with_points
from tests.pledges.helpers import post_row, sheet_of


@pytest.fixture(autouse=True)
def open_sheets(bloc_year, criteria):
    """The year's sheets are open, as a year opened through the app has them (a download, a GET,
    opens none)."""
    services.sheets_ensure(bloc_year=bloc_year)


def _download(client, url, suffix="sheets/export.xlsx"):
    response = client.get(url(suffix))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(BytesIO(response.content))


def _line(tab, criterion) -> int:
    return next(row[0].row for row in tab.iter_rows(min_row=6) if row[1].value == criterion.title)


def _upload(client, url, book):
    buffer = BytesIO()
    book.save(buffer)
    upload = SimpleUploadedFile("bang-diem.xlsx", buffer.getvalue())
    return client.post(url("sheets/import/"), {"file": upload})


def _tab(book, organization):
    return book[organization.abbreviation or organization.short_name or organization.name]


def _snapshot():
    return (
        list(Score.objects.order_by("pk").values()),
        list(ScoreChange.objects.order_by("pk").values()),
        list(ScoreSheet.objects.order_by("pk").values()),
    )


def test_the_years_workbook_round_trips_every_members_sheet(
    client_for, secretary, url, bloc_year, orgs, criteria, scored, deduction
):
    client = client_for(secretary)
    sheet_with_points(bloc_year, orgs[0], {scored[0]: "4"})
    book = _download(client, url)
    assert len(book.sheetnames) == 1 + len(orgs)  # one tab per member, and the hidden stamp
    first = _tab(book, orgs[0])
    assert first.cell(_line(first, scored[0]), POINTS_COLUMN).value == 4  # pre-filled
    assert first.cell(_line(first, scored[0]), 4).value == 10  # the maximum
    assert "Phiên bản" in first["A4"].value  # the version stamp
    # Numbers as Excel holds them and as people type them.
    first.cell(_line(first, scored[0]), POINTS_COLUMN, 9.5)
    first.cell(_line(first, scored[1]), POINTS_COLUMN, "8,25")
    first.cell(_line(first, scored[1]), NOTE_COLUMN, "Kế hoạch số 05/KH")
    first.cell(_line(first, deduction), POINTS_COLUMN, "−2")
    last = _tab(book, orgs[4])
    last.cell(_line(last, scored[2]), POINTS_COLUMN, 7)

    response = _upload(client, url, book)
    assert response.status_code == 302, response.content.decode()[:2000]
    head, other = sheet_of(bloc_year, orgs[0]), sheet_of(bloc_year, orgs[4])
    own = {s.criterion_id: s for s in head.scores.all()}
    assert own[scored[0].pk].self_points == Decimal("9.5")
    assert own[scored[1].pk].self_points == Decimal("8.25")
    assert own[scored[1].pk].note == "Kế hoạch số 05/KH"
    assert own[deduction.pk].self_points == Decimal("2")
    assert other.scores.get(criterion=scored[2]).self_points == 7
    assert ScoreChange.objects.filter(changed_by=secretary).count() == 4
    # The message counts the two sheets changed, not the five the workbook held.
    saved = [str(m) for m in get_messages(response.wsgi_request)]
    assert saved == ["Đã lưu tệp: 4 giá trị thay đổi trong 2 phiếu."], saved


def test_a_bad_cell_is_listed_by_sheet_row_and_column_and_nothing_is_saved(
    client_for, secretary, url, orgs, criteria, scored, bonus
):
    client = client_for(secretary)
    book = _download(client, url)
    first, second = _tab(book, orgs[0]), _tab(book, orgs[1])
    first.cell(_line(first, scored[0]), POINTS_COLUMN, 9)  # a good cell
    second.cell(_line(second, scored[1]), POINTS_COLUMN, "mười")
    second.cell(_line(second, bonus), POINTS_COLUMN, 4)  # above the maximum of 3
    before = _snapshot()

    response = _upload(client, url, book)
    body = response.content.decode()
    assert response.status_code == 400
    assert "Chưa lưu gì" in body
    assert f"<td>{second.title}</td><td>{_line(second, scored[1])}</td><td>E</td>" in body
    assert "“mười” không phải là số" in body
    assert f"<td>{_line(second, bonus)}</td><td>E</td><td>Tối đa 3 điểm" in body
    assert _snapshot() == before


def test_a_workbook_older_than_a_change_is_refused_with_what_changed(
    client_for, secretary, member, url, bloc_year, orgs, member_org, criteria, scored
):
    client = client_for(secretary)
    book = _download(client, url)
    # Meanwhile the member enters its own points.
    sheet = sheet_of(bloc_year, member_org)
    assert post_row(client_for(member), url, sheet, scored[0], "6").status_code == 302
    first, own = _tab(book, orgs[0]), _tab(book, member_org)
    first.cell(_line(first, scored[0]), POINTS_COLUMN, 9)
    own.cell(_line(own, scored[1]), POINTS_COLUMN, 5)
    before = _snapshot()

    response = _upload(client_for(secretary), url, book)
    body = response.content.decode()
    assert response.status_code == 409
    assert "đã thay đổi kể từ khi tải tệp về" in body
    assert own.title in body and str(scored[0]) in body and ">6<" in body  # what changed
    assert _snapshot() == before  # not even the other members' tabs


def test_a_member_cannot_upload_another_members_tab(
    client_for, secretary, member, url, orgs, criteria, scored
):
    book = _download(client_for(secretary), url)
    other = _tab(book, orgs[3])
    other.cell(_line(other, scored[0]), POINTS_COLUMN, 9)
    before = _snapshot()
    response = _upload(client_for(member), url, book)
    assert response.status_code == 400
    assert _snapshot() == before


def test_a_tab_that_can_no_longer_change_is_skipped_when_left_as_it_was(
    client_for, secretary, url, bloc_year, orgs, criteria, scored
):
    """The year's workbook holds every sheet, handed-in ones too: once one member has submitted,
    the secretariat still fills the others through it (the untouched tab used to refuse all)."""
    full = {c: "1" for c in criteria}
    handed_in = sheet_with_points(bloc_year, orgs[2], full, status=ScoreSheet.Status.SUBMITTED)
    client = client_for(secretary)
    book = _download(client, url)
    first = _tab(book, orgs[0])
    first.cell(_line(first, scored[0]), POINTS_COLUMN, "7,5")
    response = _upload(client, url, book)
    assert response.status_code == 302, response.content.decode()[-3000:]
    saved = sheet_of(bloc_year, orgs[0]).scores.get(criterion=scored[0])
    assert saved.self_points == Decimal("7.5")
    # Changed, the handed-in tab is refused, with its reason, and nothing is saved.
    book = _download(client, url)
    _tab(book, orgs[2]).cell(_line(_tab(book, orgs[2]), scored[1]), POINTS_COLUMN, 9)
    _tab(book, orgs[0]).cell(_line(_tab(book, orgs[0]), scored[1]), POINTS_COLUMN, 3)
    before = _snapshot()
    response = _upload(client, url, book)
    assert response.status_code == 400
    assert f"<td>{_tab(book, orgs[2]).title}</td>" in response.content.decode()
    assert _snapshot() == before
    assert handed_in.scores.get(criterion=scored[1]).self_points == 1


def test_a_file_that_is_not_our_workbook_is_refused(client_for, secretary, url, criteria):
    upload = SimpleUploadedFile("x.xlsx", b"not a workbook")
    response = client_for(secretary).post(url("sheets/import/"), {"file": upload})
    assert response.status_code == 400
    assert "không phải" in response.content.decode().lower()


def test_a_scorer_fills_its_cross_scoring_workbook(
    client_for, member, url, bloc_year, orgs, member_org, criteria, scored
):
    settings = ScoringSettings.objects.create(
        bloc_year=bloc_year, review_mode=ScoringSettings.ReviewMode.CROSS
    )
    bloc_year.phase = settings.cross_scoring_phase
    bloc_year.save(update_fields=["phase"])
    full = {c: "1" if c.kind != "deduction" else "0" for c in criteria}
    handed = sheet_with_points(bloc_year, orgs[3], full, status=ScoreSheet.Status.SUBMITTED)
    client = client_for(member)
    book = _download(client, url, "sheets/cross.xlsx")
    assert len(book.sheetnames) == 2  # the one handed-in sheet of another member
    tab = _tab(book, orgs[3])
    # Beside the scorer's empty box, the member's own points, to read as on the page.
    assert tab.cell(5, OWN_COLUMN).value == "Đơn vị tự chấm"
    assert tab.cell(_line(tab, scored[0]), OWN_COLUMN).value == 1
    tab.cell(_line(tab, scored[0]), POINTS_COLUMN, "8,5")
    response = _upload(client, url, book)
    assert response.status_code == 302, response.content.decode()[:2000]
    cross = handed.scores.get(criterion=scored[0]).cross_scores.get()
    assert (cross.scorer, cross.points) == (member_org, Decimal("8.5"))


def test_a_cross_scoring_tab_offers_no_note_and_refuses_one_rather_than_lose_it(
    client_for, member, url, bloc_year, orgs, criteria, scored
):
    """Cross-scoring keeps points only: its tab had the note column, marked to be filled, and a
    note typed there was dropped without a word."""
    settings = ScoringSettings.objects.create(
        bloc_year=bloc_year, review_mode=ScoringSettings.ReviewMode.CROSS
    )
    bloc_year.phase = settings.cross_scoring_phase
    bloc_year.save(update_fields=["phase"])
    full = {c: "1" if c.kind != "deduction" else "0" for c in criteria}
    sheet_with_points(bloc_year, orgs[3], full, status=ScoreSheet.Status.SUBMITTED)
    client = client_for(member)
    book = _download(client, url, "sheets/cross.xlsx")
    tab = _tab(book, orgs[3])
    assert tab.cell(5, POINTS_COLUMN).value == "Điểm"
    assert tab.cell(5, NOTE_COLUMN).value is None  # no "Ghi chú" column
    line = _line(tab, scored[0])
    assert tab.cell(line, NOTE_COLUMN).protection.locked
    tab.cell(line, POINTS_COLUMN, "8,5")
    tab.cell(line, NOTE_COLUMN, "Thiếu minh chứng")
    before = _snapshot()
    response = _upload(client, url, book)
    assert response.status_code == 400
    body = response.content.decode()
    assert f"<td>{tab.title}</td><td>{line}</td><td>F</td><td>Chấm chéo không lưu ghi chú" in body
    assert _snapshot() == before


def test_a_cross_scoring_workbook_whose_hidden_scorer_was_changed_is_refused(
    client_for, member, url, bloc_year, orgs, member_org, criteria, scored
):
    """The workbook's hidden sheet names the scorer of each tab; a member who writes another
    member there is refused and nothing is saved: the scorer is the logged-in user's own."""
    settings = ScoringSettings.objects.create(
        bloc_year=bloc_year, review_mode=ScoringSettings.ReviewMode.CROSS
    )
    bloc_year.phase = settings.cross_scoring_phase
    bloc_year.save(update_fields=["phase"])
    full = {c: "1" if c.kind != "deduction" else "0" for c in criteria}
    handed = sheet_with_points(bloc_year, orgs[3], full, status=ScoreSheet.Status.SUBMITTED)
    client = client_for(member)
    book = _download(client, url, "sheets/cross.xlsx")
    tab = _tab(book, orgs[3])
    tab.cell(_line(tab, scored[0]), POINTS_COLUMN, "8,5")
    line = next(r for r in book[META].iter_rows() if r[0].value == "tab")
    assert line[3].value == member_org.pk
    line[3].value = orgs[1].pk  # another member, not the one logged in

    response = _upload(client, url, book)

    assert response.status_code == 400
    assert "Bạn chỉ chấm điểm thay cho đơn vị của mình." in response.content.decode()
    assert not handed.scores.get(criterion=scored[0]).cross_scores.exists()
