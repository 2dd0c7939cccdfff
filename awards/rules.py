"""The year's rules, evaluated as plain functions of plain facts: no query in this module.

Selectors gather the facts (the ranking, flags, nominations, earlier awards); these functions say,
in words a secretary reads, which rule a nominee passes or fails, whether a tally passes, whether
the meeting has its quorum, and who an election made head or deputy. Tests call them directly
with rows built in memory."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from documents.templatetags.vn import vn_number
from documents.text import vi_sort_key

# --- shares: "> 1/2", "≥ 2/3", "≥ 80 %" as exact fractions ----------------------------------


def share_text(numerator: int, denominator: int) -> str:
    """ "50 %" when the share is a whole percentage, else "2/3"."""
    if (100 * numerator) % denominator == 0:
        return f"{100 * numerator // denominator} %"
    return f"{numerator}/{denominator}"


def threshold_text(rule) -> str:
    share = share_text(rule.threshold_numerator, rule.threshold_denominator)
    if rule.threshold_strict:
        return _("more than %(share)s") % {"share": share}
    return _("at least %(share)s") % {"share": share}


def reaches(count: int, base: int, numerator: int, denominator: int, strict: bool) -> bool:
    """count/base > n/d (strict) or ≥ n/d, in integers: no rounding ever decides a vote."""
    if base <= 0:
        return False
    if strict:
        return count * denominator > numerator * base
    return count * denominator >= numerator * base


def minimum_count(base: int, numerator: int, denominator: int, strict: bool) -> int:
    """The smallest count that reaches the share of base."""
    exact, remainder = divmod(numerator * base, denominator)
    if strict:
        return exact + 1
    return exact + (1 if remainder else 0)


def percent(count: int, base: int) -> Decimal:
    if base <= 0:
        return Decimal("0.00")
    value = Decimal(count) * 100 / Decimal(base)
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


# --- the quorum ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Quorum:
    present: int
    members: int
    needed: int
    met: bool

    @property
    def message(self) -> str:
        values = {"present": self.present, "members": self.members, "needed": self.needed}
        if self.met:
            return (
                _("%(present)s of %(members)s members present: quorum met (%(needed)s needed).")
                % values
            )
        return (
            _("%(present)s of %(members)s members present: no quorum (%(needed)s needed).") % values
        )


def quorum(*, present: int, members: int, numerator: int, denominator: int) -> Quorum:
    needed = minimum_count(members, numerator, denominator, strict=False)
    met = members > 0 and present >= needed
    return Quorum(present=present, members=members, needed=needed, met=met)


# --- one tally under the year's rule ---------------------------------------------------------


# (threshold counted on all members?, passed?) -> the sentence the secretary reads; %(kind)s is
# the yes votes in the words of the voting method (VOTES_FOR).
TALLY_WORDS = {
    (True, True): gettext_lazy(
        "%(for)s of %(base)s %(kind)s (%(percent)s %%): passes, the rule asks "
        "%(threshold)s of all members of the bloc."
    ),
    (True, False): gettext_lazy(
        "%(for)s of %(base)s %(kind)s (%(percent)s %%): does not pass, the rule asks "
        "%(threshold)s of all members of the bloc."
    ),
    (False, True): gettext_lazy(
        "%(for)s of %(base)s %(kind)s (%(percent)s %%): passes, the rule asks "
        "%(threshold)s of the members present."
    ),
    (False, False): gettext_lazy(
        "%(for)s of %(base)s %(kind)s (%(percent)s %%): does not pass, the rule asks "
        "%(threshold)s of the members present."
    ),
}
# secret ballot? -> its yes votes, as the minutes name them (awards.printing.COUNT_WORDS).
VOTES_FOR = {
    True: pgettext_lazy("yes votes of a secret ballot", "agreeing ballots"),
    False: pgettext_lazy("yes votes of a show of hands", "votes for"),
}


@dataclass(frozen=True)
class Outcome:
    passed: bool
    base: int
    percent: Decimal
    message: str


def tally_outcome(
    *, votes_for: int, voters: int, members: int, rule, secret: bool = True
) -> Outcome:
    """Whether `votes_for` passes `rule` (an AwardRule or the election's AwardSettings), said in
    the words of the voting method (a secret ballot unless `secret` is False)."""
    on_members = rule.threshold_base == "members"
    base = members if on_members else voters
    passed = reaches(
        votes_for, base, rule.threshold_numerator, rule.threshold_denominator, rule.threshold_strict
    )
    share = percent(votes_for, base)
    values = {
        "for": votes_for,
        "base": base,
        "percent": vn_number(share),
        "threshold": threshold_text(rule),
        "kind": VOTES_FOR[secret],
    }
    template = TALLY_WORDS[(on_members, passed)]
    return Outcome(passed=passed, base=base, percent=share, message=str(template) % values)


# --- a nominee against the award's rule ------------------------------------------------------


@dataclass(frozen=True)
class Check:
    passed: bool
    message: str


@dataclass(frozen=True)
class Held:
    """An award an organization holds or is nominated for."""

    award_type_id: int
    name: str
    year: int = 0


@dataclass
class Standing:
    """What the rules look at for one organization in one year."""

    organization_id: int
    name: str
    rank: int | None = None
    total: Decimal | None = None
    block_reason: str | None = None  # set when the member is flagged
    nominated: list[Held] = field(default_factory=list)  # active nominations this year
    granted: list[Held] = field(default_factory=list)  # granted in earlier years


def _flag_check(standing: Standing) -> Check:
    if standing.block_reason is not None:
        return Check(
            False,
            _("Cannot be nominated: under discipline review, inspection or complaint (%(reason)s).")
            % {"reason": standing.block_reason},
        )
    return Check(True, _("Not under discipline review, inspection or complaint."))


def _quota_check(rule, used: int) -> Check:
    values = {"count": used + 1, "quota": rule.quota, "used": used}
    if used + 1 <= rule.quota:
        return Check(True, _("Within the quota: %(count)s of %(quota)s.") % values)
    return Check(False, _("Over the quota: %(quota)s allowed, %(used)s already proposed.") % values)


def _rank_check(rule, standing: Standing) -> Check | None:
    if rule.min_rank is None:
        return None
    if standing.rank is None:
        return Check(
            False,
            _("Not ranked, the rule requires rank %(min)s or better.") % {"min": rule.min_rank},
        )
    values = {"rank": standing.rank, "min": rule.min_rank}
    return Check(
        standing.rank <= rule.min_rank,
        _("Rank %(rank)s, the rule requires rank %(min)s or better.") % values,
    )


def _score_check(rule, standing: Standing) -> Check | None:
    if rule.min_score is None:
        return None
    minimum = vn_number(rule.min_score)
    if standing.total is None:
        return Check(
            False, _("No final score, the rule requires at least %(min)s.") % {"min": minimum}
        )
    values = {"score": vn_number(standing.total), "min": minimum}
    return Check(
        standing.total >= rule.min_score,
        _("Score %(score)s, the rule requires at least %(min)s.") % values,
    )


def _prerequisite_check(rule, standing: Standing, year: int) -> Check | None:
    prerequisite = rule.prerequisite
    if prerequisite is None:
        return None
    earliest = year - rule.prerequisite_years if rule.prerequisite_years else 0
    years = sorted(
        held.year
        for held in standing.granted
        if held.award_type_id == prerequisite.pk and earliest <= held.year < year
    )
    if years:
        return Check(
            True,
            _("Received %(award)s in %(year)s.") % {"award": prerequisite.name, "year": years[-1]},
        )
    if rule.prerequisite_years:
        return Check(
            False,
            _(
                "Has not received %(award)s in the previous %(years)s years, which the rule "
                "requires."
            )
            % {"award": prerequisite.name, "years": rule.prerequisite_years},
        )
    return Check(
        False,
        _("Has never received %(award)s, which the rule requires.") % {"award": prerequisite.name},
    )


def _second_award_check(rule, standing: Standing, rules_by_type: Mapping[int, object]) -> Check:
    others = [held for held in standing.nominated if held.award_type_id != rule.award_type_id]
    if not others:
        return Check(True, _("No other award proposed for it this year."))
    names = ", ".join(held.name for held in others)
    allowed = rule.allows_second_award and all(
        getattr(rules_by_type.get(held.award_type_id), "allows_second_award", False)
        for held in others
    )
    if allowed:
        return Check(
            True,
            _("Also proposed for %(awards)s this year, which the rules allow.") % {"awards": names},
        )
    return Check(
        False,
        _(
            "Already proposed for %(awards)s this year: an organization may receive only one "
            "award a year."
        )
        % {"awards": names},
    )


def nomination_checks(
    *, rule, standing: Standing, used: int, year: int, rules_by_type: Mapping[int, object]
) -> list[Check]:
    """Every rule of `rule` (an AwardRule), passed or failed, in the order a reader checks them.

    `used`: the active nominations for this award in the year, not counting this one;
    `rules_by_type`: the year's rules by award type id (for the one-award-a-year rule)."""
    checks = [_flag_check(standing)]
    if not rule.offered:
        checks.append(
            Check(False, _("%(award)s is not offered this year.") % {"award": rule.award_type.name})
        )
    checks.append(_quota_check(rule, used))
    for optional in (
        _rank_check(rule, standing),
        _score_check(rule, standing),
        _prerequisite_check(rule, standing, year),
    ):
        if optional is not None:
            checks.append(optional)
    checks.append(_second_award_check(rule, standing, rules_by_type))
    return checks


def failures(checks: Iterable[Check]) -> list[str]:
    return [check.message for check in checks if not check.passed]


# --- the proposal from the ranking -----------------------------------------------------------


class Planned(NamedTuple):
    standing: Standing
    rule: object
    tie: str  # "" or why the quota is exceeded: a tie at its edge, for the meeting to decide


def plan_from_ranking(
    *,
    rules: list,
    standings: Mapping[int, Standing],
    used: Mapping[int, int],
    year: int,
    taken: frozenset[tuple[int, int]] = frozenset(),
) -> list[Planned]:
    """Best ranks to the highest awards within the quotas: for each offered award, from the
    highest down, the best-ranked organizations that pass every rule. An organization gets at
    most one award from one run; existing nominations count against quotas and rules.
    `taken` holds (organization id, award type id) of every nomination not withdrawn, failed
    ones too: they free their quota place but that member cannot be proposed for it again.

    Members sharing the rank at the quota's edge are all proposed, the tie stated: the ranking
    cannot choose between them, so the meeting's vote does (picking one by name would decide
    it silently)."""
    rules_by_type = {rule.award_type_id: rule for rule in rules}
    ranked = sorted(
        (s for s in standings.values() if s.rank is not None),
        key=lambda s: (s.rank, vi_sort_key(s.name)),
    )
    used = dict(used)
    picked: set[int] = set()
    plan = []
    for rule in sorted(rules, key=lambda r: r.award_type.precedence):
        if rule.offered:
            chosen, beyond = _plan_award(rule, ranked, used, picked, year, rules_by_type, taken)
            plan.extend(_with_tie(chosen, rule, beyond))
    return plan


def _plan_award(
    rule, ranked, used, picked, year, rules_by_type, taken=frozenset()
) -> tuple[list[Standing], bool]:
    """(the members chosen for this award, whether a tie took some past the quota)."""
    chosen: list[Standing] = []
    beyond = False
    for standing in ranked:
        full = used.get(rule.award_type_id, 0) >= rule.quota
        if full and not (chosen and chosen[-1].rank == standing.rank):
            break
        if standing.organization_id in picked:
            continue
        if (standing.organization_id, rule.award_type_id) in taken:
            continue
        if any(h.award_type_id == rule.award_type_id for h in standing.nominated):
            continue
        count = used.get(rule.award_type_id, 0)
        checks = nomination_checks(
            rule=rule,
            standing=standing,
            # At the edge the quota is what the tie is about; every other rule still applies.
            used=min(count, rule.quota - 1) if full else count,
            year=year,
            rules_by_type=rules_by_type,
        )
        if failures(checks):
            continue
        chosen.append(standing)
        beyond = beyond or full
        picked.add(standing.organization_id)
        used[rule.award_type_id] = count + 1
        standing.nominated.append(Held(rule.award_type_id, rule.award_type.name, year))
    return chosen, beyond


def _with_tie(chosen: list[Standing], rule, beyond: bool) -> list[Planned]:
    edge = chosen[-1].rank if chosen else None
    tied = [s for s in chosen if s.rank == edge] if beyond else []
    tie = ""
    if tied:
        tie = _(
            "%(names)s share rank %(rank)s at the edge of the quota for %(award)s "
            "(%(quota)s): all are proposed and the meeting decides."
        ) % {
            "names": ", ".join(s.name for s in tied),
            "rank": edge,
            "award": rule.award_type.name,
            "quota": rule.quota,
        }
    return [Planned(s, rule, tie if s in tied else "") for s in chosen]


# --- the election ----------------------------------------------------------------------------


@dataclass(frozen=True)
class PostResult:
    """Who one post's latest round elected, or why it elected nobody."""

    winner: object | None
    decided: bool
    tie: bool
    message: str


def post_result(tallies: list[tuple[object, object]]) -> PostResult:
    """`tallies`: (organization, vote) for each candidate of the post in its latest round.
    The candidate with the most votes wins if it reaches the threshold; a tie at the top asks
    for another round, and so does a leader short of the threshold."""
    if not tallies:
        return PostResult(None, False, False, _("No tally recorded yet."))
    best = max(vote.votes_for for _org, vote in tallies)
    top = [(org, vote) for org, vote in tallies if vote.votes_for == best]
    if len(top) > 1:
        names = ", ".join(str(org) for org, _vote in top)
        return PostResult(
            None,
            False,
            True,
            _("Tie between %(names)s (%(votes)s votes each): hold another round.")
            % {"names": names, "votes": best},
        )
    winner, vote = top[0]
    if not vote.passed:
        return PostResult(
            None, False, False, _("No candidate reached the threshold: hold another round.")
        )
    message = _("%(name)s is elected with %(votes)s votes.") % {"name": winner, "votes": best}
    return PostResult(winner, True, False, message)
