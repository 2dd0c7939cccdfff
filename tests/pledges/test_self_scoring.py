"""A member fills its own sheet, row by row, and submits it."""

from decimal import Decimal

import pytest

from members.models import BlocYear
from pledges.models import Score, ScoreChange, ScoreSheet
from tests.pledges.helpers import fill, post_row, sheet_of, submit


@pytest.fixture
def sheet(bloc_year, member_org, criteria):
    return sheet_of(bloc_year, member_org)


def test_a_member_saves_one_row_of_its_sheet(client_for, member, url, sheet, scored):
    client = client_for(member)
    response = post_row(client, url, sheet, scored[0], "9,5", note="Báo cáo số 12/BC")
    assert response.status_code == 302
    assert response["Location"].endswith(f"#row-{scored[0].pk}")
    score = Score.objects.get(sheet=sheet, criterion=scored[0])
    assert score.self_points == Decimal("9.50")
    assert score.note == "Báo cáo số 12/BC"


def test_every_change_of_a_score_keeps_who_when_old_and_new(client_for, member, url, sheet, scored):
    client = client_for(member)
    post_row(client, url, sheet, scored[0], "7")
    post_row(client, url, sheet, scored[0], "8.25")
    changes = list(ScoreChange.objects.filter(score__sheet=sheet).order_by("pk"))
    assert [(c.old_value, c.new_value) for c in changes] == [
        (None, Decimal("7")),
        (Decimal("7"), Decimal("8.25")),
    ]
    assert all(c.changed_by == member and c.changed_at for c in changes)
    assert {c.field for c in changes} == {ScoreChange.Field.SELF}


def test_saving_a_row_with_htmx_returns_its_status_version_and_totals_out_of_band(
    client_for, member, url, sheet, scored
):
    client = client_for(member)
    before = sheet.version
    response = post_row(client, url, sheet, scored[1], "6", htmx=True)
    body = response.content.decode()
    assert response.status_code == 200
    assert f'id="msg-{scored[1].pk}"' in body and "Đã lưu" in body
    assert f'id="msg-{scored[0].pk}"' not in body
    assert f'id="v-{scored[1].pk}" value="1"' in body
    assert 'id="sheet-version"' in body and f'value="{before + 1}"' in body
    assert 'hx-swap-oob="true"' in body and 'id="sheet-totals"' in body


def test_the_page_is_one_form_that_works_without_javascript(client_for, member, url, sheet, scored):
    """One form, one Save button; every row carries its own version."""
    client = client_for(member)
    page = client.get(url(f"sheets/{sheet.pk}/")).content.decode()
    assert f'action="{url(f"sheets/{sheet.pk}/save/")}"' in page
    for criterion in scored:
        assert f'name="c{criterion.pk}-version" id="v-{criterion.pk}" value="0"' in page
    assert page.count('id="save-sheet"') == 1


def test_a_deduction_is_entered_as_a_negative_number(client_for, member, url, sheet, deduction):
    client = client_for(member)
    assert post_row(client, url, sheet, deduction, "-2").status_code == 302
    assert Score.objects.get(sheet=sheet, criterion=deduction).self_points == Decimal("2")


@pytest.mark.parametrize(
    ("value", "kind", "message"),
    [
        ("10.5", "scored", "Tối đa 10 điểm"),
        ("-1", "scored", "không được âm"),
        ("abc", "scored", "không phải là số"),
        ("9,125", "scored", "tối đa 2 chữ số thập phân"),
        ("1.500", "scored", "Tối đa 10 điểm"),  # 1500 in Vietnamese, never 1.5
        ("٣", "scored", "không phải là số"),
        ("３", "scored", "không phải là số"),
        ("0_3", "scored", "không phải là số"),
        ("1E-2", "scored", "không phải là số"),
        ("2", "deduction", "đây là điểm trừ"),
        ("-4", "deduction", "trừ tối đa 3"),
        ("3.5", "bonus", "Tối đa 3 điểm"),
    ],
)
def test_bad_points_are_refused_with_a_vietnamese_message_and_nothing_changes(
    client_for, member, url, sheet, criteria, value, kind, message
):
    criterion = next(c for c in criteria if c.kind == kind)
    client = client_for(member)
    version = sheet.version
    response = post_row(client, url, sheet, criterion, value)
    assert response.status_code == 400
    assert message.lower() in response.content.decode().lower()
    assert not Score.objects.filter(sheet=sheet).exists()
    sheet.refresh_from_db()
    assert sheet.version == version


def test_a_member_posting_to_another_members_sheet_gets_404(
    client_for, member, url, bloc_year, orgs, scored
):
    other = sheet_of(bloc_year, orgs[3])
    other.status = ScoreSheet.Status.SUBMITTED
    other.save()
    response = post_row(client_for(member), url, other, scored[0], "5")
    assert response.status_code == 404
    assert not Score.objects.filter(sheet=other).exists()


def test_a_member_cannot_post_a_criterion_of_another_year(
    client_for, member, url, sheet, bloc_year
):
    from tests.factories import BlocYearFactory
    from tests.pledges.factories import criteria_table

    foreign = criteria_table(BlocYearFactory(bloc=bloc_year.bloc, year=2019))[0]
    assert post_row(client_for(member), url, sheet, foreign, "5").status_code == 404


def test_the_secretariat_may_fill_a_sheet_for_its_member(client_for, secretary, url, sheet, scored):
    assert post_row(client_for(secretary), url, sheet, scored[0], "4").status_code == 302
    assert Score.objects.get(sheet=sheet, criterion=scored[0]).self_points == 4


def test_submitting_needs_points_for_every_criterion(client_for, member, url, sheet, scored):
    client = client_for(member)
    post_row(client, url, sheet, scored[0], "5")
    response = submit(client, url, sheet)
    assert response.status_code == 400
    assert "Còn thiếu" in response.content.decode()
    sheet.refresh_from_db()
    assert sheet.status == ScoreSheet.Status.DRAFT


def test_a_complete_sheet_is_submitted(client_for, member, url, sheet, criteria):
    client = client_for(member)
    fill(client, url, sheet, criteria)
    assert submit(client, url, sheet).status_code == 302
    sheet.refresh_from_db()
    assert sheet.status == ScoreSheet.Status.SUBMITTED
    assert sheet.submitted_by == member


@pytest.mark.parametrize("status", [ScoreSheet.Status.SUBMITTED, ScoreSheet.Status.FINAL])
def test_nobody_edits_a_sheet_after_submission_or_finalization(
    client_for, member, secretary, url, sheet, scored, status
):
    sheet.status = status
    sheet.save()
    for user in (member, secretary):
        response = post_row(client_for(user), url, sheet, scored[0], "5")
        assert response.status_code == 403
    assert not Score.objects.filter(sheet=sheet).exists()


def test_members_edit_only_in_the_configured_phase(client_for, member, url, sheet, scored):
    sheet.bloc_year.phase = BlocYear.Phase.REVIEW
    sheet.bloc_year.save()
    response = post_row(client_for(member), url, sheet, scored[0], "5")
    assert response.status_code == 403
    assert "Tự chấm điểm" in response.content.decode()  # the phase they may edit in


def test_a_sheet_returned_in_the_review_phase_is_its_members_to_correct_and_hand_in(
    client_for, member, url, sheet, scored
):
    """Sheets are returned while they are reviewed: the member corrects it then (it used to be
    told it may fill its sheet only in the self-scoring phase, so the return led nowhere)."""
    from pledges.models import ScoreSheet

    sheet.bloc_year.phase = BlocYear.Phase.REVIEW
    sheet.bloc_year.save()
    ScoreSheet.objects.filter(pk=sheet.pk).update(status=ScoreSheet.Status.RETURNED)
    page = client_for(member).get(url(f"sheets/{sheet.pk}/")).content.decode()
    assert f'name="c{scored[0].pk}-points"' in page
    assert post_row(client_for(member), url, sheet, scored[0], "5").status_code == 302
    assert Score.objects.get(sheet=sheet, criterion=scored[0]).self_points == 5


def test_a_closed_year_refuses_every_write(client_for, secretary, url, sheet, scored):
    sheet.bloc_year.phase = BlocYear.Phase.CLOSED
    sheet.bloc_year.save()
    assert post_row(client_for(secretary), url, sheet, scored[0], "5").status_code == 403


def test_members_see_another_members_sheet_only_once_submitted(
    client_for, member, url, bloc_year, orgs, criteria
):
    other = sheet_of(bloc_year, orgs[3])
    client = client_for(member)
    assert client.get(url(f"sheets/{other.pk}/")).status_code == 404
    other.status = ScoreSheet.Status.SUBMITTED
    other.save()
    page = client.get(url(f"sheets/{other.pk}/"))
    assert page.status_code == 200
    assert 'name="points"' not in page.content.decode()  # read only


def test_the_sheet_list_offers_to_open_missing_drafts_and_shows_progress(
    client_for, member, url, bloc_year, criteria
):
    client = client_for(member)
    response = client.get(url("sheets/"))
    assert response.status_code == 200
    assert not ScoreSheet.objects.filter(bloc_year=bloc_year).exists()  # reading writes nothing
    assert "Mở phiếu chấm" in response.content.decode()
    assert client.post(url("sheets/start/")).status_code == 302
    assert ScoreSheet.objects.filter(bloc_year=bloc_year).count() == 5
    response = client.get(url("sheets/"))
    assert response.context["progress"] == {"members": 5, "submitted": 0, "final": 0}


def test_self_scoring_starts_with_every_members_sheet_open(client_for, secretary, criteria, url):
    """A year opened before its criteria (no settings copied, so no sheet opened then) gets a
    sheet per member when it enters self-scoring: nobody has to find "Mở phiếu chấm" first."""
    bloc_year = criteria[0].section.bloc_year
    bloc_year.score_sheets.all().delete()
    BlocYear.objects.filter(pk=bloc_year.pk).update(phase=BlocYear.Phase.PLEDGE)

    response = client_for(secretary).post(url("phase/"), {"phase": "scoring"})

    assert response.status_code == 302
    members = set(bloc_year.memberships.values_list("organization_id", flat=True))
    assert set(bloc_year.score_sheets.values_list("organization_id", flat=True)) == members
