from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from documents.query import query_int
from members.access import get_year_for_user
from members.forms import record_date
from members.views import posted_data
from pledges import permissions, selectors, services
from pledges.forms import (
    CrossForm,
    EvidenceForm,
    ReturnForm,
    ReviewForm,
    ScoreRowForm,
    VersionForm,
    shown_points,
)
from pledges.models import Criterion, Evidence, ScoreSheet, ScoringSettings
from pledges.views.common import add_errors, refuse, year_context


def _sheet(bloc_year, pk) -> ScoreSheet:
    sheet = get_object_or_404(
        ScoreSheet.objects.select_related("organization"), pk=pk, bloc_year=bloc_year
    )
    sheet.bloc_year = bloc_year  # already loaded, with its bloc
    return sheet


def _sheet_url(sheet, anchor: str = "") -> str:
    url = reverse("pledges:sheet", args=[sheet.bloc_year.bloc.slug, sheet.bloc_year.year, sheet.pk])
    return f"{url}#{anchor}" if anchor else url


def _sheets_url(bloc_year) -> str:
    return reverse("pledges:sheets", args=[bloc_year.bloc.slug, bloc_year.year])


@login_required
def sheet_list(request, slug, year):
    bloc_year, access = get_year_for_user(request.user, slug, year)
    # Reading creates nothing: a member without a sheet yet is offered a button that does.
    settings = selectors.scoring_settings(bloc_year)
    cross = settings.review_mode == ScoringSettings.ReviewMode.CROSS
    entries = selectors.sheets_overview(
        bloc_year, scorer_id=access.organization_id if cross else None
    )
    for entry in entries:
        entry.visible = entry.sheet and permissions.can_see_sheet(access, bloc_year, entry.sheet)
    context = year_context(
        bloc_year,
        access,
        entries=entries,
        settings=settings,
        cross=cross,
        progress=selectors.sheet_progress(bloc_year),
        can_review=permissions.can_review(access, bloc_year),
        can_upload=(access.manages_bloc or bool(access.organization_id))
        and not bloc_year.is_closed,
        criteria_count=selectors.criteria_of_year(bloc_year).count(),
        can_start=permissions.may_start_sheets(access, bloc_year),
    )
    return render(request, "pledges/sheets.html", context)


@login_required
@require_POST
def sheets_start(request, slug, year):
    """Open a draft sheet for every member that has none (a member added during the year)."""
    bloc_year, access = get_year_for_user(request.user, slug, year)
    permissions.require_start_sheets(access, bloc_year)
    services.sheets_ensure(bloc_year=bloc_year)
    return redirect(_sheets_url(bloc_year))


def _row_form(row, data=None):
    score = row.score
    initial = {
        "points": shown_points(row.criterion, score.self_points if score else None),
        "note": score.note if score else "",
        "version": services.row_version(score),
    }
    return ScoreRowForm(data, criterion=row.criterion, initial=initial)


def _sheet_context(request, bloc_year, access, sheet, settings, *, data=None, conflicts=None):
    """The sheet page. With `data` (a refused whole-sheet save) every row shows what was typed,
    its error, and for a stale row the newer values (`conflicts`, by criterion id)."""
    grid = selectors.sheet_rows(sheet)
    refusal = permissions.self_edit_refusal(access, bloc_year, sheet, settings)
    editable = refusal is None and (
        access.manages_bloc or access.organization_id == sheet.organization_id
    )
    conflicts = conflicts or {}
    for _section, rows in grid:
        for row in rows:
            if editable:
                row.form = _row_form(row, data)
                if data is not None:
                    row.form.is_valid()
            row.conflict = conflicts.get(row.criterion.pk)
    refused = []
    if editable and data is not None:  # a refused save: the keyboard starts at the first refusal
        wrong = [
            r
            for _s, rows in grid
            for r in rows
            if f"c{r.criterion.pk}-version" in data and (r.form.errors or r.conflict)
        ]
        if wrong:
            wrong[0].autofocus = True
        refused = [(r.criterion, r.form["points"].id_for_label) for r in wrong]
    elif editable:  # the keyboard starts where the typing starts
        empty = (r for _s, rows in grid for r in rows if not r.score or r.score.self_points is None)
        first = next(empty, None)
        if first is not None:
            first.autofocus = True
    reviewing = permissions.can_review(access, bloc_year) and sheet.status in services.HANDED_IN
    return year_context(
        bloc_year,
        access,
        sheet=sheet,
        grid=grid,
        totals=selectors.sheet_totals(grid),
        settings=settings,
        cross=settings.review_mode == ScoringSettings.ReviewMode.CROSS,
        editable=editable,
        refused=refused,
        refusal=refusal,
        reviewing=reviewing,
        can_cross=_may_cross(access, bloc_year, sheet, settings),
        changes=selectors.score_changes(sheet),
        return_form=ReturnForm(),
    )


def _refused(boxes, *, start=None) -> list:
    """(criterion, box id) of each refused row of a whole-sheet form, from (criterion, bound
    fields) pairs. The keyboard starts at the first refused box, or with none refused at `start`
    (the bound field where the typing starts)."""
    refused = []
    for criterion, fields in boxes:
        box = next((f for f in fields if f.errors), None)
        if box is not None:
            refused.append((criterion, box))
    first = refused[0][1] if refused else start
    if first is not None:
        first.field.widget.attrs["autofocus"] = True
    return [(criterion, box.id_for_label) for criterion, box in refused]


def _may_cross(access, bloc_year, sheet, settings) -> bool:
    try:
        permissions.require_cross(access, bloc_year, sheet, settings)
    except PermissionDenied:
        return False
    return True


@login_required
def sheet_detail(request, slug, year, pk):
    bloc_year, access = get_year_for_user(request.user, slug, year)
    sheet = _sheet(bloc_year, pk)
    permissions.require_see_sheet(access, bloc_year, sheet)
    settings = selectors.scoring_settings(bloc_year)
    context = _sheet_context(request, bloc_year, access, sheet, settings)
    return render(request, "pledges/sheet.html", context)


def _editable_sheet(request, slug, year, pk):
    bloc_year, access = get_year_for_user(request.user, slug, year)
    sheet = _sheet(bloc_year, pk)
    settings = selectors.scoring_settings(bloc_year)
    permissions.require_self_edit(access, bloc_year, sheet, settings)
    return bloc_year, access, sheet, settings


def _conflicts(conflict: services.SheetConflict) -> dict[int, dict]:
    """What stands now in each stale row, and who saved it last."""
    criteria = {c.pk: c for c in selectors.criteria_of_year(conflict.sheet.bloc_year)}
    last = {}
    for change in selectors.score_changes(conflict.sheet):
        last.setdefault(change.score.criterion_id, change)
    info = {}
    for criterion_id in conflict.criteria:
        score, change = conflict.scores.get(criterion_id), last.get(criterion_id)
        info[criterion_id] = {
            "points": shown_points(criteria[criterion_id], score.self_points if score else None),
            "note": score.note if score else "",
            "version": services.row_version(score),
            "by": change.changed_by if change else None,
            "at": change.changed_at if change else None,
        }
    return info


def _self_rows(forms) -> list[services.SelfRow]:
    return [
        services.SelfRow(
            criterion=form.criterion,
            points=form.cleaned_data["points"],
            note=form.cleaned_data["note"],
            version=form.cleaned_data["version"],
        )
        for form in forms
    ]


def _save_rows(request, sheet, forms):
    """Validate the forms and save them at once: (number saved, conflicts by criterion); the
    number is None when something was refused (errors on the forms, or conflicts)."""
    if not all(form.is_valid() for form in forms):
        return None, {}
    try:
        count = services.sheet_self_save(sheet=sheet, rows=_self_rows(forms), user=request.user)
    except services.SheetConflict as error:
        return None, _conflicts(error)
    except ValidationError as error:
        for form in forms:
            add_errors(form, error)
        return None, {}
    return count, {}


@login_required
@require_POST
def sheet_save(request, slug, year, pk):
    """The whole sheet in one submit: every changed row is saved, or none when a row is refused
    or was changed by someone else since the page was opened."""
    bloc_year, access, sheet, settings = _editable_sheet(request, slug, year, pk)
    criteria = selectors.criteria_of_year(bloc_year).select_related("section")
    # The rows the page showed: a criterion added since is not cleared by an older page.
    forms = [
        ScoreRowForm(request.POST, criterion=c)
        for c in criteria
        if f"c{c.pk}-version" in request.POST
    ]
    if not forms:
        return refuse(request, bloc_year, _("The form is incomplete."), back=_sheet_url(sheet))
    count, conflicts = _save_rows(request, sheet, forms)
    if count is not None:
        if count:
            messages.success(request, _("Saved: %(count)s rows changed.") % {"count": count})
        else:  # each row was saved as it was left (autosave): "0 rows changed" read as a failure
            messages.success(request, _("Every row was already saved: nothing left to save."))
        return redirect(_sheet_url(sheet))
    context = _sheet_context(
        request, bloc_year, access, sheet, settings, data=request.POST, conflicts=conflicts
    )
    return render(request, "pledges/sheet.html", context, status=409 if conflicts else 400)


@login_required
@require_POST
def sheet_row(request, slug, year, pk, criterion):
    """Save one row (the autosave of the whole-sheet form: htmx posts the form, this view reads
    only its row). Without htmx the page reloads at the row."""
    bloc_year, access, sheet, settings = _editable_sheet(request, slug, year, pk)
    criterion = get_object_or_404(
        Criterion.objects.select_related("section"), pk=criterion, section__bloc_year=bloc_year
    )
    form = ScoreRowForm(request.POST, criterion=criterion)
    count, conflicts = _save_rows(request, sheet, [form])
    if request.htmx:
        return _row_status(request, bloc_year, access, sheet, settings, form, conflicts, count)
    if count is not None:
        messages.success(request, _("Saved: %(criterion)s") % {"criterion": criterion})
        return redirect(_sheet_url(sheet, f"row-{criterion.pk}"))
    context = _sheet_context(
        request, bloc_year, access, sheet, settings, data=request.POST, conflicts=conflicts
    )
    return render(request, "pledges/sheet.html", context, status=409 if conflicts else 400)


def _row_status(request, bloc_year, access, sheet, settings, form, conflicts, count):
    """htmx: the row's status, its new version and the totals, out of band (the inputs stay as
    the person left them). Status 200 even for errors: htmx swaps only successful answers."""
    sheet.refresh_from_db(fields=["version", "status"])
    context = _sheet_context(request, bloc_year, access, sheet, settings)
    row = next(
        r for _s, rows in context["grid"] for r in rows if r.criterion.pk == form.criterion.pk
    )
    row.conflict = conflicts.get(form.criterion.pk)
    context.update(row=row, form=form, saved=count is not None)
    return render(request, "pledges/_sheet_row_status.html", context)


@login_required
@require_POST
def sheet_evidence(request, slug, year, pk, criterion):
    """One evidence file for one row (uploads stay per row; they never touch the points)."""
    bloc_year, access, sheet, settings = _editable_sheet(request, slug, year, pk)
    criterion = get_object_or_404(
        Criterion.objects.select_related("section"), pk=criterion, section__bloc_year=bloc_year
    )
    form = EvidenceForm(request.POST, request.FILES)
    back = _sheet_url(sheet, f"row-{criterion.pk}")
    if not form.is_valid():
        message = " ".join(e for errors in form.errors.values() for e in errors)
        return refuse(request, bloc_year, message, back=back)
    try:
        services.evidence_upload(
            sheet=sheet,
            criterion=criterion,
            upload=form.cleaned_data["evidence"],
            user=request.user,
        )
    except ValidationError as error:
        return refuse(request, bloc_year, " ".join(error.messages), back=back)
    messages.success(request, _("The file was added: %(criterion)s") % {"criterion": criterion})
    return redirect(back)


@login_required
@require_POST
def sheet_submit(request, slug, year, pk):
    bloc_year, access, sheet, settings = _editable_sheet(request, slug, year, pk)
    form = VersionForm(request.POST)
    if not form.is_valid():
        return refuse(request, bloc_year, _("The form is incomplete."), back=_sheet_url(sheet))
    try:
        services.sheet_submit(
            sheet=sheet,
            version=form.cleaned_data["version"],
            user=request.user,
            on=record_date(request.POST),
        )
    except services.SheetConflict:
        return refuse(
            request,
            bloc_year,
            _("Someone else changed the sheet in the meantime: check the values and submit again."),
            back=_sheet_url(sheet),
            status=409,
        )
    except ValidationError as error:
        return refuse(request, bloc_year, " ".join(error.messages), back=_sheet_url(sheet))
    messages.success(request, _("The sheet was submitted."))
    return redirect(_sheet_url(sheet))


@login_required
def sheet_review(request, slug, year, pk):
    """Head review: the reviewed points of every criterion, with a reason where they differ."""
    bloc_year, access = get_year_for_user(request.user, slug, year)
    sheet = _sheet(bloc_year, pk)
    permissions.require_see_sheet(access, bloc_year, sheet)
    settings = selectors.scoring_settings(bloc_year)
    permissions.require_head_review(access, bloc_year, sheet, settings)
    grid = selectors.sheet_rows(sheet)
    criteria = [row.criterion for _s, rows in grid for row in rows]
    scores = {row.criterion.pk: row.score for _s, rows in grid for row in rows if row.score}
    form = ReviewForm(
        posted_data(request), criteria=criteria, scores=scores, initial={"version": sheet.version}
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        rows = [
            services.ReviewRow(
                criterion=c,
                points=form.cleaned_data[f"points_{c.pk}"],
                reason=form.cleaned_data[f"reason_{c.pk}"],
            )
            for c in criteria
        ]
        try:
            services.sheet_review_save(
                sheet=sheet, rows=rows, version=form.cleaned_data["version"], user=request.user
            )
        except services.SheetConflict:
            form.add_error(
                None,
                _(
                    "Someone else changed the sheet in the meantime: reload the page to see the "
                    "newer values."
                ),
            )
            status = 409
        except ValidationError as error:
            _review_errors(form, error)
        else:
            messages.success(request, _("The review was saved."))
            return redirect(_sheet_url(sheet))
    if form.errors and status == 200:
        status = 400
    fields = {c.pk: (form[f"points_{c.pk}"], form[f"reason_{c.pk}"]) for c in criteria}
    for _section, rows in grid:
        for row in rows:
            row.form = fields[row.criterion.pk]
    # With nothing refused, the keyboard starts at the first row, as on the other sheets.
    first = fields[criteria[0].pk][0] if criteria else None
    refused = _refused(((c, fields[c.pk]) for c in criteria), start=first)
    context = year_context(bloc_year, access, sheet=sheet, grid=grid, form=form, refused=refused)
    return render(request, "pledges/sheet_review.html", context, status=status)


def _review_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for key, errors in error.error_dict.items():
            for one in errors:
                # A missing reason belongs to the reason's box, so the focus lands there.
                name = f"{'reason' if one.code == 'reason' else 'points'}_{key}"
                form.add_error(name if name in form.fields else None, one.messages)
    else:
        form.add_error(None, error)


@login_required
def sheet_cross(request, slug, year, pk):
    """Cross-scoring: one member scores another's sheet (never its own)."""
    bloc_year, access = get_year_for_user(request.user, slug, year)
    sheet = _sheet(bloc_year, pk)
    permissions.require_see_sheet(access, bloc_year, sheet)
    settings = selectors.scoring_settings(bloc_year)
    permissions.require_cross(access, bloc_year, sheet, settings)
    scorers = [
        m.organization
        for m in bloc_year.memberships.select_related("organization").order_by("position")
        if m.organization_id != sheet.organization_id
    ]
    # A member scores as its own organization, whatever is posted; only the secretariat,
    # entering a member's paper form, chooses the scorer, in the address (?scorer=).
    scorer_id = permissions.cross_scorer_id(access, query_int(request, "scorer"))
    scorer = next((o for o in scorers if o.pk == scorer_id), None)
    if access.manages_bloc and scorer is None:
        scorer = scorers[0] if scorers else None
    if scorer is None:
        raise Http404
    grid = selectors.sheet_rows(sheet)
    criteria = [row.criterion for _s, rows in grid for row in rows]
    current = {
        row.criterion.pk: c.points
        for _s, rows in grid
        for row in rows
        if row.score
        for c in row.score.cross_scores.all()
        if c.scorer_id == scorer.pk
    }
    form = CrossForm(posted_data(request), criteria=criteria, current=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.cross_scores_save(
                sheet=sheet, scorer=scorer, points=form.points(), user=request.user
            )
        except ValidationError as error:
            _review_errors(form, error)
        else:
            messages.success(
                request,
                _("The points of %(scorer)s for %(member)s were saved.")
                % {"scorer": scorer.name, "member": sheet.organization.name},
            )
            return redirect(_sheets_url(bloc_year))
    fields = dict((c.pk, field) for c, field in form.rows())
    for _section, rows in grid:
        for row in rows:
            row.form = fields[row.criterion.pk]
    # With nothing refused, the keyboard starts where the typing starts: the first empty box.
    empty = next((f for f in fields.values() if f.value() in (None, "")), None)
    refused = _refused(((c, [field]) for c, field in form.rows()), start=empty)
    context = year_context(
        bloc_year,
        access,
        sheet=sheet,
        grid=grid,
        form=form,
        refused=refused,
        scorer=scorer,
        scorers=scorers if access.manages_bloc else [],
    )
    return render(request, "pledges/sheet_cross.html", context, status=400 if form.errors else 200)


@login_required
def sheet_return(request, slug, year, pk):
    bloc_year, access = get_year_for_user(request.user, slug, year)
    sheet = _sheet(bloc_year, pk)
    permissions.require_see_sheet(access, bloc_year, sheet)
    permissions.require_review(access, bloc_year)
    form = ReturnForm(posted_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.sheet_return(
                sheet=sheet, reason=form.cleaned_data["reason"], user=request.user
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("The sheet was returned to %(name)s.") % {"name": sheet.organization.name},
            )
            return redirect(_sheet_url(sheet))
    context = year_context(bloc_year, access, sheet=sheet, form=form)
    return render(request, "pledges/sheet_return.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def sheet_finalize(request, slug, year, pk):
    bloc_year, access = get_year_for_user(request.user, slug, year)
    sheet = _sheet(bloc_year, pk)
    permissions.require_see_sheet(access, bloc_year, sheet)
    permissions.require_review(access, bloc_year)
    try:
        services.sheet_finalize(sheet=sheet, user=request.user, on=record_date(request.POST))
    except ValidationError as error:
        return refuse(request, bloc_year, " ".join(error.messages), back=_sheet_url(sheet))
    messages.success(
        request, _("The sheet of %(name)s is final.") % {"name": sheet.organization.name}
    )
    return redirect(_sheet_url(sheet))


@login_required
@require_POST
def sheets_finalize(request, slug, year):
    bloc_year, access = get_year_for_user(request.user, slug, year)
    permissions.require_review(access, bloc_year)
    try:
        count = services.sheets_finalize_all(
            bloc_year=bloc_year, user=request.user, on=record_date(request.POST)
        )
    except ValidationError as error:
        return refuse(request, bloc_year, " ".join(error.messages), back=_sheets_url(bloc_year))
    if not count:
        return refuse(
            request,
            bloc_year,
            _("No handed-in sheet is waiting to be finalized."),
            back=_sheets_url(bloc_year),
        )
    messages.success(request, _("%(count)s sheets are final.") % {"count": count})
    return redirect(_sheets_url(bloc_year))


def _evidence(request, slug, year, pk, evidence_pk):
    bloc_year, access = get_year_for_user(request.user, slug, year)
    sheet = _sheet(bloc_year, pk)
    permissions.require_see_sheet(access, bloc_year, sheet)
    evidence = get_object_or_404(
        Evidence.objects.select_related("score__sheet"), pk=evidence_pk, score__sheet=sheet
    )
    return bloc_year, access, sheet, evidence


@login_required
def evidence_download(request, slug, year, pk, evidence_pk):
    """Evidence is streamed by this view after the access check, never from a public URL."""
    bloc_year, access, sheet, evidence = _evidence(request, slug, year, pk, evidence_pk)
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=evidence.original_name,
        content_type=evidence.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def evidence_delete(request, slug, year, pk, evidence_pk):
    bloc_year, access, sheet, evidence = _evidence(request, slug, year, pk, evidence_pk)
    settings = selectors.scoring_settings(bloc_year)
    permissions.require_self_edit(access, bloc_year, sheet, settings)
    criterion = evidence.score.criterion
    services.evidence_delete(evidence=evidence)
    messages.success(request, _("The file was deleted."))
    return redirect(_sheet_url(sheet, f"row-{criterion.pk}"))
