"""The leaders' review: approve or return a voted nomination with a reason; every change is
kept and shown as a timeline."""

import pytest
from django.core.exceptions import ValidationError

from awards import services
from awards.models import Nomination
from members.services import membership_set_block
from tests.awards.factories import members, nominate, voted
from tests.utils import text


def url(bloc_year, suffix=""):
    return f"/b/{bloc_year.bloc.slug}/{bloc_year.year}/awards/{suffix}"


@pytest.fixture
def orgs(bloc_year, ranking):
    ranking(bloc_year, members(bloc_year))
    return members(bloc_year)


def test_a_leader_approves_a_voted_nomination(client, leader, bloc_year, orgs):
    nomination = voted(bloc_year, orgs[2])
    client.force_login(leader)
    response = client.post(url(bloc_year, f"nominations/{nomination.pk}/approve/"))
    assert response.status_code == 302
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.APPROVED
    assert nomination.events.last().by == leader


def test_approving_what_was_not_voted_is_refused_with_a_message(client, leader, bloc_year, orgs):
    nomination = nominate(bloc_year, orgs[2])
    client.force_login(leader)
    response = client.post(url(bloc_year, f"nominations/{nomination.pk}/approve/"))
    assert response.status_code == 400
    assert "Chỉ phê duyệt được đề nghị đã được hội nghị biểu quyết thông qua." in text(response)
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.PROPOSED
    assert nomination.events.count() == 1


def test_returning_needs_a_reason(client, leader, bloc_year, orgs):
    nomination = voted(bloc_year, orgs[2])
    client.force_login(leader)
    response = client.post(url(bloc_year, f"nominations/{nomination.pk}/return/"), {"reason": " "})
    assert response.status_code == 400
    assert "Nêu lý do trả lại đề nghị." in text(response)
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.VOTED


def test_the_timeline_shows_every_change_with_who_and_why(client, leader, member, bloc_year, orgs):
    nomination = voted(bloc_year, orgs[2])
    client.force_login(leader)
    client.post(
        url(bloc_year, f"nominations/{nomination.pk}/return/"),
        {"reason": "Thiếu báo cáo thành tích"},
    )
    client.force_login(member)
    page = text(client.get(url(bloc_year, f"nominations/{nomination.pk}/")))
    assert "Đề xuất" in page and "Ghi nhận kết quả biểu quyết" in page
    assert "Trả lại" in page and "Thiếu báo cáo thành tích" in page
    assert "leader" in page
    assert list(nomination.events.values_list("action", flat=True)) == [
        "propose",
        "tally",
        "return",
    ]


def test_a_returned_nomination_can_be_voted_again_then_approved(bloc_year, orgs):
    nomination = voted(bloc_year, orgs[2])
    services.nomination_return(nomination=nomination, user=None, reason="Kiểm lại phiếu")
    services.nomination_record_tally(nomination=nomination, votes_for=5, user=None)
    assert services.nomination_approve(nomination=nomination, user=None).status == "approved"


def test_a_member_flagged_after_the_vote_cannot_be_approved(bloc_year, orgs):
    nomination = voted(bloc_year, orgs[2])
    membership = bloc_year.memberships.get(organization=orgs[2])
    membership_set_block(membership=membership, blocked=True, reason="Đơn khiếu nại")
    with pytest.raises(ValidationError, match="Đơn khiếu nại"):
        services.nomination_approve(nomination=nomination, user=None)
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.VOTED


@pytest.mark.parametrize("role", ["secretariat", "member", "observer"])
def test_only_leaders_approve(role, client, users, bloc_year, orgs):
    nomination = voted(bloc_year, orgs[2])
    client.force_login(users[role])
    response = client.post(url(bloc_year, f"nominations/{nomination.pk}/approve/"))
    assert response.status_code == 403
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.VOTED


def test_the_secretariat_withdraws_with_a_reason(client, secretary, bloc_year, orgs):
    nomination = nominate(bloc_year, orgs[2])
    client.force_login(secretary)
    response = client.post(
        url(bloc_year, f"nominations/{nomination.pk}/withdraw/"), {"reason": "Đơn vị xin rút"}
    )
    assert response.status_code == 302
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.WITHDRAWN
    # The place in the quota is free again.
    assert nominate(bloc_year, orgs[2]).pk != nomination.pk
