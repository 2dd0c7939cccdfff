"""Nominations in a given state, written directly: the province's pages only read them."""

import datetime

from awards.defaults import award_types_ensure
from awards.models import AwardType, Nomination


def nominations(bloc_year, code: str, count: int, status=Nomination.Status.SUBMITTED) -> list:
    award_types_ensure()  # a test committing its data may follow another's flush
    award = AwardType.objects.get(code=code)
    organizations = [m.organization for m in bloc_year.memberships.order_by("position")][:count]
    submitted = status in (
        Nomination.Status.SUBMITTED,
        Nomination.Status.GRANTED,
        Nomination.Status.NOT_GRANTED,
    )
    return [
        Nomination.objects.create(
            bloc_year=bloc_year,
            organization=organization,
            award_type=award,
            status=status,
            rank=rank,
            submission_number=f"{rank:02d}/TTr-KTĐ" if submitted else "",
            submission_date=datetime.date(bloc_year.year, 12, 25) if submitted else None,
            granted={"granted": True, "not_granted": False}.get(status),
        )
        for rank, organization in enumerate(organizations, 1)
    ]
