"""The criteria table: sections → criteria with a maximum, a kind and guidance; the total of the
scale; copied from the previous year in one action; frozen once scoring starts."""

from decimal import Decimal

import pytest

from members import services as members_services
from members.models import BlocYear, Membership
from pledges.models import Criterion, ScoreSheet, ScoringSettings, Section
from tests.factories import BlocYearFactory
from tests.pledges.factories import criteria_table, sheet_with_points


def test_the_page_shows_the_total_of_the_scale(client_for, member, url, criteria):
    page = client_for(member).get(url("criteria/")).content.decode()
    assert "6 tiêu chí, thang điểm 40" in page
    assert "điểm thưởng tối đa +3" in page and "điểm trừ tối đa −3" in page


def test_the_secretariat_adds_a_section_and_a_criterion(client_for, secretary, url, pledge_phase):
    client = client_for(secretary)
    assert (
        client.post(
            url("criteria/sections/new/"), {"code": "I", "title": "Công tác chung", "position": 1}
        ).status_code
        == 302
    )
    section = Section.objects.get()
    data = {
        "section": section.pk,
        "code": "1",
        "title": "Ban hành kế hoạch",
        "kind": "deduction",
        "max_points": "2,5",
        "guidance": "",
        "position": 1,
    }
    assert client.post(url("criteria/new/"), data).status_code == 302
    assert Criterion.objects.get().max_points == Decimal("2.5")


@pytest.mark.parametrize("value", ["0", "-2", "abc", "1,234", "1.5.0"])
def test_a_criterion_needs_a_positive_maximum_with_two_decimals(
    client_for, secretary, url, pledge_phase, value
):
    section = Section.objects.create(bloc_year=pledge_phase, title="Mục", position=1)
    data = {
        "section": section.pk,
        "title": "X",
        "kind": "scored",
        "max_points": value,
        "position": 1,
    }
    response = client_for(secretary).post(url("criteria/new/"), data)
    assert response.status_code == 400
    assert not Criterion.objects.exists()


def test_a_section_of_another_year_cannot_be_edited_through_this_one(
    client_for, secretary, url, pledge_phase, bloc
):
    other = BlocYearFactory(bloc=bloc, year=2019, phase="pledge")
    section = Section.objects.create(bloc_year=other, title="Khác", position=1)
    response = client_for(secretary).get(url(f"criteria/sections/{section.pk}/edit/"))
    assert response.status_code == 404


def test_criteria_freeze_once_the_phase_is_past_the_pledge(client_for, secretary, url, criteria):
    # The shared year is in the scoring phase.
    response = client_for(secretary).get(url(f"criteria/{criteria[0].pk}/edit/"))
    assert response.status_code == 403
    assert "đã cố định" in response.content.decode()


def test_criteria_freeze_once_a_sheet_is_handed_in(
    client_for, secretary, url, pledge_phase, criteria, orgs
):
    client = client_for(secretary)
    assert client.get(url(f"criteria/{criteria[0].pk}/edit/")).status_code == 200
    sheet_with_points(pledge_phase, orgs[0], {}, status=ScoreSheet.Status.SUBMITTED)
    assert client.get(url(f"criteria/{criteria[0].pk}/edit/")).status_code == 403
    assert client.post(url(f"criteria/{criteria[0].pk}/delete/")).status_code == 403
    assert Criterion.objects.filter(pk=criteria[0].pk).exists()


def _previous(bloc_year, orgs):
    before = BlocYearFactory(bloc=bloc_year.bloc, year=bloc_year.year - 1, phase="closed")
    Membership.objects.bulk_create(Membership(bloc_year=before, organization=o) for o in orgs)
    criteria_table(before, scored=3)
    return before


def test_the_previous_years_criteria_are_copied_in_one_action(
    client_for, secretary, url, pledge_phase, orgs
):
    _previous(pledge_phase, orgs)
    Section.objects.create(bloc_year=pledge_phase, title="Sẽ bị thay", position=1)
    response = client_for(secretary).post(url("criteria/copy/"))
    assert response.status_code == 302
    titles = list(
        Criterion.objects.filter(section__bloc_year=pledge_phase).values_list("title", flat=True)
    )
    assert sorted(titles) == ["Thưởng 1", "Tiêu chí 1", "Tiêu chí 2", "Tiêu chí 3", "Trừ 1"]
    assert not Section.objects.filter(title="Sẽ bị thay").exists()


def test_copying_without_a_previous_table_is_refused(client_for, secretary, url, pledge_phase):
    response = client_for(secretary).post(url("criteria/copy/"))
    assert response.status_code == 400
    assert "Năm trước không có bảng tiêu chí" in response.content.decode()


def test_opening_the_next_year_carries_the_criteria_and_the_settings(bloc_year, criteria):
    ScoringSettings.objects.create(
        bloc_year=bloc_year, review_mode="cross", aggregate="median", max_bonus=Decimal(3)
    )
    new = members_services.bloc_year_open_next(bloc_year=bloc_year)
    assert Criterion.objects.filter(section__bloc_year=new).count() == len(criteria)
    settings = ScoringSettings.objects.get(bloc_year=new)
    assert (settings.review_mode, settings.aggregate, settings.max_bonus) == (
        "cross",
        "median",
        Decimal("3.00"),
    )
    assert ScoringSettings.objects.get(bloc_year=bloc_year).pk != settings.pk
    assert new.phase == BlocYear.Phase.SETUP


def test_the_scoring_settings_are_edited_per_year(client_for, secretary, url, bloc_year):
    data = {
        "review_mode": "cross",
        "aggregate": "median",
        "tie_rule": "shared",
        "max_bonus": "3",
        "max_deduction": "",
        "member_edit_phase": "scoring",
        "cross_scoring_phase": "review",
        "bands": "90 | Xuất sắc\n70 | Tốt\n0 | Chưa đạt",
    }
    assert client_for(secretary).post(url("scoring/settings/"), data).status_code == 302
    settings = ScoringSettings.objects.get(bloc_year=bloc_year)
    assert settings.classification_bands == [[90, "Xuất sắc"], [70, "Tốt"], [0, "Chưa đạt"]]
    assert settings.max_deduction is None and settings.tie_rule == "shared"


def test_bad_bands_are_refused(client_for, secretary, url, bloc_year):
    data = {
        "review_mode": "head",
        "aggregate": "mean",
        "tie_rule": "shared",
        "member_edit_phase": "scoring",
        "cross_scoring_phase": "review",
        "bands": "chín mươi | Xuất sắc",
    }
    response = client_for(secretary).post(url("scoring/settings/"), data)
    assert response.status_code == 400
    assert "Dòng 1" in response.content.decode()
    assert not ScoringSettings.objects.exists()
