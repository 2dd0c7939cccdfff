"""Two people save the same row of a sheet at the same moment, on PostgreSQL: exactly one save goes
through, the other is refused as a conflict, and no value is lost or silently overwritten."""

import threading
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client

from members.models import BlocRole
from pledges.models import Score, ScoreChange, ScoreSheet
from tests.factories import BlocRoleFactory, UserFactory, year_with_members
from tests.pledges.factories import criteria_table

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ROUNDS = 5


@pytest.fixture
def setup():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://…)")
    year = year_with_members(3)
    criterion = criteria_table(year)[0]
    org = year.memberships.order_by("position")[2].organization
    sheet = ScoreSheet.objects.create(bloc_year=year, organization=org)
    member = BlocRoleFactory(
        user=UserFactory(username="member"),
        bloc=year.bloc,
        kind=BlocRole.Kind.REPRESENTATIVE,
        organization=org,
    ).user
    secretary = BlocRoleFactory(user=UserFactory(username="secretary"), bloc=year.bloc).user
    return year, sheet, criterion, [member, secretary]


def _save_at_once(url: str, users, values, version, prefix) -> list[tuple[str, int]]:
    """Each thread has its own client and its own database connection; both wait at the
    barrier and post together."""
    barrier = threading.Barrier(len(users))
    answers = []

    def post(user, value):
        try:
            client = Client()
            client.force_login(user)
            barrier.wait(timeout=10)
            data = {prefix + "points": value, prefix + "note": "", prefix + "version": version}
            response = client.post(url, data)
            answers.append((value, response.status_code))
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=pair) for pair in zip(users, values, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return answers


def test_two_simultaneous_saves_give_exactly_one_conflict_and_lose_nothing(setup):
    year, sheet, criterion, users = setup
    url = f"/b/{year.bloc.slug}/{year.year}/sheets/{sheet.pk}/rows/{criterion.pk}/"
    for round_ in range(ROUNDS):
        sheet.refresh_from_db()
        values = [str(round_ + 1), str(round_ + 5)]
        row = Score.objects.filter(sheet=sheet, criterion=criterion).first()
        version = row.version if row else 0  # both opened the page at this row version
        answers = _save_at_once(url, users, values, version, f"c{criterion.pk}-")
        statuses = sorted(status for _value, status in answers)
        assert statuses == [302, 409], answers
        winner = next(value for value, status in answers if status == 302)
        score = Score.objects.get(sheet=sheet, criterion=criterion)
        assert score.self_points == Decimal(winner)  # the saved value stands, not overwritten
        sheet.refresh_from_db()
        assert sheet.version == round_ + 2  # one save, one version step
    # Every accepted save, and only those, is in the history.
    assert ScoreChange.objects.filter(score__sheet=sheet).count() == ROUNDS
