"""Proposing nominations: one by one or from the ranking, every rule in words, refusals that
change nothing."""

import pytest
from django.core.exceptions import ValidationError

from awards import services
from awards.models import Nomination, NominationEvent
from members.services import membership_set_block
from tests.awards.factories import award, members, nominate, set_rule
from tests.utils import text


def url(bloc_year, suffix=""):
    return f"/b/{bloc_year.bloc.slug}/{bloc_year.year}/awards/{suffix}"


@pytest.fixture
def orgs(bloc_year):
    return members(bloc_year)


def test_the_secretariat_proposes_from_the_ranking_in_one_action(
    client, secretary, bloc_year, orgs, ranking
):
    ranking(bloc_year, [orgs[3], orgs[1], orgs[0], orgs[4], orgs[2]])
    client.force_login(secretary)
    response = client.post(url(bloc_year, "from-ranking/"))
    assert response.status_code == 302
    got = {
        (n.organization, n.award_type.code, n.rank)
        for n in Nomination.objects.filter(bloc_year=bloc_year)
    }
    assert got == {
        (orgs[3], "GOV_FLAG", 1),
        (orgs[1], "PROVINCE_FLAG", 2),
        (orgs[0], "MERIT_CERTIFICATE", 3),
        (orgs[4], "MERIT_CERTIFICATE", 4),
    }
    assert NominationEvent.objects.filter(action="propose").count() == 4


def test_proposing_from_the_ranking_twice_adds_nothing_the_second_time(
    client, secretary, bloc_year, orgs, ranking
):
    ranking(bloc_year, orgs)
    client.force_login(secretary)
    client.post(url(bloc_year, "from-ranking/"))
    response = client.post(url(bloc_year, "from-ranking/"))
    assert response.status_code == 400
    assert "Không có gì để đề xuất" in text(response)
    assert Nomination.objects.filter(bloc_year=bloc_year).count() == 4


def test_proposing_from_the_ranking_after_a_vote_failed_skips_the_failed_nominee(
    client, secretary, bloc_year, orgs, ranking
):
    """A nomination the meeting did not pass frees its quota place but still holds its award
    for that member (one active row per member and award): the run proposed the same member
    again and answered 500 (IntegrityError)."""
    ranking(bloc_year, orgs)
    services.nominations_propose_from_ranking(bloc_year=bloc_year, user=None)
    failed = Nomination.objects.get(organization=orgs[3], award_type__code="MERIT_CERTIFICATE")
    Nomination.objects.filter(pk=failed.pk).update(status=Nomination.Status.NOT_PASSED)
    client.force_login(secretary)

    response = client.post(url(bloc_year, "from-ranking/"))

    assert response.status_code == 302
    merit = Nomination.objects.filter(
        bloc_year=bloc_year, award_type__code="MERIT_CERTIFICATE"
    ).exclude(pk=failed.pk)
    assert orgs[3] not in {n.organization for n in merit}
    assert orgs[4] in {n.organization for n in merit}


def test_without_a_ranking_the_proposal_from_the_ranking_is_refused(client, secretary, bloc_year):
    client.force_login(secretary)
    response = client.post(url(bloc_year, "from-ranking/"))
    assert response.status_code == 400
    assert "Chưa có bảng xếp hạng năm 2023" in text(response)
    assert not Nomination.objects.exists()


def test_the_nominations_page_shows_every_rule_in_words(client, member, bloc_year, orgs, ranking):
    ranking(bloc_year, orgs)
    set_rule(bloc_year, "MERIT_CERTIFICATE", min_rank=3)
    nominate(bloc_year, orgs[2])
    client.force_login(member)
    page = text(client.get(url(bloc_year)))
    assert "Xếp hạng 3, quy định tối thiểu hạng 3." in page
    assert "Trong chỉ tiêu: 1/2." in page
    assert "Không bị xem xét kỷ luật, thanh tra, khiếu nại." in page


def test_a_flagged_member_cannot_be_nominated_and_the_reason_is_shown(
    client, secretary, bloc_year, orgs, ranking
):
    ranking(bloc_year, orgs)
    membership = bloc_year.memberships.get(organization=orgs[0])
    membership_set_block(membership=membership, blocked=True, reason="Đang bị thanh tra")
    client.force_login(secretary)
    response = client.post(
        url(bloc_year, "propose/"),
        {"organization": orgs[0].pk, "award_type": award("GOV_FLAG").pk},
    )
    assert response.status_code == 400
    page = text(response)
    assert "Không được đề nghị: đang bị xem xét kỷ luật, thanh tra hoặc khiếu nại" in page
    assert "Đang bị thanh tra" in page
    assert not Nomination.objects.exists()


def test_a_flagged_member_is_skipped_by_the_proposal_from_the_ranking(bloc_year, orgs, ranking):
    ranking(bloc_year, orgs)
    membership = bloc_year.memberships.get(organization=orgs[0])
    membership_set_block(membership=membership, blocked=True, reason="Khiếu nại")
    created = services.nominations_propose_from_ranking(bloc_year=bloc_year, user=None)
    assert orgs[0] not in {n.organization for n in created}
    assert created[0].organization == orgs[1] and created[0].award_type.code == "GOV_FLAG"


def test_more_nominations_than_the_quota_are_refused(client, secretary, bloc_year, orgs, ranking):
    ranking(bloc_year, orgs)
    nominate(bloc_year, orgs[0], "GOV_FLAG")
    client.force_login(secretary)
    response = client.post(
        url(bloc_year, "propose/"),
        {"organization": orgs[1].pk, "award_type": award("GOV_FLAG").pk},
    )
    assert response.status_code == 400
    assert "Vượt chỉ tiêu: được đề nghị 1, đã đề nghị 1." in text(response)
    assert Nomination.objects.filter(award_type__code="GOV_FLAG").count() == 1


def test_a_nominee_below_the_minimum_rank_is_refused(bloc_year, orgs, ranking):
    ranking(bloc_year, orgs)
    set_rule(bloc_year, "GOV_FLAG", min_rank=1)
    with pytest.raises(ValidationError) as error:
        nominate(bloc_year, orgs[1], "GOV_FLAG")
    assert "Xếp hạng 2, quy định tối thiểu hạng 1." in error.value.messages


def test_a_nominee_without_the_prerequisite_is_refused(bloc_year, orgs, ranking):
    ranking(bloc_year, orgs)
    set_rule(bloc_year, "GOV_FLAG", prerequisite=award("PROVINCE_FLAG"))
    with pytest.raises(ValidationError) as error:
        nominate(bloc_year, orgs[0], "GOV_FLAG")
    assert error.value.messages == [
        "Chưa được tặng Cờ thi đua của Ủy ban nhân dân tỉnh, quy định bắt buộc phải có."
    ]


def test_a_prerequisite_granted_in_an_earlier_year_lets_the_nomination_through(
    bloc_year, orgs, ranking
):
    from tests.factories import BlocYearFactory

    earlier = BlocYearFactory(bloc=bloc_year.bloc, year=2021)
    Nomination.objects.create(
        bloc_year=earlier,
        organization=orgs[0],
        award_type=award("PROVINCE_FLAG"),
        status=Nomination.Status.GRANTED,
        granted=True,
        submission_number="1/TTr",
        submission_date="2021-12-25",
    )
    ranking(bloc_year, orgs)
    set_rule(bloc_year, "GOV_FLAG", prerequisite=award("PROVINCE_FLAG"))
    assert nominate(bloc_year, orgs[0], "GOV_FLAG").status == Nomination.Status.PROPOSED


def test_one_organization_cannot_receive_two_awards_in_one_year_by_default(
    bloc_year, orgs, ranking
):
    ranking(bloc_year, orgs)
    nominate(bloc_year, orgs[0], "PROVINCE_FLAG")
    with pytest.raises(ValidationError) as error:
        nominate(bloc_year, orgs[0], "MERIT_CERTIFICATE")
    assert error.value.messages == [
        "Đã được đề nghị Cờ thi đua của Ủy ban nhân dân tỉnh trong năm nay: mỗi đơn vị chỉ được "
        "nhận một hình thức khen thưởng trong năm."
    ]


def test_two_awards_in_one_year_pass_when_both_rules_allow_it(bloc_year, orgs, ranking):
    ranking(bloc_year, orgs)
    set_rule(bloc_year, "PROVINCE_FLAG", allows_second_award=True)
    set_rule(bloc_year, "MERIT_CERTIFICATE", allows_second_award=True)
    nominate(bloc_year, orgs[0], "PROVINCE_FLAG")
    assert nominate(bloc_year, orgs[0], "MERIT_CERTIFICATE").pk


def test_the_same_award_cannot_be_proposed_twice(bloc_year, orgs, ranking):
    ranking(bloc_year, orgs)
    nominate(bloc_year, orgs[0])
    with pytest.raises(ValidationError, match="đã được đề xuất"):
        nominate(bloc_year, orgs[0])


def test_an_organization_not_member_this_year_cannot_be_nominated(bloc_year, ranking):
    from tests.factories import OrganizationFactory

    stranger = OrganizationFactory(bloc=bloc_year.bloc)
    with pytest.raises(ValidationError, match="không phải là thành viên"):
        nominate(bloc_year, stranger)


def test_a_member_cannot_propose(client, member, bloc_year, orgs):
    client.force_login(member)
    response = client.post(
        url(bloc_year, "propose/"),
        {"organization": orgs[2].pk, "award_type": award("MERIT_CERTIFICATE").pk},
    )
    assert response.status_code == 403
    assert not Nomination.objects.exists()


def test_a_closed_year_refuses_proposals(client, secretary, bloc_year, orgs):
    bloc_year.phase = bloc_year.Phase.CLOSED
    bloc_year.save()
    client.force_login(secretary)
    response = client.post(
        url(bloc_year, "propose/"),
        {"organization": orgs[2].pk, "award_type": award("MERIT_CERTIFICATE").pk},
    )
    assert response.status_code == 403
    assert not Nomination.objects.exists()
