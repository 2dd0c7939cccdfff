"""The report's pages cost the same number of queries for 11 members as for 40."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from pledges.models import ScoreSheet
from tests.factories import BlocRoleFactory, UserFactory, year_with_members
from tests.khoithidua.factories import first_award, meeting_held, voted, written_report


def year_with_everything(size: int):
    bloc_year = year_with_members(size)
    written_report(bloc_year)
    meeting_held(bloc_year, applied=True)
    award = first_award()
    for membership in bloc_year.memberships.select_related("organization"):
        organization = membership.organization
        ScoreSheet.objects.create(bloc_year=bloc_year, organization=organization, status="final")
        voted(
            bloc_year,
            organization,
            award,
            present=size,
            votes_for=size,
            percent="100.00",
            members=size,
        )
    return bloc_year


def count(client, path) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_the_report_page_and_its_preview_do_not_grow_with_the_members(db, client):
    counts = {}
    for size in (11, 40):
        bloc_year = year_with_everything(size)
        user = BlocRoleFactory(user=UserFactory(), bloc=bloc_year.bloc).user
        client.force_login(user)
        base = f"/b/{bloc_year.bloc.slug}/{bloc_year.year}/"
        counts[size] = (count(client, base + "report/"), count(client, base + "report/preview/"))

    assert counts[11] == counts[40], counts
