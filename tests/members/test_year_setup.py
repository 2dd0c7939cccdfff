"""Years from the app (issue 9): any year opened with the parts chosen, signers kept per year,
the phase changed only through its action, and who finishes the year as a setting."""

import datetime

import pytest
from django.utils import timezone

from khoithidua.models import YearLogEntry
from members.models import BlocYear, Membership
from members.services import bloc_year_open
from tests.factories import year_with_members
from tests.khoithidua.factories import ready_to_close
from tests.utils import text

pytestmark = pytest.mark.django_db


def y(bloc_year, suffix=""):
    return f"/b/{bloc_year.bloc.slug}/{bloc_year.year}/{suffix}"


def test_correcting_the_signer_of_2020_leaves_2023_unchanged(client, secretary, bloc):
    old = year_with_members(3, bloc=bloc, year=2020)
    bloc_year = bloc.years.get(year=2023)
    organization = old.memberships.first().organization
    Membership.objects.filter(organization=organization).update(
        signer_name="Nguyễn Văn An", signer_title="Chủ tịch"
    )
    membership_2020 = old.memberships.get(organization=organization)

    client.force_login(secretary)
    response = client.post(
        y(old, f"members/{membership_2020.pk}/signer/"),
        {"signer_title": "Phó Chủ tịch", "signer_name": "Trần Thị Bình"},
    )

    assert response.status_code == 302
    membership_2020.refresh_from_db()
    assert (membership_2020.signer_title, membership_2020.signer_name) == (
        "Phó Chủ tịch",
        "Trần Thị Bình",
    )
    later = Membership.objects.filter(bloc_year__year=2023, organization=organization)
    assert not later.exists() or later.get().signer_name == "Nguyễn Văn An"
    assert bloc_year.memberships.exists()


def test_a_new_year_takes_the_signers_of_the_year_it_copies(bloc_year):
    new = bloc_year_open(bloc=bloc_year.bloc, year=2024, source=bloc_year)
    copied = {m.organization_id: (m.signer_title, m.signer_name) for m in new.memberships.all()}
    assert copied == {
        m.organization_id: (m.signer_title, m.signer_name) for m in bloc_year.memberships.all()
    }


def test_a_blank_year_copies_nothing_and_the_parts_are_optional(bloc_year):
    from pledges.models import Section

    Section.objects.create(bloc_year=bloc_year, position=1, code="1", title="Mục 1")
    blank = bloc_year_open(bloc=bloc_year.bloc, year=2019)
    members_only = bloc_year_open(
        bloc=bloc_year.bloc, year=2018, source=bloc_year, parts=frozenset()
    )
    with_criteria = bloc_year_open(
        bloc=bloc_year.bloc, year=2017, source=bloc_year, parts=frozenset({"criteria"})
    )
    assert not blank.memberships.exists() and not blank.criteria_sections.exists()
    assert members_only.memberships.count() == bloc_year.memberships.count()
    assert not members_only.criteria_sections.exists()
    assert with_criteria.criteria_sections.count() == 1
    assert blank.province_name == bloc_year.bloc.province.name


def test_a_year_that_exists_is_refused_with_a_message_and_nothing_changes(
    client, secretary, bloc_year
):
    client.force_login(secretary)
    before = BlocYear.objects.count()
    response = client.post(f"/b/{bloc_year.bloc.slug}/years/new/", {"year": bloc_year.year})
    assert response.status_code == 400
    assert f"Năm {bloc_year.year} đã có" in text(response)
    assert BlocYear.objects.count() == before


def test_posting_the_phase_or_hidden_fields_to_the_settings_form_changes_nothing(
    client, secretary, bloc_year
):
    client.force_login(secretary)
    response = client.post(
        y(bloc_year, "settings/"),
        {
            "province_name": "Yên Bái",
            "place_name": "Yên Bái",
            "legal_bases": "Căn cứ Luật Thi đua, Khen thưởng;",
            "phase": "closed",
            "closed_at": "2023-12-31 10:00",
            "entered_afterwards": "on",
            "approval_by": "leaders_or_secretariat",
            "close_by": "leaders_or_secretariat",
            "year": "2099",
        },
    )
    assert response.status_code == 302
    after = BlocYear.objects.get(pk=bloc_year.pk)
    assert after.phase == bloc_year.phase == BlocYear.Phase.SCORING
    assert after.closed_at is None and not after.entered_afterwards and after.year == 2023
    assert after.approval_by == after.close_by == BlocYear.Finisher.LEADERS


def test_the_phase_moves_one_step_through_its_action_and_never_to_closed(
    client, secretary, bloc_year
):
    from tests.pledges.factories import criteria_table

    criteria_table(bloc_year)
    client.force_login(secretary)
    client.post(y(bloc_year, "phase/"), {"phase": "closed"})
    client.post(y(bloc_year, "phase/"), {"phase": "meeting"})
    assert BlocYear.objects.get(pk=bloc_year.pk).phase == BlocYear.Phase.SCORING

    client.post(y(bloc_year, "phase/"), {"phase": "review"})
    assert BlocYear.objects.get(pk=bloc_year.pk).phase == BlocYear.Phase.REVIEW


def test_scoring_cannot_start_without_criteria(client, secretary, bloc):
    bloc_year = year_with_members(3, bloc=bloc, year=2024, phase=BlocYear.Phase.PLEDGE)
    client.force_login(secretary)
    response = client.post(y(bloc_year, "phase/"), {"phase": "scoring"}, follow=True)
    assert "chưa có tiêu chí" in text(response)
    assert BlocYear.objects.get(pk=bloc_year.pk).phase == BlocYear.Phase.PLEDGE


def test_the_secretariat_closes_for_the_leaders_only_where_the_year_allows_it(
    client, secretary, province_office, bloc_year
):
    ready_to_close(bloc_year)
    client.force_login(secretary)
    assert client.post(y(bloc_year, "close/")).status_code == 403

    client.force_login(province_office)
    client.post(
        y(bloc_year, "finishers/"),
        {
            "approval_by": "leaders",
            "sign_off_by": "leaders",
            "close_by": "leaders_or_secretariat",
        },
    )
    client.force_login(secretary)
    response = client.post(y(bloc_year, "close/"))

    assert response.status_code == 302
    assert BlocYear.objects.get(pk=bloc_year.pk).is_closed
    entry = YearLogEntry.objects.get(action=YearLogEntry.Action.CLOSED)
    assert entry.user == secretary and entry.acting_for_leaders


def test_a_date_of_record_is_refused_in_a_year_not_entered_afterwards(client, leader, bloc_year):
    ready_to_close(bloc_year)
    client.force_login(leader)
    client.post(y(bloc_year, "close/"), {"on": "2023-12-28"})
    assert not BlocYear.objects.get(pk=bloc_year.pk).is_closed


def test_a_year_entered_afterwards_asks_for_the_date_of_each_act(client, leader, bloc_year):
    ready_to_close(bloc_year)
    BlocYear.objects.filter(pk=bloc_year.pk).update(entered_afterwards=True)
    client.force_login(leader)
    without = client.post(y(bloc_year, "close/"), follow=True)
    assert "hãy nhập ngày" in text(without).lower()
    assert not BlocYear.objects.get(pk=bloc_year.pk).is_closed

    client.post(y(bloc_year, "close/"), {"on": "2024-01-10"})
    closed = BlocYear.objects.get(pk=bloc_year.pk)
    assert closed.is_closed and closed.closed_at.date() == datetime.date(2024, 1, 10)


def test_a_year_already_over_is_entered_afterwards_and_this_year_is_not(
    client, secretary, bloc_year
):
    this_year = timezone.localdate().year
    client.force_login(secretary)
    for year in (2015, this_year):
        response = client.post(f"/b/{bloc_year.bloc.slug}/years/new/", {"year": year})
        assert response.status_code == 302
    years = {y.year: y.entered_afterwards for y in bloc_year.bloc.years.all()}
    assert years[2015] is True and years[this_year] is False


def test_a_year_more_than_one_ahead_is_refused(client, secretary, bloc_year):
    too_far = timezone.localdate().year + 2
    client.force_login(secretary)
    response = client.post(f"/b/{bloc_year.bloc.slug}/years/new/", {"year": too_far})
    assert response.status_code == 400
    assert "nhiều nhất là một năm tới" in text(response)
    assert not bloc_year.bloc.years.filter(year=too_far).exists()


def test_an_organization_ticked_into_a_year_takes_its_signer_of_the_year_before(
    client, secretary, bloc_year
):
    """Not only a copied year: an organization added to a year on its own (back after a year
    away, or added after a blank opening) is prefilled with its latest signer before that
    year, which the secretariat then corrects if it changed."""
    organization = bloc_year.memberships.order_by("position").last().organization
    bloc_year.memberships.filter(organization=organization).update(
        signer_name="Nguyễn Văn An", signer_title="Chủ tịch"
    )
    blank = bloc_year_open(bloc=bloc_year.bloc, year=bloc_year.year + 1)

    client.force_login(secretary)
    response = client.post(y(blank, "members/"), {"organization": [organization.pk]})

    assert response.status_code == 302
    added = blank.memberships.get(organization=organization)
    assert (added.signer_title, added.signer_name) == ("Chủ tịch", "Nguyễn Văn An")
