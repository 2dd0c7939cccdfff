"""Optimistic locking: a save against an older version of the sheet is refused, nothing is lost
and nothing is silently overwritten; the person sees the newer values."""

from decimal import Decimal

from pledges.models import Score
from tests.pledges.helpers import post_row, sheet_of


def test_the_second_of_two_stale_saves_is_refused_and_shows_the_newer_values(
    client_for, member, secretary, url, bloc_year, member_org, scored
):
    sheet = sheet_of(bloc_year, member_org)
    opened = sheet.version  # both opened the page at this version
    first = post_row(
        client_for(secretary), url, sheet, scored[0], "7", note="Văn phòng nhập", version=opened
    )
    assert first.status_code == 302
    second = post_row(client_for(member), url, sheet, scored[0], "9", version=opened)
    body = second.content.decode()
    assert second.status_code == 409
    assert "người khác đã lưu phiếu này" in body
    assert "Văn phòng nhập" in body and ">7<" in body  # the newer values
    assert 'value="9"' in body  # the member's entry is kept in the form
    score = Score.objects.get(sheet=sheet, criterion=scored[0])
    assert score.self_points == Decimal("7")  # not overwritten


def test_a_conflict_on_another_row_does_not_lose_the_first_save(
    client_for, member, secretary, url, bloc_year, member_org, scored
):
    sheet = sheet_of(bloc_year, member_org)
    opened = sheet.version
    post_row(client_for(secretary), url, sheet, scored[0], "7", version=opened)
    refused = post_row(client_for(member), url, sheet, scored[1], "8", version=opened)
    assert refused.status_code == 409
    assert not Score.objects.filter(sheet=sheet, criterion=scored[1]).exists()
    # Saving again with the version the refusal showed goes through.
    sheet.refresh_from_db()
    again = post_row(client_for(member), url, sheet, scored[1], "8", version=sheet.version)
    assert again.status_code == 302
    assert Score.objects.get(sheet=sheet, criterion=scored[0]).self_points == 7
    assert Score.objects.get(sheet=sheet, criterion=scored[1]).self_points == 8


def test_with_htmx_the_conflict_comes_back_in_the_row_with_the_current_version(
    client_for, member, secretary, url, bloc_year, member_org, scored
):
    sheet = sheet_of(bloc_year, member_org)
    opened = sheet.version
    post_row(client_for(secretary), url, sheet, scored[0], "7", version=opened)
    response = post_row(client_for(member), url, sheet, scored[0], "9", version=opened, htmx=True)
    body = response.content.decode()
    assert response.status_code == 200  # htmx swaps only successful answers
    assert "conflict" in body and "người khác đã lưu phiếu này" in body
    sheet.refresh_from_db()
    assert f'id="sheet-version" name="version" form="sheet-submit" value="{sheet.version}"' in body
