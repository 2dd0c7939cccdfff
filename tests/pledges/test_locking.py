"""Optimistic locking per row: a row saved by someone else since the page was opened is refused,
with the newer values shown, and nothing of that submit is saved; two people filling different rows
of one sheet never refuse each other."""

from decimal import Decimal

from pledges.models import Score, ScoreChange
from tests.pledges.helpers import post_row, row_data, sheet_of

STALE = "người khác đã lưu dòng này"


def _save_sheet(client, url, sheet, rows, versions=None):
    """The whole-sheet form: {criterion: points}, each row with the version it was opened at."""
    data = {}
    for criterion, points in rows.items():
        version = (versions or {}).get(criterion)
        data.update(row_data(sheet, criterion, points, version=version))
    return client.post(url(f"sheets/{sheet.pk}/save/"), data)


def test_the_second_of_two_stale_saves_of_a_row_is_refused_and_shows_the_newer_value(
    client_for, member, secretary, url, bloc_year, member_org, scored
):
    sheet = sheet_of(bloc_year, member_org)
    first = post_row(client_for(secretary), url, sheet, scored[0], "7", note="Văn phòng nhập")
    assert first.status_code == 302
    second = post_row(client_for(member), url, sheet, scored[0], "9", version=0)
    body = second.content.decode()
    assert second.status_code == 409
    assert STALE in body
    assert "Văn phòng nhập" in body and ">7<" in body  # the newer values
    assert 'value="9"' in body  # the member's entry is kept in the form
    assert Score.objects.get(sheet=sheet, criterion=scored[0]).self_points == Decimal("7")


def test_two_people_filling_different_rows_do_not_refuse_each_other(
    client_for, member, secretary, url, bloc_year, member_org, scored
):
    sheet = sheet_of(bloc_year, member_org)
    assert post_row(client_for(secretary), url, sheet, scored[0], "7", version=0).status_code == 302
    assert post_row(client_for(member), url, sheet, scored[1], "8", version=0).status_code == 302
    assert Score.objects.get(sheet=sheet, criterion=scored[0]).self_points == 7
    assert Score.objects.get(sheet=sheet, criterion=scored[1]).self_points == 8


def test_a_whole_sheet_with_one_stale_row_saves_nothing_and_shows_the_newer_value(
    client_for, member, secretary, url, bloc_year, member_org, scored
):
    sheet = sheet_of(bloc_year, member_org)
    opened = {c: 0 for c in scored}
    post_row(client_for(secretary), url, sheet, scored[1], "4", note="Văn phòng sửa")
    response = _save_sheet(
        client_for(member), url, sheet, {scored[0]: "9", scored[1]: "8"}, versions=opened
    )
    body = response.content.decode()
    assert response.status_code == 409
    assert STALE in body and "Văn phòng sửa" in body and ">4<" in body
    summary = body[body.index('id="sheet-refused"') :][:800]  # said at the top, too
    assert "Chưa lưu gì: 1 dòng cần sửa." in summary
    assert f'href="#id_c{scored[1].pk}-points"' in summary
    assert not Score.objects.filter(sheet=sheet, criterion=scored[0]).exists()  # nothing saved
    assert Score.objects.get(sheet=sheet, criterion=scored[1]).self_points == 4
    assert ScoreChange.objects.filter(changed_by=member).count() == 0
    # The refused page carries the newer row version: saving again replaces on purpose.
    again = _save_sheet(client_for(member), url, sheet, {scored[0]: "9", scored[1]: "8"})
    assert again.status_code == 302
    assert Score.objects.get(sheet=sheet, criterion=scored[1]).self_points == 8


def test_a_row_saved_again_with_the_same_values_is_not_a_conflict(
    client_for, member, url, bloc_year, member_org, scored
):
    """The autosave and the whole-sheet submit of the same typing meet without a refusal."""
    sheet = sheet_of(bloc_year, member_org)
    post_row(client_for(member), url, sheet, scored[0], "6", version=0)
    response = _save_sheet(client_for(member), url, sheet, {scored[0]: "6"}, {scored[0]: 0})
    assert response.status_code == 302
    assert Score.objects.get(sheet=sheet, criterion=scored[0]).version == 1


def test_with_htmx_the_conflict_comes_back_in_the_row_with_the_current_version(
    client_for, member, secretary, url, bloc_year, member_org, scored
):
    sheet = sheet_of(bloc_year, member_org)
    post_row(client_for(secretary), url, sheet, scored[0], "7", version=0)
    response = post_row(client_for(member), url, sheet, scored[0], "9", version=0, htmx=True)
    body = response.content.decode()
    assert response.status_code == 200  # htmx swaps only successful answers
    assert "conflict" in body and STALE in body
    assert f'id="v-{scored[0].pk}" value="1" hx-swap-oob="true"' in body
    sheet.refresh_from_db()
    assert f'id="sheet-version" name="version" form="sheet-submit" value="{sheet.version}"' in body
