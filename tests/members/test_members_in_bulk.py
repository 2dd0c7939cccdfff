"""Members in bulk: last year's members copied in one action, several organizations added at
once, the order set by numbers (the page's dragged rows send the same numbers)."""

import pytest

from members.models import Membership
from tests.factories import BlocYearFactory, OrganizationFactory
from tests.utils import text


@pytest.fixture
def secretary_client(client, secretary):
    client.force_login(secretary)
    return client


def url(bloc_year, suffix=""):
    return f"/b/{bloc_year.bloc.slug}/{bloc_year.year}/members/{suffix}"


def _order(bloc_year):
    return list(
        bloc_year.memberships.order_by("position").values_list("organization__name", flat=True)
    )


def test_last_years_members_are_copied_in_one_action_in_their_order(secretary_client, bloc_year):
    new = BlocYearFactory(bloc=bloc_year.bloc, year=bloc_year.year + 1)
    response = secretary_client.post(url(new, "copy/"), follow=True)
    assert "5 đơn vị được sao chép từ năm trước" in text(response)
    assert _order(new) == _order(bloc_year)
    # Again: nobody twice.
    secretary_client.post(url(new, "copy/"))
    assert new.memberships.count() == 5


def test_copying_without_a_previous_year_says_so_and_changes_nothing(secretary_client, bloc):
    first = BlocYearFactory(bloc=bloc, year=2010)
    response = secretary_client.post(url(first, "copy/"), follow=True)
    assert "Năm trước không có đơn vị thành viên" in text(response)
    assert not first.memberships.exists()


def test_several_organizations_are_added_at_once(secretary_client, bloc_year):
    orgs = [OrganizationFactory(bloc=bloc_year.bloc) for _ in range(3)]
    response = secretary_client.post(url(bloc_year), {"organization": [o.pk for o in orgs]})
    assert response.status_code == 302
    assert _order(bloc_year)[-3:] == [o.name for o in orgs]


def test_one_organization_of_another_bloc_refuses_the_whole_addition(secretary_client, bloc_year):
    mine, stranger = OrganizationFactory(bloc=bloc_year.bloc), OrganizationFactory()
    response = secretary_client.post(url(bloc_year), {"organization": [mine.pk, stranger.pk]})
    assert response.status_code == 400
    assert not Membership.objects.filter(organization__in=[mine, stranger]).exists()


def test_the_order_is_set_by_the_numbers_typed(secretary_client, bloc_year):
    rows = list(bloc_year.memberships.order_by("position"))
    names = [r.organization.name for r in rows]
    places = {f"position_{r.pk}": n for r, n in zip(rows, [5, 1, 2, 3, 4], strict=True)}
    response = secretary_client.post(url(bloc_year, "order/"), places)
    assert response.status_code == 302
    assert _order(bloc_year) == [names[1], names[2], names[3], names[4], names[0]]


def test_a_place_that_is_not_a_number_changes_nothing(secretary_client, bloc_year):
    before = _order(bloc_year)
    row = bloc_year.memberships.first()
    response = secretary_client.post(url(bloc_year, "order/"), {f"position_{row.pk}": "x"})
    assert "số nguyên" in text(secretary_client.get(response.url))
    assert _order(bloc_year) == before


@pytest.mark.parametrize(("row", "place"), [(4, 1), (2, 3), (0, 5), (3, 2), (1, 9)])
def test_one_number_typed_puts_that_member_at_that_place(secretary_client, bloc_year, row, place):
    """The page sends every row's number: only the one changed says where its member goes (it
    used to tie with the member already there, and lose to it when moving up)."""
    rows = list(bloc_year.memberships.order_by("position"))
    names = [r.organization.name for r in rows]
    places = {f"position_{r.pk}": n for n, r in enumerate(rows, start=1)}
    places[f"position_{rows[row].pk}"] = place
    secretary_client.post(url(bloc_year, "order/"), places)
    moved = names.pop(row)
    names.insert(min(place, len(rows)) - 1, moved)
    assert _order(bloc_year) == names
