"""The province-scale dataset of `make bench`: 40 blocs × 12 members × 10 years × 30 criteria,
every sheet final, three nominations with their tallies per year, the award rules each year
carries over. Written with bulk_create (no
audit entries), deterministic (a fixed random seed)."""

import os
import random
import sys
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "khoithidua.settings")

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from awards import services as awards_services  # noqa: E402
from awards.models import AwardType, Nomination, Vote  # noqa: E402
from members.models import (  # noqa: E402
    Bloc,
    BlocYear,
    Membership,
    Organization,
    Province,
    fold,
)
from members.services import COPY_RULES  # noqa: E402
from pledges.models import Criterion, Score, ScoreSheet, Section  # noqa: E402

BLOCS, MEMBERS, YEARS, SECTIONS, PER_SECTION = 40, 12, range(2016, 2026), 5, 6
TWO = Decimal("0.01")


def main():
    random.seed(2022)
    with transaction.atomic():
        if Bloc.objects.filter(slug="tinh-khoi-01").exists():
            return
        for number in range(1, BLOCS + 1):
            build_bloc(number)
    print(f"province: {Bloc.objects.count()} blocs, {Score.objects.count()} scores")


def build_bloc(number: int):
    bloc = Bloc.objects.create(
        name=f"Khối Thi đua số {number:02d} tỉnh Lào Cai",
        short_name=f"Khối {number:02d}",
        slug=f"tinh-khoi-{number:02d}",
        province=Province.objects.get_or_create(name="Lào Cai", defaults={"slug": "lao-cai"})[0],
    )
    orgs = [
        Organization(bloc=bloc, name=f"Đơn vị {i:02d} của khối {number:02d}")
        for i in range(1, MEMBERS + 1)
    ]
    for org in orgs:  # what Organization.save computes (bulk_create does not call it)
        org.clean()
        org.search_text = fold(org.name)
    orgs = Organization.objects.bulk_create(orgs)
    award_types = {t.code: t for t in AwardType.objects.all()}
    previous = None
    for year in YEARS:
        previous = build_year(bloc, year, orgs, award_types, previous)


def build_year(bloc, year, orgs, award_types, previous):
    head, deputy = orgs[year % MEMBERS], orgs[(year + 1) % MEMBERS]
    bloc_year = BlocYear.objects.create(
        bloc=bloc,
        year=year,
        phase=BlocYear.Phase.MEETING if year == YEARS[-1] else BlocYear.Phase.CLOSED,
        head=head,
        deputy=deputy,
        province_name="Lào Cai",
        place_name="Lào Cai",
    )
    Membership.objects.bulk_create(
        Membership(bloc_year=bloc_year, organization=org, position=i, signer_title="Giám đốc")
        for i, org in enumerate(orgs, 1)
    )
    criteria = build_criteria(bloc_year)
    sheets = ScoreSheet.objects.bulk_create(
        ScoreSheet(
            bloc_year=bloc_year,
            organization=org,
            status=ScoreSheet.Status.FINAL,
            finalized_at=timezone.now(),
        )
        for org in orgs
    )
    scores = []
    for sheet in sheets:
        for criterion in criteria:
            points = (criterion.max_points * Decimal(random.uniform(0.6, 1))).quantize(TWO)
            scores.append(
                Score(
                    sheet=sheet,
                    criterion=criterion,
                    max_points=criterion.max_points,
                    self_points=points,
                    reviewed_points=points,
                    final_points=points,
                )
            )
    Score.objects.bulk_create(scores, batch_size=2000)
    build_nominations(bloc_year, orgs, award_types)
    # As opening the year in the app does (members.services.YEAR_OPENERS): the award rules and
    # meeting settings, carried over from the year before.
    awards_services.year_opened(source=previous, new=bloc_year, parts=frozenset({COPY_RULES}))
    return bloc_year


def build_criteria(bloc_year):
    sections = Section.objects.bulk_create(
        Section(bloc_year=bloc_year, position=i, code=str(i), title=f"Phần {i}")
        for i in range(1, SECTIONS + 1)
    )
    criteria = []
    for section in sections:
        for j in range(1, PER_SECTION + 1):
            kind = Criterion.Kind.SCORED
            if section.position == SECTIONS and j > PER_SECTION - 2:
                kind = Criterion.Kind.BONUS if j == PER_SECTION - 1 else Criterion.Kind.DEDUCTION
            criteria.append(
                Criterion(
                    section=section,
                    position=j,
                    code=f"{section.position}.{j}",
                    title=f"Tiêu chí {section.position}.{j}",
                    kind=kind,
                    max_points=Decimal("3.00")
                    if kind != Criterion.Kind.SCORED
                    else Decimal("3.57"),
                )
            )
    return Criterion.objects.bulk_create(criteria)


def build_nominations(bloc_year, orgs, award_types):
    picks = [
        ("PROVINCE_FLAG", orgs[0]),
        ("MERIT_CERTIFICATE", orgs[1]),
        ("MERIT_CERTIFICATE", orgs[2]),
    ]
    nominations = Nomination.objects.bulk_create(
        Nomination(
            bloc_year=bloc_year,
            organization=org,
            award_type=award_types[code],
            status=Nomination.Status.GRANTED,
            rank=i,
            granted=True,
            submission_number=f"{i:02d}/TTr-KTĐ",
            submission_date=f"{bloc_year.year}-12-25",
            decision_number=f"{100 + i}/QĐ-UBND",
            decision_date=f"{bloc_year.year + 1}-01-15",
            decision_issuer="Chủ tịch UBND tỉnh",
        )
        for i, (code, org) in enumerate(picks, 1)
    )
    Vote.objects.bulk_create(
        Vote(
            bloc_year=bloc_year,
            nomination=nomination,
            voters=MEMBERS,
            members=MEMBERS,
            base=MEMBERS,
            votes_for=MEMBERS - 1,
            votes_against=1,
            passed=True,
            percent=Decimal("91.67"),
        )
        for nomination in nominations
    )


if __name__ == "__main__":
    main()
