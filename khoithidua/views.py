"""The year's end: the report, its sign-off, the dossier, closing and reopening the year.
Views check access, validate a form, call a service and redirect; nothing else."""

from csp.decorators import csp_replace
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST

from documents import registry
from documents.rendering import refusal_response
from khoithidua import exports, printing, selectors, services
from khoithidua.forms import NewSectionForm, ReopenForm, ReportHeaderForm, SectionForm
from members.access import get_year_for_manager, get_year_for_user, require_finisher
from members.forms import record_date

# The year's documents with a Word copy, as the register page offers them.
WORD_KINDS = [
    ("pledge", _lazy("Pledge")),
    ("minutes", _lazy("Minutes")),
    ("submission", _lazy("Submission")),
    ("report", _lazy("Year-end report")),
    ("ranking", _lazy("Ranking")),
    ("scoring_table", _lazy("Scoring table")),
]


def healthz(request):
    """For the load balancer: the app answers and reaches its database."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def posted_data(request):
    return request.POST if request.method == "POST" else None


def _to_report(bloc_year):
    return redirect("khoithidua:report", slug=bloc_year.bloc.slug, year=bloc_year.year)


def _say_refusal(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@login_required
def report_detail(request, slug, year):
    bloc_year, access = get_year_for_user(request.user, slug, year)
    report = selectors.report_of_year(bloc_year)
    role = access.role_in(bloc_year)
    problems = services.sign_off_problems(report) if report and not report.is_signed_off else []
    context = {
        "bloc_year": bloc_year,
        "access": access,
        "role": role,
        "report": report,
        "problems": problems,
        "can_edit": access.can_manage(bloc_year),
        "can_sign": access.can_finish(bloc_year, "sign_off_by") and report is not None,
        "log": selectors.log_of_year(bloc_year)[:20],
    }
    context["print_style"], context["print_body"] = printing.report_print_parts(bloc_year)
    return render(request, "khoithidua/report.html", context)


@login_required
# Shown in a frame on the report page: framing by our own pages only.
@xframe_options_sameorigin
@csp_replace({"frame-ancestors": ["'self'"]})
def report_preview(request, slug, year):
    bloc_year, _access = get_year_for_user(request.user, slug, year)
    links = [
        (reverse("khoithidua:report", args=[slug, year]), _("Back to the report")),
        (reverse("khoithidua:report_pdf", args=[slug, year]), _("Download PDF")),
    ]
    if "embed" in request.GET:  # inside the report page, which has these links already
        links = []
    try:
        return HttpResponse(printing.report_preview_html(bloc_year, preview_links=links))
    except ValidationError as error:  # e.g. its typed number is taken in the register
        return refusal_response(error)


@login_required
def report_pdf(request, slug, year):
    bloc_year, _access = get_year_for_user(request.user, slug, year)
    return registry.response("report", bloc_year)


@login_required
@require_POST
def report_start(request, slug, year):
    """The report's first draft (last year's outline, or the usual one), then its editor. An act
    of its own: opening the editor writes nothing."""
    bloc_year, _access = get_year_for_manager(request.user, slug, year)
    try:
        services.report_get_or_create(bloc_year=bloc_year)
    except ValidationError as error:
        _say_refusal(request, error)
        return _to_report(bloc_year)
    return redirect("khoithidua:report_edit", slug=slug, year=year)


@login_required
def report_edit(request, slug, year):
    bloc_year, _access = get_year_for_manager(request.user, slug, year)
    report = selectors.report_of_year(bloc_year)
    if report is None:
        messages.info(request, _("The report is not written yet: “Write the report” starts it."))
        return _to_report(bloc_year)
    data = posted_data(request)
    header = ReportHeaderForm(data, report=report)
    section_forms = [SectionForm(data, section=s) for s in selectors.sections_of(report)]
    new_form = NewSectionForm(data)
    forms_valid = all(f.is_valid() for f in [header, *section_forms, new_form])
    if request.method == "POST" and forms_valid:
        try:
            services.report_save(
                report=report,
                user=request.user,
                number=header.cleaned_data["number"],
                issued_on=header.cleaned_data["issued_on"],
                recipients=header.cleaned_data["recipients"],
                sections=[form.row() for form in section_forms],
                new_section=new_form.values(),
            )
        except ValidationError as error:
            header.add_error(None, error)
        else:
            messages.success(request, _("The report was saved."))
            return _to_report(bloc_year)
    context = {
        "bloc_year": bloc_year,
        "report": report,
        "header": header,
        "section_forms": section_forms,
        "new_form": new_form,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "khoithidua/report_edit.html", context, status=status)


@login_required
@require_POST
def report_sign_off(request, slug, year):
    bloc_year, access = get_year_for_user(request.user, slug, year)
    require_finisher(access, bloc_year, "sign_off_by")
    report = selectors.report_of_year(bloc_year)
    if report is None:
        messages.error(request, _("The report is not written yet."))
        return _to_report(bloc_year)
    signer = {bloc_year.head_id: bloc_year.head, bloc_year.deputy_id: bloc_year.deputy}
    organization = signer.get(access.organization_id) if access.organization_id else None
    try:
        services.report_sign_off(
            report=report,
            user=request.user,
            organization=organization,
            acting_for_leaders=access.acts_for_leaders(bloc_year),
            on=record_date(request.POST),
        )
    except ValidationError as error:
        _say_refusal(request, error)
    else:
        messages.success(request, _("The report was signed off."))
    return _to_report(bloc_year)


@login_required
def dossier(request, slug, year):
    bloc_year, _access = get_year_for_user(request.user, slug, year)
    return registry.response("dossier", bloc_year, inline=False)


@login_required
def document_word(request, slug, year, kind):
    """The Word copy of any of the year's documents: the same words, page and header."""
    bloc_year, _access = get_year_for_user(request.user, slug, year)
    return registry.response(kind, bloc_year, word=True)


@login_required
def register(request, slug, year):
    """The register of numbers of the year's issuing body, for the calendar years its
    documents fall in (a January meeting of last year's bloc takes this year's numbers)."""
    bloc_year, access = get_year_for_user(request.user, slug, year)
    context = {
        "bloc_year": bloc_year,
        "bloc": bloc_year.bloc,
        "access": access,
        "entries": selectors.register_of_year(bloc_year),
        "word_kinds": WORD_KINDS,
    }
    return render(request, "khoithidua/register.html", context)


@login_required
def year_export(request, slug, year):
    bloc_year, _access = get_year_for_user(request.user, slug, year)
    response = HttpResponse(
        exports.year_xlsx(bloc_year),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    filename = f"{bloc_year.bloc.slug}-{bloc_year.year}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def year_close(request, slug, year):
    bloc_year, access = get_year_for_user(request.user, slug, year)
    require_finisher(access, bloc_year, "close_by")
    if request.method == "POST":
        try:
            services.year_close(
                bloc_year=bloc_year,
                user=request.user,
                acting_for_leaders=access.acts_for_leaders(bloc_year),
                on=record_date(request.POST),
            )
        except ValidationError as error:
            _say_refusal(request, error)
            return redirect("khoithidua:close", slug=slug, year=year)
        messages.success(request, _("The year %(year)s is closed.") % {"year": year})
        return redirect("members:year", slug=slug, year=year)
    context = {
        "bloc_year": bloc_year,
        "problems": selectors.closing_problems(bloc_year),
        "warnings": selectors.closing_warnings(bloc_year),
        "checklist": selectors.year_checklist(bloc_year),
    }
    return render(request, "khoithidua/close.html", context)


@login_required
def year_delete(request, slug, year):
    bloc_year, access = get_year_for_manager(request.user, slug, year)
    if request.method == "POST":
        try:
            services.year_delete(bloc_year=bloc_year)
        except ValidationError as error:
            _say_refusal(request, error)
            return redirect("khoithidua:year_delete", slug=slug, year=year)
        messages.success(request, _("The year %(year)s was deleted.") % {"year": year})
        return redirect("members:bloc_years", slug=slug)
    context = {"bloc_year": bloc_year, "problems": selectors.deleting_problems(bloc_year)}
    return render(request, "khoithidua/year_delete.html", context)


@login_required
def year_reopen(request, slug, year):
    bloc_year, access = get_year_for_user(request.user, slug, year)
    if not access.is_province:
        raise PermissionDenied(
            _("Only the province's emulation office or an administrator may reopen a year.")
        )
    form = ReopenForm(posted_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.year_reopen(
                bloc_year=bloc_year, user=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            _say_refusal(request, error)
            return redirect("members:year", slug=slug, year=year)
        messages.success(request, _("The year %(year)s was reopened.") % {"year": year})
        return redirect("members:year", slug=slug, year=year)
    context = {"bloc_year": bloc_year, "form": form, "log": selectors.log_of_year(bloc_year)}
    status = 400 if form.errors else 200
    return render(request, "khoithidua/reopen.html", context, status=status)
