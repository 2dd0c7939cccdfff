"""People of a bloc: who has which role, invitations by e-mail, role changes, deactivation.
The secretariat manages representatives and observers; the province office (and the admin)
also appoints the secretariat. Every change is in the audit trail (BlocRole is tracked)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from documents.query import query_text
from documents.templatetags.vn import person
from members import selectors, services
from members.access import Access, get_bloc_for_user, require_people
from members.forms import InviteForm, RoleForm
from members.models import BlocRole
from members.views import add_errors, posted_data


def _kinds(access: Access) -> list[str]:
    """The roles this person may give: only the province office appoints the secretariat."""
    kinds = [BlocRole.Kind.REPRESENTATIVE, BlocRole.Kind.OBSERVER]
    if access.is_province:
        kinds.insert(0, BlocRole.Kind.SECRETARIAT)
    return kinds


def link_for(request):
    def link(user) -> str:
        path = reverse(
            "password_reset_confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
        return request.build_absolute_uri(path)

    return link


def _people_access(request, slug):
    bloc, access = get_bloc_for_user(request.user, slug)
    require_people(access)
    return bloc, access


def _role(request, slug, pk) -> tuple[BlocRole, Access]:
    bloc, access = _people_access(request, slug)
    role = get_object_or_404(BlocRole.objects.select_related("user", "bloc"), pk=pk, bloc=bloc)
    if role.kind not in _kinds(access):
        raise PermissionDenied(_("Only the province's emulation office may change this role."))
    return role, access


@login_required
def people(request, slug):
    bloc, access = _people_access(request, slug)
    search = query_text(request, "q")[:100]
    roles = selectors.people_of_bloc(bloc, search=search)
    page = Paginator(roles, 25).get_page(request.GET.get("page"))
    context = {
        "bloc": bloc,
        "access": access,
        "page": page,
        "search": search,
        "kinds": _kinds(access),
    }
    return render(request, "members/people.html", context)


@login_required
def person_invite(request, slug):
    bloc, access = _people_access(request, slug)
    form = InviteForm(posted_data(request), bloc=bloc, kinds=_kinds(access))
    if request.method == "POST" and form.is_valid():
        try:
            role = services.person_invite(
                bloc=bloc, link_for=link_for(request), **form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("An invitation was sent to %(email)s.") % {"email": role.user.email},
            )
            return redirect("members:people", slug=slug)
    context = {"bloc": bloc, "form": form}
    return render(
        request, "members/person_invite.html", context, status=400 if form.errors else 200
    )


@login_required
def person_edit(request, slug, pk):
    role, access = _role(request, slug, pk)
    initial = {"kind": role.kind, "organization": role.organization}
    form = RoleForm(posted_data(request), initial=initial, bloc=role.bloc, kinds=_kinds(access))
    if request.method == "POST" and form.is_valid():
        try:
            services.role_change(role=role, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The role was saved."))
            return redirect("members:people", slug=slug)
    context = {
        "bloc": role.bloc,
        "role": role,
        "form": form,
        "invited": services.is_invited(role.user),
    }
    return render(request, "members/person_edit.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def person_resend(request, slug, pk):
    role, _access = _role(request, slug, pk)
    resend(request, role)
    return redirect("members:people", slug=slug)


def resend(request, role) -> None:
    """Send a bloc's or a province's invitation again, and say so (the province's people too)."""
    try:
        services.invitation_resend(role=role, link_for=link_for(request))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return
    messages.success(
        request, _("The invitation was sent again to %(email)s.") % {"email": role.user.email}
    )


def set_active(request, role) -> bool:
    """(De)activate a bloc's or a province's role from the posted "active"; never one's own."""
    if role.user_id == request.user.pk:
        raise PermissionDenied(_("You cannot deactivate your own role."))
    active = request.POST.get("active") == "1"
    services.role_set_active(role=role, active=active)
    return active


@login_required
@require_POST
def person_active(request, slug, pk):
    role, _access = _role(request, slug, pk)
    active = set_active(request, role)
    name = person(role.user)
    if active:
        messages.success(request, _("%(name)s can use the bloc again.") % {"name": name})
    else:
        messages.success(request, _("%(name)s can no longer use the bloc.") % {"name": name})
    return redirect("members:people", slug=slug)
