"""The database itself refuses points out of range and a member scoring itself."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from pledges.models import CrossScore, Score, ScoreSheet
from tests.pledges.factories import CriterionFactory, PledgeFactory


def _score(bloc_year, organization, criterion, **points):
    sheet = ScoreSheet.objects.create(bloc_year=bloc_year, organization=organization)
    return Score(sheet=sheet, criterion=criterion, max_points=criterion.max_points, **points)


@pytest.mark.parametrize(
    "points",
    [
        {"self_points": Decimal("10.01")},
        {"self_points": Decimal("-0.01")},
        {"reviewed_points": Decimal("11")},
        {"final_points": Decimal("-1")},
    ],
)
def test_the_database_refuses_points_outside_zero_to_max(bloc_year, orgs, points):
    criterion = CriterionFactory(section__bloc_year=bloc_year, max_points=Decimal("10"))
    score = _score(bloc_year, orgs[0], criterion, **points)
    with pytest.raises(IntegrityError), transaction.atomic():
        score.save()


def test_the_database_accepts_points_at_the_bounds(bloc_year, orgs):
    criterion = CriterionFactory(section__bloc_year=bloc_year, max_points=Decimal("10"))
    score = _score(bloc_year, orgs[0], criterion, self_points=Decimal("10"), final_points=0)
    score.save()
    assert Score.objects.get(pk=score.pk).self_points == Decimal("10.00")


def test_the_database_refuses_a_member_cross_scoring_itself(bloc_year, orgs):
    criterion = CriterionFactory(section__bloc_year=bloc_year)
    score = _score(bloc_year, orgs[0], criterion)
    score.save()
    with pytest.raises(IntegrityError), transaction.atomic():
        CrossScore.objects.create(
            score=score, scorer=orgs[0], subject=orgs[0], max_points=10, points=5
        )


def test_a_pledge_cannot_be_signed_without_date_and_place(bloc_year):
    with pytest.raises(IntegrityError), transaction.atomic():
        PledgeFactory(bloc_year=bloc_year, is_signed=True, signed_on=None, place="")


def test_one_sheet_per_member_and_year(bloc_year, orgs):
    ScoreSheet.objects.create(bloc_year=bloc_year, organization=orgs[0])
    with pytest.raises(IntegrityError), transaction.atomic():
        ScoreSheet.objects.create(bloc_year=bloc_year, organization=orgs[0])
