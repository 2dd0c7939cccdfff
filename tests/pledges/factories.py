"""Factories and builders for the pledges tests."""

from decimal import Decimal

import factory
from django.db.models import F

from pledges.models import (
    Criterion,
    Pledge,
    PledgeCommitment,
    PledgeTarget,
    Score,
    ScoreSheet,
    Section,
)
from tests.factories import BlocYearFactory


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    bloc_year = factory.SubFactory(BlocYearFactory)
    position = factory.Sequence(lambda n: n + 1)
    code = factory.Sequence(lambda n: f"S{n}")
    title = factory.Sequence(lambda n: f"Mục số {n}")


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    section = factory.SubFactory(SectionFactory)
    position = factory.Sequence(lambda n: n + 1)
    code = factory.Sequence(lambda n: f"{n}")
    title = factory.Sequence(lambda n: f"Tiêu chí số {n}")
    kind = Criterion.Kind.SCORED
    max_points = Decimal("10")


class PledgeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pledge

    bloc_year = factory.SubFactory(BlocYearFactory)
    place = "Yên Bái"


class ScoreSheetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ScoreSheet

    bloc_year = factory.SubFactory(BlocYearFactory)
    organization = factory.LazyAttribute(
        lambda o: o.bloc_year.memberships.order_by("position").first().organization
    )


def criteria_table(
    bloc_year, *, scored: int = 4, bonus: int = 1, deduction: int = 1, sections: int = 2
) -> list[Criterion]:
    """A small scale: `scored` criteria of 10 points spread over sections, then one section with
    the bonus (max 3) and deduction (max 3) items. Bulk-created: fast for big tables."""
    made = []
    parts = [
        Section(bloc_year=bloc_year, position=i + 1, code=f"{i + 1}", title=f"Mục {i + 1}")
        for i in range(sections)
    ]
    extra = Section(bloc_year=bloc_year, position=sections + 1, code="X", title="Cộng, trừ")
    Section.objects.bulk_create([*parts, extra])
    rows = [
        Criterion(
            section=parts[i % sections],
            position=i + 1,
            code=f"{i + 1}",
            title=f"Tiêu chí {i + 1}",
            kind=Criterion.Kind.SCORED,
            max_points=Decimal("10"),
        )
        for i in range(scored)
    ]
    rows += [
        Criterion(
            section=extra,
            position=100 + i,
            code=f"B{i + 1}",
            title=f"Thưởng {i + 1}",
            kind=Criterion.Kind.BONUS,
            max_points=Decimal("3"),
        )
        for i in range(bonus)
    ]
    rows += [
        Criterion(
            section=extra,
            position=200 + i,
            code=f"T{i + 1}",
            title=f"Trừ {i + 1}",
            kind=Criterion.Kind.DEDUCTION,
            max_points=Decimal("3"),
        )
        for i in range(deduction)
    ]
    made = Criterion.objects.bulk_create(rows)
    return list(Criterion.objects.filter(pk__in=[c.pk for c in made]).select_related("section"))


def sheet_with_points(
    bloc_year,
    organization,
    points: dict,
    *,
    status=ScoreSheet.Status.DRAFT,
    field: str = "self_points",
) -> ScoreSheet:
    """A sheet whose scores are `points` {criterion: Decimal} (bulk-created)."""
    sheet, _created = ScoreSheet.objects.get_or_create(
        bloc_year=bloc_year, organization=organization
    )
    sheet.status = status
    sheet.save(update_fields=["status"])
    Score.objects.bulk_create(
        Score(sheet=sheet, criterion=c, max_points=c.max_points, **{field: Decimal(v)})
        for c, v in points.items()
    )
    return sheet


def final_sheet(bloc_year, organization, points: dict) -> ScoreSheet:
    sheet = sheet_with_points(bloc_year, organization, points, status=ScoreSheet.Status.FINAL)
    Score.objects.filter(sheet=sheet).update(final_points=F("self_points"))
    return sheet


def pledge_with_targets(bloc_year, *, signed: bool = False, criterion=None) -> Pledge:
    import datetime

    pledge = PledgeFactory(
        bloc_year=bloc_year,
        signed_on=datetime.date(bloc_year.year, 2, 5),
        number="",  # the register numbers it when it is marked signed
        is_signed=signed,
    )
    PledgeCommitment.objects.create(pledge=pledge, position=1, text="Thực hiện tốt nhiệm vụ.")
    for membership in bloc_year.memberships.select_related("organization"):
        PledgeTarget.objects.create(
            pledge=pledge,
            organization=membership.organization,
            position=1,
            text="Kết nạp hội viên mới",
            target_value=Decimal("100"),
            unit="hội viên",
            criterion=criterion,
        )
    return pledge
