"""A year's pages cost the same number of queries with 11 members as with 40."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from members.models import BlocRole
from tests.factories import BlocRoleFactory, UserFactory, year_with_members

PAGES = ["", "members/", "leadership/", "next/", "settings/"]


def queries_for(client, size: int, suffix: str) -> int:
    bloc_year = year_with_members(size)
    user = BlocRoleFactory(
        user=UserFactory(), bloc=bloc_year.bloc, kind=BlocRole.Kind.SECRETARIAT
    ).user
    client.force_login(user)
    url = f"/b/{bloc_year.bloc.slug}/{bloc_year.year}/{suffix}"
    client.get(url)  # warm caches (content types, sessions) outside the count
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.django_db
@pytest.mark.parametrize("suffix", PAGES)
def test_a_year_page_costs_the_same_with_11_and_with_40_members(client, suffix):
    assert queries_for(client, 11, suffix) == queries_for(client, 40, suffix)


@pytest.mark.django_db
def test_the_organization_list_costs_the_same_with_11_and_40_organizations(client):
    counts = []
    for size in (11, 40):
        bloc_year = year_with_members(size)
        user = BlocRoleFactory(user=UserFactory(), bloc=bloc_year.bloc).user
        client.force_login(user)
        url = f"/b/{bloc_year.bloc.slug}/orgs/"
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        counts.append(len(captured))
    assert counts[0] == counts[1]
