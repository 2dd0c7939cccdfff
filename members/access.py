"""Who may do what, in one place. Every view goes through these helpers:

- an object outside the user's blocs answers 404 (we do not even confirm it exists);
- an action the user's role may not take answers 403, with the reason;
- a closed year refuses every write, whatever the role.

Leadership is derived, never stored: a member representative is a leader in the years its
organization is the head or the deputy unit."""

from dataclasses import dataclass
from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from members.models import Bloc, BlocRole, BlocYear, Organization


class Role(StrEnum):
    ADMIN = "admin"
    SECRETARIAT = "secretariat"
    LEADER = "leader"
    MEMBER = "member"
    OBSERVER = "observer"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.ADMIN: gettext_lazy("Administrator"),
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
    kind: str  # "admin" or a BlocRole.Kind
    organization_id: int | None = None

    def role_in(self, bloc_year: BlocYear) -> Role:
        if self.kind == "admin":
            return Role.ADMIN
        if self.kind == BlocRole.Kind.SECRETARIAT:
            return Role.SECRETARIAT
        if self.kind == BlocRole.Kind.OBSERVER:
            return Role.OBSERVER
        if self.organization_id in (bloc_year.head_id, bloc_year.deputy_id):
            return Role.LEADER
        return Role.MEMBER

    @property
    def manages_bloc(self) -> bool:
        return self.kind in ("admin", BlocRole.Kind.SECRETARIAT)

    def is_leader(self, bloc_year: BlocYear) -> bool:
        return self.role_in(bloc_year) == Role.LEADER

    def can_manage(self, bloc_year: BlocYear) -> bool:
        return self.manages_bloc and not bloc_year.is_closed

    def can_lead(self, bloc_year: BlocYear) -> bool:
        """Leaders' acts (approve nominations, sign off, close): leaders, and admins."""
        return self.role_in(bloc_year) in (Role.LEADER, Role.ADMIN) and not bloc_year.is_closed

    def represents(self, organization: Organization) -> bool:
        return self.organization_id is not None and self.organization_id == organization.pk


def bloc_access(user, bloc: Bloc) -> Access | None:
    if not user.is_authenticated:
        return None
    if user.is_superuser:
        return Access(user=user, bloc=bloc, kind="admin")
    role = BlocRole.objects.filter(user=user, bloc=bloc).first()
    if role is None:
        return None
    return Access(user=user, bloc=bloc, kind=role.kind, organization_id=role.organization_id)


def blocs_for_user(user):
    if user.is_superuser:
        return Bloc.objects.all()
    return Bloc.objects.filter(roles__user=user).distinct()


def get_bloc_for_user(user, slug: str) -> tuple[Bloc, Access]:
    bloc = get_object_or_404(Bloc, slug=slug)
    access = bloc_access(user, bloc)
    if access is None:
        raise Http404
    return bloc, access


def get_year_for_user(user, slug: str, year: int) -> tuple[BlocYear, Access]:
    bloc, access = get_bloc_for_user(user, slug)
    bloc_year = get_object_or_404(
        BlocYear.objects.select_related("bloc", "head", "deputy"), bloc=bloc, year=year
    )
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


def require_lead(access: Access, bloc_year: BlocYear) -> None:
    if access.role_in(bloc_year) not in (Role.LEADER, Role.ADMIN):
        raise PermissionDenied(_("Only the leaders of the bloc this year may do this."))
    require_open(bloc_year)


def get_year_for_manager(user, slug: str, year: int) -> tuple[BlocYear, Access]:
    bloc_year, access = get_year_for_user(user, slug, year)
    require_manage(access, bloc_year)
    return bloc_year, access
