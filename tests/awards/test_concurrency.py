"""Two secretaries apply the same election at the same moment: the election row is locked, so
exactly one sets next year's leadership and the other is refused (PostgreSQL only: SQLite
serializes every write anyway)."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import close_old_connections, connection

from awards import services
from awards.models import Election
from members.models import BlocYear
from tests.awards.factories import hold_meeting, members
from tests.factories import year_with_members

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks need PostgreSQL (DATABASE_URL)"
    ),
]


@pytest.mark.django_db(transaction=True)
def test_two_applies_of_the_same_election_at_once_one_wins_one_is_refused():
    bloc_year = year_with_members(5)
    hold_meeting(bloc_year)
    orgs = members(bloc_year)
    head = services.candidate_add(bloc_year=bloc_year, post="head", organization=orgs[1])
    deputy = services.candidate_add(bloc_year=bloc_year, post="deputy", organization=orgs[3])
    services.candidate_record_tally(candidate=head, votes_for=5, user=None)
    services.candidate_record_tally(candidate=deputy, votes_for=5, user=None)
    election = Election.objects.get()

    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def apply():
        try:
            barrier.wait(timeout=10)
            services.election_apply(election=Election.objects.get(pk=election.pk), user=None)
            outcomes.append("applied")
        except ValidationError as error:
            outcomes.append(" ".join(error.messages))
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=apply) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert len(outcomes) == 2
    assert outcomes.count("applied") == 1
    refused = next(o for o in outcomes if o != "applied")
    assert "đã được áp dụng" in refused
    following = BlocYear.objects.get(bloc=bloc_year.bloc, year=bloc_year.year + 1)
    assert (following.head, following.deputy) == (orgs[1], orgs[3])
    assert BlocYear.objects.filter(bloc=bloc_year.bloc).count() == 2
