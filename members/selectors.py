"""Reads for blocs and years. Each returns what a page needs in a fixed number of queries."""

from dataclasses import dataclass

from django.db.models import Count, Max, Q, QuerySet

from documents.layout import Signature, principal_title, signature
from documents.text import vi_sort_key
from members.models import Bloc, BlocYear, Membership, Organization, fold
from revisions.reads import remembered

# Sorts the database can do; by name (the default, "name" or "-name") is Vietnamese order, in
# Python (documents.text.vi_sort_key).
ORGANIZATION_SORTS = {"abbr": "abbreviation", "-abbr": "-abbreviation"}


def memberships_of_year(bloc_year: BlocYear) -> QuerySet[Membership]:
    return bloc_year.memberships.select_related("organization").order_by(
        "position", "organization__name"
    )


def years_of_bloc(bloc: Bloc) -> QuerySet[BlocYear]:
    return bloc.years.select_related("head", "deputy").order_by("-year")


@dataclass
class YearPage:
    memberships: list[Membership]
    years: list[BlocYear]  # the bloc's, newest first


@remembered
def year_page(bloc_year: BlocYear) -> YearPage:
    """The year page's members and the bloc's years, remembered until the next write
    (revisions.reads)."""
    return YearPage(
        memberships=list(memberships_of_year(bloc_year)),
        years=list(years_of_bloc(bloc_year.bloc)),
    )


def current_year(bloc: Bloc) -> BlocYear | None:
    """The latest year that is not closed, else the latest year."""
    years = bloc.years.order_by("-year")
    return years.exclude(phase=BlocYear.Phase.CLOSED).first() or years.first()


def organizations_of_bloc(bloc: Bloc, *, search: str = "", sort: str = "name"):
    """The bloc's organizations found by the search; by name in Vietnamese order (a database
    sorts "Đoàn" after "Z"), or by abbreviation."""
    organizations = bloc.organizations.all()
    if search:
        for word in fold(search).split():
            organizations = organizations.filter(search_text__contains=word)
    if sort in ORGANIZATION_SORTS:
        return organizations.order_by(ORGANIZATION_SORTS[sort], "pk")
    return sorted(organizations, key=lambda o: vi_sort_key(o.name), reverse=sort == "-name")


def organizations_not_in_year(bloc_year: BlocYear) -> QuerySet[Organization]:
    """Offered by name in Vietnamese order (documents.forms.choices_by_name)."""
    return bloc_year.bloc.organizations.exclude(memberships__bloc_year=bloc_year)


def member_organizations(bloc_year: BlocYear) -> QuerySet[Organization]:
    return Organization.objects.filter(memberships__bloc_year=bloc_year).order_by(
        "memberships__position", "name"
    )


def years_of_organization(organization: Organization) -> QuerySet[Membership]:
    """The organization's memberships, newest year first, each with its signer of that year."""
    return organization.memberships.select_related("bloc_year").order_by("-bloc_year__year")


@dataclass
class OrganizationPage:
    predecessors: list[Organization]  # each with its bloc
    successors: list[Organization]
    years: list[Membership]  # as years_of_organization


@remembered
def organization_page(organization: Organization) -> OrganizationPage:
    """The organization page's line and years, remembered until the next write
    (revisions.reads)."""
    return OrganizationPage(
        predecessors=list(organization.predecessors.select_related("bloc")),
        successors=list(organization.successors.select_related("bloc")),
        years=list(years_of_organization(organization)),
    )


def _line(organization: Organization, *, back: bool) -> list[Organization]:
    """The organization, then every one before it (`back`) or after it in its line, across
    mergers, splits and blocs: one query per generation."""
    link = "successors__in" if back else "predecessors__in"
    seen = {organization.pk: organization}
    frontier = [organization.pk]
    while frontier:
        found = Organization.objects.filter(**{link: frontier}).exclude(pk__in=seen).distinct()
        frontier = []
        for other in found:
            seen[other.pk] = other
            frontier.append(other.pk)
    return list(seen.values())


def lineage(organization: Organization) -> list[Organization]:
    """The organization and every predecessor before it: the line its award history follows."""
    return _line(organization, back=True)


def descendants(organization: Organization) -> list[Organization]:
    """Every organization after this one in its line (its successors, theirs, …)."""
    return _line(organization, back=False)[1:]


def signer_of(bloc_year: BlocYear, organization: Organization | None) -> Membership | None:
    """The organization's membership of the year, which holds its signer (name and title) as
    they were that year."""
    if organization is None:
        return None
    return bloc_year.memberships.filter(organization=organization).first()


def signer_line(membership: Membership | None) -> str:
    """ "Chủ tịch Hội Chữ thập đỏ tỉnh": the signer's title and the organization."""
    if membership is None:
        return ""
    return " ".join(p for p in (membership.signer_title, membership.organization.name) if p)


def head_signature(bloc_year: BlocYear) -> Signature:
    """The head unit signs a bloc's documents on behalf of the bloc (TM.); its deputy signs
    "KT. TRƯỞNG KHỐI" with his own title (documents.layout.signature)."""
    membership = signer_of(bloc_year, bloc_year.head)
    return signature(
        on_behalf_of=bloc_year.bloc.words.name,
        position=bloc_year.bloc.words.head,
        signer_title=membership.signer_title if membership else "",
        name=membership.signer_name if membership else "",
    )


def deputy_signature(bloc_year: BlocYear) -> Signature:
    """The deputy unit signs for the bloc where the head unit may not (its own achievement
    report): "TM. KHỐI THI ĐUA / KT. TRƯỞNG KHỐI / PHÓ TRƯỞNG KHỐI"."""
    membership = signer_of(bloc_year, bloc_year.deputy)
    words = bloc_year.bloc.words
    return signature(
        on_behalf_of=words.name,
        position=words.head,
        signer_title=words.deputy,
        name=membership.signer_name if membership else "",
    )


def blocs_of_province(province) -> QuerySet[Bloc]:
    """The province's blocs and those of the provinces merged into it, with their latest year
    and the number of people who have a role, in a fixed number of queries."""
    return (
        Bloc.objects.filter(Q(province=province) | Q(province__merged_into=province))
        .select_related("province")
        .annotate(
            last_year=Max("years__year"),
            people=Count("roles", filter=Q(roles__is_active=True), distinct=True),
        )
        .order_by("name")
    )


def people_of_bloc(bloc: Bloc, *, search: str = "") -> QuerySet:
    roles = bloc.roles.select_related("user", "organization").order_by(
        "-is_active", "kind", "organization__name", "user__last_name", "user__first_name"
    )
    for word in search.split():
        roles = roles.filter(
            Q(user__first_name__icontains=word)
            | Q(user__last_name__icontains=word)
            | Q(user__email__icontains=word)
            | Q(organization__search_text__contains=fold(word))
        )
    return roles


def organization_signature(membership: Membership) -> Signature:
    """An organization signing for itself (the pledge, its achievement report), from its signer
    of that year: "TM. HỘI CHỮ THẬP ĐỎ TỈNH" / "CHỦ TỊCH", or "KT. CHỦ TỊCH" for a deputy."""
    return signature(
        on_behalf_of=membership.organization.name,
        position=principal_title(membership.signer_title) or "Chủ tịch",
        signer_title=membership.signer_title,
        name=membership.signer_name,
    )
