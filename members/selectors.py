"""Reads for blocs and years. Each returns what a page needs in a fixed number of queries."""

from django.db.models import QuerySet

from members.models import Bloc, BlocYear, Membership, Organization, fold

ORGANIZATION_SORTS = {
    "name": "name",
    "-name": "-name",
    "abbr": "abbreviation",
    "-abbr": "-abbreviation",
    "leader": "leader_name",
    "-leader": "-leader_name",
}


def memberships_of_year(bloc_year: BlocYear) -> QuerySet[Membership]:
    return bloc_year.memberships.select_related("organization").order_by(
        "position", "organization__name"
    )


def years_of_bloc(bloc: Bloc) -> QuerySet[BlocYear]:
    return bloc.years.select_related("head", "deputy").order_by("-year")


def current_year(bloc: Bloc) -> BlocYear | None:
    """The latest year that is not closed, else the latest year."""
    years = bloc.years.order_by("-year")
    return years.exclude(phase=BlocYear.Phase.CLOSED).first() or years.first()


def organizations_of_bloc(bloc: Bloc, *, search: str = "", sort: str = "name"):
    organizations = bloc.organizations.all()
    if search:
        for word in fold(search).split():
            organizations = organizations.filter(search_text__contains=word)
    return organizations.order_by(ORGANIZATION_SORTS.get(sort, "name"), "pk")


def organizations_not_in_year(bloc_year: BlocYear) -> QuerySet[Organization]:
    return bloc_year.bloc.organizations.exclude(memberships__bloc_year=bloc_year).order_by("name")


def member_organizations(bloc_year: BlocYear) -> QuerySet[Organization]:
    return Organization.objects.filter(memberships__bloc_year=bloc_year).order_by(
        "memberships__position", "name"
    )


def years_of_organization(organization: Organization) -> QuerySet[BlocYear]:
    return BlocYear.objects.filter(memberships__organization=organization).order_by("-year")
