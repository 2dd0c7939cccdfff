"""The election of next year's head and deputy: rotation proposal, tallies, ties, applying."""

import pytest
from django.core.exceptions import ValidationError

from awards import services
from awards.models import Candidate, Election
from members.models import BlocYear
from tests.awards.factories import hold_meeting, members
from tests.factories import BlocYearFactory, MembershipFactory
from tests.utils import text


def url(bloc_year, suffix=""):
    return f"/b/{bloc_year.bloc.slug}/{bloc_year.year}/awards/{suffix}"


@pytest.fixture
def orgs(bloc_year):
    hold_meeting(bloc_year)
    return members(bloc_year)


def candidate(bloc_year, org, post="head"):
    return services.candidate_add(bloc_year=bloc_year, post=post, organization=org)


def tally(cand, votes_for, **counts):
    return services.candidate_record_tally(candidate=cand, votes_for=votes_for, user=None, **counts)


def elect(bloc_year, head, deputy, votes=5):
    tally(candidate(bloc_year, head, "head"), votes)
    tally(candidate(bloc_year, deputy, "deputy"), votes)
    return Election.objects.get(bloc_year=bloc_year)


def test_the_page_pre_fills_the_rotation_proposal(client, secretary, bloc_year, orgs):
    client.force_login(secretary)
    response = client.get(url(bloc_year, "election/"))
    form = response.context["form"]
    assert form.initial == {"post": "head", "organization": bloc_year.deputy}
    assert f"Đề xuất luân phiên: {bloc_year.deputy.name}" in text(response)


def test_a_candidate_matching_the_rotation_is_marked_so(bloc_year, orgs):
    assert candidate(bloc_year, bloc_year.deputy).by_rotation
    assert not candidate(bloc_year, orgs[3], "deputy").by_rotation


def test_applying_the_election_sets_next_years_head_and_deputy(client, secretary, bloc_year, orgs):
    following = BlocYearFactory(bloc=bloc_year.bloc, year=2024)
    for org in orgs:
        MembershipFactory(bloc_year=following, organization=org)
    elect(bloc_year, orgs[1], orgs[3])
    client.force_login(secretary)
    response = client.post(url(bloc_year, "election/apply/"))
    assert response.status_code == 302
    following.refresh_from_db()
    assert (following.head, following.deputy) == (orgs[1], orgs[3])
    election = Election.objects.get()
    assert election.applied_at is not None and election.applied_by == secretary


def test_applying_opens_next_year_when_it_does_not_exist(bloc_year, orgs):
    election = elect(bloc_year, orgs[1], orgs[3])
    following = services.election_apply(election=election, user=None)
    assert following.year == 2024
    assert (following.head, following.deputy) == (orgs[1], orgs[3])
    assert following.memberships.count() == 5
    # The rules are carried into the new year.
    assert following.award_rules.count() == bloc_year.award_rules.count()


def test_a_second_apply_of_the_same_election_is_refused(client, secretary, bloc_year, orgs):
    election = elect(bloc_year, orgs[1], orgs[3])
    services.election_apply(election=election, user=None)
    following = BlocYear.objects.get(year=2024)
    following.head = orgs[4]
    following.deputy = orgs[0]
    following.save()
    client.force_login(secretary)
    response = client.post(url(bloc_year, "election/apply/"))
    assert response.status_code == 400
    assert "Kết quả bầu đã được áp dụng" in text(response)
    following.refresh_from_db()
    assert (following.head, following.deputy) == (orgs[4], orgs[0])


def test_one_organization_elected_to_both_posts_is_refused(bloc_year, orgs):
    election = elect(bloc_year, orgs[1], orgs[1])
    with pytest.raises(ValidationError) as error:
        services.election_apply(election=election, user=None)
    assert error.value.messages == [
        f"{orgs[1].name} trúng cử cả Trưởng khối và Phó Trưởng khối: một đơn vị không thể "
        "giữ cả hai chức danh."
    ]
    assert not BlocYear.objects.filter(year=2024).exists()


def test_a_tie_asks_for_another_round_which_decides(client, secretary, bloc_year, orgs):
    first, second = candidate(bloc_year, orgs[1]), candidate(bloc_year, orgs[2])
    tally(first, 2)
    tally(second, 2)
    tally(candidate(bloc_year, orgs[3], "deputy"), 5)
    election = Election.objects.get()
    with pytest.raises(ValidationError, match="cần bầu thêm một vòng"):
        services.election_apply(election=election, user=None)
    client.force_login(secretary)
    assert "cần bầu thêm một vòng" in text(client.get(url(bloc_year, "election/")))

    services.election_new_round(election=election)
    election.refresh_from_db()
    assert election.round == 2
    tally(first, 3)
    tally(second, 2)
    election.refresh_from_db()
    assert (election.head, election.deputy) == (orgs[1], orgs[3])
    services.election_apply(election=election, user=None)
    assert BlocYear.objects.get(year=2024).head == orgs[1]


def test_a_post_decided_in_an_earlier_round_gets_no_new_tally(bloc_year, orgs):
    first, second = candidate(bloc_year, orgs[1]), candidate(bloc_year, orgs[2])
    tally(first, 2)
    tally(second, 2)  # the head is tied: round 2 is for the head only
    deputy = candidate(bloc_year, orgs[3], "deputy")
    tally(deputy, 5)
    services.election_new_round(election=Election.objects.get())

    with pytest.raises(ValidationError, match="đã được bầu ở vòng 1"):
        tally(deputy, 4)
    assert deputy.votes.get().round == 1
    tally(first, 3)  # the undecided post takes its round


def test_round_two_offers_no_tally_or_removal_for_the_post_round_one_decided(
    client, secretary, bloc_year, orgs
):
    """The page offered 'Tally' and 'Remove candidate' on the deputy elected in round 1, both
    refused when used, and showed its tally as '—'."""
    tally(candidate(bloc_year, orgs[1]), 2)
    tally(candidate(bloc_year, orgs[2]), 2)
    deputy = candidate(bloc_year, orgs[3], "deputy")
    tally(deputy, 5)
    services.election_new_round(election=Election.objects.get())
    client.force_login(secretary)
    html = client.get(url(bloc_year, "election/")).content.decode()
    deputy_card = html.split('id="post-deputy"')[1].split('id="post-')[0]
    assert f"candidates/{deputy.pk}/tally/" not in deputy_card
    assert f"candidates/{deputy.pk}/remove/" not in deputy_card
    assert "vòng 1" in deputy_card
    head_card = html.split('id="post-head"')[1].split('id="post-deputy"')[0]
    assert "/tally/" in head_card  # the undecided post keeps its buttons


def test_no_new_round_when_both_posts_are_decided(bloc_year, orgs):
    election = elect(bloc_year, orgs[1], orgs[3])
    with pytest.raises(ValidationError, match="không cần bầu thêm"):
        services.election_new_round(election=election)


def test_candidates_together_cannot_have_more_votes_than_members_present(bloc_year, orgs):
    tally(candidate(bloc_year, orgs[1]), 3)
    with pytest.raises(ValidationError, match="nhiều hơn 5 đơn vị có mặt"):
        tally(candidate(bloc_year, orgs[2]), 3)


def test_a_candidate_below_the_threshold_is_not_elected(bloc_year, orgs):
    tally(candidate(bloc_year, orgs[1]), 2)  # 2/5 is not more than half
    election = Election.objects.get()
    assert election.head is None


def test_the_same_candidate_twice_is_refused(bloc_year, orgs):
    candidate(bloc_year, orgs[1])
    with pytest.raises(ValidationError, match="đã là ứng cử viên"):
        candidate(bloc_year, orgs[1])


def test_a_candidate_with_a_tally_cannot_be_removed(bloc_year, orgs):
    cand = candidate(bloc_year, orgs[1])
    tally(cand, 4)
    with pytest.raises(ValidationError):
        services.candidate_remove(candidate=cand)
    assert Candidate.objects.filter(pk=cand.pk).exists()


def test_an_applied_election_no_longer_changes(bloc_year, orgs):
    election = elect(bloc_year, orgs[1], orgs[3])
    services.election_apply(election=election, user=None)
    with pytest.raises(ValidationError, match="đã được áp dụng"):
        candidate(bloc_year, orgs[4], "deputy")


@pytest.mark.parametrize("role", ["member", "observer"])
def test_members_and_observers_cannot_touch_the_election(role, client, users, bloc_year, orgs):
    client.force_login(users[role])
    response = client.post(
        url(bloc_year, "election/candidates/"), {"post": "head", "organization": orgs[1].pk}
    )
    assert response.status_code == 403
    assert not Candidate.objects.exists()
