"""Views: check access, validate a form, call a service, redirect. A refused step renders the
page again with the reason and status 400; an object of another bloc or year answers 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from awards import printing, selectors, services
from awards import rules as rulebook
from awards.forms import (
    AchievementReportForm,
    CandidateForm,
    DecisionForm,
    MeetingForm,
    ProposeForm,
    ReasonForm,
    RuleForm,
    SettingsForm,
    SubmitForm,
    TallyForm,
)
from awards.models import AwardRule, Candidate, Nomination, NominationEvent
from documents import registry
from documents.rendering import file_response, refusal_response
from documents.templatetags.vn import vn_number
from documents.text import vi_sort_key
from members.access import (
    get_bloc_for_user,
    get_year_for_manager,
    get_year_for_user,
    require_finisher,
    require_manage,
    require_open,
)
from members.forms import record_date
from members.selectors import member_organizations, signer_line, signer_of
from members.services import rotation_proposal

Status = Nomination.Status


def _add_errors(form, error: ValidationError) -> None:
    """A service's ValidationError on the form, at the field when it names one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _refused(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _base(bloc_year, access, tab: str) -> dict:
    return {
        "bloc_year": bloc_year,
        "bloc": bloc_year.bloc,
        "access": access,
        "tab": tab,
        "can_manage": access.can_manage(bloc_year),
        "can_lead": access.can_finish(bloc_year, "approval_by"),
        "secret_ballot": selectors.secret_ballot(bloc_year),
    }


# --- nominations ------------------------------------------------------------------------------


def _nominations_page(request, bloc_year, access, *, form=None, status=200):
    facts = selectors.year_facts_shown(bloc_year)
    nominations = selectors.nominations_with_checks(bloc_year, facts)
    organizations = member_organizations(bloc_year)
    offered = [rule for rule in facts.rules if rule.offered]
    if form is None:
        form = ProposeForm(
            organizations=organizations,
            award_types=selectors.award_types().filter(
                pk__in=[rule.award_type_id for rule in offered]
            ),
            read=(facts.members, [rule.award_type for rule in offered]),
        )
    standings = [
        facts.standings[row.organization.pk]
        for row in facts.ranked
        if row.organization.pk in facts.standings
    ]
    unranked = [s for s in facts.standings.values() if s.rank is None]
    context = {
        **_base(bloc_year, access, "nominations"),
        "nominations": nominations,
        "quotas": [(rule, facts.used[rule.award_type_id]) for rule in offered],
        "standings": standings + sorted(unranked, key=lambda s: vi_sort_key(s.name)),
        "has_ranking": bool(facts.ranked),
        "form": form,
    }
    return render(request, "awards/nominations.html", context, status=status)


@login_required
def nominations(request, slug, year):
    bloc_year, access = get_year_for_user(request.user, slug, year)
    return _nominations_page(request, bloc_year, access)


@login_required
@require_POST
def nomination_propose(request, slug, year):
    bloc_year, access = get_year_for_manager(request.user, slug, year)
    form = ProposeForm(
        request.POST,
        organizations=member_organizations(bloc_year),
        award_types=selectors.award_types(),
    )
    if form.is_valid():
        try:
            nomination = services.nomination_propose(
                bloc_year=bloc_year, **form.cleaned_data, user=request.user
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _("%(name)s is proposed for %(award)s.")
                % {"name": nomination.organization.name, "award": nomination.award_type.name},
            )
            return redirect("awards:nominations", slug=slug, year=year)
    return _nominations_page(request, bloc_year, access, form=form, status=400)


@login_required
@require_POST
def nominations_from_ranking(request, slug, year):
    bloc_year, access = get_year_for_manager(request.user, slug, year)
    try:
        created = services.nominations_propose_from_ranking(bloc_year=bloc_year, user=request.user)
    except ValidationError as error:
        _refused(request, error)
        return _nominations_page(request, bloc_year, access, status=400)
    messages.success(
        request,
        _("%(count)s nominations were proposed from the ranking.") % {"count": len(created)},
    )
    for tie in dict.fromkeys(e.reason for n in created for e in n.events.all() if e.reason):
        messages.warning(request, tie)
    return redirect("awards:nominations", slug=slug, year=year)


def _nomination(bloc_year, pk) -> Nomination:
    try:
        return selectors.nomination_detail(bloc_year, pk)
    except Nomination.DoesNotExist:
        raise Http404 from None


def _timeline(bloc_year, nomination) -> list:
    """The nomination's events. In a year entered afterwards an event's time is when it was
    typed in, so each shows, as `took_place`, the date of the act where the year records one
    (the meeting's for a tally, the submission's, the decision's): never the day of typing as
    the day of the act."""
    events = list(nomination.events.all())
    if bloc_year.entered_afterwards:
        meeting = selectors.meeting_of_year(bloc_year)
        dates = {
            NominationEvent.Action.TALLY: meeting.held_on if meeting else None,
            NominationEvent.Action.SUBMIT: nomination.submission_date,
            NominationEvent.Action.DECISION: nomination.decision_date,
        }
        for event in events:
            event.took_place = dates.get(event.action)
    return events


def _nomination_page(request, bloc_year, access, nomination, *, reason_form=None, status=200):
    facts = selectors.year_facts_shown(bloc_year)
    rule = facts.rules_by_type.get(nomination.award_type_id)
    checks = (
        facts.checks(organization_id=nomination.organization_id, rule=rule, nomination=nomination)
        if rule
        else None
    ) or []
    context = {
        **_base(bloc_year, access, "nominations"),
        "nomination": nomination,
        "rule": rule,
        "checks": checks,
        "events": _timeline(bloc_year, nomination),
        "reason_form": reason_form or ReasonForm(),
        "can_tally": nomination.status in services.ALLOWED_FROM["tally"],
        "can_review": nomination.status in services.ALLOWED_FROM["return"],
        "can_approve": nomination.status in services.ALLOWED_FROM["approve"],
        "approval_refusal": services.approval_refusal(nomination=nomination, user=request.user),
        "can_withdraw": nomination.status in services.ALLOWED_FROM["withdraw"],
        "can_decide": nomination.status == Status.SUBMITTED,
        "sent_statuses": printing.SUBMITTED_OR_LATER,
    }
    return render(request, "awards/nomination.html", context, status=status)


@login_required
def nomination_detail(request, slug, year, pk):
    bloc_year, access = get_year_for_user(request.user, slug, year)
    return _nomination_page(request, bloc_year, access, _nomination(bloc_year, pk))


def _require_approver(access, bloc_year, nomination) -> None:
    require_open(bloc_year)
    refusal = services.approval_refusal(nomination=nomination, user=access.user)
    if refusal:
        raise PermissionDenied(refusal)


def _review(request, slug, year, pk, *, service, lead, done: str):
    """Approve, return or withdraw: the role check, the reason, the service, the answer.
    `lead`: True (leaders), False (secretariat) or a check of its own (approval)."""
    bloc_year, access = get_year_for_user(request.user, slug, year)
    nomination = _nomination(bloc_year, pk)
    extra = {}
    if callable(lead):
        lead(access, bloc_year, nomination)
        extra["acting_for_leaders"] = access.acts_for_leaders(bloc_year)
    elif lead:
        require_finisher(access, bloc_year, "approval_by")
        extra["acting_for_leaders"] = access.acts_for_leaders(bloc_year)
    else:
        require_manage(access, bloc_year)
    form = ReasonForm(request.POST)
    form.is_valid()
    reason = form.cleaned_data.get("reason", "")
    try:
        service(nomination=nomination, user=request.user, reason=reason, **extra)
    except ValidationError as error:
        _add_errors(form, error)
        if not hasattr(error, "error_dict"):
            _refused(request, error)
        nomination = _nomination(bloc_year, pk)
        return _nomination_page(
            request, bloc_year, access, nomination, reason_form=form, status=400
        )
    messages.success(request, done % {"name": nomination.organization.name})
    return redirect("awards:nomination", slug=slug, year=year, pk=pk)


@login_required
@require_POST
def nomination_approve(request, slug, year, pk):
    return _review(
        request,
        slug,
        year,
        pk,
        service=services.nomination_approve,
        lead=_require_approver,
        done=_("The nomination of %(name)s is approved."),
    )


@login_required
@require_POST
def nomination_return(request, slug, year, pk):
    return _review(
        request,
        slug,
        year,
        pk,
        service=services.nomination_return,
        lead=True,
        done=_("The nomination of %(name)s is returned."),
    )


@login_required
@require_POST
def nomination_withdraw(request, slug, year, pk):
    return _review(
        request,
        slug,
        year,
        pk,
        service=services.nomination_withdraw,
        lead=False,
        done=_("The nomination of %(name)s is withdrawn."),
    )


def _quorum_of(bloc_year):
    meeting = selectors.meeting_of_year(bloc_year)
    settings = selectors.settings_of_year(bloc_year)
    if meeting is None or settings is None:
        return meeting, None
    return meeting, rulebook.quorum(
        present=meeting.present_count,
        members=meeting.member_count,
        numerator=settings.quorum_numerator,
        denominator=settings.quorum_denominator,
    )


@login_required
def nomination_tally(request, slug, year, pk):
    bloc_year, access = get_year_for_manager(request.user, slug, year)
    nomination = _nomination(bloc_year, pk)
    tally = nomination.tally
    initial = (
        {
            "votes_for": tally.votes_for,
            "votes_against": tally.votes_against,
            "votes_abstain": tally.votes_abstain,
            "invalid": tally.invalid,
        }
        if tally
        else None
    )
    secret = selectors.secret_ballot(bloc_year)
    form = TallyForm(request.POST or None, initial=initial, secret=secret)
    if request.method == "POST" and form.is_valid():
        try:
            vote = services.nomination_record_tally(
                nomination=nomination, **form.cleaned_data, user=request.user
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            level = messages.success if vote.passed else messages.warning
            level(
                request,
                _("%(name)s: %(outcome)s")
                % {
                    "name": nomination.organization.name,
                    "outcome": _tally_words(vote, secret=secret),
                },
            )
            return redirect("awards:nominations", slug=slug, year=year)
    meeting, quorum = _quorum_of(bloc_year)
    rule = AwardRule.objects.filter(bloc_year=bloc_year, award_type=nomination.award_type).first()
    context = {
        **_base(bloc_year, access, "meeting"),
        "nomination": nomination,
        "form": form,
        "meeting": meeting,
        "quorum": quorum,
        "threshold": _threshold_words(rule, secret=secret) if rule else "",
    }
    status = 400 if form.errors else 200
    return render(request, "awards/tally_form.html", context, status=status)


def _tally_words(vote, *, secret: bool) -> str:
    values = {
        "for": vote.votes_for,
        "base": vote.base,
        "percent": vn_number(vote.percent),
        "kind": rulebook.VOTES_FOR[secret],
    }
    if vote.passed:
        return _("%(for)s of %(base)s %(kind)s (%(percent)s %%): passed.") % values
    return _("%(for)s of %(base)s %(kind)s (%(percent)s %%): not passed.") % values


def _threshold_words(rule, *, secret: bool) -> str:
    base = (
        _("all members of the bloc")
        if rule.threshold_base == "members"
        else _("the members present")
    )
    if secret:  # in the words of the year's voting method
        words = _("Passes when %(threshold)s of %(base)s agree.")
    else:
        words = _("Passes when %(threshold)s of %(base)s vote for.")
    return words % {"threshold": rulebook.threshold_text(rule), "base": base}


@login_required
def nomination_decision(request, slug, year, pk):
    """The province's decision: recorded by the province office, or by the secretariat once
    the decision reaches the bloc."""
    bloc_year, access = get_year_for_user(request.user, slug, year)
    if not access.is_province:
        require_manage(access)
    require_open(bloc_year)
    nomination = _nomination(bloc_year, pk)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.nomination_record_decision(
                nomination=nomination,
                number=data["number"],
                date=data["date"],
                issuer=data["issuer"],
                granted=data["granted"],
                user=request.user,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The province's decision is recorded."))
            return redirect("awards:decisions", slug=slug, year=year)
    context = {**_base(bloc_year, access, "decisions"), "nomination": nomination, "form": form}
    status = 400 if form.errors else 200
    return render(request, "awards/decision_form.html", context, status=status)


# --- rules and settings -----------------------------------------------------------------------


@login_required
def rules(request, slug, year):
    bloc_year, access = get_year_for_user(request.user, slug, year)
    settings = selectors.settings_of_year(bloc_year)
    rules = selectors.rules_of_year(bloc_year)
    secret = selectors.secret_ballot(bloc_year)
    context = {
        **_base(bloc_year, access, "rules"),
        "rules": [(rule, _threshold_words(rule, secret=secret)) for rule in rules],
        # A year opened by an older version or imported: the defaults shown are not stored yet.
        "set_up": all(rule.pk for rule in rules) and (settings is None or settings.pk),
        "settings": settings,
        "election_threshold": _threshold_words(settings, secret=secret) if settings else "",
        "quorum_share": rulebook.share_text(settings.quorum_numerator, settings.quorum_denominator)
        if settings
        else "",
    }
    return render(request, "awards/rules.html", context)


@login_required
def rule_edit(request, slug, year, pk):
    bloc_year, access = get_year_for_manager(request.user, slug, year)
    rule = get_object_or_404(
        AwardRule.objects.select_related("award_type"), pk=pk, bloc_year=bloc_year
    )
    form = RuleForm(request.POST or None, instance=rule, award_types=selectors.award_types())
    if request.method == "POST" and form.is_valid():
        try:
            services.rule_save(rule=form.save(commit=False))
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request, _("The rule for %(award)s is saved.") % {"award": rule.award_type.name}
            )
            return redirect("awards:rules", slug=slug, year=year)
    context = {**_base(bloc_year, access, "rules"), "rule": rule, "form": form}
    return render(request, "awards/rule_form.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def rules_set_up(request, slug, year):
    """Store the rules and settings the rules page shows (a year nobody set up)."""
    bloc_year, _access = get_year_for_manager(request.user, slug, year)
    services.year_setup_ensure(bloc_year=bloc_year)
    messages.success(request, _("The year's rules and settings are stored: they can be edited."))
    return redirect("awards:rules", slug=slug, year=year)


@login_required
def settings_edit(request, slug, year):
    bloc_year, access = get_year_for_manager(request.user, slug, year)
    if request.method == "POST":  # a year nobody set up stores its defaults first
        services.year_setup_ensure(bloc_year=bloc_year)
    settings = selectors.settings_of_year(bloc_year)
    if settings is None:  # a closed year kept without settings: nothing to edit
        raise Http404
    form = SettingsForm(request.POST or None, instance=settings)
    if request.method == "POST" and form.is_valid():
        try:
            services.settings_save(settings=form.save(commit=False))
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The meeting and voting settings are saved."))
            return redirect("awards:rules", slug=slug, year=year)
    context = {**_base(bloc_year, access, "rules"), "form": form}
    return render(request, "awards/settings_form.html", context, status=400 if form.errors else 200)


# --- the meeting ------------------------------------------------------------------------------


@login_required
def meeting(request, slug, year):
    bloc_year, access = get_year_for_user(request.user, slug, year)
    meeting, quorum = _quorum_of(bloc_year)
    context = {
        **_base(bloc_year, access, "meeting"),
        "meeting": meeting,
        "quorum": quorum,
        "nominations": selectors.nominations_of_year(bloc_year).exclude(status=Status.WITHDRAWN),
        "tally_open": services.ALLOWED_FROM["tally"],
    }
    return render(request, "awards/meeting.html", context)


@login_required
def meeting_edit(request, slug, year):
    bloc_year, access = get_year_for_manager(request.user, slug, year)
    current = selectors.meeting_of_year(bloc_year)
    organizations = member_organizations(bloc_year)
    initial = {} if current else _meeting_initial(bloc_year, organizations)
    form = MeetingForm(
        request.POST or None, instance=current, organizations=organizations, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        values = {k: v for k, v in form.cleaned_data.items() if k != "present"}
        try:
            services.meeting_record(
                bloc_year=bloc_year, present=form.cleaned_data["present"], **values
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The meeting is recorded."))
            return redirect("awards:meeting", slug=slug, year=year)
    context = {**_base(bloc_year, access, "meeting"), "form": form}
    return render(request, "awards/meeting_form.html", context, status=400 if form.errors else 200)


def _meeting_initial(bloc_year, organizations) -> dict:
    """A new meeting starts with every member ticked present and the head unit chairing."""
    head = signer_of(bloc_year, bloc_year.head)
    return {
        "present": list(organizations),
        "chair": head.signer_name if head else "",
        "chair_title": signer_line(head),
        "place": bloc_year.place_name,
    }


# --- the election -----------------------------------------------------------------------------


def _election_page(request, bloc_year, access, *, form=None, status=200):
    election = selectors.election_of_year(bloc_year)
    posts = selectors.election_tallies(election)
    organizations = member_organizations(bloc_year)
    proposal = rotation_proposal(bloc_year)
    has_head_candidate = any(row for post in posts if post.post == "head" for row in post.rows)
    if form is None:
        initial = (
            {"post": Candidate.Post.HEAD, "organization": proposal["head"]}
            if proposal["head"] and not has_head_candidate
            else {"post": Candidate.Post.DEPUTY}
        )
        form = CandidateForm(organizations=organizations, initial=initial)
    meeting, quorum = _quorum_of(bloc_year)
    decided = all(post.result.decided for post in posts)
    voted = any(vote for post in posts for _c, vote in post.rows)
    context = {
        **_base(bloc_year, access, "election"),
        "election": election,
        "posts": posts,
        "form": form,
        "proposal": proposal["head"],
        "quorum": quorum,
        "next_year": bloc_year.year + 1,
        "can_apply": election is not None and election.applied_at is None and decided,
        "can_new_round": election is not None
        and election.applied_at is None
        and voted
        and not decided,
        "is_open": election is None or election.applied_at is None,
    }
    return render(request, "awards/election.html", context, status=status)


@login_required
def election(request, slug, year):
    bloc_year, access = get_year_for_user(request.user, slug, year)
    return _election_page(request, bloc_year, access)


@login_required
@require_POST
def candidate_add(request, slug, year):
    bloc_year, access = get_year_for_manager(request.user, slug, year)
    form = CandidateForm(request.POST, organizations=member_organizations(bloc_year))
    if form.is_valid():
        try:
            services.candidate_add(bloc_year=bloc_year, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _("%(name)s is a candidate.") % {"name": form.cleaned_data["organization"].name},
            )
            return redirect("awards:election", slug=slug, year=year)
    return _election_page(request, bloc_year, access, form=form, status=400)


def _candidate(bloc_year, pk) -> Candidate:
    return get_object_or_404(
        Candidate.objects.select_related("organization", "election"),
        pk=pk,
        election__bloc_year=bloc_year,
    )


@login_required
@require_POST
def candidate_remove(request, slug, year, pk):
    bloc_year, access = get_year_for_manager(request.user, slug, year)
    candidate = _candidate(bloc_year, pk)
    try:
        services.candidate_remove(candidate=candidate)
    except ValidationError as error:
        _refused(request, error)
        return _election_page(request, bloc_year, access, status=400)
    messages.success(
        request, _("%(name)s is no longer a candidate.") % {"name": candidate.organization.name}
    )
    return redirect("awards:election", slug=slug, year=year)


@login_required
def candidate_tally(request, slug, year, pk):
    bloc_year, access = get_year_for_manager(request.user, slug, year)
    candidate = _candidate(bloc_year, pk)
    secret = selectors.secret_ballot(bloc_year)
    form = TallyForm(request.POST or None, secret=secret)
    if request.method == "POST" and form.is_valid():
        try:
            services.candidate_record_tally(
                candidate=candidate, **form.cleaned_data, user=request.user
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _("The tally for %(name)s is recorded.") % {"name": candidate.organization.name},
            )
            return redirect("awards:election", slug=slug, year=year)
    meeting, quorum = _quorum_of(bloc_year)
    settings = selectors.settings_of_year(bloc_year)
    context = {
        **_base(bloc_year, access, "election"),
        "candidate": candidate,
        "form": form,
        "meeting": meeting,
        "quorum": quorum,
        "threshold": _threshold_words(settings, secret=secret) if settings else "",
    }
    status = 400 if form.errors else 200
    return render(request, "awards/candidate_tally_form.html", context, status=status)


def _election_action(request, slug, year, action, done: str):
    bloc_year, access = get_year_for_manager(request.user, slug, year)
    election = selectors.election_of_year(bloc_year)
    if election is None:
        raise Http404
    try:
        action(election)
    except ValidationError as error:
        _refused(request, error)
        return _election_page(request, bloc_year, access, status=400)
    messages.success(request, done)
    return redirect("awards:election", slug=slug, year=year)


@login_required
@require_POST
def election_round(request, slug, year):
    return _election_action(
        request,
        slug,
        year,
        lambda election: services.election_new_round(election=election),
        _("A new round is open: record its tallies."),
    )


@login_required
@require_POST
def election_apply(request, slug, year):
    return _election_action(
        request,
        slug,
        year,
        lambda election: services.election_apply(
            election=election, user=request.user, on=record_date(request.POST)
        ),
        _("The head and deputy head of %(year)s are set.") % {"year": year + 1},
    )


# --- after the meeting ------------------------------------------------------------------------


def _decisions_page(request, bloc_year, access, *, form=None, status=200):
    approved = selectors.nominations_by_status(bloc_year, [Status.APPROVED])
    if form is None:
        form = SubmitForm(nominations=approved, initial={"nominations": list(approved)})
    context = {
        **_base(bloc_year, access, "decisions"),
        "form": form,
        "approved": approved,
        "sent": selectors.nominations_by_status(
            bloc_year, [Status.SUBMITTED, Status.GRANTED, Status.NOT_GRANTED]
        ),
    }
    return render(request, "awards/decisions.html", context, status=status)


@login_required
def decisions(request, slug, year):
    bloc_year, access = get_year_for_user(request.user, slug, year)
    return _decisions_page(request, bloc_year, access)


@login_required
@require_POST
def submission_mark(request, slug, year):
    bloc_year, access = get_year_for_manager(request.user, slug, year)
    # Any nomination of the year may be named: the service refuses one not approved, by name.
    form = SubmitForm(request.POST, nominations=selectors.nominations_of_year(bloc_year))
    if form.is_valid():
        try:
            services.nominations_submit(
                bloc_year=bloc_year,
                nominations=form.cleaned_data["nominations"],
                number=form.cleaned_data["number"],
                date=form.cleaned_data["date"],
                user=request.user,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The nominations are marked as submitted."))
            return redirect("awards:decisions", slug=slug, year=year)
    return _decisions_page(request, bloc_year, access, form=form, status=400)


# --- documents and history --------------------------------------------------------------------


def _kind(kind: str) -> str:
    if kind not in printing.CONTEXTS:
        raise Http404
    return kind


@login_required
def document_preview(request, slug, year, kind):
    bloc_year, access = get_year_for_user(request.user, slug, year)
    kind = _kind(kind)
    # The document's words are Vietnamese whatever the interface language.
    with translation.override("vi"):
        try:
            context = printing.CONTEXTS[kind](bloc_year)
        except ValidationError as error:  # e.g. its typed number is taken in the register
            return refusal_response(error)
        return render(request, printing.TEMPLATES[kind], {**context, "for_print": False})


@login_required
def document_pdf(request, slug, year, kind):
    bloc_year, access = get_year_for_user(request.user, slug, year)
    return registry.response(_kind(kind), bloc_year)


@login_required
def bloc_awards(request, slug):
    bloc, access = get_bloc_for_user(request.user, slug)
    types, rows = selectors.awards_table(bloc)
    context = {"bloc": bloc, "access": access, "types": types, "rows": rows}
    return render(request, "awards/bloc_awards.html", context)


def organization_awards_section(organization):
    """The organization's awards across the years, as a section of its page (members)."""
    return "awards/_organization_awards.html", {
        "organization": organization,
        "awards": selectors.organization_awards(organization),
    }


# --- achievement reports ----------------------------------------------------------------------


def _may_write_achievement(access, nomination) -> bool:
    """The nominee's own representative writes its report; the secretariat may type it in."""
    return not nomination.bloc_year.is_closed and (
        access.manages_bloc or access.represents(nomination.organization)
    )


def _may_confirm_achievement(access, nomination) -> bool:
    """The head unit confirms (xác nhận) the reports it sends to the province; its own, the
    deputy unit (selectors.achievement_confirmer_id)."""
    confirmer = selectors.achievement_confirmer_id(nomination)
    own = access.organization_id is not None and access.organization_id == confirmer
    return not nomination.bloc_year.is_closed and (own or access.kind == "admin")


def _achievement_page(request, bloc_year, access, nomination, *, form=None, status=200):
    report = getattr(nomination, "achievement_report", None)
    initial = (
        {
            "issued_on": report.issued_on,
            "overview": report.overview,
            "achievements": report.achievements,
        }
        if report
        else {}
    )
    context = {
        **_base(bloc_year, access, "nominations"),
        "nomination": nomination,
        "report": report,
        "form": form or AchievementReportForm(initial=initial),
        "history": selectors.awards_received(
            nomination.organization, as_of=report.issued_on if report else None
        ),
        "can_write": _may_write_achievement(access, nomination)
        and not (report and report.confirmed_at),
        "can_confirm": _may_confirm_achievement(access, nomination)
        and report
        and not report.confirmed_at,
    }
    return render(request, "awards/achievement.html", context, status=status)


def _achievement_nomination(bloc_year, pk) -> Nomination:
    nomination = (
        Nomination.objects.filter(bloc_year=bloc_year, pk=pk)
        .select_related("organization", "award_type", "bloc_year__bloc", "bloc_year__head")
        .select_related("achievement_report")
        .first()
    )
    if nomination is None:
        raise Http404
    return nomination


@login_required
def achievement_report(request, slug, year, pk):
    bloc_year, access = get_year_for_user(request.user, slug, year)
    nomination = _achievement_nomination(bloc_year, pk)
    if request.method != "POST":
        return _achievement_page(request, bloc_year, access, nomination)
    if not _may_write_achievement(access, nomination):
        raise PermissionDenied(
            _("Only the nominee's representative or the secretariat may write it.")
        )
    form = AchievementReportForm(request.POST)
    if form.is_valid():
        try:
            services.achievement_report_save(nomination=nomination, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
            _refused(request, error)
        else:
            messages.success(request, _("The achievement report is saved."))
            return redirect("awards:achievement", slug=slug, year=year, pk=pk)
    return _achievement_page(request, bloc_year, access, nomination, form=form, status=400)


@login_required
@require_POST
def achievement_confirm(request, slug, year, pk):
    bloc_year, access = get_year_for_user(request.user, slug, year)
    nomination = _achievement_nomination(bloc_year, pk)
    if not _may_confirm_achievement(access, nomination):
        raise PermissionDenied(
            _(
                "Only the head unit confirms achievement reports; the head unit's own, the "
                "deputy unit."
            )
        )
    report = getattr(nomination, "achievement_report", None)
    try:
        if report is None:
            raise ValidationError(_("Write the date and parts I and II before confirming."))
        services.achievement_report_confirm(
            report=report, user=request.user, on=record_date(request.POST)
        )
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("The achievement report is confirmed."))
    return redirect("awards:achievement", slug=slug, year=year, pk=pk)


@login_required
def achievement_file(request, slug, year, pk, ext):
    bloc_year, access = get_year_for_user(request.user, slug, year)
    if ext not in ("pdf", "docx"):
        raise Http404
    try:
        rendered = printing.achievement_document(_achievement_nomination(bloc_year, pk))
    except ValidationError as error:
        return refusal_response(error)
    return file_response(rendered.as_word() if ext == "docx" else rendered)
