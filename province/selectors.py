"""Reads of the province's view: every bloc's year at a glance, the nominations of all blocs with
the Government-flag cap. Each reads in a fixed number of queries, whatever the number of blocs
(bench/ measures it at 40 blocs; tests pin it)."""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, Decimal
from functools import cached_property

from django.db.models import DateField, F, IntegerField, Q
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from awards.models import Nomination
from documents.dates import vn_date_short
from members.models import Bloc, BlocYear, Membership, Province
from pledges.models import ScoreSheet
from pledges.selectors import HANDED_IN_OR_LATER
from province.models import ProvinceJob, ProvinceYear
from revisions.reads import remembered

GOV_FLAG = "GOV_FLAG"
# A Government-flag nomination counts against the cap once its bloc has put it forward.
PUT_FORWARD = (
    Nomination.Status.VOTED,
    Nomination.Status.APPROVED,
    Nomination.Status.SUBMITTED,
    Nomination.Status.GRANTED,
)
HANDED_IN = HANDED_IN_OR_LATER

# The year's steps as the dashboard shows them, with the deadline each answers to.
STEPS = [
    ("pledge", _("Pledge"), "pledge"),
    ("scoring", _("Scoring"), "scoring"),
    ("meeting", _("Meeting"), "meeting"),
    ("election", _("Election"), None),
    ("report", _("Report"), None),
    ("dossier", _("Dossier"), "dossier"),
    ("closed", _("Closed"), None),
]


def blocs_of(province: Province):
    """The province's blocs, and those of the provinces merged into it."""
    return Bloc.objects.filter(Q(province=province) | Q(province__merged_into=province))


def settings_of(province: Province, year: int) -> ProvinceYear:
    """The year's settings, or the defaults (unsaved) before the office sets any."""
    found = ProvinceYear.objects.filter(province=province, year=year).first()
    return found or ProvinceYear(province=province, year=year)


@remembered  # the dashboard's year menu, on every visit (revisions.reads)
def years_of(province: Province) -> list[int]:
    years = BlocYear.objects.filter(bloc__in=blocs_of(province)).values_list("year", flat=True)
    return list(years.order_by("-year").distinct())


DUE_FIELDS = ("pledge_due", "scoring_due", "meeting_due", "dossier_due")


def due_dates_of(bloc_year: BlocYear) -> dict:
    """One bloc year's deadlines: field by field, its province's setting for the year, else that
    of the province it merged into."""
    province_id = bloc_year.bloc.province_id
    rows = ProvinceYear.objects.filter(
        Q(province_id=province_id) | Q(province__merged_provinces__id=province_id),
        year=bloc_year.year,
    ).values("province_id", *DUE_FIELDS)
    rows = sorted(rows, key=lambda row: row["province_id"] != province_id)  # its own first
    return {name: next((r[name] for r in rows if r[name]), None) for name in DUE_FIELDS}


# --- the dashboard -----------------------------------------------------------------------------


@dataclass(frozen=True)
class StepState:
    key: str
    label: str
    done: bool
    when: datetime.date | None = None
    due: datetime.date | None = None
    today: datetime.date | None = None
    count: str = ""  # the scoring step's "sheets handed in/members"

    @cached_property
    def overdue(self) -> bool:
        return (
            not self.done
            and self.due is not None
            and self.today is not None
            and self.due < self.today
        )

    @property
    def note(self) -> str:
        """What the cell shows beside its mark: the day it was done and the count, or the count
        (a dash) while not done."""
        if not self.done:
            return self.count or "—"
        return " ".join(part for part in (vn_date_short(self.when), self.count) if part)

    @property
    def due_text(self) -> str:
        return vn_date_short(self.due)


@dataclass
class BlocRow:
    bloc: Bloc
    bloc_year: BlocYear | None
    steps: list[StepState] = field(default_factory=list)
    members: int = 0
    submitted: int = 0
    final: int = 0
    nominations: int = 0
    link: str = ""  # the bloc's year page, or the bloc's page without the year (set by the view)

    @cached_property
    def done_count(self) -> int:
        return sum(step.done for step in self.steps)

    @cached_property
    def overdue(self) -> list[StepState]:
        return [step for step in self.steps if step.overdue]

    @property
    def is_closed(self) -> bool:
        return self.bloc_year is not None and self.bloc_year.is_closed


def _per_year(model, value: str = "COUNT(*)", where: str = "", params=(), field=None):
    """A figure of each bloc year's rows of `model` (a count, or the first date), as a
    correlated subquery written in SQL: Django compiled the same five as Subquery expressions in
    4 ms of CPU per dashboard, more than the rest of its queries together."""
    return RawSQL(
        f'SELECT {value} FROM "{model._meta.db_table}" c '
        f'WHERE c."bloc_year_id" = "{BlocYear._meta.db_table}"."id"{where}',
        list(params),
        output_field=field or IntegerField(),
    )


def _among(column: str, values) -> str:
    return f' AND c."{column}" IN ({", ".join(["%s"] * len(values))})'


def _years(province: Province, year: int):
    """Every bloc's year with the marks of its steps, in one query: the year's one-to-one
    records (pledge, meeting, election, report) by outer joins, the counts by subqueries (a join
    would multiply one bloc's sheets by its members)."""
    return BlocYear.objects.filter(bloc__in=blocs_of(province), year=year).annotate(
        n_members=_per_year(Membership),
        n_submitted=_per_year(ScoreSheet, where=_among("status", HANDED_IN), params=HANDED_IN),
        n_final=_per_year(ScoreSheet, where=' AND c."status" = %s', params=["final"]),
        n_nominations=_per_year(
            Nomination, where=_among("status", PUT_FORWARD), params=PUT_FORWARD
        ),
        # The day the bloc first submitted nominations to the province (its dossier).
        dossier_on=_per_year(Nomination, 'MIN(c."submission_date")', field=DateField()),
        pledge_signed=F("pledge__is_signed"),
        pledge_signed_on=F("pledge__signed_on"),
        meeting_on=F("meeting__held_on"),
        election_applied_at=F("election__applied_at"),
        report_signed_at=F("year_report__signed_off_at"),
    )


def _day(value) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date()
    return value


def _steps(bloc_year: BlocYear, due: dict, today: datetime.date, steps: list) -> list[StepState]:
    members = bloc_year.n_members
    marks = {
        "pledge": (bool(bloc_year.pledge_signed), bloc_year.pledge_signed_on),
        "scoring": (members > 0 and bloc_year.n_submitted >= members, None),
        "meeting": (bloc_year.meeting_on is not None, bloc_year.meeting_on),
        "election": (
            bloc_year.election_applied_at is not None,
            _day(bloc_year.election_applied_at),
        ),
        "report": (bloc_year.report_signed_at is not None, _day(bloc_year.report_signed_at)),
        "dossier": (bloc_year.dossier_on is not None, bloc_year.dossier_on),
        "closed": (bloc_year.is_closed, _day(bloc_year.closed_at)),
    }
    count = f"{bloc_year.n_submitted}/{members}"
    return [
        StepState(
            key,
            label,
            *marks[key],
            due=due.get(deadline) if deadline else None,
            today=today,
            count=count if key == "scoring" else "",
        )
        for key, label, deadline in steps
    ]


def _steps_now() -> list[tuple]:
    """STEPS with their labels translated (a lazy label costs a gettext at every use)."""
    return [(key, str(label), deadline) for key, label, deadline in STEPS]


def dashboard_rows(
    province: Province,
    year: int,
    *,
    today: datetime.date | None = None,
    settings: ProvinceYear | None = None,
) -> list[BlocRow]:
    """One row per bloc of the province (a bloc without this year gets an empty row)."""
    today = today or timezone.localdate()
    due = (settings or settings_of(province, year)).due_dates()
    years = {y.bloc_id: y for y in _years(province, year)}
    steps = _steps_now()
    rows = []
    for bloc in blocs_of(province).order_by("name"):
        bloc_year = years.get(bloc.pk)
        if bloc_year is None:
            rows.append(BlocRow(bloc=bloc, bloc_year=None))
            continue
        bloc_year.bloc = bloc
        rows.append(
            BlocRow(
                bloc=bloc,
                bloc_year=bloc_year,
                steps=_steps(bloc_year, due, today, steps),
                members=bloc_year.n_members,
                submitted=bloc_year.n_submitted,
                final=bloc_year.n_final,
                nominations=bloc_year.n_nominations,
            )
        )
    return rows


SORTS = {
    "name": lambda row: row.bloc.name,
    "progress": lambda row: (row.done_count, row.bloc.name),
    "-progress": lambda row: (-row.done_count, row.bloc.name),
    "overdue": lambda row: (-len(row.overdue), row.bloc.name),
}
SHOWS = {
    "all": lambda row: True,
    "overdue": lambda row: bool(row.overdue),
    "open": lambda row: row.bloc_year is not None and not row.is_closed,
    "closed": lambda row: row.is_closed,
    "missing": lambda row: row.bloc_year is None,
}


def filtered(rows: list[BlocRow], *, query: str = "", show: str = "all", sort: str = "name"):
    from members.models import fold

    # Word by word, as the organizations' search: "dang doan" finds "… Đảng, đoàn thể".
    words = fold(query).split()
    chosen = [
        row
        for row in rows
        if SHOWS.get(show, SHOWS["all"])(row)
        and all(word in fold(f"{row.bloc.name} {row.bloc.short_name}") for word in words)
    ]
    return sorted(chosen, key=SORTS.get(sort, SORTS["name"]))


@dataclass
class Summary:
    blocs: int
    with_year: int
    overdue: int
    closed: int
    per_step: dict


def summary(rows: list[BlocRow]) -> Summary:
    with_year = [row for row in rows if row.bloc_year is not None]
    per_step = {
        key: sum(row.steps[i].done for row in with_year) for i, (key, _l, _d) in enumerate(STEPS)
    }
    return Summary(
        blocs=len(rows),
        with_year=len(with_year),
        overdue=sum(bool(row.overdue) for row in rows),
        closed=sum(row.is_closed for row in rows),
        per_step=per_step,
    )


# --- nominations across blocs and the Government-flag cap ----------------------------------------


@dataclass
class ProvinceNomination:
    """A nomination as the province's table, its cap, its decisions and its workbook read it:
    plain values, not five model instances a row (120 rows at 40 blocs cost as much to build
    as to render)."""

    pk: int
    status: str
    status_label: str  # translated once per status, not once per row
    rank: int | None
    submission_number: str
    submission_date: datetime.date | None
    decision_number: str
    decision_date: datetime.date | None
    award_type_id: int
    award_name: str
    award_code: str
    organization_name: str
    bloc_name: str
    bloc_short_name: str
    bloc_slug: str
    bloc_link: str = ""  # the bloc's nominations page (set by the view)
    decision_field: object = None  # the row's choice in the decisions form, when it has one

    @property
    def bloc_label(self) -> str:
        return self.bloc_short_name or self.bloc_name


def nominations_of(province: Province, year: int) -> list[ProvinceNomination]:
    """Every bloc's nominations of the year (but the withdrawn) by award, then bloc and rank."""
    rows = (
        Nomination.objects.filter(bloc_year__bloc__in=blocs_of(province), bloc_year__year=year)
        .exclude(status=Nomination.Status.WITHDRAWN)
        .order_by("award_type__precedence", "bloc_year__bloc__name", "rank", "organization__name")
        .values(
            "pk",
            "status",
            "rank",
            "submission_number",
            "submission_date",
            "decision_number",
            "decision_date",
            "award_type_id",
            award_name=F("award_type__name"),
            award_code=F("award_type__code"),
            organization_name=F("organization__name"),
            bloc_name=F("bloc_year__bloc__name"),
            bloc_short_name=F("bloc_year__bloc__short_name"),
            bloc_slug=F("bloc_year__bloc__slug"),
        )
    )
    labels = {value: str(label) for value, label in Nomination.Status.choices}
    return [ProvinceNomination(status_label=labels[row["status"]], **row) for row in rows]


@dataclass(frozen=True)
class Cap:
    share: Decimal
    base_kind: str
    base: int
    limit: int
    proposed: int

    @property
    def exceeded(self) -> bool:
        return self.proposed > self.limit

    @property
    def excess(self) -> int:
        return max(0, self.proposed - self.limit)


def gov_flag_cap(province: Province, year: int, nominations: list[ProvinceNomination]) -> Cap:
    """At most `share` % of the base (by default the collectives leading the province's blocs that
    year), rounded down: the law caps the proposals, so a fraction never allows one more."""
    settings = settings_of(province, year)
    years = BlocYear.objects.filter(bloc__in=blocs_of(province), year=year)
    if settings.gov_flag_base == ProvinceYear.CapBase.LEADING:
        years = years.filter(head__isnull=False)
    base = years.count()
    limit = int((settings.gov_flag_share * base / 100).to_integral_value(rounding=ROUND_FLOOR))
    proposed = sum(1 for n in nominations if n.award_code == GOV_FLAG and n.status in PUT_FORWARD)
    return Cap(
        share=settings.gov_flag_share,
        base_kind=settings.gov_flag_base,
        base=base,
        limit=limit,
        proposed=proposed,
    )


def decidable(nominations: list[ProvinceNomination]) -> list[ProvinceNomination]:
    """Nominations awaiting the province's decision: submitted by their bloc."""
    return [n for n in nominations if n.status == Nomination.Status.SUBMITTED]


def jobs_of(province: Province, year: int):
    return ProvinceJob.objects.filter(province=province, year=year).select_related("created_by")[:5]


# --- the pages' reads, remembered until the next write (revisions.reads) ------------------------


@dataclass
class Dashboard:
    settings: ProvinceYear
    rows: list[BlocRow]
    jobs: list[ProvinceJob]


@remembered
def dashboard_page(province: Province, year: int, today: datetime.date) -> Dashboard:
    settings = settings_of(province, year)
    return Dashboard(
        settings=settings,
        rows=dashboard_rows(province, year, today=today, settings=settings),
        jobs=list(jobs_of(province, year)),
    )


@dataclass
class NominationsPage:
    nominations: list[ProvinceNomination]
    cap: Cap


@remembered
def nominations_page(province: Province, year: int) -> NominationsPage:
    found = nominations_of(province, year)
    return NominationsPage(nominations=found, cap=gov_flag_cap(province, year, found))
