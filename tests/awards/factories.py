"""Helpers for the awards tests: a ranking passed in (the rules read only pledges' RankRow
contract), a recorded meeting, nominations in a given state."""

import datetime
from decimal import Decimal

import pytest

from awards import services
from awards.defaults import award_types_ensure
from awards.models import AwardRule, AwardSettings, AwardType, Meeting, Nomination
from pledges.selectors import RankRow

MEETING_DAY = datetime.date(2023, 12, 20)


def award(code: str) -> AwardType:
    award_types_ensure()  # a transactional test earlier in the worker may have flushed them
    return AwardType.objects.get(code=code)


def rule_of(bloc_year, code: str) -> AwardRule:
    services.year_setup_ensure(bloc_year=bloc_year)
    return AwardRule.objects.get(bloc_year=bloc_year, award_type__code=code)


def set_rule(bloc_year, code: str, **values) -> AwardRule:
    rule = rule_of(bloc_year, code)
    for name, value in values.items():
        setattr(rule, name, value)
    rule.save()
    return rule


def settings_of(bloc_year) -> AwardSettings:
    services.year_setup_ensure(bloc_year=bloc_year)
    return AwardSettings.objects.get(bloc_year=bloc_year)


def members(bloc_year) -> list:
    return [m.organization for m in bloc_year.memberships.order_by("position")]


def rank_rows(organizations, *, start=Decimal("98")) -> list[RankRow]:
    """Organizations ranked in the order given, one point apart."""
    return [
        RankRow(
            organization=org,
            rank=rank,
            total=start - rank + 1,
            scored=start - rank + 1,
            bonus=Decimal(0),
            deduction=Decimal(0),
            previous_rank=None,
        )
        for rank, org in enumerate(organizations, start=1)
    ]


@pytest.fixture
def ranking(monkeypatch):
    """ranking(bloc_year, [org, …]) makes the year's ranking that order."""
    rankings: dict[int, list] = {}

    def fake(bloc_year, **_read_already):
        return rankings.get(bloc_year.pk, [])

    monkeypatch.setattr("awards.selectors.ranking_rows", fake)

    def rank(bloc_year, organizations):
        rankings[bloc_year.pk] = rank_rows(organizations)
        return rankings[bloc_year.pk]

    return rank


def hold_meeting(bloc_year, *, present=None, **values) -> Meeting:
    services.year_setup_ensure(bloc_year=bloc_year)
    fields = {
        "held_on": MEETING_DAY.replace(year=bloc_year.year),
        "starts_at": datetime.time(8, 0),
        "ends_at": datetime.time(11, 30),
        "place": "Hội trường",
        "chair": "Nguyễn Văn Chủ",
        "secretary": "Trần Thị Thư",
        **values,
    }
    return services.meeting_record(
        bloc_year=bloc_year,
        present=members(bloc_year) if present is None else present,
        **fields,
    )


def nominate(bloc_year, organization, code="MERIT_CERTIFICATE", *, user=None) -> Nomination:
    return services.nomination_propose(
        bloc_year=bloc_year, organization=organization, award_type=award(code), user=user
    )


def voted(bloc_year, organization, code="MERIT_CERTIFICATE", *, user=None) -> Nomination:
    """A nomination the meeting passed (every member present votes for)."""
    if not Meeting.objects.filter(bloc_year=bloc_year).exists():
        hold_meeting(bloc_year)
    nomination = nominate(bloc_year, organization, code, user=user)
    present = bloc_year.meeting.present.count()
    services.nomination_record_tally(nomination=nomination, votes_for=present, user=user)
    nomination.refresh_from_db()
    return nomination


def approved(bloc_year, organization, code="MERIT_CERTIFICATE", *, user=None) -> Nomination:
    nomination = voted(bloc_year, organization, code, user=user)
    return services.nomination_approve(nomination=nomination, user=user)


def reported(nomination: Nomination) -> Nomination:
    """The nominee's achievement report written on the meeting's day and confirmed by the head
    unit: what a submission sends with it."""
    report = services.achievement_report_save(
        nomination=nomination,
        issued_on=MEETING_DAY.replace(year=nomination.bloc_year.year),
        overview="Hội có 12 cán bộ chuyên trách.",
        achievements="Hoàn thành xuất sắc các chỉ tiêu giao ước.",
    )
    services.achievement_report_confirm(report=report, user=None)
    return nomination


def submitted(bloc_year, organization, code="MERIT_CERTIFICATE", *, user=None) -> Nomination:
    nomination = reported(approved(bloc_year, organization, code, user=user))
    services.nominations_submit(
        bloc_year=bloc_year,
        nominations=[nomination],
        # One register per issuing body and year: the pledge took 01 in February.
        number="08/TTr-KTĐ",
        date=MEETING_DAY.replace(year=bloc_year.year) + datetime.timedelta(days=5),
        user=user,
    )
    nomination.refresh_from_db()
    return nomination
