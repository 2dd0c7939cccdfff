"""The ranking: final totals (scored + bonus − deductions), the tie rule, the change against the
previous year, classification bands, and the chart."""

from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook

from members.models import Membership
from pledges import selectors
from pledges.charts import ranking_chart
from pledges.models import ScoreSheet, ScoringSettings
from tests.factories import BlocYearFactory
from tests.pledges.factories import criteria_table, final_sheet, sheet_with_points


def _points(criteria, scored, bonus="0", deduction="0"):
    """`scored` spread over the scored criteria (10 max each)."""
    values, left = {}, Decimal(scored)
    for c in criteria:
        if c.kind == "scored":
            values[c] = min(left, Decimal(10))
            left -= values[c]
        else:
            values[c] = Decimal(bonus if c.kind == "bonus" else deduction)
    return values


def test_nothing_final_gives_an_empty_ranking(bloc_year, orgs, criteria):
    sheet_with_points(bloc_year, orgs[0], _points(criteria, 30), status="submitted")
    assert selectors.year_ranking(bloc_year) == []


def test_totals_are_scored_plus_bonus_minus_deductions(bloc_year, orgs, criteria):
    final_sheet(bloc_year, orgs[0], _points(criteria, "35.5", bonus="2", deduction="1.25"))
    [row] = selectors.year_ranking(bloc_year)
    assert (row.scored, row.bonus, row.deduction, row.total) == (
        Decimal("35.50"),
        Decimal("2.00"),
        Decimal("1.25"),
        Decimal("36.25"),
    )
    assert row.rank == 1 and row.organization == orgs[0]


def test_caps_limit_bonus_and_deductions(bloc_year, orgs, criteria):
    ScoringSettings.objects.create(
        bloc_year=bloc_year, max_bonus=Decimal("1"), max_deduction=Decimal("2")
    )
    final_sheet(bloc_year, orgs[0], _points(criteria, 30, bonus="3", deduction="3"))
    [row] = selectors.year_ranking(bloc_year)
    assert (row.bonus, row.deduction, row.total) == (Decimal(1), Decimal(2), Decimal(29))


@pytest.fixture
def tied(bloc_year, orgs, criteria):
    """Totals: A 33 (32 + 1), B 33 (34 − 1), C 33 (34 − 1), D 30."""
    final_sheet(bloc_year, orgs[0], _points(criteria, 32, bonus="1"))
    final_sheet(bloc_year, orgs[1], _points(criteria, 34, deduction="1"))
    final_sheet(bloc_year, orgs[2], _points(criteria, 34, deduction="1"))
    final_sheet(bloc_year, orgs[3], _points(criteria, 30))
    return orgs


def test_the_default_tie_rule_prefers_the_higher_scored_total_then_shares(bloc_year, tied):
    rows = selectors.year_ranking(bloc_year)
    assert [(r.organization, r.rank) for r in rows] == [
        (tied[1], 1),
        (tied[2], 1),  # same scored total and deductions: same rank
        (tied[0], 3),
        (tied[3], 4),
    ]


def test_the_shared_tie_rule_gives_equal_totals_the_same_rank(bloc_year, tied):
    ScoringSettings.objects.create(bloc_year=bloc_year, tie_rule="shared")
    ranks = {r.organization: r.rank for r in selectors.year_ranking(bloc_year)}
    assert ranks == {tied[0]: 1, tied[1]: 1, tied[2]: 1, tied[3]: 4}


def test_the_change_against_the_previous_year(bloc_year, orgs):
    before = BlocYearFactory(bloc=bloc_year.bloc, year=bloc_year.year - 1, phase="closed")
    Membership.objects.bulk_create(Membership(bloc_year=before, organization=o) for o in orgs)
    old, new = criteria_table(before), criteria_table(bloc_year)
    final_sheet(before, orgs[0], _points(old, 40))
    final_sheet(before, orgs[1], _points(old, 30))
    final_sheet(bloc_year, orgs[0], _points(new, 30))
    final_sheet(bloc_year, orgs[1], _points(new, 40))
    final_sheet(bloc_year, orgs[2], _points(new, 20))
    rows = {r.organization: r for r in selectors.year_ranking(bloc_year)}
    assert (rows[orgs[1]].previous_rank, rows[orgs[1]].change) == (2, 1)
    assert (rows[orgs[0]].previous_rank, rows[orgs[0]].change) == (1, -1)
    assert rows[orgs[2]].previous_rank is None


def test_classification_follows_the_years_bands_as_shares_of_the_scale(bloc_year, orgs, criteria):
    # On a 40-point scale, 87.5 % is 35 points.
    ScoringSettings.objects.create(
        bloc_year=bloc_year, classification_bands=[[87.5, "Xuất sắc"], [62.5, "Tốt"], [0, "Khác"]]
    )
    final_sheet(bloc_year, orgs[0], _points(criteria, 35))
    final_sheet(bloc_year, orgs[1], _points(criteria, "34.99"))
    final_sheet(bloc_year, orgs[2], _points(criteria, 10))
    labels = [r.classification for r in selectors.year_ranking(bloc_year)]
    assert labels == ["Xuất sắc", "Tốt", "Khác"]


def test_sheet_progress_counts_members_handed_in_and_final(bloc_year, orgs, criteria):
    sheet_with_points(bloc_year, orgs[0], {}, status=ScoreSheet.Status.SUBMITTED)
    sheet_with_points(bloc_year, orgs[1], {}, status=ScoreSheet.Status.REVIEWED)
    sheet_with_points(bloc_year, orgs[2], {}, status=ScoreSheet.Status.RETURNED)
    final_sheet(bloc_year, orgs[3], {})
    assert selectors.sheet_progress(bloc_year) == {"members": 5, "submitted": 3, "final": 1}


def test_the_ranking_page_shows_the_table_and_the_svg_chart(
    client_for, observer, url, bloc_year, tied
):
    page = client_for(observer).get(url("ranking/")).content.decode()
    assert page.count("<svg") == 1 and "ranking-chart" in page
    assert page.index(tied[1].name) < page.index(tied[0].name) < page.index(tied[3].name)


def test_the_ranking_and_the_full_table_export_as_xlsx(
    client_for, member, url, bloc_year, tied, criteria
):
    client = client_for(member)
    ranking = load_workbook(BytesIO(client.get(url("ranking/export.xlsx")).content)).active
    rows = list(ranking.iter_rows(values_only=True))
    assert rows[0][:2] == ("Xếp hạng", "Đơn vị")
    assert [(r[0], r[1], r[5]) for r in rows[1:]][0] == (1, tied[1].name, 33)
    table = load_workbook(BytesIO(client.get(url("table/export.xlsx")).content)).active
    header = next(table.iter_rows(values_only=True))
    assert header[4:] == tuple(o.name for o in (tied[1], tied[2], tied[0], tied[3]))
    assert sum(1 for r in table.iter_rows(values_only=True) if r[1] == "Tiêu chí 1") == 1


def test_the_chart_escapes_names_and_scales_bars():
    from types import SimpleNamespace

    org = SimpleNamespace(name="<Hội & Co>", short_name="")
    rows = [
        SimpleNamespace(rank=1, total=Decimal("90"), organization=org),
        SimpleNamespace(rank=2, total=Decimal("45.5"), organization=org),
    ]
    svg = str(ranking_chart(rows, title="Năm 2022"))
    assert "&lt;Hội &amp; Co&gt;" in svg and "<Hội" not in svg
    assert 'width="360"' in svg and 'width="182"' in svg
    assert "45,5" in svg
    assert str(ranking_chart([])) == ""


def test_a_flagged_member_drops_one_grade_unless_the_year_turns_it_off(bloc_year, orgs, criteria):
    bands = [[35, "Xuất sắc"], [25, "Tốt"], [0, "Khác"]]
    settings = ScoringSettings.objects.create(bloc_year=bloc_year, classification_bands=bands)
    final_sheet(bloc_year, orgs[0], _points(criteria, 36))
    final_sheet(bloc_year, orgs[1], _points(criteria, 36))
    final_sheet(bloc_year, orgs[2], _points(criteria, 10))
    Membership.objects.filter(bloc_year=bloc_year, organization__in=orgs[1:3]).update(
        nomination_blocked=True, block_reason="Đang bị thanh tra"
    )
    labels = {r.organization: r.classification for r in selectors.year_ranking(bloc_year)}
    assert [labels[o] for o in orgs[:3]] == ["Xuất sắc", "Tốt", "Khác"]  # the floor stays

    settings.flagged_drops_grade = False
    settings.save()
    labels = {r.organization: r.classification for r in selectors.year_ranking(bloc_year)}
    assert labels[orgs[1]] == "Xuất sắc"
