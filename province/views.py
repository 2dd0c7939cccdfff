"""The province office's pages. Every view checks access first: outside the province 404, a
province observer reads but may not act (403)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from members.access import (
    get_bloc_for_user,
    get_province_for_office,
    get_province_for_user,
    require_manage,
)
from members.models import ProvinceRole
from province import exports, selectors, services
from province.forms import DecisionsForm, PreferenceForm, ProvinceYearForm
from province.models import NoticePreference, ProvinceJob


def _acts(role) -> bool:
    """The office (or the admin, who has no role) acts; an observer only reads."""
    return role is None or role.kind == ProvinceRole.Kind.OFFICE


def _year(request, province) -> tuple[int | None, list[int]]:
    years = selectors.years_of(province)
    try:
        chosen = int(request.GET.get("year", ""))
    except ValueError:
        chosen = None
    return chosen if chosen in years else (years[0] if years else None), years


@login_required
def dashboard(request, slug):
    province, role = get_province_for_user(request.user, slug)
    year, years = _year(request, province)
    page = selectors.dashboard_page(province, year, timezone.localdate()) if year else None
    rows = page.rows if page else []
    for row in rows:  # a reverse per row, not a {% url %} (the tag resolves and escapes again)
        row.link = (
            reverse("members:year", args=[row.bloc.slug, year])
            if row.bloc_year
            else reverse("members:bloc", args=[row.bloc.slug])
        )
    query, show, sort = (request.GET.get(k, "") for k in ("q", "show", "sort"))
    return render(
        request,
        "province/dashboard.html",
        {
            "province": province,
            "year": year,
            "years": years,
            "rows": selectors.filtered(rows, query=query, show=show or "all", sort=sort or "name"),
            "summary": selectors.summary(rows),
            "steps": selectors.STEPS,
            "settings": page and page.settings,
            "jobs": page.jobs if page else [],
            "q": query,
            "show": show or "all",
            "sort": sort or "name",
            "can_act": _acts(role),
        },
    )


@login_required
def deadlines(request, slug, year):
    province = get_province_for_office(request.user, slug)
    form = ProvinceYearForm(request.POST or None, instance=selectors.settings_of(province, year))
    if request.method == "POST" and form.is_valid():
        services.province_year_save(province_year=form.instance)
        messages.success(
            request, _("The deadlines and the cap of %(year)s are saved.") % {"year": year}
        )
        return redirect(f"{_dashboard_url(province)}?year={year}")
    return render(
        request, "province/deadlines.html", {"province": province, "year": year, "form": form}
    )


def _dashboard_url(province) -> str:
    return reverse("province:dashboard", args=[province.slug])


@login_required
def nominations(request, slug, year):
    province, role = get_province_for_user(request.user, slug)
    if request.method == "POST" and not _acts(role):
        get_province_for_office(request.user, slug)  # raises the 403 with its reason
    page = selectors.nominations_page(province, year)
    found = page.nominations
    links = {}
    for nomination in found:  # one reverse per bloc, not per row
        slug = nomination.bloc_slug
        if slug not in links:
            links[slug] = reverse("awards:nominations", args=[slug, year])
        nomination.bloc_link = links[slug]
    form = DecisionsForm(request.POST or None, nominations=selectors.decidable(found))
    form.attach()
    if request.method == "POST" and form.is_valid():
        try:
            done = services.decisions_record(
                province=province,
                outcomes=form.outcomes(),
                user=request.user,
                **{k: form.cleaned_data[k] for k in ("number", "date", "issuer")},
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("The decision is recorded for %(count)s nomination(s).") % {"count": len(done)},
            )
            return redirect(request.path)
    return render(
        request,
        "province/nominations.html",
        {
            "province": province,
            "year": year,
            "nominations": found,
            "cap": page.cap,
            "form": form,
            "can_act": _acts(role),
        },
    )


@login_required
def export(request, slug, year):
    province, _role = get_province_for_user(request.user, slug)
    response = HttpResponse(
        exports.province_xlsx(province, year),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{province.slug}-{year}.xlsx"'
    return response


@login_required
@require_POST
def dossier_start(request, slug, year):
    province = get_province_for_office(request.user, slug)
    job = services.job_start(
        province=province, year=year, kind=ProvinceJob.Kind.DOSSIER, user=request.user
    )
    return redirect("province:job", province.slug, job.pk)


def _job(request, slug, pk) -> tuple[ProvinceJob, object]:
    province, role = get_province_for_user(request.user, slug)
    return get_object_or_404(ProvinceJob, province=province, bloc=None, pk=pk), role


def _job_page(request, found: ProvinceJob, *, can_act: bool):
    """A job's page, or (polled by htmx) its progress alone; opened directly, the whole page.
    The same page for a province's job and a bloc's, each under its own address."""
    if found.bloc_id:
        slug, prefix = found.bloc.slug, "province:bloc_job"
        back = reverse("members:organizations", args=[slug]), _("Back to the organizations")
    else:
        slug, prefix = found.province.slug, "province:job"
        back = f"{_dashboard_url(found.province)}?year={found.year}", _("Back to all blocs")
    urls = {
        step: reverse(f"{prefix}{step and '_' + step}", args=[slug, found.pk])
        for step in ("", "progress", "file", "retry")
        if not (step == "file" and found.bloc_id)  # an import's result is its report
    }
    context = {
        "province": found.province,
        "bloc": found.bloc,
        "job": found,
        "can_act": can_act,
        "urls": urls,
        "back": back,
    }
    progress_only = request.htmx and request.resolver_match.url_name.endswith("progress")
    template = "province/_job_progress.html" if progress_only else "province/job.html"
    return render(request, template, context)


@login_required
def job(request, slug, pk):
    found, role = _job(request, slug, pk)
    return _job_page(request, found, can_act=_acts(role))


@login_required
def job_progress(request, slug, pk):
    found, role = _job(request, slug, pk)
    return _job_page(request, found, can_act=_acts(role))


@login_required
def job_file(request, slug, pk):
    found, _role = _job(request, slug, pk)
    if found.status != ProvinceJob.Status.DONE or not found.file:
        raise Http404
    return FileResponse(
        found.file.open("rb"),
        as_attachment=True,
        filename=found.file.name.rsplit("/", 1)[-1],
        content_type="application/zip",
    )


@login_required
@require_POST
def job_retry(request, slug, pk):
    province = get_province_for_office(request.user, slug)
    found = get_object_or_404(ProvinceJob, province=province, pk=pk)
    try:
        again = services.job_retry(job=found, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("province:job", province.slug, found.pk)
    return redirect("province:job", province.slug, again.pk)


def _bloc_job(request, slug, pk) -> ProvinceJob:
    """A bloc's job (a large import): the bloc's secretariat, who started it, follows it."""
    bloc, access = get_bloc_for_user(request.user, slug)
    require_manage(access)
    return get_object_or_404(ProvinceJob.objects.select_related("bloc"), bloc=bloc, pk=pk)


@login_required
def bloc_job(request, slug, pk):
    return _job_page(request, _bloc_job(request, slug, pk), can_act=True)


@login_required
def bloc_job_progress(request, slug, pk):
    return _job_page(request, _bloc_job(request, slug, pk), can_act=True)


@login_required
@require_POST
def bloc_job_retry(request, slug, pk):
    found = _bloc_job(request, slug, pk)
    try:
        again = services.job_retry(job=found, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("province:bloc_job", slug, found.pk)
    return redirect("province:bloc_job", slug, again.pk)


@login_required
def preferences(request):
    preference = NoticePreference.objects.filter(user=request.user).first()
    form = PreferenceForm(request.POST or None, instance=preference or NoticePreference())
    if request.method == "POST" and form.is_valid():
        services.preference_save(user=request.user, **form.cleaned_data)
        messages.success(request, _("Your e-mail preferences are saved."))
        return redirect("province:preferences")
    return render(request, "province/preferences.html", {"form": form})
