"""Score sheets as Excel workbooks: download pre-filled, fill in Excel, upload back."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from documents.query import query_int
from members.access import get_year_for_user
from members.views import posted
from pledges import permissions, selectors, services
from pledges import sheets_excel as workbooks
from pledges.forms import ImportForm
from pledges.models import ScoringSettings
from pledges.views.common import XLSX, year_context
from pledges.views.sheets import _sheet, _sheets_url


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def sheet_xlsx(request, slug, year, pk):
    """One member's sheet, pre-filled with its own points."""
    bloc_year, access = get_year_for_user(request.user, slug, year)
    sheet = _sheet(bloc_year, pk)
    permissions.require_see_sheet(access, bloc_year, sheet)
    content = workbooks.workbook(bloc_year, [workbooks.Tab(sheet=sheet)])
    return _xlsx(content, f"bang-diem-{sheet.organization_id}-{bloc_year.year}.xlsx")


@login_required
def sheets_xlsx(request, slug, year):
    """Every sheet of the year the user may see, one tab per member."""
    bloc_year, access = get_year_for_user(request.user, slug, year)
    # A GET writes nothing: sheets are opened by the year's opening or the "open the sheets" act.
    sheets = [
        s
        for s in selectors.sheets_in_order(bloc_year)
        if permissions.can_see_sheet(access, bloc_year, s)
    ]
    tabs = [workbooks.Tab(sheet=s) for s in sheets]
    return _workbook(request, bloc_year, tabs, f"bang-diem-{bloc_year.bloc.slug}-{bloc_year.year}")


@login_required
def cross_xlsx(request, slug, year):
    """One scorer's cross-scoring workbook: a tab for every handed-in sheet of the others."""
    bloc_year, access = get_year_for_user(request.user, slug, year)
    settings = selectors.scoring_settings(bloc_year)
    if settings.review_mode != ScoringSettings.ReviewMode.CROSS:
        raise PermissionDenied(_("This year uses head review, not cross-scoring."))
    scorer_id = permissions.cross_scorer_id(access, query_int(request, "scorer"))
    members = {m.organization_id: m.organization for m in bloc_year.memberships.all()}
    if scorer_id is None:
        raise PermissionDenied(_("Choose the member whose points the workbook collects."))
    if scorer_id not in members:
        raise Http404
    tabs = []
    for sheet in selectors.sheets_in_order(bloc_year):
        if sheet.organization_id != scorer_id and sheet.status in services.HANDED_IN:
            permissions.require_cross(access, bloc_year, sheet, settings)
            tabs.append(workbooks.Tab(sheet=sheet, scorer=members[scorer_id]))
    return _workbook(request, bloc_year, tabs, f"cham-cheo-{scorer_id}-{bloc_year.year}")


def _workbook(request, bloc_year, tabs, name: str) -> HttpResponse:
    """The workbook of these tabs; with none (no sheet open or handed in yet), back to the
    sheets with why: a workbook with nothing to fill helps no one."""
    if not tabs:
        messages.info(request, _("There is no score sheet to download yet."))
        return redirect(_sheets_url(bloc_year))
    return _xlsx(workbooks.workbook(bloc_year, tabs), f"{name}.xlsx")


@login_required
def scores_import(request, slug, year):
    """Upload a workbook back: every cell checked, and everything saved or nothing."""
    bloc_year, access = get_year_for_user(request.user, slug, year)
    if not (access.manages_bloc or access.organization_id) or bloc_year.is_closed:
        raise PermissionDenied(_("Only the members of the bloc and its secretariat enter points."))
    form = ImportForm(*posted(request))
    report = None
    if request.method == "POST" and form.is_valid():
        try:
            report = workbooks.scores_import(
                bloc_year=bloc_year,
                uploaded=form.cleaned_data["file"],
                access=access,
                user=request.user,
            )
        except workbooks.ImportFileError as error:
            form.add_error("file", str(error))
        else:
            if not report.refused:
                messages.success(
                    request,
                    _("The workbook was saved: %(rows)s values changed in %(tabs)s sheets.")
                    % {"tabs": report.tabs, "rows": report.changed},
                )
                return redirect(_sheets_url(bloc_year))
    status = 200
    if form.errors or (report and report.errors):
        status = 400
    elif report and report.stale:
        status = 409
    context = year_context(bloc_year, access, form=form, report=report)
    return render(request, "pledges/scores_import.html", context, status=status)
