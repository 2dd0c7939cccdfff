from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from documents.query import query_int
from members.access import get_year_for_manager, get_year_for_user, require_manage, require_open
from members.views import posted, posted_data
from pledges import excel, selectors, services
from pledges.forms import CriterionForm, ImportForm, ScoringSettingsForm, SectionForm
from pledges.models import Criterion, Section
from pledges.views.common import XLSX, add_errors, refuse, year_context


def _criteria_url(bloc_year) -> str:
    return reverse("pledges:criteria", args=[bloc_year.bloc.slug, bloc_year.year])


def _year_for_editing(user, slug, year):
    """The secretariat, in an open year whose criteria are not frozen; else 403."""
    bloc_year, access = get_year_for_manager(user, slug, year)
    try:
        services.require_criteria_editable(bloc_year)
    except ValidationError as error:
        raise PermissionDenied(" ".join(error.messages)) from error
    return bloc_year, access


@login_required
def criteria_list(request, slug, year):
    bloc_year, access = get_year_for_user(request.user, slug, year)
    frozen = selectors.criteria_frozen(bloc_year)
    previous = selectors.previous_year(bloc_year)
    context = year_context(
        bloc_year,
        access,
        sections=selectors.sections_with_criteria(bloc_year),
        scale=selectors.scale_totals(bloc_year),
        frozen=frozen,
        can_edit=access.can_manage(bloc_year) and not frozen,
        previous=previous,
        settings=selectors.scoring_settings(bloc_year),
    )
    return render(request, "pledges/criteria.html", context)


@login_required
@require_POST
def criteria_copy(request, slug, year):
    bloc_year, access = _year_for_editing(request.user, slug, year)
    try:
        count = services.criteria_copy_previous(bloc_year=bloc_year)
    except ValidationError as error:
        return refuse(request, bloc_year, " ".join(error.messages), back=_criteria_url(bloc_year))
    messages.success(
        request, _("%(count)s criteria were copied from the previous year.") % {"count": count}
    )
    return redirect(_criteria_url(bloc_year))


def _save_or_errors(form, save):
    try:
        save()
    except ValidationError as error:
        add_errors(form, error)
        return False
    return True


@login_required
def section_edit(request, slug, year, pk=None):
    bloc_year, access = _year_for_editing(request.user, slug, year)
    section = get_object_or_404(Section, pk=pk, bloc_year=bloc_year) if pk else None
    form = SectionForm(posted_data(request), instance=section)
    if request.method == "POST" and form.is_valid():
        saved = _save_or_errors(
            form,
            lambda: services.section_save(bloc_year=bloc_year, section=form.save(commit=False)),
        )
        if saved:
            messages.success(request, _("The section was saved."))
            return redirect(_criteria_url(bloc_year))
    status = 400 if form.errors else 200
    context = year_context(bloc_year, access, form=form, section=section)
    return render(request, "pledges/section_form.html", context, status=status)


@login_required
@require_POST
def section_delete(request, slug, year, pk):
    bloc_year, access = _year_for_editing(request.user, slug, year)
    section = get_object_or_404(Section, pk=pk, bloc_year=bloc_year)
    services.section_delete(section=section)
    messages.success(request, _("The section and its criteria were deleted."))
    return redirect(_criteria_url(bloc_year))


@login_required
def criterion_edit(request, slug, year, pk=None):
    bloc_year, access = _year_for_editing(request.user, slug, year)
    criterion = get_object_or_404(Criterion, pk=pk, section__bloc_year=bloc_year) if pk else None
    initial = {}
    if criterion is None and query_int(request, "section"):
        initial["section"] = query_int(request, "section")
    form = CriterionForm(
        posted_data(request), instance=criterion, initial=initial, bloc_year=bloc_year
    )
    if request.method == "POST" and form.is_valid():
        saved = _save_or_errors(
            form,
            lambda: services.criterion_save(bloc_year=bloc_year, criterion=form.save(commit=False)),
        )
        if saved:
            messages.success(request, _("The criterion was saved."))
            return redirect(_criteria_url(bloc_year) + f"#criterion-{form.instance.pk}")
    status = 400 if form.errors else 200
    context = year_context(bloc_year, access, form=form, criterion=criterion)
    return render(request, "pledges/criterion_form.html", context, status=status)


@login_required
@require_POST
def criterion_delete(request, slug, year, pk):
    bloc_year, access = _year_for_editing(request.user, slug, year)
    criterion = get_object_or_404(Criterion, pk=pk, section__bloc_year=bloc_year)
    services.criterion_delete(criterion=criterion)
    messages.success(request, _("The criterion was deleted."))
    return redirect(_criteria_url(bloc_year))


@login_required
def criteria_import(request, slug, year):
    bloc_year, access = _year_for_editing(request.user, slug, year)
    form = ImportForm(*posted(request))
    report = None
    if request.method == "POST" and form.is_valid():
        try:
            report = excel.criteria_import(bloc_year=bloc_year, uploaded=form.cleaned_data["file"])
        except excel.ImportFileError as error:
            form.add_error("file", str(error))
        else:
            if not report.rejected:
                messages.success(
                    request,
                    _("%(criteria)s criteria in %(sections)s sections were imported.")
                    % {"criteria": report.criteria, "sections": report.sections},
                )
                return redirect(_criteria_url(bloc_year))
    status = 400 if form.errors or (report and report.rejected) else 200
    context = year_context(bloc_year, access, form=form, report=report)
    return render(request, "pledges/criteria_import.html", context, status=status)


@login_required
def criteria_export(request, slug, year):
    bloc_year, access = get_year_for_user(request.user, slug, year)
    response = HttpResponse(excel.criteria_xlsx(bloc_year), content_type=XLSX)
    filename = f"tieu-chi-{bloc_year.bloc.slug}-{bloc_year.year}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def scoring_settings(request, slug, year):
    # The secretariat sets them; once a sheet is final only the province office may change
    # the frozen ones (the service decides), so it reaches this page too.
    bloc_year, access = get_year_for_user(request.user, slug, year)
    if not access.is_province:
        require_manage(access, bloc_year)
    require_open(bloc_year)
    instance = selectors.scoring_settings(bloc_year)
    form = ScoringSettingsForm(posted_data(request), instance=instance)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in form.Meta.fields}
        values["classification_bands"] = form.cleaned_data["bands"]
        saved = _save_or_errors(
            form,
            lambda: services.scoring_settings_save(
                bloc_year=bloc_year,
                by_province=access.is_province,
                reason=form.cleaned_data["amendment_reason"],
                **values,
            ),
        )
        if saved:
            messages.success(request, _("The scoring settings were saved."))
            return redirect(_criteria_url(bloc_year))
    status = 400 if form.errors else 200
    context = year_context(bloc_year, access, form=form, frozen=services.scoring_frozen(bloc_year))
    return render(request, "pledges/scoring_settings.html", context, status=status)
