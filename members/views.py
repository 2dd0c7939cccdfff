"""Views: check access, validate a form, call a service, redirect. Nothing else."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from documents.query import query_text
from documents.spreadsheets import write_row
from members import selectors, services
from members.access import (
    blocs_for_user,
    get_bloc_for_user,
    get_year_for_manager,
    get_year_for_user,
    provinces_for_user,
    require_manage,
    require_open,
    require_province,
)
from members.forms import (
    BlocYearForm,
    FinishersForm,
    ImportForm,
    LeadershipForm,
    MembershipAddForm,
    MembershipFlagForm,
    MembershipOrderForm,
    OrganizationForm,
    PhaseForm,
    SignerForm,
    YearOpenForm,
)
from members.models import BlocYear, Membership

# Apps above this one add sections to an organization's page (its awards across the years):
# each is fn(organization) -> (template name, context), registered in AppConfig.ready().
ORGANIZATION_SECTIONS: list = []
# The app that runs background work takes the large imports (more than
# settings.IMPORT_BACKGROUND_ROWS rows): kind -> fn(*, bloc, uploaded, rows, user) -> the URL of
# the job's page, registered in AppConfig.ready() (province.apps).
BACKGROUND_IMPORTS: dict = {}


def posted_data(request):
    """The POST data, or None on GET: an empty POST must still bind the form (and fail it)."""
    return request.POST if request.method == "POST" else None


def posted(request):
    return (request.POST, request.FILES) if request.method == "POST" else (None, None)


def add_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form, at the field when it names one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@login_required
def home(request):
    provinces = list(provinces_for_user(request.user))
    if len(provinces) == 1 and not request.user.is_superuser:
        return redirect("members:province", slug=provinces[0].slug)
    blocs = list(blocs_for_user(request.user).select_related("province"))
    if len(blocs) == 1 and not provinces:
        return redirect("members:bloc", slug=blocs[0].slug)
    return render(request, "members/home.html", {"blocs": blocs, "provinces": provinces})


@login_required
def bloc_detail(request, slug):
    bloc, access = get_bloc_for_user(request.user, slug)
    current = selectors.current_year(bloc)
    if current is None:
        return redirect("members:bloc_years", slug=slug)
    return redirect("members:year", slug=slug, year=current.year)


@login_required
def bloc_years(request, slug):
    """Every year of the bloc, and opening any year that does not exist yet (past ones too)."""
    bloc, access = get_bloc_for_user(request.user, slug)
    context = {
        "bloc": bloc,
        "access": access,
        "years": selectors.years_of_bloc(bloc),
        "form": YearOpenForm(bloc=bloc, initial=_open_initial(bloc))
        if access.manages_bloc
        else None,
    }
    return render(request, "members/bloc.html", context)


def _open_initial(bloc) -> dict:
    latest = bloc.years.order_by("-year").first()
    year = latest.year + 1 if latest else timezone.localdate().year
    return {
        "year": year,
        "source": latest,
        "superior_body": latest.superior_body if latest else bloc.superior_body,
        "province_name": latest.province_name if latest else bloc.province.name,
        "place_name": latest.place_name if latest else bloc.province.name,
    }


@login_required
def year_open(request, slug):
    bloc, access = get_bloc_for_user(request.user, slug)
    require_manage(access)
    form = YearOpenForm(posted_data(request), bloc=bloc, initial=_open_initial(bloc))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            new = services.bloc_year_open(
                bloc=bloc,
                year=data["year"],
                source=data["source"],
                parts=form.parts(),
                entered_afterwards=services.year_is_over(data["year"]),
                superior_body=data["superior_body"],
                province_name=data["province_name"],
                place_name=data["place_name"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The year %(year)s was opened.") % {"year": new.year})
            return redirect("members:year", slug=slug, year=new.year)
    context = {"bloc": bloc, "access": access, "form": form}
    return render(request, "members/year_open.html", context, status=400 if form.errors else 200)


@login_required
def year_detail(request, slug, year):
    bloc_year, access = get_year_for_user(request.user, slug, year)
    page = selectors.year_page(bloc_year)
    years = page.years
    steps = services.phase_steps(bloc_year)  # empty once the year is closed
    now = services.PHASES.index(bloc_year.phase) if steps else 0
    context = {
        "bloc_year": bloc_year,
        "bloc": bloc_year.bloc,
        "access": access,
        "role": access.role_in(bloc_year),
        "memberships": page.memberships,
        "years": years,
        # No dead "open next": a past year entered afterwards may sit before years that exist,
        # and no year opens more than one year ahead.
        "can_open_next": bloc_year.year <= timezone.localdate().year
        and not any(y.year == bloc_year.year + 1 for y in years),
        "can_manage": access.can_manage(bloc_year),
        # (phase, label, forward): the arrow says which way the step goes, also when the last
        # working phase offers only the step back.
        "phase_steps": [
            (p, BlocYear.Phase(p).label, services.PHASES.index(p) > now) for p in steps
        ],
    }
    return render(request, "members/year.html", context)


@login_required
def year_edit(request, slug, year):
    bloc_year, access = get_year_for_manager(request.user, slug, year)
    form = BlocYearForm(posted_data(request), instance=bloc_year)
    if request.method == "POST" and form.is_valid():
        services.bloc_year_set_details(bloc_year=bloc_year, **form.cleaned_data)
        messages.success(request, _("The year's settings were saved."))
        return redirect("members:year", slug=slug, year=year)
    context = {"bloc_year": bloc_year, "form": form, "access": access}
    return render(request, "members/year_edit.html", context, status=400 if form.errors else 200)


@login_required
def year_finishers(request, slug, year):
    """Who may approve nominations, sign off the report and close the year: the province's
    setting, since it may let the secretariat act for the leaders."""
    bloc_year, access = get_year_for_user(request.user, slug, year)
    require_province(access)
    require_open(bloc_year)
    form = FinishersForm(posted_data(request), instance=bloc_year)
    if request.method == "POST" and form.is_valid():
        services.bloc_year_set_details(bloc_year=bloc_year, **form.cleaned_data)
        messages.success(request, _("The year's settings were saved."))
        return redirect("members:year", slug=slug, year=year)
    context = {"bloc_year": bloc_year, "form": form}
    return render(
        request, "members/year_finishers.html", context, status=400 if form.errors else 200
    )


@login_required
@require_POST
def year_phase(request, slug, year):
    """The year moves one step (pledge → self-scoring → …) only through this action's checks."""
    bloc_year, access = get_year_for_manager(request.user, slug, year)
    choices = [(p, BlocYear.Phase(p).label) for p in services.phase_steps(bloc_year)]
    form = PhaseForm(request.POST, choices=choices)
    if not form.is_valid():
        messages.error(request, _("The year cannot move to this phase."))
        return redirect("members:year", slug=slug, year=year)
    try:
        services.bloc_year_set_phase(bloc_year=bloc_year, phase=form.cleaned_data["phase"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The year is now in the phase “%(phase)s”.")
            % {"phase": dict(choices)[form.cleaned_data["phase"]]},
        )
    return redirect("members:year", slug=slug, year=year)


@login_required
def year_members(request, slug, year):
    bloc_year, access = get_year_for_manager(request.user, slug, year)
    form = MembershipAddForm(
        posted_data(request), organizations=selectors.organizations_not_in_year(bloc_year)
    )
    if request.method == "POST" and form.is_valid():
        organizations = form.cleaned_data["organization"]
        try:
            services.memberships_add(bloc_year=bloc_year, organizations=organizations)
        except ValidationError as error:
            add_errors(form, error)
        else:
            names = ", ".join(o.name for o in organizations)
            messages.success(request, _("Added to the year: %(names)s.") % {"names": names})
            return redirect("members:year_members", slug=slug, year=year)
    memberships = selectors.memberships_of_year(bloc_year)
    context = {
        "bloc_year": bloc_year,
        "form": form,
        "memberships": memberships,
        "order_form": MembershipOrderForm(memberships=memberships),
    }
    return render(request, "members/year_members.html", context, status=400 if form.errors else 200)


def _membership(request, slug, year, pk) -> Membership:
    bloc_year, _access = get_year_for_manager(request.user, slug, year)
    return get_object_or_404(
        Membership.objects.select_related("organization", "bloc_year"), pk=pk, bloc_year=bloc_year
    )


@login_required
@require_POST
def membership_remove(request, slug, year, pk):
    membership = _membership(request, slug, year, pk)
    try:
        services.membership_remove(membership=membership)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(name)s was removed from the year.") % {"name": membership.organization.name},
        )
    return redirect("members:year_members", slug=slug, year=year)


@login_required
@require_POST
def memberships_copy(request, slug, year):
    """Last year's members, in one action."""
    bloc_year, _access = get_year_for_manager(request.user, slug, year)
    try:
        added = services.memberships_copy_previous(bloc_year=bloc_year)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("%(count)s members copied from last year.") % {"count": len(added)}
        )
    return redirect("members:year_members", slug=slug, year=year)


@login_required
@require_POST
def memberships_order(request, slug, year):
    """The members' order from the numbers typed (or the rows dragged) on the page."""
    bloc_year, _access = get_year_for_manager(request.user, slug, year)
    form = MembershipOrderForm(request.POST, memberships=selectors.memberships_of_year(bloc_year))
    if not form.is_valid():
        messages.error(request, _("Each place is a whole number from 1."))
        return redirect("members:year_members", slug=slug, year=year)
    services.memberships_reorder(bloc_year=bloc_year, positions=form.positions())
    messages.success(request, _("The order was saved."))
    return redirect("members:year_members", slug=slug, year=year)


@login_required
@require_POST
def membership_move(request, slug, year, pk):
    membership = _membership(request, slug, year, pk)
    services.membership_move(membership=membership, up=request.POST.get("direction") == "up")
    return redirect("members:year_members", slug=slug, year=year)


@login_required
def membership_signer(request, slug, year, pk):
    """The organization's signer this year: other years keep theirs."""
    membership = _membership(request, slug, year, pk)
    form = SignerForm(posted_data(request), instance=membership)
    if request.method == "POST" and form.is_valid():
        services.membership_set_signer(
            membership=membership,
            title=form.cleaned_data["signer_title"],
            name=form.cleaned_data["signer_name"],
        )
        messages.success(request, _("The signer was saved."))
        return redirect("members:year_members", slug=slug, year=year)
    context = {"bloc_year": membership.bloc_year, "membership": membership, "form": form}
    return render(
        request, "members/membership_signer.html", context, status=400 if form.errors else 200
    )


@login_required
def membership_flag(request, slug, year, pk):
    membership = _membership(request, slug, year, pk)
    initial = {
        "nomination_blocked": membership.nomination_blocked,
        "block_reason": membership.block_reason,
    }
    form = MembershipFlagForm(posted_data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_set_block(
                membership=membership,
                blocked=form.cleaned_data["nomination_blocked"],
                reason=form.cleaned_data["block_reason"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The member's flag was saved."))
            return redirect("members:year_members", slug=slug, year=year)
    context = {"bloc_year": membership.bloc_year, "membership": membership, "form": form}
    return render(request, "members/membership_flag.html", context)


@login_required
def year_leadership(request, slug, year):
    bloc_year, access = get_year_for_manager(request.user, slug, year)
    initial = {"head": bloc_year.head, "deputy": bloc_year.deputy}
    form = LeadershipForm(
        posted_data(request),
        initial=initial,
        organizations=selectors.member_organizations(bloc_year),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.bloc_year_set_leadership(bloc_year=bloc_year, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The head and deputy head were saved."))
            return redirect("members:year", slug=slug, year=year)
    return render(request, "members/year_leadership.html", {"bloc_year": bloc_year, "form": form})


@login_required
def year_open_next(request, slug, year):
    bloc_year, access = get_year_for_user(request.user, slug, year)
    # Opening next year is allowed from a closed year too: it writes only the new year.
    require_manage(access)
    if request.method == "GET" and bloc_year.bloc.years.filter(year=year + 1).exists():
        # A past year entered afterwards may sit before years that exist already.
        messages.info(request, _("The year %(year)s already exists.") % {"year": year + 1})
        return redirect("members:year", slug=slug, year=year + 1)
    form = LeadershipForm(
        posted_data(request),
        initial=services.rotation_proposal(bloc_year),
        organizations=selectors.member_organizations(bloc_year),
    )
    if request.method == "POST" and form.is_valid():
        try:
            new = services.bloc_year_open_next(bloc_year=bloc_year, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The year %(year)s was opened.") % {"year": new.year})
            return redirect("members:year", slug=slug, year=new.year)
    context = {"bloc_year": bloc_year, "form": form, "next_year": bloc_year.year + 1}
    return render(request, "members/year_open_next.html", context)


@login_required
def organization_list(request, slug):
    bloc, access = get_bloc_for_user(request.user, slug)
    search = query_text(request, "q")
    sort = query_text(request, "sort", "name")
    organizations = selectors.organizations_of_bloc(bloc, search=search, sort=sort)
    page = Paginator(organizations, 25).get_page(request.GET.get("page"))
    context = {"bloc": bloc, "access": access, "page": page, "search": search, "sort": sort}
    return render(request, "members/organization_list.html", context)


@login_required
def organization_detail(request, slug, pk):
    bloc, access = get_bloc_for_user(request.user, slug)
    organization = get_object_or_404(bloc.organizations, pk=pk)
    sections = []
    for section in ORGANIZATION_SECTIONS:
        template_name, extra = section(organization)
        sections.append(render_to_string(template_name, extra, request=request))
    page = selectors.organization_page(organization)
    predecessors, successors = page.predecessors, page.successors
    # A line may run into another bloc of the province: linked only where the user may go.
    others = {o.bloc_id for o in predecessors + successors} - {bloc.pk}
    visible = set(blocs_for_user(request.user).filter(pk__in=others).values_list("pk", flat=True))
    context = {
        "bloc": bloc,
        "access": access,
        "organization": organization,
        "years": page.years,
        "predecessors": predecessors,
        "successors": successors,
        "visible_blocs": visible | {bloc.pk},
        "sections": sections,
    }
    return render(request, "members/organization_detail.html", context)


@login_required
def organization_edit(request, slug, pk=None):
    bloc, access = get_bloc_for_user(request.user, slug)
    organization = get_object_or_404(bloc.organizations, pk=pk) if pk else None
    require_manage(access)
    form = OrganizationForm(posted_data(request), instance=organization, bloc=bloc)
    if request.method == "POST" and form.is_valid():
        try:
            organization = services.organization_save(
                organization=form.save(commit=False),
                predecessors=form.cleaned_data["predecessors"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("%(name)s was saved.") % {"name": organization.name})
            return redirect("members:organization", slug=slug, pk=organization.pk)
    context = {"bloc": bloc, "form": form, "organization": organization}
    return render(request, "members/organization_form.html", context)


@login_required
def organization_import(request, slug):
    bloc, access = get_bloc_for_user(request.user, slug)
    require_manage(access)
    form = ImportForm(*posted(request))
    report = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            uploaded = form.cleaned_data["file"]
            try:
                rows = services.organization_rows(uploaded)
                background = BACKGROUND_IMPORTS.get("organizations")
                if background and len(rows) > settings.IMPORT_BACKGROUND_ROWS:
                    return redirect(
                        background(bloc=bloc, uploaded=uploaded, rows=rows, user=request.user)
                    )
                report = services.organizations_import(bloc=bloc, rows=rows)
            except services.ImportFileError as error:
                form.add_error("file", str(error))
        if form.errors:
            status = 400
    context = {"bloc": bloc, "form": form, "report": report}
    return render(request, "members/organization_import.html", context, status=status)


@login_required
def organization_import_template(request, slug):
    get_bloc_for_user(request.user, slug)
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Đơn vị"
    write_row(sheet, services.IMPORT_COLUMNS.values())
    response = HttpResponse(
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-don-vi.xlsx"'
    workbook.save(response)
    return response
