"""The demo: 2022 final sheets giving the meeting's outcome, 2023 open to try."""

import pytest

from members import demo as members_demo
from members.models import BlocYear
from pledges import demo, selectors
from pledges.models import Criterion, PledgeTarget, Score, ScoreSheet


@pytest.fixture
def demo_years(db):
    members_demo.load()
    demo.load()
    bloc_years = BlocYear.objects.filter(bloc__slug=members_demo.SLUG)
    return bloc_years.get(year=2022), bloc_years.get(year=2023)


def test_the_2022_ranking_gives_the_real_meetings_order(demo_years):
    year_2022, _ = demo_years
    names = [row.organization.name for row in selectors.year_ranking(year_2022)]
    assert len(names) == 11
    assert names[:4] == [
        "Hội Khuyến học tỉnh",
        "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh",
        "Hội Chữ thập đỏ tỉnh",
        "Hội Liên hiệp Văn học Nghệ thuật tỉnh",
    ]


def test_the_2022_year_has_a_signed_pledge_a_100_point_table_and_final_labelled_sheets(
    demo_years,
):
    year_2022, _ = demo_years
    pledge = selectors.pledge_of_year(year_2022)
    assert pledge.is_signed and pledge.commitments.count() >= 4
    scale = selectors.scale_totals(year_2022)
    assert scale.scored == 100 and scale.bonus > 0 and scale.deduction > 0
    assert 24 <= scale.count <= 27
    assert year_2022.criteria_sections.count() in (4, 5)
    sheets = ScoreSheet.objects.filter(bloc_year=year_2022)
    assert sheets.count() == 11
    assert set(sheets.values_list("status", flat=True)) == {"final"}
    assert all("minh họa" in s.demo_note for s in sheets)
    assert not Score.objects.filter(sheet__bloc_year=year_2022, note="").exists()
    assert PledgeTarget.objects.filter(pledge=pledge, achieved_value__isnull=False).exists()


def test_2023_is_open_with_a_signed_pledge_copied_criteria_and_drafts_only(demo_years):
    year_2022, year_2023 = demo_years
    assert selectors.pledge_of_year(year_2023).is_signed

    def titles(bloc_year):
        criteria = Criterion.objects.filter(section__bloc_year=bloc_year)
        return sorted(criteria.values_list("title", flat=True))

    assert titles(year_2023) == titles(year_2022)
    statuses = list(ScoreSheet.objects.filter(bloc_year=year_2023).values_list("status", flat=True))
    assert statuses and set(statuses) == {"draft"}
    assert selectors.sheet_progress(year_2023)["submitted"] == 0


def test_loading_the_demo_twice_changes_nothing(demo_years):
    def snapshot():
        return (
            list(Score.objects.order_by("pk").values_list("pk", "self_points", "final_points")),
            list(PledgeTarget.objects.order_by("pk").values_list("pk", "target_value")),
            list(Criterion.objects.order_by("pk").values_list("pk", "title", "max_points")),
        )

    before = snapshot()
    members_demo.load()
    demo.load()
    assert snapshot() == before
