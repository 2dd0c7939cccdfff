from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from documents import registry
from members.access import get_year_for_manager, get_year_for_user, require_open
from members.models import Membership
from members.views import posted_data
from pledges import selectors, services
from pledges.forms import AchievementForm, PledgeForm, TargetFormSet, input_text
from pledges.views.common import add_errors, refuse, year_context


def _pledge_url(bloc_year) -> str:
    return reverse("pledges:pledge", args=[bloc_year.bloc.slug, bloc_year.year])


@login_required
def pledge_detail(request, slug, year):
    bloc_year, access = get_year_for_user(request.user, slug, year)
    pledge = selectors.pledge_of_year(bloc_year)
    context = year_context(
        bloc_year,
        access,
        pledge=pledge,
        members=selectors.targets_by_organization(pledge, bloc_year),
        can_manage=access.can_manage(bloc_year),
    )
    return render(request, "pledges/pledge.html", context)


@login_required
def pledge_edit(request, slug, year):
    bloc_year, access = get_year_for_manager(request.user, slug, year)
    pledge = selectors.pledge_of_year(bloc_year)
    if pledge and pledge.is_signed:
        raise PermissionDenied(_("The pledge is signed: it can no longer be changed."))
    initial = {"place": bloc_year.place_name}
    if pledge:
        initial = {
            "number": pledge.number,
            "signed_on": pledge.signed_on,
            "place": pledge.place,
            "commitments": "\n".join(c.text for c in pledge.commitments.all()),
        }
    form = PledgeForm(posted_data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.pledge_save(bloc_year=bloc_year, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The pledge was saved."))
            return redirect(_pledge_url(bloc_year))
    status = 400 if form.errors else 200
    context = year_context(bloc_year, access, form=form, pledge=pledge)
    return render(request, "pledges/pledge_edit.html", context, status=status)


@login_required
@require_POST
def pledge_sign(request, slug, year):
    bloc_year, access = get_year_for_manager(request.user, slug, year)
    pledge = selectors.pledge_of_year(bloc_year)
    if pledge is None:
        return refuse(request, bloc_year, _("Write the pledge first."), back=_pledge_url(bloc_year))
    try:
        services.pledge_sign(pledge=pledge)
    except ValidationError as error:
        return refuse(request, bloc_year, " ".join(error.messages), back=_pledge_url(bloc_year))
    messages.success(request, _("The pledge is marked signed."))
    return redirect(_pledge_url(bloc_year))


def _targets_form(request, bloc_year, organization, pledge):
    criteria = selectors.criteria_of_year(bloc_year)
    targets = list(pledge.targets.filter(organization=organization)) if pledge else []
    initial = [
        {
            "id": t.pk,
            "text": t.text,
            "target_value": input_text(t.target_value) if t.target_value is not None else "",
            "unit": t.unit,
            "criterion": t.criterion_id,
        }
        for t in targets
    ]
    return TargetFormSet(posted_data(request), initial=initial, form_kwargs={"criteria": criteria})


@login_required
def pledge_targets(request, slug, year, org):
    """The secretariat writes a member's targets before signing; after signing, the figures
    achieved are entered (by the secretariat, or the member in its phase)."""
    bloc_year, access = get_year_for_user(request.user, slug, year)
    membership = get_object_or_404(
        Membership.objects.select_related("organization"), bloc_year=bloc_year, organization=org
    )
    if not (access.manages_bloc or access.organization_id == membership.organization_id):
        raise Http404
    require_open(bloc_year)
    organization = membership.organization
    pledge = selectors.pledge_of_year(bloc_year)
    if pledge and pledge.is_signed:
        return _achievements(request, bloc_year, access, organization, pledge)
    if not access.manages_bloc:
        raise PermissionDenied(
            _(
                "The secretariat writes the targets; the figures achieved are entered once the "
                "pledge is signed."
            )
        )
    formset = _targets_form(request, bloc_year, organization, pledge)
    if request.method == "POST" and formset.is_valid():
        try:
            services.pledge_targets_save(
                bloc_year=bloc_year, organization=organization, rows=formset.rows()
            )
        except ValidationError as error:
            formset._non_form_errors = formset.error_class(error.messages)
        else:
            messages.success(
                request, _("The targets of %(name)s were saved.") % {"name": organization.name}
            )
            return redirect(_pledge_url(bloc_year) + f"#org-{organization.pk}")
    status = 400 if request.method == "POST" else 200
    context = year_context(bloc_year, access, organization=organization, formset=formset)
    return render(request, "pledges/pledge_targets.html", context, status=status)


def _achievements(request, bloc_year, access, organization, pledge):
    settings = selectors.scoring_settings(bloc_year)
    if not access.manages_bloc and bloc_year.phase != settings.member_edit_phase:
        raise PermissionDenied(
            _("Members enter their figures during the phase “%(phase)s”.")
            % {"phase": bloc_year.Phase(settings.member_edit_phase).label}
        )
    targets = pledge.targets.filter(organization=organization).order_by("position", "pk")
    form = AchievementForm(posted_data(request), targets=targets)
    if request.method == "POST" and form.is_valid():
        try:
            services.pledge_achievements_save(
                bloc_year=bloc_year, organization=organization, achieved=form.achieved()
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The figures achieved were saved."))
            return redirect(_pledge_url(bloc_year) + f"#org-{organization.pk}")
    status = 400 if form.errors else 200
    context = year_context(bloc_year, access, organization=organization, form=form)
    return render(request, "pledges/pledge_achievements.html", context, status=status)


@login_required
def pledge_pdf(request, slug, year):
    bloc_year, access = get_year_for_user(request.user, slug, year)
    # Through the registry: a closed year reprints the bytes that were filed.
    return registry.response("pledge", bloc_year, inline=False)
