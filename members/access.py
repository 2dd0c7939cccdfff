"""Who may do what, in one place. Every view goes through these helpers:

- an object outside the user's blocs answers 404 (we do not even confirm it exists);
- an action the user's role may not take answers 403, with the reason;
- a closed year refuses every write, whatever the role.

Leadership is derived, never stored: a member representative is a leader in the years its
organization is the head or the deputy unit.

The province office (Ban Thi đua – Khen thưởng) stands in every bloc of its province (and of the
provinces merged into it): it reads everything, manages blocs and their people, and writes only
what the province does (deadlines, decisions, reopening a closed year)."""

from dataclasses import dataclass
from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from members.kinds import speak_of
from members.models import Bloc, BlocRole, BlocYear, Organization, Province, ProvinceRole

PROVINCE_OFFICE = "province_office"
PROVINCE_OBSERVER = "province_observer"


class Role(StrEnum):
    ADMIN = "admin"
    PROVINCE_OFFICE = "province_office"
    SECRETARIAT = "secretariat"
    LEADER = "leader"
    MEMBER = "member"
    OBSERVER = "observer"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.ADMIN: gettext_lazy("Administrator"),
    Role.PROVINCE_OFFICE: gettext_lazy("Province emulation office"),
    Role.SECRETARIAT: gettext_lazy("Secretariat"),
    Role.LEADER: gettext_lazy("Leader"),
    Role.MEMBER: gettext_lazy("Member"),
    Role.OBSERVER: gettext_lazy("Observer"),
}


@dataclass(frozen=True)
class Access:
    """A user's standing in one bloc."""

    user: object
    bloc: Bloc
    kind: str  # "admin", PROVINCE_OFFICE, PROVINCE_OBSERVER or a BlocRole.Kind
    organization_id: int | None = None

    def role_in(self, bloc_year: BlocYear) -> Role:
        if self.kind == "admin":
            return Role.ADMIN
        if self.kind == PROVINCE_OFFICE:
            return Role.PROVINCE_OFFICE
        if self.kind == BlocRole.Kind.SECRETARIAT:
            return Role.SECRETARIAT
        if self.kind in (BlocRole.Kind.OBSERVER, PROVINCE_OBSERVER):
            return Role.OBSERVER
        if self.organization_id in (bloc_year.head_id, bloc_year.deputy_id):
            return Role.LEADER
        return Role.MEMBER

    @property
    def manages_bloc(self) -> bool:
        return self.kind in ("admin", BlocRole.Kind.SECRETARIAT)

    @property
    def is_province(self) -> bool:
        """The province office's acts: deadlines, decisions, reopening (and the admin's)."""
        return self.kind in ("admin", PROVINCE_OFFICE)

    @property
    def manages_people(self) -> bool:
        return self.kind in ("admin", PROVINCE_OFFICE, BlocRole.Kind.SECRETARIAT)

    def finishes(self, bloc_year: BlocYear, setting: str) -> bool:
        """May this user take one of the year's finishing acts (approve, sign off, close)?
        `setting` names the year's field saying who may: the leaders, or also the secretariat
        acting for them."""
        role = self.role_in(bloc_year)
        if role in (Role.LEADER, Role.ADMIN):
            return True
        return (
            role == Role.SECRETARIAT
            and getattr(bloc_year, setting) == BlocYear.Finisher.LEADERS_OR_SECRETARIAT
        )

    def can_finish(self, bloc_year: BlocYear, setting: str) -> bool:
        return self.finishes(bloc_year, setting) and not bloc_year.is_closed

    def acts_for_leaders(self, bloc_year: BlocYear) -> bool:
        """The secretariat acting in the leaders' place: the record says so."""
        return self.role_in(bloc_year) == Role.SECRETARIAT

    def is_leader(self, bloc_year: BlocYear) -> bool:
        return self.role_in(bloc_year) == Role.LEADER

    def can_manage(self, bloc_year: BlocYear) -> bool:
        return self.manages_bloc and not bloc_year.is_closed

    def represents(self, organization: Organization) -> bool:
        return self.organization_id is not None and self.organization_id == organization.pk


def bloc_access(user, bloc: Bloc) -> Access | None:
    if not user.is_authenticated:
        return None
    if user.is_superuser:
        return Access(user=user, bloc=bloc, kind="admin")
    role = BlocRole.objects.filter(user=user, bloc=bloc, is_active=True).first()
    if role is not None:
        return Access(user=user, bloc=bloc, kind=role.kind, organization_id=role.organization_id)
    province_role = province_roles(user).filter(_reaches(bloc.province_id)).first()
    if province_role is None:
        return None
    kind = PROVINCE_OFFICE if province_role.kind == ProvinceRole.Kind.OFFICE else PROVINCE_OBSERVER
    return Access(user=user, bloc=bloc, kind=kind)


def _reaches(province_id: int) -> Q:
    """A province role reaches the province itself and the provinces merged into it."""
    return Q(province_id=province_id) | Q(province__merged_provinces__id=province_id)


def province_roles(user):
    return ProvinceRole.objects.filter(user=user, is_active=True)


def provinces_for_user(user):
    if user.is_superuser:
        return Province.objects.filter(merged_into__isnull=True)
    return Province.objects.filter(roles__user=user, roles__is_active=True).distinct()


def blocs_for_user(user):
    if user.is_superuser:
        return Bloc.objects.all()
    in_bloc = Q(roles__user=user, roles__is_active=True)
    provinces = provinces_for_user(user).values("pk")
    in_province = Q(province__in=provinces) | Q(province__merged_into__in=provinces)
    return Bloc.objects.filter(in_bloc | in_province).distinct()


def get_province_for_user(user, slug: str) -> tuple[Province, ProvinceRole | None]:
    """A province page: its office and observers (and the admin); anyone else 404."""
    province = get_object_or_404(Province, slug=slug)
    if user.is_superuser:
        return province, None
    role = province_roles(user).filter(province=province).first()
    if role is None:
        raise Http404
    return province, role


def get_province_for_office(user, slug: str) -> Province:
    province, role = get_province_for_user(user, slug)
    if role is not None and role.kind != ProvinceRole.Kind.OFFICE:
        raise PermissionDenied(_("Only the province's emulation office may do this."))
    return province


def get_bloc_for_user(user, slug: str) -> tuple[Bloc, Access]:
    bloc = get_object_or_404(Bloc.objects.select_related("province"), slug=slug)
    access = bloc_access(user, bloc)
    if access is None:
        raise Http404
    speak_of(bloc)  # a cụm's pages say "cụm" (members.kinds)
    return bloc, access


def get_year_for_user(user, slug: str, year: int) -> tuple[BlocYear, Access]:
    """The year with its bloc (and province) in one query: a missing year and a bloc out of
    reach both answer 404, so the order of the two checks shows nothing."""
    bloc_year = get_object_or_404(
        BlocYear.objects.select_related("bloc__province", "head", "deputy"),
        bloc__slug=slug,
        year=year,
    )
    access = bloc_access(user, bloc_year.bloc)
    if access is None:
        raise Http404
    speak_of(bloc_year.bloc)  # a cụm's pages say "cụm" (members.kinds)
    return bloc_year, access


def require_open(bloc_year: BlocYear) -> None:
    if bloc_year.is_closed:
        raise PermissionDenied(
            _("The year %(year)s is closed: it can no longer be changed.")
            % {"year": bloc_year.year}
        )


def require_manage(access: Access, bloc_year: BlocYear | None = None) -> None:
    """Secretariat work: 403 for every other role, and for everyone once the year is closed."""
    if not access.manages_bloc:
        raise PermissionDenied(_("Only the bloc's secretariat may do this."))
    if bloc_year is not None:
        require_open(bloc_year)


def require_province(access: Access) -> None:
    if not access.is_province:
        raise PermissionDenied(_("Only the province's emulation office may do this."))


def require_people(access: Access) -> None:
    if not access.manages_people:
        raise PermissionDenied(
            _("Only the bloc's secretariat or the province's emulation office may do this.")
        )


def require_finisher(access: Access, bloc_year: BlocYear, setting: str) -> None:
    """The year's finishing acts: the leaders, or the secretariat where the year allows it."""
    if not access.finishes(bloc_year, setting):
        if getattr(bloc_year, setting) == BlocYear.Finisher.LEADERS_OR_SECRETARIAT:
            raise PermissionDenied(
                _("Only the leaders of the bloc this year, or its secretariat, may do this.")
            )
        raise PermissionDenied(_("Only the leaders of the bloc this year may do this."))
    require_open(bloc_year)


def get_year_for_manager(user, slug: str, year: int) -> tuple[BlocYear, Access]:
    bloc_year, access = get_year_for_user(user, slug, year)
    require_manage(access, bloc_year)
    return bloc_year, access
