"""Who may see and change a score sheet, on top of members.access.

A sheet the user may not see answers 404 (a member never learns whether another member's draft
exists); an action on a visible sheet that the role or the phase does not allow answers 403."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from members.access import Access, Role, require_open
from members.models import BlocYear
from pledges.models import ScoreSheet, ScoringSettings

REVIEWERS = (Role.SECRETARIAT, Role.ADMIN, Role.LEADER)
SEE_ALL = (Role.SECRETARIAT, Role.ADMIN, Role.OBSERVER, Role.PROVINCE_OFFICE)


def can_see_sheet(access: Access, bloc_year: BlocYear, sheet: ScoreSheet) -> bool:
    if access.role_in(bloc_year) in SEE_ALL:
        return True
    return access.organization_id == sheet.organization_id or sheet.is_visible_to_members


def require_see_sheet(access: Access, bloc_year: BlocYear, sheet: ScoreSheet) -> None:
    if not can_see_sheet(access, bloc_year, sheet):
        raise Http404


def may_start_sheets(access: Access, bloc_year: BlocYear) -> bool:
    """Those who fill sheets (members, for their own; the secretariat) open the year's sheets."""
    return not bloc_year.is_closed and (access.manages_bloc or access.organization_id is not None)


def require_start_sheets(access: Access, bloc_year: BlocYear) -> None:
    require_open(bloc_year)
    if not may_start_sheets(access, bloc_year):
        raise PermissionDenied(_("Only the members and the secretariat fill score sheets."))


def require_own_or_manage(access: Access, sheet: ScoreSheet) -> None:
    """Writing a member's own points: its representatives, or the secretariat for it. Anyone
    else gets 404, even for a sheet they may read."""
    if not (access.manages_bloc or access.organization_id == sheet.organization_id):
        raise Http404


def self_edit_refusal(
    access: Access, bloc_year: BlocYear, sheet: ScoreSheet, settings: ScoringSettings
) -> str | None:
    """Why the user may not change the member's own points now, or None when they may."""
    if bloc_year.is_closed:
        return _("The year %(year)s is closed: it can no longer be changed.") % {
            "year": bloc_year.year
        }
    if sheet.status == ScoreSheet.Status.FINAL:
        return _("The sheet is final: it can no longer be changed.")
    if not sheet.is_editable_status:
        return _("The sheet was handed in: it can no longer be changed.")
    if access.manages_bloc:
        return None
    # A sheet returned by its reviewers is its member's to correct, whatever the phase: returns
    # happen while sheets are reviewed, after the members' own phase.
    returned = sheet.status == ScoreSheet.Status.RETURNED
    if bloc_year.phase != settings.member_edit_phase and not returned:
        return _("Members fill their sheets during the phase “%(phase)s”.") % {
            "phase": BlocYear.Phase(settings.member_edit_phase).label
        }
    return None


def require_self_edit(
    access: Access, bloc_year: BlocYear, sheet: ScoreSheet, settings: ScoringSettings
) -> None:
    require_own_or_manage(access, sheet)
    reason = self_edit_refusal(access, bloc_year, sheet, settings)
    if reason:
        raise PermissionDenied(reason)


def can_review(access: Access, bloc_year: BlocYear) -> bool:
    return access.role_in(bloc_year) in REVIEWERS and not bloc_year.is_closed


def require_review(access: Access, bloc_year: BlocYear) -> None:
    if access.role_in(bloc_year) not in REVIEWERS:
        raise PermissionDenied(_("Only the secretariat or the leaders of the bloc may do this."))
    require_open(bloc_year)


def require_head_review(
    access: Access, bloc_year: BlocYear, sheet: ScoreSheet, settings: ScoringSettings
) -> None:
    require_review(access, bloc_year)
    if settings.review_mode != ScoringSettings.ReviewMode.HEAD:
        raise PermissionDenied(_("This year uses cross-scoring, not head review."))
    if sheet.status not in (ScoreSheet.Status.SUBMITTED, ScoreSheet.Status.REVIEWED):
        raise PermissionDenied(_("Only a handed-in sheet can be reviewed."))


def cross_scorer_id(access: Access, requested: int | None) -> int | None:
    """The organization scoring: a representative scores for its own; the secretariat picks."""
    if access.manages_bloc:
        return requested
    return access.organization_id


def require_cross(
    access: Access, bloc_year: BlocYear, sheet: ScoreSheet, settings: ScoringSettings
) -> None:
    require_open(bloc_year)
    if settings.review_mode != ScoringSettings.ReviewMode.CROSS:
        raise PermissionDenied(_("This year uses head review, not cross-scoring."))
    if not (access.manages_bloc or access.organization_id):
        raise PermissionDenied(_("Only the members of the bloc score each other."))
    if access.organization_id == sheet.organization_id:
        raise PermissionDenied(_("A member never scores its own sheet."))
    if not access.manages_bloc and bloc_year.phase != settings.cross_scoring_phase:
        raise PermissionDenied(
            _("Members score each other during the phase “%(phase)s”.")
            % {"phase": BlocYear.Phase(settings.cross_scoring_phase).label}
        )
    if sheet.status not in (ScoreSheet.Status.SUBMITTED, ScoreSheet.Status.REVIEWED):
        raise PermissionDenied(_("Only a handed-in sheet can be scored."))
