"""The year-end meeting and the tallies: quorum, counts, the threshold and its base."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from awards import services
from awards.models import AwardSettings, Meeting, Nomination, Vote
from members.models import BlocYear
from tests.awards.factories import hold_meeting, members, nominate, set_rule, settings_of
from tests.utils import text


def url(bloc_year, suffix=""):
    return f"/b/{bloc_year.bloc.slug}/{bloc_year.year}/awards/{suffix}"


@pytest.fixture
def orgs(bloc_year):
    return members(bloc_year)


@pytest.fixture
def nomination(bloc_year, orgs, ranking):
    ranking(bloc_year, orgs)
    return nominate(bloc_year, orgs[2])


def test_the_secretariat_records_the_meeting_and_sees_the_quorum(
    client, secretary, bloc_year, orgs
):
    client.force_login(secretary)
    form = client.get(url(bloc_year, "meeting/edit/"))
    assert form.status_code == 200
    response = client.post(
        url(bloc_year, "meeting/edit/"),
        {
            "held_on": "2023-12-20",
            "starts_at": "08:00",
            "ends_at": "11:30",
            "place": "Hội trường Liên hiệp các Hội",
            "chair": "Hà Thị Ngoan",
            "secretary": "Nguyễn Thị Thư",
            "present": [o.pk for o in orgs[:4]],
        },
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get(bloc_year=bloc_year)
    assert meeting.present.count() == 4
    page = text(client.get(url(bloc_year, "meeting/")))
    assert "4/5 đơn vị có mặt: đủ số lượng (cần 4)." in page


def test_a_meeting_ending_before_it_starts_is_refused_at_the_field(client, secretary, bloc_year):
    client.force_login(secretary)
    response = client.post(
        url(bloc_year, "meeting/edit/"),
        {
            "held_on": "2023-12-20",
            "starts_at": "10:00",
            "ends_at": "09:00",
            "place": "Hội trường",
            "chair": "A",
            "secretary": "B",
        },
    )
    assert response.status_code == 400
    assert "Hội nghị phải kết thúc sau khi bắt đầu." in text(response)
    assert not Meeting.objects.exists()


def test_a_tally_before_the_meeting_is_recorded_is_refused(nomination):
    with pytest.raises(ValidationError, match="Ghi nhận hội nghị"):
        services.nomination_record_tally(nomination=nomination, votes_for=5, user=None)
    assert not Vote.objects.exists()


def test_a_tally_whose_votes_exceed_those_present_is_refused(
    client, secretary, bloc_year, orgs, nomination
):
    hold_meeting(bloc_year, present=orgs[:4])
    client.force_login(secretary)
    response = client.post(
        url(bloc_year, f"nominations/{nomination.pk}/tally/"),
        {"votes_for": 4, "votes_against": 1, "votes_abstain": 0, "invalid": 0},
    )
    assert response.status_code == 400
    assert "Tổng cộng 5 phiếu nhưng chỉ có 4 đơn vị có mặt: kiểm tra lại kết quả." in text(response)
    assert not Vote.objects.exists()
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.PROPOSED


def test_negative_numbers_of_votes_are_refused_at_the_field(
    client, secretary, bloc_year, nomination
):
    hold_meeting(bloc_year)
    client.force_login(secretary)
    response = client.post(
        url(bloc_year, f"nominations/{nomination.pk}/tally/"),
        {"votes_for": -1, "votes_against": 0, "votes_abstain": 0, "invalid": 0},
    )
    assert response.status_code == 400
    assert "Số phiếu không thể là số âm." in text(response)
    assert not Vote.objects.exists()


def test_the_service_refuses_negative_numbers_too(bloc_year, nomination):
    hold_meeting(bloc_year)
    with pytest.raises(ValidationError) as error:
        services.nomination_record_tally(
            nomination=nomination, votes_for=3, votes_against=-1, user=None
        )
    assert error.value.message_dict == {"votes_against": ["Số phiếu không thể là số âm."]}


def test_no_tally_without_a_quorum(client, secretary, bloc_year, orgs, nomination):
    hold_meeting(bloc_year, present=orgs[:3])  # 3 of 5, the default quorum asks 2/3: 4
    client.force_login(secretary)
    response = client.post(
        url(bloc_year, f"nominations/{nomination.pk}/tally/"),
        {"votes_for": 3, "votes_against": 0, "votes_abstain": 0, "invalid": 0},
    )
    assert response.status_code == 400
    page = text(response)
    assert "3/5 đơn vị có mặt: không đủ số lượng (cần 4)." in page
    assert "Không thể ghi nhận kết quả biểu quyết khi hội nghị không đủ số lượng." in page
    assert not Vote.objects.exists()


def test_a_tally_that_passes_makes_the_nomination_voted_and_says_why(
    client, secretary, bloc_year, nomination
):
    hold_meeting(bloc_year)
    client.force_login(secretary)
    response = client.post(
        url(bloc_year, f"nominations/{nomination.pk}/tally/"),
        {"votes_for": 4, "votes_against": 1, "votes_abstain": 0, "invalid": 0},
        follow=True,
    )
    assert "4/5 phiếu đồng ý (80 %): đạt." in text(response)
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.VOTED
    assert (nomination.votes_for, nomination.voters, nomination.passed) == (4, 5, True)
    event = nomination.events.get(action="tally")
    assert event.reason == ("4/5 phiếu đồng ý (80 %): đạt, quy định trên 50 % số đơn vị có mặt.")


def test_a_secret_ballots_tally_counts_agree_disagree_and_invalid_as_the_minutes_do(
    client, secretary, bloc_year, nomination
):
    hold_meeting(bloc_year)  # the year's default: a secret ballot
    client.force_login(secretary)
    form = client.get(url(bloc_year, f"nominations/{nomination.pk}/tally/"))
    assert [f.label for f in form.context["form"]] == [
        "Đồng ý",
        "Không đồng ý",
        "Phiếu không hợp lệ",
    ]
    assert "Phiếu trắng được tính là phiếu không hợp lệ." in text(form)
    assert "Đạt khi được trên 50 % số đơn vị có mặt đồng ý." in text(form)

    client.post(
        url(bloc_year, f"nominations/{nomination.pk}/tally/"),
        {"votes_for": 3, "votes_against": 1, "invalid": 1},
    )

    vote = Nomination.objects.get(pk=nomination.pk).tally
    assert (vote.votes_for, vote.votes_against, vote.votes_abstain, vote.invalid) == (3, 1, 0, 1)
    assert "không đồng ý 1, không hợp lệ 1" in text(client.get(url(bloc_year)))
    detail = text(client.get(url(bloc_year, f"nominations/{nomination.pk}/")))
    assert "Đồng ý 3, không đồng ý 1, phiếu không hợp lệ 1; 5 đơn vị có mặt." in detail


def test_a_show_of_hands_counts_for_against_and_abstain_and_no_invalid_ballot(
    client, secretary, bloc_year, nomination
):
    hold_meeting(bloc_year)
    AwardSettings.objects.filter(bloc_year=bloc_year).update(ballot=AwardSettings.Ballot.OPEN)
    # Counts entered before in the other words: the form shows them as abstentions.
    services.nomination_record_tally(nomination=nomination, votes_for=3, invalid=1, user=None)
    client.force_login(secretary)
    page = client.get(url(bloc_year, f"nominations/{nomination.pk}/tally/"))
    form = page.context["form"]
    assert [f.label for f in form] == ["Tán thành", "Không tán thành", "Không biểu quyết"]
    assert "Đạt khi được trên 50 % số đơn vị có mặt tán thành." in text(page)
    assert form.initial["votes_abstain"] == 1

    client.post(
        url(bloc_year, f"nominations/{nomination.pk}/tally/"),
        {"votes_for": 3, "votes_against": 0, "votes_abstain": 2},
    )

    vote = Nomination.objects.get(pk=nomination.pk).tally
    assert (vote.votes_abstain, vote.invalid) == (2, 0)
    assert "không tán thành 0, không biểu quyết 2" in text(client.get(url(bloc_year)))


def test_the_threshold_on_all_members_counts_absent_members(bloc_year, orgs, nomination):
    hold_meeting(bloc_year, present=orgs[:4])
    set_rule(
        bloc_year,
        "MERIT_CERTIFICATE",
        threshold_strict=False,
        threshold_numerator=4,
        threshold_denominator=5,
        threshold_base="members",
    )
    vote = services.nomination_record_tally(nomination=nomination, votes_for=3, user=None)
    assert (vote.base, vote.passed, str(vote.percent)) == (5, False, "60.00")
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.NOT_PASSED


def test_the_threshold_on_those_present_ignores_absent_members(bloc_year, orgs, nomination):
    hold_meeting(bloc_year, present=orgs[:4])
    set_rule(
        bloc_year,
        "MERIT_CERTIFICATE",
        threshold_strict=False,
        threshold_numerator=3,
        threshold_denominator=4,
        threshold_base="present",
    )
    vote = services.nomination_record_tally(nomination=nomination, votes_for=3, user=None)
    assert (vote.base, vote.passed) == (4, True)


def test_a_tally_can_be_corrected_until_the_leaders_approve(bloc_year, nomination):
    hold_meeting(bloc_year)
    services.nomination_record_tally(nomination=nomination, votes_for=2, user=None)
    services.nomination_record_tally(nomination=nomination, votes_for=5, user=None)
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.VOTED
    assert Vote.objects.get().votes_for == 5
    services.nomination_approve(nomination=nomination, user=None)
    with pytest.raises(ValidationError, match="chỉ được ghi nhận"):
        services.nomination_record_tally(nomination=nomination, votes_for=1, user=None)
    assert Vote.objects.get().votes_for == 5


def test_the_attendance_cannot_change_after_a_tally(bloc_year, orgs, nomination):
    hold_meeting(bloc_year)
    services.nomination_record_tally(nomination=nomination, votes_for=5, user=None)
    with pytest.raises(ValidationError) as error:
        hold_meeting(bloc_year, present=orgs[:4])
    assert "present" in error.value.message_dict
    assert bloc_year.meeting.present.count() == 5


def test_the_quorum_is_a_setting_of_the_year(bloc_year, orgs, nomination):
    settings = settings_of(bloc_year)
    settings.quorum_numerator, settings.quorum_denominator = 1, 2
    settings.save()
    hold_meeting(bloc_year, present=orgs[:3])
    assert services.nomination_record_tally(nomination=nomination, votes_for=3, user=None).passed


@pytest.mark.parametrize("role", ["member", "observer", "leader"])
def test_members_observers_and_leaders_cannot_record_a_tally(
    role, client, users, bloc_year, nomination
):
    hold_meeting(bloc_year)
    client.force_login(users[role])
    response = client.post(
        url(bloc_year, f"nominations/{nomination.pk}/tally/"),
        {"votes_for": 5, "votes_against": 0, "votes_abstain": 0, "invalid": 0},
    )
    assert response.status_code == 403
    assert not Vote.objects.exists()


@pytest.mark.parametrize("typed", ["٣", "３", "0_3", "1E1"])
def test_votes_in_other_digits_or_notations_are_refused_with_how_to_type_them(
    client, secretary, bloc_year, nomination, typed
):
    hold_meeting(bloc_year)
    client.force_login(secretary)
    response = client.post(
        url(bloc_year, f"nominations/{nomination.pk}/tally/"),
        {"votes_for": typed, "votes_against": 0, "votes_abstain": 0, "invalid": 0},
    )
    assert response.status_code == 400
    assert f"“{typed}” không phải là số" in text(response)
    assert not Vote.objects.exists()


def test_in_a_year_entered_afterwards_the_timeline_gives_the_acts_date_not_the_typing_time(
    client, secretary, bloc_year, nomination
):
    BlocYear.objects.filter(pk=bloc_year.pk).update(entered_afterwards=True)
    hold_meeting(bloc_year, held_on=datetime.date(2023, 12, 20))
    services.nomination_record_tally(nomination=nomination, votes_for=4, user=None)
    client.force_login(secretary)

    page = text(client.get(url(bloc_year, f"nominations/{nomination.pk}/")))

    typed = timezone.localdate().strftime("%d/%m/%Y")
    tally = "Ghi nhận kết quả biểu quyết (Đề xuất → Đã biểu quyết thông qua)"
    assert f"{tally} 20/12/2023 · nhập vào hệ thống ngày {typed}" in page
    assert not re.search(r"\d\d/\d\d/\d{4} \d\d:\d\d", page)  # no time of typing as the act's


def test_the_voting_method_is_fixed_once_a_tally_is_recorded(
    client, secretary, bloc_year, nomination
):
    hold_meeting(bloc_year)
    settings = settings_of(bloc_year)
    services.nomination_record_tally(nomination=nomination, votes_for=3, invalid=1, user=None)
    client.force_login(secretary)
    form = client.get(url(bloc_year, "settings/")).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}

    response = client.post(url(bloc_year, "settings/"), {**data, "ballot": "open"})

    assert response.status_code == 400
    assert "Không thể đổi phương thức biểu quyết khi đã ghi nhận kết quả biểu quyết" in text(
        response
    )
    settings.refresh_from_db()
    assert settings.ballot == AwardSettings.Ballot.SECRET
