"""Writes for awards: every transition of a nomination, the meeting, the tallies and the
election. Keyword-only, atomic; a step the current state does not allow is refused with a
message (ValidationError), never silently skipped."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from awards import printing, selectors
from awards import rules as rulebook
from awards.defaults import award_types_ensure
from awards.models import (
    AchievementReport,
    AwardRule,
    AwardSettings,
    AwardType,
    Candidate,
    Election,
    Meeting,
    Nomination,
    NominationEvent,
    Vote,
)
from members import services as members_services
from members.access import Role, bloc_access
from members.models import BlocYear, Organization
from members.services import COPY_RULES

Status = Nomination.Status
Action = NominationEvent.Action

# Which states each step may start from, and what the user reads when it may not.
ALLOWED_FROM = {
    Action.TALLY: {Status.PROPOSED, Status.VOTED, Status.NOT_PASSED, Status.RETURNED},
    Action.APPROVE: {Status.VOTED},
    Action.RETURN: {Status.VOTED, Status.APPROVED},
    Action.WITHDRAW: {
        Status.PROPOSED,
        Status.VOTED,
        Status.NOT_PASSED,
        Status.APPROVED,
        Status.RETURNED,
    },
    Action.SUBMIT: {Status.APPROVED},
    Action.DECISION: {Status.SUBMITTED},
}
REFUSALS = {
    Action.TALLY: gettext_lazy(
        "A tally can be recorded only until the leaders approve the nomination."
    ),
    Action.APPROVE: gettext_lazy("Only a nomination the meeting voted can be approved."),
    Action.RETURN: gettext_lazy("Only a voted or approved nomination can be returned."),
    Action.WITHDRAW: gettext_lazy(
        "A nomination already submitted to the province cannot be withdrawn."
    ),
    Action.SUBMIT: gettext_lazy("Only a nomination approved by the leaders can be submitted."),
    Action.DECISION: gettext_lazy(
        "The province's decision can be recorded only for a submitted nomination."
    ),
}


# --- the year's rules and settings ------------------------------------------------------------


def year_setup_ensure(*, bloc_year: BlocYear) -> None:
    """Give an open year a rule for every award type and its meeting settings: copied from the
    latest earlier year, else from the defaults. Idempotent; does nothing to a closed year.
    The acts that need the rules call it (a page shows them unsaved and writes nothing), so the
    usual case (all there) costs one query and no transaction."""
    if bloc_year.is_closed or selectors.year_setup_complete(bloc_year):
        return
    _year_setup_create(bloc_year, source=selectors.previous_year(bloc_year))


@transaction.atomic
def _year_setup_create(bloc_year: BlocYear, *, source: BlocYear | None) -> None:
    """Store what the pages showed unsaved (selectors.rules_of_year, settings_of_year)."""
    award_types_ensure()
    AwardRule.objects.bulk_create(
        selectors.missing_rules(bloc_year, source=source),
        ignore_conflicts=True,  # two first acts at once: the second finds the rows made
    )
    if not AwardSettings.objects.filter(bloc_year=bloc_year).exists():
        settings = selectors.default_settings(bloc_year, source=source)
        values = {name: getattr(settings, name) for name in selectors.SETTINGS_FIELDS}
        AwardSettings.objects.get_or_create(bloc_year=bloc_year, defaults=values)


def year_opened(*, source: BlocYear | None, new: BlocYear, parts: frozenset) -> None:
    """members.services.YEAR_OPENERS: a new year starts with the source year's rules when
    asked, else with the defaults."""
    _year_setup_create(new, source=source if COPY_RULES in parts else None)


def rule_save(*, rule: AwardRule) -> AwardRule:
    rule.full_clean()
    rule.save()
    return rule


@transaction.atomic
def settings_save(*, settings: AwardSettings) -> AwardSettings:
    """Save the year's meeting and voting settings. The voting method is fixed once a tally is
    recorded: the tallies were counted in its words (agree, disagree, invalid for a secret
    ballot; for, against, abstain for a show of hands), and the minutes print them so."""
    settings.full_clean()
    if settings.pk:
        stored = AwardSettings.objects.select_for_update().get(pk=settings.pk)
        tallied = Vote.objects.filter(bloc_year_id=settings.bloc_year_id).exists()
        if stored.ballot != settings.ballot and tallied:
            raise ValidationError(
                {
                    "ballot": _(
                        "The voting method cannot change once a tally is recorded: the "
                        "tallies were counted in its words."
                    )
                }
            )
    settings.save()
    return settings


# --- nominations ------------------------------------------------------------------------------


def _log(
    nomination, *, action, from_status, user, reason="", acting_for_leaders=False
) -> NominationEvent:
    return NominationEvent.objects.create(
        nomination=nomination,
        action=action,
        from_status=from_status,
        to_status=nomination.status,
        acting_for_leaders=acting_for_leaders,
        at=timezone.now(),
        by=user if getattr(user, "is_authenticated", False) else None,
        reason=reason,
    )


def _locked(nomination: Nomination) -> Nomination:
    """The nomination re-read under a row lock: two clicks at once cannot both move it."""
    return (
        Nomination.objects.select_for_update(of=("self",))
        .select_related("organization", "award_type", "bloc_year")
        .get(pk=nomination.pk)
    )


def _require(nomination: Nomination, action: str) -> None:
    if nomination.status not in ALLOWED_FROM[action]:
        state = _("%(organization)s – %(award)s is “%(status)s”.") % {
            "organization": nomination.organization.name,
            "award": nomination.award_type.name,
            "status": nomination.get_status_display(),
        }
        raise ValidationError(f"{REFUSALS[action]} {state}")


def _move(
    nomination, *, to, action, user, reason="", fields=(), acting_for_leaders=False
) -> Nomination:
    from_status = nomination.status
    nomination.status = to
    nomination.save(update_fields=["status", *fields])
    _log(
        nomination,
        action=action,
        from_status=from_status,
        user=user,
        reason=reason,
        acting_for_leaders=acting_for_leaders,
    )
    return nomination


def _rule(bloc_year: BlocYear, award_type: AwardType) -> AwardRule:
    year_setup_ensure(bloc_year=bloc_year)
    return AwardRule.objects.select_related("award_type", "prerequisite").get(
        bloc_year=bloc_year, award_type=award_type
    )


def _refuse_failures(checks, organization: Organization) -> None:
    if checks is None:
        raise ValidationError(
            _("%(name)s is not a member of the bloc this year.") % {"name": organization.name}
        )
    failed = rulebook.failures(checks)
    if failed:
        raise ValidationError(failed)


@transaction.atomic
def nomination_propose(
    *, bloc_year: BlocYear, organization: Organization, award_type: AwardType, user
) -> Nomination:
    # Lock the year: two proposals at once must not both take the last place of a quota.
    BlocYear.objects.select_for_update().get(pk=bloc_year.pk)
    rule = _rule(bloc_year, award_type)
    facts = selectors.year_facts(bloc_year)
    existing = Nomination.objects.filter(
        bloc_year=bloc_year, organization=organization, award_type=award_type
    ).exclude(status=Status.WITHDRAWN)
    if existing.exists():
        raise ValidationError(
            _("%(name)s is already proposed for %(award)s this year.")
            % {"name": organization.name, "award": award_type.name}
        )
    _refuse_failures(facts.checks(organization_id=organization.pk, rule=rule), organization)
    return _create(bloc_year, organization, award_type, facts.standings[organization.pk], user)


def _create(bloc_year, organization, award_type, standing, user, reason="") -> Nomination:
    nomination = Nomination.objects.create(
        bloc_year=bloc_year,
        organization=organization,
        award_type=award_type,
        rank=standing.rank,
        score=standing.total,
    )
    _log(nomination, action=Action.PROPOSE, from_status="", user=user, reason=reason)
    return nomination


@transaction.atomic
def nominations_propose_from_ranking(*, bloc_year: BlocYear, user) -> list[Nomination]:
    """One action: best ranks to the highest awards, within the quotas and every rule."""
    BlocYear.objects.select_for_update().get(pk=bloc_year.pk)
    year_setup_ensure(bloc_year=bloc_year)
    facts = selectors.year_facts(bloc_year)
    if not any(s.rank is not None for s in facts.standings.values()):
        raise ValidationError(
            _("There is no ranking for %(year)s yet: finish the scores first.")
            % {"year": bloc_year.year}
        )
    taken = frozenset(
        (n.organization_id, n.award_type_id)
        for n in facts.nominations
        if n.status != Status.WITHDRAWN
    )
    plan = rulebook.plan_from_ranking(
        rules=facts.rules,
        standings=facts.standings,
        used=facts.used,
        year=bloc_year.year,
        taken=taken,
    )
    if not plan:
        raise ValidationError(
            _("Nothing to propose: the quotas are used or no ranked member passes the rules.")
        )
    organizations = {m.organization_id: m.organization for m in bloc_year.memberships.all()}
    return [
        _create(bloc_year, organizations[s.organization_id], rule.award_type, s, user, reason=tie)
        for s, rule, tie in plan
    ]


def _counts(*, votes_for, votes_against, votes_abstain, invalid, voters: int) -> None:
    numbers = {
        "votes_for": votes_for,
        "votes_against": votes_against,
        "votes_abstain": votes_abstain,
        "invalid": invalid,
    }
    negative = {
        name: _("A number of votes cannot be negative.")
        for name, value in numbers.items()
        if value is None or value < 0
    }
    if negative:
        raise ValidationError(negative)
    total = sum(numbers.values())
    if total > voters:
        raise ValidationError(
            _(
                "%(total)s votes are counted but only %(voters)s members are present: "
                "check the tally."
            )
            % {"total": total, "voters": voters}
        )


def _quorum(bloc_year: BlocYear) -> rulebook.Quorum:
    """The meeting's attendance under the year's quorum; refuses when no vote may be taken."""
    meeting = Meeting.objects.filter(bloc_year=bloc_year).first()
    if meeting is None:
        raise ValidationError(_("Record the meeting (date, members present) before the tallies."))
    year_setup_ensure(bloc_year=bloc_year)
    settings = AwardSettings.objects.get(bloc_year=bloc_year)
    result = rulebook.quorum(
        present=meeting.present.count(),
        members=bloc_year.memberships.count(),
        numerator=settings.quorum_numerator,
        denominator=settings.quorum_denominator,
    )
    if not result.met:
        refusal = _("No vote can be recorded without a quorum.")
        raise ValidationError(f"{result.message} {refusal}")
    return result


@transaction.atomic
def nomination_record_tally(
    *, nomination: Nomination, votes_for, votes_against=0, votes_abstain=0, invalid=0, user
) -> Vote:
    nomination = _locked(nomination)
    _require(nomination, Action.TALLY)
    attendance = _quorum(nomination.bloc_year)
    counts = {
        "votes_for": votes_for,
        "votes_against": votes_against,
        "votes_abstain": votes_abstain,
        "invalid": invalid,
    }
    _counts(**counts, voters=attendance.present)
    rule = _rule(nomination.bloc_year, nomination.award_type)
    settings = AwardSettings.objects.get(bloc_year=nomination.bloc_year)  # _quorum set it up
    outcome = rulebook.tally_outcome(
        votes_for=votes_for,
        voters=attendance.present,
        members=attendance.members,
        rule=rule,
        secret=settings.secret,
    )
    vote, _created = Vote.objects.update_or_create(
        nomination=nomination,
        defaults={
            **counts,
            "bloc_year": nomination.bloc_year,
            "voters": attendance.present,
            "members": attendance.members,
            "base": outcome.base,
            "passed": outcome.passed,
            "percent": outcome.percent,
            "recorded_by": user if getattr(user, "is_authenticated", False) else None,
        },
    )
    to = Status.VOTED if outcome.passed else Status.NOT_PASSED
    _move(nomination, to=to, action=Action.TALLY, user=user, reason=outcome.message)
    return vote


def approval_refusal(*, nomination: Nomination, user) -> str | None:
    """Why `user` may not approve this nomination, or None. Who approves is the year's
    setting (BlocYear.approval_by: the leaders, or also the secretariat acting for them), and
    a conflict of interest is a rule: a leader never approves its own organization's
    nomination; the other leader does, or the secretariat where the year allows it.
    `user` None is the system (demo, tests)."""
    if user is None:
        return None
    bloc_year = nomination.bloc_year
    access = bloc_access(user, bloc_year.bloc)
    if access is None or not access.finishes(bloc_year, "approval_by"):
        return _("Only the leaders of the bloc this year may do this.")
    if access.role_in(bloc_year) == Role.LEADER and access.represents(nomination.organization):
        return _(
            "%(name)s is your own organization: its nomination is approved by the other "
            "leader, or by the secretariat where the year's settings allow it."
        ) % {"name": nomination.organization.name}
    return None


@transaction.atomic
def nomination_approve(
    *, nomination: Nomination, user, reason: str = "", acting_for_leaders: bool = False
) -> Nomination:
    nomination = _locked(nomination)
    refusal = approval_refusal(nomination=nomination, user=user)
    if refusal:
        raise ValidationError(refusal)
    _require(nomination, Action.APPROVE)
    # A member flagged since the vote, or a rule changed: the leaders cannot approve past it.
    facts = selectors.year_facts(nomination.bloc_year)
    rule = facts.rules_by_type[nomination.award_type_id]
    checks = facts.checks(
        organization_id=nomination.organization_id, rule=rule, nomination=nomination
    )
    _refuse_failures(checks, nomination.organization)
    return _move(
        nomination,
        to=Status.APPROVED,
        action=Action.APPROVE,
        user=user,
        reason=reason.strip(),
        acting_for_leaders=acting_for_leaders,
    )


def _reason(reason: str, message) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": message})
    return reason


@transaction.atomic
def nomination_return(
    *, nomination: Nomination, user, reason: str, acting_for_leaders: bool = False
) -> Nomination:
    reason = _reason(reason, _("Say why the nomination is returned."))
    nomination = _locked(nomination)
    _require(nomination, Action.RETURN)
    return _move(
        nomination,
        to=Status.RETURNED,
        action=Action.RETURN,
        user=user,
        reason=reason,
        acting_for_leaders=acting_for_leaders,
    )


@transaction.atomic
def nomination_withdraw(*, nomination: Nomination, user, reason: str) -> Nomination:
    reason = _reason(reason, _("Say why the nomination is withdrawn."))
    nomination = _locked(nomination)
    _require(nomination, Action.WITHDRAW)
    return _move(nomination, to=Status.WITHDRAWN, action=Action.WITHDRAW, user=user, reason=reason)


@transaction.atomic
def nominations_submit(
    *, bloc_year: BlocYear, nominations, number: str, date: datetime.date, user
) -> list[Nomination]:
    """Mark nominations as sent to the province with the submission's number and date."""
    nominations = list(nominations)
    number = (number or "").strip()
    errors = {}
    if not number:
        errors["number"] = _("Give the number of the submission.")
    if date is None:
        errors["date"] = _("Give the date of the submission.")
    meeting = Meeting.objects.filter(bloc_year=bloc_year).first()
    if date and meeting and date < meeting.held_on:
        errors["date"] = _("The submission cannot be dated before the meeting (%(date)s).") % {
            "date": meeting.held_on.strftime("%d/%m/%Y")
        }
    if date:
        # The submission lists each nominee's achievement report: none may be dated after it.
        later = (
            AchievementReport.objects.filter(nomination__in=nominations, issued_on__gt=date)
            .select_related("nomination__organization")
            .order_by("issued_on")
        )
        for report in later:
            errors.setdefault("date", []).append(
                _(
                    "The achievement report of %(name)s is dated %(report)s, after the "
                    "submission: a submission cannot send a later document."
                )
                % {
                    "name": report.nomination.organization.name,
                    "report": report.issued_on.strftime("%d/%m/%Y"),
                }
            )
    if errors:
        raise ValidationError(errors)
    # Submitting issues the submission: its number is reserved in the head unit's register,
    # and refused before anything changes when the register already holds it.
    try:
        printing.submission_number(bloc_year, date=date, typed=number, issue=True)
    except ValidationError as error:
        raise ValidationError({"number": error.messages}) from error
    chosen = [_locked(n) for n in nominations]
    if not chosen:
        raise ValidationError({"nominations": _("Choose the nominations to submit.")})
    for nomination in chosen:
        if nomination.bloc_year_id != bloc_year.pk:
            raise ValidationError(_("A nomination of another year cannot be submitted here."))
        _require(nomination, Action.SUBMIT)
    # The submission lists each nominee's achievement report and the dossier packs it: one the
    # head unit has not confirmed would go to the province as a draft, or a blank form.
    confirmed = set(
        AchievementReport.objects.filter(
            nomination__in=chosen, confirmed_at__isnull=False
        ).values_list("nomination_id", flat=True)
    )
    missing = [n.organization.name for n in chosen if n.pk not in confirmed]
    if missing:
        message = _(
            "The achievement report of %(names)s is not yet written and confirmed by the head "
            "unit: it goes with the submission."
        )
        raise ValidationError({"nominations": message % {"names": ", ".join(missing)}})
    for nomination in chosen:
        nomination.submission_number, nomination.submission_date = number, date
        _move(
            nomination,
            to=Status.SUBMITTED,
            action=Action.SUBMIT,
            user=user,
            reason=_("Submission %(number)s of %(date)s")
            % {"number": number, "date": date.strftime("%d/%m/%Y")},
            fields=("submission_number", "submission_date"),
        )
    return chosen


@transaction.atomic
def nomination_record_decision(
    *,
    nomination: Nomination,
    number: str,
    date: datetime.date,
    issuer: str,
    granted: bool,
    user,
) -> Nomination:
    nomination = _locked(nomination)
    if nomination.status in (Status.GRANTED, Status.NOT_GRANTED):
        raise ValidationError(
            _(
                "The province's decision on %(organization)s – %(award)s is already recorded "
                "(%(number)s)."
            )
            % {
                "organization": nomination.organization.name,
                "award": nomination.award_type.name,
                "number": nomination.decision_number,
            }
        )
    _require(nomination, Action.DECISION)
    errors = {}
    for name, value, message in (
        ("number", number, _("Give the number of the decision.")),
        ("issuer", issuer, _("Say who issued the decision.")),
    ):
        if not (value or "").strip():
            errors[name] = message
    if date is None:
        errors["date"] = _("Give the date of the decision.")
    elif nomination.submission_date and date < nomination.submission_date:
        errors["date"] = _("The decision cannot be dated before the submission (%(date)s).") % {
            "date": nomination.submission_date.strftime("%d/%m/%Y")
        }
    elif date > timezone.localdate():
        # Recorded once issued: a later date is a typo (2027 for 2026), not a decision.
        errors["date"] = _("The decision cannot be dated after today.")
    if granted is None:
        errors["granted"] = _("Say whether the award was granted.")
    if errors:
        raise ValidationError(errors)
    nomination.decision_number = number.strip()
    nomination.decision_date = date
    nomination.decision_issuer = issuer.strip()
    nomination.granted = granted
    return _move(
        nomination,
        to=Status.GRANTED if granted else Status.NOT_GRANTED,
        action=Action.DECISION,
        user=user,
        reason=_("Decision %(number)s of %(date)s, %(issuer)s")
        % {
            "number": nomination.decision_number,
            "date": date.strftime("%d/%m/%Y"),
            "issuer": nomination.decision_issuer,
        },
        fields=("decision_number", "decision_date", "decision_issuer", "granted"),
    )


# --- the meeting ------------------------------------------------------------------------------


@transaction.atomic
def meeting_record(*, bloc_year: BlocYear, present, **values) -> Meeting:
    """Create or update the year-end meeting. Once a tally is recorded the attendance it was
    counted against can no longer change."""
    present = list(present)
    member_ids = set(bloc_year.memberships.values_list("organization_id", flat=True))
    strangers = [org.name for org in present if org.pk not in member_ids]
    if strangers:
        raise ValidationError(
            {"present": _("Not members this year: %(names)s.") % {"names": ", ".join(strangers)}}
        )
    held_on = values.get("held_on")
    if held_on and held_on.year not in (bloc_year.year, bloc_year.year + 1):
        message = _(
            "The year-end meeting of %(year)s is held in %(year)s or early in the next year."
        )
        raise ValidationError({"held_on": message % {"year": bloc_year.year}})
    year_setup_ensure(bloc_year=bloc_year)  # the minutes' number takes the year's symbol
    meeting = Meeting.objects.select_for_update().filter(bloc_year=bloc_year).first()
    if meeting is not None and Vote.objects.filter(bloc_year=bloc_year).exists():
        before = set(meeting.present.values_list("pk", flat=True))
        if before != {org.pk for org in present}:
            message = _(
                "Tallies were counted with these members present: the attendance can no longer "
                "change."
            )
            raise ValidationError({"present": message})
    meeting = meeting or Meeting(bloc_year=bloc_year)
    for name, value in values.items():
        setattr(meeting, name, value)
    meeting.full_clean()
    meeting.save()
    meeting.present.set(present)
    # The minutes are issued at the meeting: their number once it has been held.
    if meeting.minutes_number or (meeting.held_on and meeting.held_on <= timezone.localdate()):
        try:
            printing.minutes_number(bloc_year, meeting, issue=True)
        except ValidationError as error:
            raise ValidationError({"minutes_number": error.messages}) from error
    return meeting


# --- the election -----------------------------------------------------------------------------


def _open_election(bloc_year: BlocYear) -> Election:
    election = Election.objects.select_for_update().filter(bloc_year=bloc_year).first()
    if election is None:
        try:
            with transaction.atomic():
                election = Election.objects.create(bloc_year=bloc_year)
        except IntegrityError:
            election = Election.objects.select_for_update().get(bloc_year=bloc_year)
    _require_not_applied(election)
    return election


def _require_not_applied(election: Election) -> None:
    if election.applied_at is not None:
        raise ValidationError(
            _("The election was applied on %(date)s: it can no longer change.")
            % {"date": timezone.localtime(election.applied_at).strftime("%d/%m/%Y %H:%M")}
        )


@transaction.atomic
def candidate_add(*, bloc_year: BlocYear, post: str, organization: Organization) -> Candidate:
    election = _open_election(bloc_year)
    if not bloc_year.memberships.filter(organization=organization).exists():
        message = _("%(name)s is not a member of the bloc this year.")
        raise ValidationError({"organization": message % {"name": organization.name}})
    if election.candidates.filter(post=post, organization=organization).exists():
        message = _("%(name)s is already a candidate for this post.")
        raise ValidationError({"organization": message % {"name": organization.name}})
    proposal = members_services.rotation_proposal(bloc_year)
    return Candidate.objects.create(
        election=election,
        post=post,
        organization=organization,
        by_rotation=proposal.get(post) is not None and proposal[post].pk == organization.pk,
    )


@transaction.atomic
def candidate_remove(*, candidate: Candidate) -> None:
    election = Election.objects.select_for_update().get(pk=candidate.election_id)
    _require_not_applied(election)
    if candidate.votes.exists():
        raise ValidationError(_("A candidate with a recorded tally cannot be removed."))
    candidate.delete()


@transaction.atomic
def candidate_record_tally(
    *, candidate: Candidate, votes_for, votes_against=0, votes_abstain=0, invalid=0, user
) -> Vote:
    election = (
        Election.objects.select_for_update()
        .select_related("bloc_year")
        .get(pk=candidate.election_id)
    )
    _require_not_applied(election)
    _require_post_open(election, candidate.post)
    bloc_year = election.bloc_year
    attendance = _quorum(bloc_year)
    counts = {
        "votes_for": votes_for,
        "votes_against": votes_against,
        "votes_abstain": votes_abstain,
        "invalid": invalid,
    }
    _counts(**counts, voters=attendance.present)
    # Each voter chooses at most one candidate for a post.
    others = Vote.objects.filter(
        candidate__election=election, candidate__post=candidate.post, round=election.round
    ).exclude(candidate=candidate)
    together = votes_for + sum(v.votes_for for v in others)
    if together > attendance.present:
        raise ValidationError(
            _(
                "Together the candidates for this post have %(total)s votes for, more than the "
                "%(voters)s members present."
            )
            % {"total": together, "voters": attendance.present}
        )
    settings = AwardSettings.objects.get(bloc_year=bloc_year)
    outcome = rulebook.tally_outcome(
        votes_for=votes_for,
        voters=attendance.present,
        members=attendance.members,
        rule=settings,
        secret=settings.secret,
    )
    vote, _created = Vote.objects.update_or_create(
        candidate=candidate,
        round=election.round,
        defaults={
            **counts,
            "bloc_year": bloc_year,
            "voters": attendance.present,
            "members": attendance.members,
            "base": outcome.base,
            "passed": outcome.passed,
            "percent": outcome.percent,
            "recorded_by": user if getattr(user, "is_authenticated", False) else None,
        },
    )
    _refresh_result(election)
    return vote


def _require_post_open(election: Election, post: str) -> None:
    """A later round is for the post still undecided: the one an earlier round decided gets no
    new tally (the minutes would record it elected twice). The page reads the same rule
    (selectors.election_tallies' decided_round)."""
    decided_round = _tallies(election)[post].decided_round
    if decided_round is not None:
        raise ValidationError(
            _("The post of %(post)s was decided in round %(round)s: this round is for the other.")
            % {"post": Candidate.Post(post).label, "round": decided_round}
        )


def _tallies(election: Election) -> dict[str, selectors.PostTally]:
    election = selectors.election_of_year(election.bloc_year)
    return {tally.post: tally for tally in selectors.election_tallies(election)}


def _results(election: Election) -> dict[str, rulebook.PostResult]:
    return {post: tally.result for post, tally in _tallies(election).items()}


def _refresh_result(election: Election) -> None:
    """Keep the elected head and deputy on the election as the tallies decide them."""
    results = _results(election)
    head = results[Candidate.Post.HEAD].winner
    deputy = results[Candidate.Post.DEPUTY].winner
    if head is not None and deputy is not None and head.pk == deputy.pk:
        deputy = None  # one organization cannot hold both: applying says so
    election.head, election.deputy = head, deputy
    election.save(update_fields=["head", "deputy"])


@transaction.atomic
def election_new_round(*, election: Election) -> Election:
    election = Election.objects.select_for_update().get(pk=election.pk)
    _require_not_applied(election)
    results = _results(election)
    if all(result.decided for result in results.values()):
        raise ValidationError(_("Both posts are decided: no other round is needed."))
    election.round += 1
    election.save(update_fields=["round"])
    return election


@transaction.atomic
def election_apply(*, election: Election, user, on: datetime.date | None = None) -> BlocYear:
    """Set next year's head and deputy from the election, opening next year if needed. The
    election row is locked first, so of two applies at once the second finds it applied."""
    election = (
        Election.objects.select_for_update(of=("self",))
        .select_related("bloc_year__bloc")
        .get(pk=election.pk)
    )
    _require_not_applied(election)
    results = _results(election)
    for post, label in Candidate.Post.choices:
        if not results[post].decided:
            raise ValidationError(
                _("No %(post)s is elected yet: %(reason)s")
                % {"post": label, "reason": results[post].message}
            )
    head = results[Candidate.Post.HEAD].winner
    deputy = results[Candidate.Post.DEPUTY].winner
    if head.pk == deputy.pk:
        raise ValidationError(
            _("%(name)s is elected both head and deputy: one organization cannot hold both posts.")
            % {"name": head.name}
        )
    bloc_year = election.bloc_year
    next_year = (
        BlocYear.objects.select_for_update()
        .filter(bloc=bloc_year.bloc, year=bloc_year.year + 1)
        .first()
    )
    if next_year is None:
        next_year = members_services.bloc_year_open_next(bloc_year=bloc_year)
    elif next_year.is_closed:
        raise ValidationError(
            _("The year %(year)s is closed: its leadership can no longer change.")
            % {"year": next_year.year}
        )
    members_services.bloc_year_set_leadership(bloc_year=next_year, head=head, deputy=deputy)
    election.head, election.deputy = head, deputy
    election.applied_at = members_services.recorded_at(bloc_year, on)
    election.applied_by = user if getattr(user, "is_authenticated", False) else None
    election.save(update_fields=["head", "deputy", "applied_at", "applied_by"])
    return next_year


# --- achievement reports -----------------------------------------------------------------------


def _refuse_closed_year(bloc_year: BlocYear) -> None:
    if bloc_year.is_closed:
        raise ValidationError(_("The year is closed: it can no longer be changed."))


@transaction.atomic
def achievement_report_save(
    *, nomination: Nomination, issued_on, overview: str, achievements: str
) -> AchievementReport:
    """The nominee writes parts I-II; a confirmed report is what was filed: it no longer
    changes (the head unit withdraws its confirmation first)."""
    _refuse_closed_year(nomination.bloc_year)
    report, _created = AchievementReport.objects.get_or_create(nomination=nomination)
    if report.confirmed_at is not None:
        raise ValidationError(_("The head unit has confirmed this report: it no longer changes."))
    submitted_on = nomination.submission_date
    if issued_on and submitted_on and issued_on > submitted_on:
        message = _(
            "The submission %(number)s of %(date)s sends this report: it cannot be dated after it."
        )
        raise ValidationError(
            {
                "issued_on": message
                % {
                    "number": nomination.submission_number,
                    "date": submitted_on.strftime("%d/%m/%Y"),
                }
            }
        )
    report.issued_on = issued_on
    report.overview = overview.strip()
    report.achievements = achievements.strip()
    report.full_clean()
    report.save()
    return report


@transaction.atomic
def achievement_report_confirm(
    *, report: AchievementReport, user, on: datetime.date | None = None
) -> AchievementReport:
    """The head unit confirms (xác nhận) the nominee's report, once it is complete; in a year
    entered afterwards, on its date of record (`on`)."""
    _refuse_closed_year(report.nomination.bloc_year)
    if report.confirmed_at is not None:
        raise ValidationError(_("The report is already confirmed."))
    if not (report.issued_on and report.overview and report.achievements):
        raise ValidationError(_("Write the date and parts I and II before confirming."))
    report.confirmed_at = members_services.recorded_at(report.nomination.bloc_year, on)
    report.confirmed_by = user
    report.full_clean()
    report.save()
    return report
