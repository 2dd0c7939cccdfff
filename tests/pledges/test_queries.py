"""The score grid, the sheet list, the ranking and the full table use a fixed number of SQL
queries, whatever the number of members (11 or 40) and criteria (25 or 60)."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from members.models import BlocRole
from pledges.models import CrossScore, Evidence, Score, ScoreSheet, ScoringSettings
from tests.factories import BlocRoleFactory, UserFactory, year_with_members
from tests.pledges.factories import criteria_table, pledge_with_targets

SIZES = [(11, 25), (40, 25), (11, 60), (40, 60)]


def _year(members: int, criteria: int, *, cross: bool):
    year = year_with_members(members)
    table = criteria_table(year, scored=criteria - 2, sections=5)
    pledge_with_targets(year, criterion=table[0])
    orgs = [m.organization for m in year.memberships.order_by("position")]
    sheets = ScoreSheet.objects.bulk_create(
        ScoreSheet(bloc_year=year, organization=o, status=ScoreSheet.Status.FINAL) for o in orgs
    )
    # The member's own sheet stays a draft, to be edited.
    ScoreSheet.objects.filter(pk=sheets[2].pk).update(status=ScoreSheet.Status.DRAFT)
    scores = Score.objects.bulk_create(
        Score(sheet=s, criterion=c, max_points=c.max_points, self_points=1, final_points=1)
        for s in sheets
        for c in table
    )
    Evidence.objects.bulk_create(
        Evidence(
            score=score,
            file="evidence/x.pdf",
            original_name="x.pdf",
            size=1,
            content_type="application/pdf",
        )
        for score in scores[::7]
    )
    if cross:
        ScoringSettings.objects.create(bloc_year=year, review_mode="cross")
        shown = sheets[3]
        CrossScore.objects.bulk_create(
            CrossScore(
                score=score, scorer=o, subject=shown.organization, max_points=10, points=Decimal(5)
            )
            for score in scores
            if score.sheet_id == shown.pk
            for o in orgs
            if o != shown.organization
        )
    user = BlocRoleFactory(
        user=UserFactory(),
        bloc=year.bloc,
        kind=BlocRole.Kind.REPRESENTATIVE,
        organization=orgs[2],
    ).user
    return year, sheets, user


def _count(client, year, sheets, user, page: str) -> int:
    client.force_login(user)
    base = f"/b/{year.bloc.slug}/{year.year}/"
    path = {
        "grid": f"sheets/{sheets[2].pk}/",  # the member's own, editable
        "sheet": f"sheets/{sheets[3].pk}/",  # another member's, read only
        "sheets": "sheets/",
        "ranking": "ranking/",
        "table": "table/",
    }[page]
    client.get(base + path)  # warm up: sheets_ensure, session
    with CaptureQueriesContext(connection) as queries:
        response = client.get(base + path)
    assert response.status_code == 200
    return len(queries)


PAGES = ["grid", "sheet", "sheets", "ranking", "table"]


@pytest.mark.parametrize("cross", [False, True], ids=["head", "cross"])
def test_pages_use_a_constant_number_of_queries(client, db, cross):
    counts = {page: {} for page in PAGES}
    for members, criteria in SIZES:
        year, sheets, user = _year(members, criteria, cross=cross)
        for page in PAGES:
            counts[page][(members, criteria)] = _count(client, year, sheets, user, page)
    for page, by_size in counts.items():
        assert len(set(by_size.values())) == 1, (page, by_size)
        assert next(iter(by_size.values())) <= 20, (page, by_size)


def test_the_score_grid_query_count_is_pinned(client, db, django_assert_num_queries):
    year, sheets, user = _year(11, 25, cross=False)
    client.force_login(user)
    client.get(f"/b/{year.bloc.slug}/{year.year}/sheets/{sheets[2].pk}/")
    # session, user, year with its bloc, role, sheet, settings, sections, criteria, targets,
    # scores, evidence, cross scores, history
    with django_assert_num_queries(13):
        client.get(f"/b/{year.bloc.slug}/{year.year}/sheets/{sheets[2].pk}/")


def test_the_ranking_query_count_is_pinned(client, db, django_assert_num_queries):
    year, sheets, user = _year(40, 60, cross=False)
    client.force_login(user)
    client.get(f"/b/{year.bloc.slug}/{year.year}/ranking/")
    # session, user, year with its bloc, role, settings of this year and of the one before, the
    # final sheets' totals (of both years), the scale (bands are shares of it), members with
    # their organizations, progress, demo label
    with django_assert_num_queries(11):
        client.get(f"/b/{year.bloc.slug}/{year.year}/ranking/")
