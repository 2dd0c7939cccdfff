"""A year brought to the end: report written, meeting held, sheets final, election applied."""

import datetime

from django.utils import timezone

from awards.defaults import award_types_ensure
from awards.models import AwardType, Election, Meeting, Nomination, Vote
from khoithidua import services
from khoithidua.models import YearReport
from members.models import BlocYear
from pledges.models import ScoreSheet


def first_award() -> AwardType:
    """The highest award. Ensured first: a transactional test run earlier in the same worker
    flushes the award types the data migration made."""
    award_types_ensure()
    return AwardType.objects.order_by("precedence").first()


def voted(bloc_year, organization, award, *, present, votes_for, percent, members=5) -> Nomination:
    """A nomination the meeting passed, counted against the bloc's `members`."""
    nomination = Nomination.objects.create(
        bloc_year=bloc_year, organization=organization, award_type=award, status="voted"
    )
    Vote.objects.create(
        bloc_year=bloc_year,
        nomination=nomination,
        voters=present,
        members=members,
        base=members,
        votes_for=votes_for,
        passed=True,
        percent=percent,
    )
    return nomination


def written_report(bloc_year: BlocYear, *, number="05/BC-KTĐ") -> YearReport:
    report = services.report_get_or_create(bloc_year=bloc_year)
    for section in report.sections.all():
        section.text = f"Nội dung phần {section.title}.\n- Ý thứ nhất;\n- Ý thứ hai."
        section.save()
    report.number = number
    report.issued_on = datetime.date(bloc_year.year, 12, 20)
    report.save()
    return report


def meeting_held(bloc_year: BlocYear, *, applied: bool = False) -> Election:
    Meeting.objects.get_or_create(
        bloc_year=bloc_year,
        defaults={
            "held_on": datetime.date(bloc_year.year, 12, 20),
            "starts_at": datetime.time(8, 0),
            "place": "Hội trường",
            "chair": "Nguyễn Văn Chủ",
            "secretary": "Lê Thị Thư",
        },
    )
    election, _ = Election.objects.update_or_create(
        bloc_year=bloc_year,
        defaults={
            "head": bloc_year.deputy,
            "deputy": bloc_year.memberships.order_by("position")[2].organization,
            "applied_at": timezone.now() if applied else None,
        },
    )
    return election


def sheets_final(bloc_year: BlocYear) -> None:
    for membership in bloc_year.memberships.all():
        ScoreSheet.objects.update_or_create(
            bloc_year=bloc_year,
            organization=membership.organization,
            defaults={"status": ScoreSheet.Status.FINAL, "finalized_at": timezone.now()},
        )


def signed_report(bloc_year: BlocYear, user=None) -> YearReport:
    report = written_report(bloc_year)
    meeting_held(bloc_year)
    return services.report_sign_off(report=report, user=user, organization=bloc_year.head)


def ready_to_close(bloc_year: BlocYear, user=None) -> BlocYear:
    signed_report(bloc_year, user)
    meeting_held(bloc_year, applied=True)
    sheets_final(bloc_year)
    return bloc_year


def closed_year(bloc_year: BlocYear, user=None) -> BlocYear:
    ready_to_close(bloc_year, user)
    return services.year_close(bloc_year=bloc_year, user=user)
