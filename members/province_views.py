"""The province office's pages: its province's blocs, creating or editing a bloc, and the
office's own people (colleagues and read-only observers of the province)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from members import selectors, services
from members.access import (
    get_bloc_for_user,
    get_province_for_office,
    get_province_for_user,
    require_province,
)
from members.forms import BlocForm, ColleagueForm
from members.kinds import speak_of
from members.people_views import link_for, resend, set_active
from members.views import add_errors, posted_data


@login_required
def province_detail(request, slug):
    province, role = get_province_for_user(request.user, slug)
    context = {
        "province": province,
        "can_create": role is None or role.kind == role.Kind.OFFICE,
        "blocs": selectors.blocs_of_province(province),
    }
    return render(request, "members/province.html", context)


@login_required
def bloc_new(request, slug):
    province = get_province_for_office(request.user, slug)
    form = BlocForm(posted_data(request), province=province)
    if request.method == "POST" and form.is_valid():
        bloc = services.bloc_save(bloc=form.save(commit=False))
        speak_of(bloc)  # a new cụm's message says "Văn phòng Cụm", as its pages do
        messages.success(
            request,
            _("%(name)s was created. Next: appoint its secretariat, then open its first year.")
            % {"name": bloc.name},
        )
        return redirect("members:people", slug=bloc.slug)
    context = {"province": province, "form": form}
    return render(request, "members/bloc_form.html", context, status=400 if form.errors else 200)


@login_required
def bloc_edit(request, slug):
    bloc, access = get_bloc_for_user(request.user, slug)
    require_province(access)
    form = BlocForm(posted_data(request), instance=bloc, province=bloc.province)
    if request.method == "POST" and form.is_valid():
        bloc = services.bloc_save(bloc=form.save(commit=False))
        messages.success(request, _("%(name)s was saved.") % {"name": bloc.name})
        return redirect("members:bloc_years", slug=bloc.slug)
    context = {"province": bloc.province, "bloc": bloc, "form": form}
    return render(request, "members/bloc_form.html", context, status=400 if form.errors else 200)


@login_required
def province_people(request, slug):
    province = get_province_for_office(request.user, slug)
    form = ColleagueForm(posted_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            role = services.colleague_invite(
                province=province, link_for=link_for(request), **form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, _("An invitation was sent to %(email)s.") % {"email": role.user.email}
            )
            return redirect("members:province_people", slug=slug)
    context = {
        "province": province,
        "form": form,
        "roles": province.roles.select_related("user").order_by(
            "-is_active", "kind", "user__last_name"
        ),
    }
    return render(
        request, "members/province_people.html", context, status=400 if form.errors else 200
    )


@login_required
@require_POST
def province_person_active(request, slug, pk):
    province = get_province_for_office(request.user, slug)
    role = get_object_or_404(province.roles.select_related("user"), pk=pk)
    set_active(request, role)
    messages.success(request, _("The role was saved."))
    return redirect("members:province_people", slug=slug)


@login_required
@require_POST
def province_person_resend(request, slug, pk):
    province = get_province_for_office(request.user, slug)
    role = get_object_or_404(province.roles.select_related("user", "province"), pk=pk)
    resend(request, role)
    return redirect("members:province_people", slug=slug)
