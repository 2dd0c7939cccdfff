import pytest
from django.core.exceptions import PermissionDenied

from members.access import Role, bloc_access, require_manage
from members.models import BlocRole, BlocYear
from tests.factories import BlocRoleFactory, BlocYearFactory, MembershipFactory, UserFactory


@pytest.fixture
def two_years(bloc_year):
    """2023 led by A (head) and B (deputy); 2024 led by B (head) and C (deputy)."""
    a, b, c = (m.organization for m in bloc_year.memberships.order_by("position")[:3])
    next_year = BlocYearFactory(bloc=bloc_year.bloc, year=2024, head=b, deputy=c)
    for org in (a, b, c):
        MembershipFactory(bloc_year=next_year, organization=org)
    return bloc_year, next_year, (a, b, c)


def representative_of(org):
    return BlocRoleFactory(
        user=UserFactory(), bloc=org.bloc, kind=BlocRole.Kind.REPRESENTATIVE, organization=org
    ).user


def test_leadership_follows_the_year(two_years):
    this_year, next_year, (a, b, c) = two_years
    access = bloc_access(representative_of(a), this_year.bloc)
    assert access.role_in(this_year) == Role.LEADER
    assert access.role_in(next_year) == Role.MEMBER


def test_the_deputy_unit_leads_too(two_years):
    this_year, next_year, (a, b, c) = two_years
    access = bloc_access(representative_of(b), this_year.bloc)
    assert access.role_in(this_year) == Role.LEADER
    assert access.role_in(next_year) == Role.LEADER


def test_a_user_without_a_role_in_the_bloc_has_no_access(bloc_year, outsider):
    assert bloc_access(outsider, bloc_year.bloc) is None


def test_a_superuser_is_admin_of_every_bloc(bloc_year, admin_user):
    assert bloc_access(admin_user, bloc_year.bloc).role_in(bloc_year) == Role.ADMIN


def test_a_closed_year_refuses_the_secretariat(bloc_year, secretary):
    bloc_year.phase = BlocYear.Phase.CLOSED
    access = bloc_access(secretary, bloc_year.bloc)
    with pytest.raises(PermissionDenied, match="khóa sổ|closed"):
        require_manage(access, bloc_year)


def test_an_observer_cannot_manage(bloc_year, observer):
    with pytest.raises(PermissionDenied):
        require_manage(bloc_access(observer, bloc_year.bloc), bloc_year)


def test_a_closed_year_answers_403_with_the_reason_to_every_write(bloc_year, secretary, client):
    bloc_year.phase = BlocYear.Phase.CLOSED
    bloc_year.save()
    client.force_login(secretary)
    response = client.post(f"/b/{bloc_year.bloc.slug}/{bloc_year.year}/leadership/", {})
    assert response.status_code == 403
    assert "đã khóa sổ" in response.content.decode()
