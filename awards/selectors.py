"""Reads for awards. Each returns what a page or a document needs in a fixed number of queries.

The contract other apps code against (keep stable): nominations_of_year, meeting_of_year,
election_of_year, awards_of_organization."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Exists, F, OuterRef, Prefetch, QuerySet

from awards import rules as rulebook
from awards.defaults import rule_defaults, settings_defaults
from awards.models import (
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
from documents.dates import known_on
from documents.text import vi_sort_key
from members.models import Bloc, BlocYear, Organization
from members.selectors import lineage
from revisions.reads import remembered

Status = Nomination.Status
# What a year's rule and settings copy from the year before.
RULE_FIELDS = [
    "offered",
    "quota",
    "min_rank",
    "min_score",
    "prerequisite_id",
    "prerequisite_years",
    "allows_second_award",
    "threshold_strict",
    "threshold_numerator",
    "threshold_denominator",
    "threshold_base",
    "legal_basis",
]
SETTINGS_FIELDS = [
    "threshold_strict",
    "threshold_numerator",
    "threshold_denominator",
    "threshold_base",
    "quorum_numerator",
    "quorum_denominator",
    "ballot",
    "submission_recipient",
    "document_symbol",
]
# Nominations that hold a place: they count against quotas and the one-award-a-year rule.
ACTIVE = [s for s in Status.values if s not in (Status.WITHDRAWN, Status.NOT_PASSED)]
# What an organization's history shows as its awards (the vote passed, or later).
HISTORY = [
    Status.VOTED,
    Status.APPROVED,
    Status.RETURNED,
    Status.SUBMITTED,
    Status.GRANTED,
    Status.NOT_GRANTED,
]


def ranking_rows(bloc_year: BlocYear, *, memberships: list | None = None) -> list:
    """The year's ranking (pledges' RankRow: organization, rank, total, …), best first: ranks and
    totals, what the rules read (no band, no change since last year)."""
    from pledges.selectors import year_ranking

    return list(year_ranking(bloc_year, memberships=memberships, brief=True))


# --- the contract ------------------------------------------------------------------------------


def nominations_of_year(bloc_year: BlocYear) -> QuerySet[Nomination]:
    """Each with organization, award_type and its tally (votes_for, votes_against, votes_abstain,
    voters, passed, percent read through the related Vote): one query."""
    return (
        Nomination.objects.filter(bloc_year=bloc_year)
        .select_related("organization", "award_type", "vote")
        .order_by(
            "award_type__precedence", F("rank").asc(nulls_last=True), "organization__name", "pk"
        )
    )


def meeting_of_year(bloc_year: BlocYear) -> Meeting | None:
    """The meeting with `present_list`, `present_count`, `member_count` and `absent_list`."""
    meeting = (
        Meeting.objects.filter(bloc_year=bloc_year)
        .select_related("bloc_year")
        .prefetch_related(Prefetch("present", queryset=Organization.objects.order_by("name")))
        .first()
    )
    if meeting is None:
        return None
    members = [m.organization for m in bloc_year.memberships.select_related("organization")]
    present_ids = {org.pk for org in meeting.present.all()}
    meeting.present_list = [org for org in members if org.pk in present_ids]
    meeting.present_count = len(meeting.present_list)
    meeting.member_count = len(members)
    meeting.absent_list = [org for org in members if org.pk not in present_ids]
    return meeting


def election_of_year(bloc_year: BlocYear) -> Election | None:
    """The election at this year's meeting: `head` and `deputy` elected for year + 1,
    `applied_at` once next year's leadership was set from it; candidates with their tallies."""
    return (
        Election.objects.filter(bloc_year=bloc_year)
        .select_related("bloc_year", "head", "deputy")
        .prefetch_related(
            Prefetch(
                "candidates",
                queryset=Candidate.objects.select_related("organization").prefetch_related(
                    Prefetch("votes", queryset=Vote.objects.order_by("round"))
                ),
            )
        )
        .first()
    )


def awards_of_organization(organization: Organization) -> QuerySet[Nomination]:
    """An organization's awards across all years (from the passing vote on), newest first,
    with those of its predecessors (mergers, splits, renames): the history follows the line."""
    line = [org.pk for org in lineage(organization)]
    return (
        Nomination.objects.filter(organization__in=line, status__in=HISTORY)
        .select_related("bloc_year__bloc", "award_type", "vote", "organization")
        .order_by("-bloc_year__year", "award_type__precedence")
    )


# --- rules and settings ------------------------------------------------------------------------


# An open year whose rules were never set up (opened by an older version, or imported) is read
# with the rules its setting-up would store, unsaved (pk None): reading writes nothing, and the
# first act that needs them stores them (services.year_setup_ensure). A closed year is read as
# it was kept.


def rules_of_year(bloc_year: BlocYear) -> list[AwardRule]:
    """A rule for every award type, by precedence: the stored ones, and for an open year the
    defaults of the types that have none yet (unsaved)."""
    rules = list(
        AwardRule.objects.filter(bloc_year=bloc_year)
        .select_related("award_type", "prerequisite")
        .order_by("award_type__precedence")
    )
    if bloc_year.is_closed:
        return rules
    missing = missing_rules(bloc_year, source=PREVIOUS_YEAR, rules=rules)
    return sorted([*rules, *missing], key=lambda rule: rule.award_type.precedence)


def settings_of_year(bloc_year: BlocYear) -> AwardSettings | None:
    """The year's meeting and voting settings; for an open year that has none yet, the ones its
    setting-up would store (unsaved)."""
    settings = AwardSettings.objects.filter(bloc_year=bloc_year).first()
    if settings is None and not bloc_year.is_closed:
        return default_settings(bloc_year, source=previous_year(bloc_year))
    return settings


# missing_rules' source when it is the latest earlier year: read only if a rule is missing (a
# page shows the rules on every visit, and a year set up has them all).
PREVIOUS_YEAR = object()


def missing_rules(
    bloc_year: BlocYear, *, source, rules: list[AwardRule] | None = None
) -> list[AwardRule]:
    """Unsaved rules for the award types this year has none of: as `source` had them, else the
    defaults. `rules`: the year's stored rules when the caller has read them."""
    if rules is None:
        rules = list(AwardRule.objects.filter(bloc_year=bloc_year))
    have = {rule.award_type_id for rule in rules}
    types = {t.pk: t for t in award_types()}
    if not set(types) - have:
        return []
    if source is PREVIOUS_YEAR:
        source = previous_year(bloc_year)
    earlier = {r.award_type_id: r for r in source.award_rules.all()} if source else {}
    missing = []
    for award_type in types.values():
        if award_type.pk in have:
            continue
        before = earlier.get(award_type.pk)
        values = (
            {name: getattr(before, name) for name in RULE_FIELDS}
            if before
            else rule_defaults(award_type)
        )
        rule = AwardRule(bloc_year=bloc_year, award_type=award_type, **values)
        rule.prerequisite = types.get(rule.prerequisite_id)  # no query per row to show it
        missing.append(rule)
    return missing


def default_settings(bloc_year: BlocYear, *, source: BlocYear | None) -> AwardSettings:
    """Unsaved meeting settings for a year that has none: as `source` had them, else the
    defaults."""
    before = AwardSettings.objects.filter(bloc_year=source).first() if source else None
    values = (
        {name: getattr(before, name) for name in SETTINGS_FIELDS}
        if before
        else settings_defaults(bloc_year)
    )
    return AwardSettings(bloc_year=bloc_year, **values)


def award_types() -> QuerySet[AwardType]:
    return AwardType.objects.order_by("precedence")


def previous_year(bloc_year: BlocYear) -> BlocYear | None:
    return (
        BlocYear.objects.filter(bloc_id=bloc_year.bloc_id, year__lt=bloc_year.year)
        .order_by("-year")
        .first()
    )


# --- the facts the rules look at ---------------------------------------------------------------


@dataclass
class YearFacts:
    """Everything the rulebook needs for one year, gathered in a fixed number of queries."""

    bloc_year: BlocYear
    rules: list[AwardRule]
    standings: dict[int, rulebook.Standing]
    used: Counter = field(default_factory=Counter)  # award type id -> active nominations
    ranked: list = field(default_factory=list)  # the ranking rows, best first
    nominations: list = field(default_factory=list)  # the year's, as nominations_of_year
    members: list = field(default_factory=list)  # its organizations, in the members' order

    @property
    def rules_by_type(self) -> dict[int, AwardRule]:
        return {rule.award_type_id: rule for rule in self.rules}

    def checks(self, *, organization_id: int, rule: AwardRule, nomination=None):
        """The rule's checks for one organization; for an existing nomination, the nomination
        itself is not counted against the quota or as another award."""
        standing = self.standings.get(organization_id)
        if standing is None:
            return None
        used = self.used[rule.award_type_id]
        if nomination is not None and nomination.status in ACTIVE:
            used -= 1
        return rulebook.nomination_checks(
            rule=rule,
            standing=standing,
            used=used,
            year=self.bloc_year.year,
            rules_by_type=self.rules_by_type,
        )


def year_facts(bloc_year: BlocYear, *, ranking: list | None = None) -> YearFacts:
    """The members are read once, for the ranking and the standings; the year's nominations
    once, for the quotas and for the page that lists them."""
    memberships = list(bloc_year.memberships.select_related("organization"))
    if ranking is None:
        ranking = ranking_rows(bloc_year, memberships=memberships)
    by_org = {row.organization.pk: row for row in ranking}
    standings = {}
    for membership in memberships:
        org = membership.organization
        row = by_org.get(org.pk)
        standings[org.pk] = rulebook.Standing(
            organization_id=org.pk,
            name=org.name,
            rank=getattr(row, "rank", None),
            total=getattr(row, "total", None),
            block_reason=membership.block_reason if membership.nomination_blocked else None,
        )
    used = Counter()
    nominations = list(nominations_of_year(bloc_year))
    for nomination in nominations:
        if nomination.status not in ACTIVE:
            continue
        type_id = nomination.award_type_id
        used[type_id] += 1
        if nomination.organization_id in standings:
            standings[nomination.organization_id].nominated.append(
                rulebook.Held(type_id, nomination.award_type.name, bloc_year.year)
            )
    earlier = Nomination.objects.filter(
        organization_id__in=list(standings),
        status=Status.GRANTED,
        bloc_year__year__lt=bloc_year.year,
    ).values_list("organization_id", "award_type_id", "award_type__name", "bloc_year__year")
    for org_id, type_id, name, year in earlier:
        standings[org_id].granted.append(rulebook.Held(type_id, name, year))
    return YearFacts(
        bloc_year=bloc_year,
        rules=rules_of_year(bloc_year),
        standings=standings,
        used=used,
        ranked=ranking,
        nominations=nominations,
        members=[membership.organization for membership in memberships],
    )


@remembered
def organization_awards(organization: Organization) -> list[Nomination]:
    """awards_of_organization for the organization's page, remembered until the next write
    (revisions.reads)."""
    return list(awards_of_organization(organization))


@remembered
def secret_ballot(bloc_year: BlocYear) -> bool:
    """Whether the year votes by secret ballot (its counts: agree, disagree, invalid) or by a
    show of hands (for, against, abstain); remembered for the pages that name the counts."""
    settings = settings_of_year(bloc_year)
    return settings is None or settings.secret


# The pages' read of year_facts, remembered until the next write (revisions.reads); services read
# year_facts itself, in their transaction.
year_facts_shown = remembered(year_facts)


# --- pages -------------------------------------------------------------------------------------


def nominations_with_checks(bloc_year: BlocYear, facts: YearFacts) -> list[Nomination]:
    """The year's nominations, each with `checks` (every rule passed or failed, in words)."""
    rules = facts.rules_by_type
    nominations = facts.nominations
    for nomination in nominations:
        rule = rules.get(nomination.award_type_id)
        checks = None
        if rule is not None:
            checks = facts.checks(
                organization_id=nomination.organization_id, rule=rule, nomination=nomination
            )
        nomination.checks = checks or []
        nomination.fails = rulebook.failures(nomination.checks)
    return nominations


def nomination_detail(bloc_year: BlocYear, pk: int) -> Nomination:
    """One nomination of the year with its events; raises DoesNotExist for another year's."""
    return (
        Nomination.objects.select_related("organization", "award_type", "vote", "bloc_year")
        .prefetch_related(Prefetch("events", queryset=NominationEvent.objects.select_related("by")))
        .get(pk=pk, bloc_year=bloc_year)
    )


def nominations_by_status(bloc_year: BlocYear, statuses) -> QuerySet[Nomination]:
    return nominations_of_year(bloc_year).filter(status__in=statuses)


@dataclass
class PostTally:
    post: str
    label: str
    rows: list = field(default_factory=list)  # (candidate, vote of the current round or None)
    result: rulebook.PostResult | None = None
    # The earlier round that decided this post: a later round leaves it alone (no new tally),
    # and its rows then carry that round's votes.
    decided_round: int | None = None


def election_tallies(election: Election | None) -> list[PostTally]:
    """For each post: its candidates with this round's tally, and the result of the post's
    latest round with votes. Reads only what election_of_year prefetched."""
    posts = [PostTally(post, str(label)) for post, label in Candidate.Post.choices]
    if election is None:
        for tally in posts:
            tally.result = rulebook.post_result([])
        return tallies_in_order(posts)
    for tally in posts:
        candidates = [c for c in election.candidates.all() if c.post == tally.post]
        by_round = defaultdict(list)
        for candidate in candidates:
            current = None
            for vote in candidate.votes.all():
                by_round[vote.round].append((candidate.organization, vote))
                if vote.round == election.round:
                    current = vote
            tally.rows.append((candidate, current))
        latest = max(by_round) if by_round else None
        tally.result = rulebook.post_result(by_round[latest] if latest else [])
        if latest and latest != election.round and tally.result.decided:
            tally.decided_round = latest
            tally.rows = [
                (c, next((v for v in c.votes.all() if v.round == latest), None))
                for c, _current in tally.rows
            ]
    return tallies_in_order(posts)


def election_rounds(election: Election | None) -> list[dict]:
    """Every round of every post with its tallies, for the minutes: a tied first round is part
    of the record, not only the round that decided. Reads only what election_of_year prefetched."""
    if election is None:
        return []
    posts = []
    for post, label in Candidate.Post.choices:
        by_round = defaultdict(list)
        for candidate in election.candidates.all():
            if candidate.post == post:
                for vote in candidate.votes.all():
                    by_round[vote.round].append((candidate.organization, vote))
        if by_round:
            rounds = [{"number": n, "rows": by_round[n]} for n in sorted(by_round)]
            posts.append({"post": post, "label": str(label), "rounds": rounds})
    order = {Candidate.Post.HEAD: 0, Candidate.Post.DEPUTY: 1}
    return sorted(posts, key=lambda p: order.get(p["post"], 9))


def tallies_in_order(posts: list[PostTally]) -> list[PostTally]:
    order = {Candidate.Post.HEAD: 0, Candidate.Post.DEPUTY: 1}
    return sorted(posts, key=lambda p: order.get(p.post, 9))


def awards_table(bloc: Bloc) -> tuple[list[AwardType], list[dict]]:
    """The bloc's awards by year: rows (year, {award type id: [nominations]}), newest first."""
    types = list(award_types())
    nominations = (
        Nomination.objects.filter(bloc_year__bloc=bloc, status__in=HISTORY)
        .select_related("organization", "bloc_year")
        .order_by("-bloc_year__year")
    )
    years: dict[int, dict[int, list]] = {}
    for nomination in nominations:
        years.setdefault(nomination.bloc_year.year, defaultdict(list))[
            nomination.award_type_id
        ].append(nomination)
    rows = [
        {"year": year, "cells": [_by_name(cells.get(t.pk, [])) for t in types]}
        for year, cells in years.items()
    ]
    used_types = [t for i, t in enumerate(types) if any(row["cells"][i] for row in rows)]
    keep = [i for i, t in enumerate(types) if t in used_types]
    for row in rows:
        row["cells"] = [row["cells"][i] for i in keep]
    return used_types, rows


def _by_name(nominations: list[Nomination]) -> list[Nomination]:
    return sorted(nominations, key=lambda n: vi_sort_key(n.organization.name))


def year_setup_complete(bloc_year: BlocYear) -> bool:
    """Every award type has its rule this year and the year has its meeting settings. One query."""
    any_type = AwardType.objects.all()
    missing_rule = AwardType.objects.exclude(rules__bloc_year=bloc_year)
    settings = AwardSettings.objects.filter(bloc_year=bloc_year)
    row = (
        BlocYear.objects.filter(pk=bloc_year.pk)
        .annotate(
            has_types=Exists(any_type),
            missing_rule=Exists(missing_rule),
            has_settings=Exists(settings.filter(bloc_year=OuterRef("pk"))),
        )
        .values("has_types", "missing_rule", "has_settings")
        .get()
    )
    return row["has_types"] and not row["missing_rule"] and row["has_settings"]


# --- achievement reports -----------------------------------------------------------------------


def awards_received(organization: Organization, *, as_of) -> list[Nomination]:
    """Part III of an achievement report: the awards the organization (and its predecessors)
    had been granted by the report's date, oldest first (documents.dates.known_on)."""
    granted = [
        n
        for n in awards_of_organization(organization).filter(status=Status.GRANTED)
        if known_on(as_of, n.decision_date)
    ]
    return sorted(granted, key=lambda n: (n.decision_date, n.award_type.precedence))


def nominees_with_reports(bloc_year: BlocYear) -> list[Nomination]:
    """The nominations sent to the province (approved or later), each with its achievement
    report when one was written: one report per nominee goes into the dossier."""
    return list(
        Nomination.objects.filter(
            bloc_year=bloc_year,
            status__in=[Status.APPROVED, Status.SUBMITTED, Status.GRANTED, Status.NOT_GRANTED],
        )
        .select_related("organization", "award_type", "achievement_report", "bloc_year__head")
        .order_by("award_type__precedence", "rank", "organization__name")
    )


def document_symbol(bloc_year: BlocYear) -> str:
    """The symbol after the type code in the bloc's numbers ("05/BC-KTĐ", "01/BB-KTĐ"): a
    setting of the year, the same for every kind of document."""
    settings = settings_of_year(bloc_year)
    return settings.document_symbol if settings else bloc_year.bloc.words.symbol


def achievement_confirmer_id(nomination: Nomination) -> int | None:
    """The head unit confirms the reports the bloc sends; the head unit's own report the deputy
    unit confirms, since nobody confirms its own achievements (a bloc without a deputy leaves it
    to the head unit, or its report could never go)."""
    bloc_year = nomination.bloc_year
    if nomination.organization_id == bloc_year.head_id and bloc_year.deputy_id:
        return bloc_year.deputy_id
    return bloc_year.head_id
