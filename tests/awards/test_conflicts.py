"""Conflicts of interest and ties are rules, not habits: a leader never approves its own
organization's nomination (the other leader does, or the secretariat where the year allows);
members sharing the rank at the quota's edge are all put to the meeting, the tie stated."""

from dataclasses import replace

import pytest
from django.core.exceptions import ValidationError

from awards import rules as rulebook
from awards import services
from awards.models import Nomination
from members.models import BlocYear
from tests.awards.factories import members, set_rule, voted
from tests.awards.test_rules import make_rule, standing
from tests.utils import text


def url(bloc_year, suffix=""):
    return f"/b/{bloc_year.bloc.slug}/{bloc_year.year}/awards/{suffix}"


@pytest.fixture
def orgs(bloc_year, ranking):
    ranking(bloc_year, members(bloc_year))
    return members(bloc_year)


def test_a_leader_may_not_approve_its_own_organizations_nomination(client, leader, bloc_year, orgs):
    own = voted(bloc_year, bloc_year.head)
    client.force_login(leader)
    page = client.get(url(bloc_year, f"nominations/{own.pk}/"))
    assert 'id="approve"' not in page.content.decode()
    assert "là đơn vị của chính bạn" in text(page)
    response = client.post(url(bloc_year, f"nominations/{own.pk}/approve/"))
    assert response.status_code == 403
    own.refresh_from_db()
    assert own.status == Nomination.Status.VOTED


def test_the_service_refuses_it_too(leader, bloc_year, orgs):
    own = voted(bloc_year, bloc_year.head)
    with pytest.raises(ValidationError, match="là đơn vị của chính bạn"):
        services.nomination_approve(nomination=own, user=leader)


def test_the_other_leader_approves_it(client, deputy, bloc_year, orgs):
    own = voted(bloc_year, bloc_year.head)
    client.force_login(deputy)
    assert client.post(url(bloc_year, f"nominations/{own.pk}/approve/")).status_code == 302
    own.refresh_from_db()
    assert own.status == Nomination.Status.APPROVED


def test_the_secretariat_approves_a_leaders_nomination_only_where_the_year_allows(
    client, secretary, bloc_year, orgs
):
    own = voted(bloc_year, bloc_year.head)
    client.force_login(secretary)
    approve = url(bloc_year, f"nominations/{own.pk}/approve/")
    assert client.post(approve).status_code == 403
    BlocYear.objects.filter(pk=bloc_year.pk).update(
        approval_by=BlocYear.Finisher.LEADERS_OR_SECRETARIAT
    )
    assert client.post(approve).status_code == 302


def test_members_sharing_the_rank_at_the_quotas_edge_are_both_proposed_with_the_tie_stated(
    client, secretary, bloc_year, orgs, ranking
):
    rows = ranking(bloc_year, orgs)
    rows[2] = replace(rows[2], rank=2, total=rows[1].total)  # orgs[1] and orgs[2] share rank 2
    for code in ("GOV_FLAG", "PROVINCE_FLAG"):
        set_rule(bloc_year, code, offered=False)
    set_rule(bloc_year, "MERIT_CERTIFICATE", quota=2)
    client.force_login(secretary)
    response = client.post(url(bloc_year, "from-ranking/"), follow=True)
    proposed = Nomination.objects.filter(bloc_year=bloc_year).values_list("organization", flat=True)
    assert set(proposed) == {orgs[0].pk, orgs[1].pk, orgs[2].pk}
    assert f"{orgs[1].name}, {orgs[2].name} cùng xếp hạng 2" in text(response)
    tied = Nomination.objects.get(organization=orgs[2]).events.get()
    assert "hội nghị quyết định" in tied.reason


def test_the_plan_states_no_tie_when_the_edge_is_clear():
    standings = {i: standing(i, f"Hội {i}", rank=i) for i in (1, 2)}
    plan = rulebook.plan_from_ranking(
        rules=[make_rule(quota=1)], standings=standings, used={}, year=2023
    )
    assert [(p.standing.name, p.tie) for p in plan] == [("Hội 1", "")]


def test_a_tie_past_the_edge_still_answers_every_other_rule():
    standings = {
        1: standing(1, "A", rank=1),
        2: standing(2, "B", rank=1, block_reason="Khiếu nại"),
    }
    plan = rulebook.plan_from_ranking(
        rules=[make_rule(quota=1)], standings=standings, used={}, year=2023
    )
    assert [(p.standing.name, p.tie) for p in plan] == [("A", "")]
