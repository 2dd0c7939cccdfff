"""The whole sheet in one form: every changed row saved at once, or nothing; a refused box is
marked and tied to its message; the rows a page did not show are left alone."""

from decimal import Decimal

import pytest

from pledges.models import Score, ScoreChange
from tests.pledges.factories import sheet_with_points
from tests.pledges.helpers import row_data, sheet_of


@pytest.fixture
def sheet(bloc_year, member_org, criteria):
    return sheet_of(bloc_year, member_org)


def _post(client, url, sheet, rows):
    data = {}
    for criterion, points in rows.items():
        data.update(row_data(sheet, criterion, points))
    return client.post(url(f"sheets/{sheet.pk}/save/"), data)


def test_every_changed_row_is_saved_in_one_submit(client_for, member, url, sheet, criteria):
    rows = {c: "-1" if c.kind == "deduction" else "2" for c in criteria}
    response = _post(client_for(member), url, sheet, rows)
    assert response.status_code == 302
    saved = dict(Score.objects.filter(sheet=sheet).values_list("criterion_id", "self_points"))
    assert saved == {c.pk: Decimal(1 if c.kind == "deduction" else 2) for c in criteria}
    assert ScoreChange.objects.filter(score__sheet=sheet).count() == len(criteria)
    sheet.refresh_from_db()
    page = client_for(member).get(url(f"sheets/{sheet.pk}/")).content.decode()
    assert "Đã lưu: 6 dòng thay đổi." in page


def test_one_bad_box_saves_nothing_and_is_tied_to_its_message(
    client_for, member, url, sheet, scored
):
    response = _post(client_for(member), url, sheet, {scored[0]: "7", scored[1]: "11"})
    body = response.content.decode()
    assert response.status_code == 400
    assert not Score.objects.filter(sheet=sheet).exists()
    box = f'id="id_c{scored[1].pk}-points"'
    start = body.index(box)
    tag = body[body.rindex("<input", 0, start) : body.index(">", start)]
    assert 'aria-invalid="true"' in tag and f'aria-describedby="msg-{scored[1].pk}"' in tag
    message = body[body.index(f'id="msg-{scored[1].pk}"') :][:600]
    assert "Tối đa 10 điểm" in message
    assert 'value="7"' in body  # what was typed is kept


def test_rows_the_page_did_not_show_are_left_alone(
    client_for, member, url, bloc_year, member_org, scored
):
    sheet = sheet_with_points(bloc_year, member_org, {scored[3]: "4"})
    response = _post(client_for(member), url, sheet, {scored[0]: "7"})
    assert response.status_code == 302
    assert Score.objects.get(sheet=sheet, criterion=scored[3]).self_points == 4


def test_the_review_form_ties_a_refused_box_to_its_message(
    client_for, secretary, url, bloc_year, member_org, criteria, scored
):
    from pledges.models import ScoreSheet

    full = {c: "1" if c.kind != "deduction" else "0" for c in criteria}
    sheet = sheet_with_points(bloc_year, member_org, full, status=ScoreSheet.Status.SUBMITTED)
    data = {"version": sheet.version, f"points_{scored[0].pk}": "12"}
    response = client_for(secretary).post(url(f"sheets/{sheet.pk}/review/"), data)
    body = response.content.decode()
    assert response.status_code == 400
    assert f'aria-describedby="id_points_{scored[0].pk}_error"' in body
    assert f'id="id_points_{scored[0].pk}_error"' in body
    assert f'aria-label="Lý do: {scored[0]}"' in body


def test_a_refused_save_says_so_at_the_top_and_leads_to_the_first_refused_box(
    client_for, member, url, sheet, scored
):
    """On a long sheet the refused rows may be far below: the page opens with a summary that
    links to each of them, and the first refused box has the focus."""
    rows = {scored[0]: "7", scored[1]: "11", scored[2]: "abc"}
    body = _post(client_for(member), url, sheet, rows).content.decode()
    summary = body[body.index('id="sheet-refused"') :][:1500]
    assert "Chưa lưu gì: 2 dòng cần sửa." in summary
    assert f'href="#id_c{scored[1].pk}-points"' in summary
    assert f'href="#id_c{scored[2].pk}-points"' in summary
    assert f'href="#id_c{scored[0].pk}-points"' not in summary
    box = body.index(f'id="id_c{scored[1].pk}-points"')
    tag = body[body.rindex("<input", 0, box) : body.index(">", box)]
    assert "autofocus" in tag
    assert body.count(" autofocus") == 1


def test_a_refused_review_says_so_at_the_top_and_leads_to_the_first_refused_box(
    client_for, secretary, url, bloc_year, member_org, criteria, scored
):
    from pledges.models import ScoreSheet

    full = {c: "1" if c.kind != "deduction" else "0" for c in criteria}
    sheet = sheet_with_points(bloc_year, member_org, full, status=ScoreSheet.Status.SUBMITTED)
    data = {"version": sheet.version, f"points_{scored[2].pk}": "12"}
    body = client_for(secretary).post(url(f"sheets/{sheet.pk}/review/"), data).content.decode()
    summary = body[body.index('id="sheet-refused"') :][:1500]
    assert "Chưa lưu gì: 1 dòng cần sửa." in summary
    assert f'href="#id_points_{scored[2].pk}"' in summary
    box = body.index(f'id="id_points_{scored[2].pk}"')
    assert "autofocus" in body[body.rindex("<input", 0, box) : body.index(">", box)]


def test_saving_a_sheet_whose_rows_autosave_already_kept_says_so_not_zero_changed(
    client_for, member, url, sheet, scored
):
    client = client_for(member)
    rows = {scored[0]: "7"}
    _post(client, url, sheet, rows)  # as the row's autosave did
    sheet.refresh_from_db()

    response = _post(client, url, sheet, rows)  # then the whole sheet, unchanged since

    assert response.status_code == 302
    page = client.get(url(f"sheets/{sheet.pk}/")).content.decode()
    assert "Mọi dòng đã được lưu: không còn gì cần lưu." in page
    assert "0 dòng" not in page
