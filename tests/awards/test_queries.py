"""Page query counts do not grow with the number of members (11 vs 40)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from awards import selectors, services
from awards.forms import ProposeForm
from members.models import BlocRole
from members.selectors import member_organizations
from tests.awards.factories import hold_meeting, members, voted
from tests.factories import BlocRoleFactory, UserFactory, year_with_members

PAGES = ["", "meeting/", "election/", "decisions/", "rules/", "documents/minutes/"]


def build(count, ranking):
    bloc_year = year_with_members(count)
    orgs = members(bloc_year)
    ranking(bloc_year, orgs)
    hold_meeting(bloc_year)
    for org, code in zip(
        orgs[:4],
        ["GOV_FLAG", "PROVINCE_FLAG", "MERIT_CERTIFICATE", "MERIT_CERTIFICATE"],
        strict=True,
    ):
        voted(bloc_year, org, code)
    head = services.candidate_add(bloc_year=bloc_year, post="head", organization=orgs[1])
    services.candidate_record_tally(candidate=head, votes_for=count, user=None)
    user = UserFactory()
    BlocRoleFactory(
        user=user, bloc=bloc_year.bloc, kind=BlocRole.Kind.REPRESENTATIVE, organization=orgs[0]
    )
    return bloc_year, user


def count_queries(client, bloc_year, user, page) -> int:
    client.force_login(user)
    url = f"/b/{bloc_year.bloc.slug}/{bloc_year.year}/awards/{page}"
    client.get(url)  # warm: sessions, first-visit setup
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("page", PAGES)
def test_the_page_query_count_does_not_grow_with_members(page, client, db, ranking):
    small = count_queries(client, *build(11, ranking), page)
    large = count_queries(client, *build(40, ranking), page)
    assert small == large, (small, large)
    assert small <= 25


def test_the_bloc_table_query_count_does_not_grow_with_years(client, db, ranking):
    bloc_year, user = build(11, ranking)
    client.force_login(user)
    url = f"/b/{bloc_year.bloc.slug}/awards/"
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    assert len(captured) <= 10


def test_the_propose_form_writes_from_what_the_page_read_the_options_its_querysets_give(db):
    bloc_year = year_with_members(5)
    organizations = member_organizations(bloc_year)
    award_types = selectors.award_types()
    chosen = {"organization": organizations[2].pk, "award_type": award_types[1].pk}

    def rendered(**read):
        form = ProposeForm(
            initial=chosen, organizations=organizations, award_types=award_types, **read
        )
        return str(form["organization"]), str(form["award_type"])

    with CaptureQueriesContext(connection) as captured:
        from_read = rendered(read=(list(organizations), list(award_types)))

    assert from_read == rendered()
    assert len(captured) == 2  # the two lists above; writing the options reads nothing
