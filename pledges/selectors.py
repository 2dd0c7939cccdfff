"""Reads for pledges, criteria, sheets and the ranking. Each returns what a page needs in a fixed
number of queries, whatever the number of members or criteria."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, F, OuterRef, Prefetch, Q, Subquery, Sum

from documents.text import vi_sort_key
from members.models import BlocYear, Membership, Organization
from pledges.models import (
    ZERO,
    Criterion,
    CrossScore,
    Pledge,
    PledgeTarget,
    Score,
    ScoreSheet,
    ScoringSettings,
    Section,
)
from revisions.reads import remembered

CENT = Decimal("0.01")


def quantize(value) -> Decimal:
    return Decimal(value or 0).quantize(CENT, rounding=ROUND_HALF_UP)


# --- Settings and pledge ---------------------------------------------------------------------


def scoring_settings(bloc_year: BlocYear) -> ScoringSettings:
    """The year's settings; an unsaved instance with the defaults when none were saved yet."""
    found = ScoringSettings.objects.filter(bloc_year=bloc_year).first()
    return found or ScoringSettings(bloc_year=bloc_year)


def pledge_of_year(bloc_year: BlocYear) -> Pledge | None:
    return (
        Pledge.objects.filter(bloc_year=bloc_year)
        .prefetch_related("commitments")
        .select_related("bloc_year")
        .first()
    )


def targets_by_organization(pledge: Pledge | None, bloc_year: BlocYear) -> list[tuple]:
    """[(membership, [targets])] for every member, in the members' order."""
    memberships = list(
        bloc_year.memberships.select_related("organization").order_by(
            "position", "organization__name"
        )
    )
    grouped = defaultdict(list)
    if pledge is not None:
        for target in pledge.targets.select_related("criterion").order_by("position", "pk"):
            grouped[target.organization_id].append(target)
    return [(m, grouped[m.organization_id]) for m in memberships]


# --- Criteria --------------------------------------------------------------------------------


def sections_with_criteria(bloc_year: BlocYear) -> list[Section]:
    criteria = Criterion.objects.order_by("position", "pk")
    return list(
        bloc_year.criteria_sections.order_by("position", "pk").prefetch_related(
            Prefetch("criteria", queryset=criteria)
        )
    )


def criteria_of_year(bloc_year: BlocYear):
    return (
        Criterion.objects.filter(section__bloc_year=bloc_year)
        .select_related("section")
        .order_by("section__position", "section_id", "position", "pk")
    )


@dataclass(frozen=True)
class ScaleTotals:
    scored: Decimal
    bonus: Decimal
    deduction: Decimal
    count: int


def scale_totals(bloc_year: BlocYear) -> ScaleTotals:
    """The scale: the sum of the scored criteria's maxima (e.g. 100), and the bonus and deduction
    maxima apart, because they move a total above or below the scale."""
    rows = (
        Criterion.objects.filter(section__bloc_year=bloc_year)
        .values("kind")
        .annotate(total=Sum("max_points"), count=Count("pk"))
    )
    by_kind = {row["kind"]: row for row in rows}

    def total(kind):
        return quantize(by_kind.get(kind, {}).get("total"))

    return ScaleTotals(
        scored=total(Criterion.Kind.SCORED),
        bonus=total(Criterion.Kind.BONUS),
        deduction=total(Criterion.Kind.DEDUCTION),
        count=sum(row["count"] for row in rows),
    )


def criteria_frozen(bloc_year: BlocYear) -> bool:
    """Criteria freeze once scoring starts: any sheet handed in, or the phase past the pledge."""
    early = (BlocYear.Phase.SETUP, BlocYear.Phase.PLEDGE)
    if bloc_year.phase not in early:
        return True
    return (
        ScoreSheet.objects.filter(bloc_year=bloc_year)
        .exclude(status=ScoreSheet.Status.DRAFT)
        .exists()
    )


def demo_note(bloc_year: BlocYear) -> str:
    """The label of invented demo data, when the year's sheets carry one."""
    found = (
        ScoreSheet.objects.filter(bloc_year=bloc_year)
        .exclude(demo_note="")
        .values_list("demo_note", flat=True)
        .first()
    )
    return found or ""


def previous_year(bloc_year: BlocYear) -> BlocYear | None:
    return BlocYear.objects.filter(bloc_id=bloc_year.bloc_id, year=bloc_year.year - 1).first()


# --- Sheets ----------------------------------------------------------------------------------


def sheets_in_order(bloc_year: BlocYear) -> list[ScoreSheet]:
    """The year's sheets in the members' order, with their organizations. One query."""
    position = Membership.objects.filter(
        bloc_year=bloc_year, organization=OuterRef("organization")
    ).values("position")[:1]
    sheets = list(
        bloc_year.score_sheets.select_related("organization")
        .annotate(member_position=Subquery(position))
        .order_by("member_position", "pk")
    )
    for sheet in sheets:
        sheet.bloc_year = bloc_year
    return sheets


# Sheets the member has handed in, whatever came of them since.
HANDED_IN_OR_LATER = (
    ScoreSheet.Status.SUBMITTED,
    ScoreSheet.Status.REVIEWED,
    ScoreSheet.Status.FINAL,
)


def progress_counts() -> dict:
    """A year's members, sheets handed in (or beyond) and final sheets, as aggregates of a
    BlocYear query: the joins multiply a year's members by its sheets, a few hundred rows at
    most, which the distinct counts undo. The year page's checklist reads them with its dates."""
    handed_in = Q(score_sheets__status__in=HANDED_IN_OR_LATER)
    return {
        "members": Count("memberships", distinct=True),
        "submitted": Count("score_sheets", filter=handed_in, distinct=True),
        "final": Count("score_sheets", filter=Q(score_sheets__status="final"), distinct=True),
    }


def sheet_progress(bloc_year: BlocYear) -> dict:
    """How far the year's scoring is: members, sheets submitted (or beyond), sheets final."""
    return BlocYear.objects.filter(pk=bloc_year.pk).aggregate(**progress_counts())


def sheets_of_year(bloc_year: BlocYear) -> list[tuple[Membership, ScoreSheet | None]]:
    """Every member with its sheet (None when not started), in the members' order."""
    memberships = list(
        bloc_year.memberships.select_related("organization").order_by(
            "position", "organization__name"
        )
    )
    sheets = {s.organization_id: s for s in ScoreSheet.objects.filter(bloc_year=bloc_year)}
    return [(m, sheets.get(m.organization_id)) for m in memberships]


def sheet_for_page(bloc_year: BlocYear, pk: int) -> ScoreSheet:
    return ScoreSheet.objects.select_related("organization", "bloc_year__bloc").get(
        pk=pk, bloc_year=bloc_year
    )


def targets_prefetch(organization_id: int) -> Prefetch:
    return Prefetch(
        "targets",
        queryset=PledgeTarget.objects.filter(organization_id=organization_id).order_by(
            "position", "pk"
        ),
        to_attr="member_targets",
    )


@dataclass
class SheetRow:
    criterion: Criterion
    score: Score | None
    targets: list

    form: object = None  # the row's form when the viewer may edit it
    conflict: object = None  # the score as someone else saved it, after a refused save

    @property
    def evidence(self) -> list:
        return list(self.score.evidence.all()) if self.score else []

    @property
    def spread(self):
        return spread(list(self.score.cross_scores.all())) if self.score else None


def sheet_rows(sheet: ScoreSheet) -> list[tuple[Section, list[SheetRow]]]:
    """The grid of one sheet: sections, their criteria, this sheet's score of each, its evidence,
    and the member's pledge targets linked to the criterion. Four queries, whatever the size."""
    criteria = Criterion.objects.order_by("position", "pk").prefetch_related(
        targets_prefetch(sheet.organization_id)
    )
    sections = list(
        sheet.bloc_year.criteria_sections.order_by("position", "pk").prefetch_related(
            Prefetch("criteria", queryset=criteria)
        )
    )
    scores = {
        s.criterion_id: s
        for s in Score.objects.filter(sheet=sheet).prefetch_related(
            "evidence",
            Prefetch("cross_scores", queryset=CrossScore.objects.select_related("scorer")),
        )
    }
    return [
        (
            section,
            [
                SheetRow(criterion=c, score=scores.get(c.pk), targets=c.member_targets)
                for c in section.criteria.all()
            ],
        )
        for section in sections
    ]


def score_changes(sheet: ScoreSheet, limit: int = 50):
    from pledges.models import ScoreChange

    return (
        ScoreChange.objects.filter(score__sheet=sheet)
        .select_related("score__criterion", "changed_by", "scorer")
        .order_by("-changed_at", "-pk")[:limit]
    )


# --- Ranking ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class RankRow:
    organization: Organization
    rank: int
    total: Decimal
    scored: Decimal
    bonus: Decimal
    deduction: Decimal
    previous_rank: int | None
    classification: str = ""

    @property
    def change(self) -> int | None:
        """Places gained since last year (positive = moved up)."""
        if self.previous_rank is None:
            return None
        return self.previous_rank - self.rank

    @property
    def places(self) -> int:
        """How many places it moved, up or down."""
        return abs(self.change or 0)


def classify(total: Decimal, bands, *, scale: Decimal, drop: int = 0) -> str:
    """The band the total reaches, `drop` bands lower (a flagged member drops a grade,
    DOMAIN.md §3), never below the lowest band. Bands are shares of the scale in per cent, so
    "95" means 95 of 100 points and 950 of 1,000; compared without division, exactly."""
    ordered = sorted(bands or [], key=lambda band: Decimal(str(band[0])), reverse=True)
    for index, (minimum, _label) in enumerate(ordered):
        if total * 100 >= Decimal(str(minimum)) * scale:
            return ordered[min(index + drop, len(ordered) - 1)][1]
    return ""


def _tie_key(row: dict, rule: str) -> tuple:
    if rule == ScoringSettings.TieRule.SHARED:
        return (-row["total"],)
    return (-row["total"], -row["scored"], row["deduction"])


def _final_totals(bloc_year: BlocYear, settings: ScoringSettings) -> dict[int, dict]:
    """organization id → {scored, bonus, deduction, total} over FINAL sheets. One query."""
    return _totals_by_year(bloc_year.bloc_id, {bloc_year.year: settings})[bloc_year.year]


def _totals_by_year(bloc_id: int, settings: dict[int, ScoringSettings]) -> dict[int, dict]:
    """year → _final_totals of the bloc's year, for the years `settings` names (each year with
    its own caps): one query, however many years."""
    years = list(settings)
    totals = {year: {} for year in years}
    # Final sheets joined to their scores (a sheet without scores still counts, at zero).
    rows = (
        ScoreSheet.objects.filter(
            bloc_year__bloc_id=bloc_id, bloc_year__year__in=years, status="final"
        )
        .order_by()
        .values("bloc_year__year", "organization_id", "scores__criterion__kind")
        .annotate(points=Sum("scores__final_points"))
    )
    for row in rows:
        values = totals[row["bloc_year__year"]].setdefault(
            row["organization_id"], {"scored": ZERO, "bonus": ZERO, "deduction": ZERO}
        )
        if row["scores__criterion__kind"] is not None:
            values[row["scores__criterion__kind"]] = quantize(row["points"])
    for year, by_organization in totals.items():
        caps = settings[year]
        for values in by_organization.values():
            if caps.max_bonus is not None:
                values["bonus"] = min(values["bonus"], caps.max_bonus)
            if caps.max_deduction is not None:
                values["deduction"] = min(values["deduction"], caps.max_deduction)
            values["total"] = quantize(values["scored"] + values["bonus"] - values["deduction"])
    return totals


def _ranks(totals: dict[int, dict], rule: str) -> dict[int, int]:
    """Competition ranking (1, 2, 2, 4): equal keys under the tie rule share a rank."""
    ordered = sorted(totals, key=lambda org_id: _tie_key(totals[org_id], rule))
    ranks, previous_key = {}, None
    for position, org_id in enumerate(ordered, start=1):
        key = _tie_key(totals[org_id], rule)
        ranks[org_id] = ranks[ordered[position - 2]] if key == previous_key else position
        previous_key = key
    return ranks


def year_ranking(
    bloc_year: BlocYear,
    *,
    settings: ScoringSettings | None = None,
    memberships: list[Membership] | None = None,
    brief: bool = False,
) -> list[RankRow]:
    """The ranking from FINAL points, ordered by rank; [] when no sheet is final. `memberships`:
    the year's, with their organizations, when the caller has read them. `brief`: ranks and
    totals only, without the band (classification) and the change since last year, which cost
    two more reads (what the award rules need)."""
    # Last year's ranks (for the change) are read with this year's totals, not after them;
    # its settings with this year's.
    before = bloc_year.year - 1
    wanted = ([] if brief else [before]) + ([] if settings else [bloc_year.year])
    stored = (
        {
            found.year: found
            for found in ScoringSettings.objects.filter(
                bloc_year__bloc_id=bloc_year.bloc_id, bloc_year__year__in=wanted
            ).annotate(year=F("bloc_year__year"))
        }
        if wanted
        else {}
    )
    settings = settings or stored.get(bloc_year.year) or ScoringSettings(bloc_year=bloc_year)
    settings_before = stored.get(before) or ScoringSettings()
    years = (
        {bloc_year.year: settings} if brief else {bloc_year.year: settings, before: settings_before}
    )
    both = _totals_by_year(bloc_year.bloc_id, years)
    totals = both[bloc_year.year]
    if not totals:
        return []
    ranks = _ranks(totals, settings.tie_rule)
    scale = None if brief else scale_totals(bloc_year).scored or Decimal(100)
    previous = {} if brief else _ranks(both[before], settings_before.tie_rule)
    if memberships is None:
        memberships = list(bloc_year.memberships.select_related("organization"))
    organizations = {m.organization_id: m.organization for m in memberships}
    if set(totals) - set(organizations):  # a final sheet of an organization no longer a member
        organizations |= Organization.objects.in_bulk(list(set(totals) - set(organizations)))
    positions = {m.organization_id: m.position for m in memberships}
    drops = {
        m.organization_id: int(m.nomination_blocked and settings.flagged_drops_grade)
        for m in memberships
    }
    rows = [
        RankRow(
            organization=organizations[org_id],
            rank=ranks[org_id],
            total=values["total"],
            scored=values["scored"],
            bonus=values["bonus"],
            deduction=values["deduction"],
            previous_rank=previous.get(org_id),
            classification=""
            if brief
            else classify(
                values["total"],
                settings.classification_bands,
                scale=scale,
                drop=drops.get(org_id, 0),
            ),
        )
        for org_id, values in totals.items()
    ]
    return sorted(
        rows,
        key=lambda r: (
            r.rank,
            positions.get(r.organization.pk, 0),
            vi_sort_key(r.organization.name),
        ),
    )


# --- The full table: criteria × members --------------------------------------------------------


@dataclass
class TableRow:
    criterion: Criterion
    cells: list  # final points per ranked member, None where none


@dataclass
class ScoringTable:
    columns: list[RankRow]
    sections: list[tuple[Section, list[TableRow]]]


def scoring_table(bloc_year: BlocYear) -> ScoringTable:
    """Final points of every criterion for every ranked member, members in rank order."""
    columns = year_ranking(bloc_year)
    points = {
        (org_id, criterion_id): value
        for org_id, criterion_id, value in Score.objects.filter(
            sheet__bloc_year=bloc_year, sheet__status=ScoreSheet.Status.FINAL
        ).values_list("sheet__organization_id", "criterion_id", "final_points")
    }
    sections = [
        (
            section,
            [
                TableRow(
                    criterion=c,
                    cells=[points.get((col.organization.pk, c.pk)) for col in columns],
                )
                for c in section.criteria.all()
            ],
        )
        for section in sections_with_criteria(bloc_year)
    ]
    return ScoringTable(columns=columns, sections=sections)


# --- The pages' reads, remembered until the next write (revisions.reads) -----------------------

scoring_table_shown = remembered(scoring_table)


@dataclass
class RankingPage:
    settings: ScoringSettings
    rows: list[RankRow]
    progress: dict
    demo_note: str


@remembered
def ranking_page(bloc_year: BlocYear) -> RankingPage:
    settings = scoring_settings(bloc_year)
    return RankingPage(
        settings=settings,
        rows=year_ranking(bloc_year, settings=settings),
        progress=sheet_progress(bloc_year),
        demo_note=demo_note(bloc_year),
    )


# --- Overview of the year's sheets and one sheet's figures ------------------------------------


@dataclass
class SheetEntry:
    membership: Membership
    sheet: ScoreSheet | None
    self_total: Decimal | None
    final_total: Decimal | None
    crossed: int  # criteria the viewer's organization has cross-scored on this sheet


def _signed(by_kind: dict) -> Decimal:
    return quantize(
        by_kind.get(Criterion.Kind.SCORED, ZERO)
        + by_kind.get(Criterion.Kind.BONUS, ZERO)
        - by_kind.get(Criterion.Kind.DEDUCTION, ZERO)
    )


def sheets_overview(bloc_year: BlocYear, *, scorer_id: int | None = None) -> list[SheetEntry]:
    """Every member, its sheet, its self and final totals. Four queries."""
    self_sums, final_sums = defaultdict(dict), defaultdict(dict)
    rows = (
        Score.objects.filter(sheet__bloc_year=bloc_year)
        .values("sheet_id", "criterion__kind")
        .annotate(own=Sum("self_points"), final=Sum("final_points"))
    )
    for row in rows:
        if row["own"] is not None:
            self_sums[row["sheet_id"]][row["criterion__kind"]] = row["own"]
        if row["final"] is not None:
            final_sums[row["sheet_id"]][row["criterion__kind"]] = row["final"]
    crossed = {}
    if scorer_id:
        crossed = dict(
            CrossScore.objects.filter(score__sheet__bloc_year=bloc_year, scorer_id=scorer_id)
            .values("score__sheet_id")
            .annotate(n=Count("pk"))
            .values_list("score__sheet_id", "n")
        )
    entries = []
    for membership, sheet in sheets_of_year(bloc_year):
        sheet_id = sheet.pk if sheet else None
        entries.append(
            SheetEntry(
                membership=membership,
                sheet=sheet,
                self_total=_signed(self_sums[sheet_id]) if sheet_id in self_sums else None,
                final_total=_signed(final_sums[sheet_id]) if sheet_id in final_sums else None,
                crossed=crossed.get(sheet_id, 0),
            )
        )
    return entries


@dataclass(frozen=True)
class Spread:
    count: int
    low: Decimal
    high: Decimal
    mean: Decimal
    median: Decimal
    values: list  # [(scorer Organization, points)]


def spread(cross_scores) -> Spread | None:
    """The other members' points on one criterion, to see outliers at a glance."""
    import statistics

    values = [c.points for c in cross_scores]
    if not values:
        return None
    return Spread(
        count=len(values),
        low=min(values),
        high=max(values),
        mean=quantize(sum(values, Decimal(0)) / len(values)),
        median=quantize(statistics.median(values)),
        values=sorted(((c.scorer, c.points) for c in cross_scores), key=lambda v: v[1]),
    )


@dataclass
class SheetTotals:
    self_points: dict
    reviewed: dict
    final: dict

    @staticmethod
    def _total(by_kind: dict) -> Decimal:
        return _signed(by_kind)

    @property
    def self_total(self) -> Decimal:
        return self._total(self.self_points)

    @property
    def reviewed_total(self) -> Decimal:
        return self._total(self.reviewed)

    @property
    def final_total(self) -> Decimal:
        return self._total(self.final)


def sheet_totals(grid) -> SheetTotals:
    """Totals of a sheet's grid (from sheet_rows), by kind; no query."""
    totals = SheetTotals(
        defaultdict(lambda: ZERO), defaultdict(lambda: ZERO), defaultdict(lambda: ZERO)
    )
    for _section, rows in grid:
        for row in rows:
            if row.score is None:
                continue
            kind = row.criterion.kind
            reviewed = row.score.reviewed_points
            if reviewed is None:
                reviewed = row.score.self_points
            for bucket, value in (
                (totals.self_points, row.score.self_points),
                (totals.reviewed, reviewed),
                (totals.final, row.score.final_points),
            ):
                if value is not None:
                    bucket[kind] += value
    return totals
