"""Head review: the secretariat or the leaders set reviewed points (default: the member's own),
with a reason where they differ; they return a sheet or finalize it."""

from decimal import Decimal

import pytest

from pledges.models import Score, ScoreChange, ScoreSheet
from tests.pledges.factories import sheet_with_points


@pytest.fixture
def submitted(bloc_year, member_org, criteria):
    points = {c: "2" if c.kind != "scored" else "8" for c in criteria}
    return sheet_with_points(bloc_year, member_org, points, status=ScoreSheet.Status.SUBMITTED)


def _review_data(sheet, criteria, changes=None):
    data = {"version": sheet.version}
    for c in criteria:
        own = Score.objects.get(sheet=sheet, criterion=c).self_points
        shown = -own if c.kind == "deduction" else own
        data[f"points_{c.pk}"] = str(shown)
        data[f"reason_{c.pk}"] = ""
    data.update(changes or {})
    return data


def test_the_review_form_starts_from_the_members_own_points(
    client_for, leader, url, submitted, criteria, scored
):
    page = client_for(leader).get(url(f"sheets/{submitted.pk}/review/"))
    assert page.status_code == 200
    assert f'name="points_{scored[0].pk}" value="8"' in page.content.decode()
    # The keyboard starts at the first row's points, as on the member's own sheet.
    assert page.context["form"][f"points_{criteria[0].pk}"].field.widget.attrs.get("autofocus")


def test_a_changed_point_needs_a_reason(client_for, secretary, url, submitted, criteria, scored):
    data = _review_data(submitted, criteria, {f"points_{scored[0].pk}": "6"})
    response = client_for(secretary).post(url(f"sheets/{submitted.pk}/review/"), data)
    assert response.status_code == 400
    assert "Hãy ghi lý do điều chỉnh" in response.content.decode()
    assert not Score.objects.filter(sheet=submitted, reviewed_points__isnull=False).exists()
    # The message belongs to the reason's box, where the reviewer must type: not to the points.
    form = response.context["form"]
    assert form.has_error(f"reason_{scored[0].pk}")
    assert not form.has_error(f"points_{scored[0].pk}")


def test_the_reviewed_points_and_reasons_are_saved_and_finalized(
    client_for, secretary, url, submitted, criteria, scored, deduction
):
    client = client_for(secretary)
    data = _review_data(
        submitted,
        criteria,
        {
            f"points_{scored[0].pk}": "6",
            f"reason_{scored[0].pk}": "Thiếu minh chứng",
            f"points_{deduction.pk}": "-3",
            f"reason_{deduction.pk}": "Nộp chậm 3 lần",
        },
    )
    assert client.post(url(f"sheets/{submitted.pk}/review/"), data).status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == ScoreSheet.Status.REVIEWED
    score = Score.objects.get(sheet=submitted, criterion=scored[0])
    assert (score.reviewed_points, score.review_reason) == (Decimal("6"), "Thiếu minh chứng")
    change = ScoreChange.objects.get(score=score, field=ScoreChange.Field.REVIEWED)
    assert (change.old_value, change.new_value, change.reason) == (None, 6, "Thiếu minh chứng")

    assert client.post(url(f"sheets/{submitted.pk}/finalize/")).status_code == 302
    finals = dict(Score.objects.filter(sheet=submitted).values_list("criterion_id", "final_points"))
    assert finals[scored[0].pk] == Decimal("6")  # reviewed
    assert finals[scored[1].pk] == Decimal("8")  # own points stand
    assert finals[deduction.pk] == Decimal("3")


def test_a_member_cannot_review(client_for, member, url, bloc_year, orgs, criteria):
    other = sheet_with_points(
        bloc_year, orgs[3], {c: "1" for c in criteria}, status=ScoreSheet.Status.SUBMITTED
    )
    assert client_for(member).get(url(f"sheets/{other.pk}/review/")).status_code == 403


def test_a_returned_sheet_goes_back_to_its_member_with_the_reason(
    client_for, leader, member, url, submitted, scored
):
    response = client_for(leader).post(
        url(f"sheets/{submitted.pk}/return/"), {"reason": "Bổ sung minh chứng tiêu chí 1"}
    )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == ScoreSheet.Status.RETURNED
    page = client_for(member).get(url(f"sheets/{submitted.pk}/")).content.decode()
    assert "Bổ sung minh chứng tiêu chí 1" in page
    assert f'name="c{scored[0].pk}-points"' in page  # editable again


def test_returning_needs_a_reason(client_for, leader, url, submitted):
    response = client_for(leader).post(url(f"sheets/{submitted.pk}/return/"), {"reason": " "})
    assert response.status_code == 400
    submitted.refresh_from_db()
    assert submitted.status == ScoreSheet.Status.SUBMITTED


def test_a_draft_cannot_be_finalized(client_for, secretary, url, bloc_year, member_org, criteria):
    draft = sheet_with_points(bloc_year, member_org, {c: "1" for c in criteria})
    response = client_for(secretary).post(url(f"sheets/{draft.pk}/finalize/"))
    assert response.status_code == 400
    assert "Chỉ chốt được phiếu đã nộp" in response.content.decode()


def test_finalize_all_finalizes_every_handed_in_sheet(
    client_for, secretary, url, bloc_year, orgs, criteria
):
    for org in orgs[:3]:
        sheet_with_points(
            bloc_year, org, {c: "1" for c in criteria}, status=ScoreSheet.Status.SUBMITTED
        )
    sheet_with_points(bloc_year, orgs[3], {c: "1" for c in criteria})  # a draft stays
    assert client_for(secretary).post(url("sheets/finalize/")).status_code == 302
    statuses = sorted(ScoreSheet.objects.values_list("status", flat=True))
    assert statuses == ["draft", "final", "final", "final"]


def test_finalize_all_in_a_year_entered_afterwards_asks_for_the_date_and_takes_it(
    client_for, secretary, url, bloc_year, orgs, criteria
):
    """The button's form carries the date of record (it had no box for it, so in a past year
    finalizing all always failed with "enter the date")."""
    from members.models import BlocYear

    BlocYear.objects.filter(pk=bloc_year.pk).update(entered_afterwards=True)
    for org in orgs[:2]:
        sheet_with_points(
            bloc_year, org, {c: "1" for c in criteria}, status=ScoreSheet.Status.SUBMITTED
        )
    page = client_for(secretary).get(url("sheets/")).content.decode()
    form = page[page.index('action="' + url("sheets/finalize/")) :]
    assert 'name="on"' in form[: form.index("</form>")]
    response = client_for(secretary).post(url("sheets/finalize/"), {"on": "2023-12-10"})
    assert response.status_code == 302
    finalized = ScoreSheet.objects.filter(status=ScoreSheet.Status.FINAL)
    assert finalized.count() == 2
    assert {s.finalized_at.date().isoformat() for s in finalized} == {"2023-12-10"}


def test_a_final_sheet_cannot_be_reviewed_again(client_for, secretary, url, submitted):
    client_for(secretary).post(url(f"sheets/{submitted.pk}/finalize/"))
    assert client_for(secretary).get(url(f"sheets/{submitted.pk}/review/")).status_code == 403
