"""Reads that compose the apps: the year's checklist, the report's data, what closing needs.

Each returns in a fixed number of queries whatever the number of members: the apps' selectors
used here are themselves pinned that way."""

import copy
import dataclasses
import datetime
from dataclasses import dataclass, field

from django.db.models import Count, F, Min, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from awards.models import Election, Meeting, Nomination
from awards.selectors import election_of_year, meeting_of_year, nominations_of_year
from documents import register
from documents.dates import known_on
from documents.models import RegisterEntry
from khoithidua.models import ReportSection, YearLogEntry, YearReport
from members.models import BlocYear
from members.selectors import memberships_of_year
from pledges import selectors as pledges_selectors
from pledges.models import Pledge, Score
from province import selectors as province_selectors
from revisions.reads import remembered
from signing.models import SignatureRecord


def report_of_year(bloc_year: BlocYear) -> YearReport | None:
    return (
        YearReport.objects.filter(bloc_year=bloc_year)
        .select_related("signed_off_by", "signer_organization")
        .first()
    )


def sections_of(report: YearReport | None) -> list[ReportSection]:
    return list(report.sections.order_by("position", "pk")) if report else []


def log_of_year(bloc_year: BlocYear):
    return YearLogEntry.objects.filter(bloc_year=bloc_year).select_related("user")


def latest_report_before(bloc_year: BlocYear) -> YearReport | None:
    """Last year's report (or the latest earlier one) whose outline this year's starts from."""
    return (
        YearReport.objects.filter(
            bloc_year__bloc=bloc_year.bloc, bloc_year__year__lt=bloc_year.year
        )
        .select_related("bloc_year")
        .order_by("-bloc_year__year")
        .first()
    )


# --- The year's data, as the report prints it --------------------------------------------------


@dataclass
class YearData:
    memberships: list
    pledge: object | None
    ranking: list
    progress: dict
    nominations: list
    meeting: object | None
    election: object | None
    next_year: BlocYear | None = None

    def as_of(self, date) -> "YearData":
        """What was known on the document's date: the province's decisions dated after it are
        left out (they belong to a later document), the nominations showing as put forward."""
        nominations = []
        for nomination in self.nominations:
            if nomination.granted is not None and not known_on(date, nomination.decision_date):
                nomination = copy.copy(nomination)
                nomination.granted = None
                nomination.decision_number = nomination.decision_issuer = ""
                nomination.decision_date = None
            nominations.append(nomination)
        return dataclasses.replace(self, nominations=nominations)

    @property
    def member_count(self) -> int:
        return len(self.memberships)

    @property
    def nominations_put_forward(self) -> list:
        """Nominations the meeting passed (whatever the province later decided)."""
        return [n for n in self.nominations if n.passed]


def year_data(bloc_year: BlocYear) -> YearData:
    return YearData(
        memberships=list(memberships_of_year(bloc_year)),
        pledge=pledges_selectors.pledge_of_year(bloc_year),
        ranking=pledges_selectors.year_ranking(bloc_year),
        progress=pledges_selectors.sheet_progress(bloc_year),
        nominations=list(nominations_of_year(bloc_year)),
        meeting=meeting_of_year(bloc_year),
        election=election_of_year(bloc_year),
        next_year=BlocYear.objects.filter(bloc_id=bloc_year.bloc_id, year=bloc_year.year + 1)
        .select_related("head", "deputy")
        .first(),
    )


def meeting_results_exist(meeting, nominations, election) -> bool:
    """The meeting was held and decided something: a vote on a nomination, or an election."""
    if meeting is None:
        return False
    voted = any(n.voters is not None for n in nominations)
    elected = election is not None and election.head_id is not None
    return voted or elected


# --- The checklist shown on every year page ----------------------------------------------------


@dataclass(frozen=True)
class Step:
    label: str
    done: bool
    when: datetime.date | None = None
    detail: str = ""
    due: datetime.date | None = None  # the province's deadline for this step

    @property
    def overdue(self) -> bool:
        return not self.done and self.due is not None and self.due < timezone.localdate()


@dataclass
class Checklist:
    steps: list[Step] = field(default_factory=list)

    @property
    def done_count(self) -> int:
        return sum(1 for step in self.steps if step.done)


def _day(value) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


@remembered  # the year page shows it on every visit (revisions.reads)
def _milestones(bloc_year: BlocYear) -> dict:
    """The dates, flags and counts the checklist shows. The page shows it on every visit, so it
    reads only these columns: the year's one-to-one records by outer joins, the first submission
    and the members' and sheets' counts (distinct: the joins multiply one year's few rows) in one
    query — Django compiled the ten subqueries this was in 8 ms of each year page — and the
    province's deadlines in one more."""
    marks = (
        BlocYear.objects.filter(pk=bloc_year.pk)
        .values(
            pledge_signed=F("pledge__is_signed"),
            pledge_signed_on=F("pledge__signed_on"),
            meeting_on=F("meeting__held_on"),
            election_applied_at=F("election__applied_at"),
            report_signed_at=F("year_report__signed_off_at"),
        )
        .annotate(
            dossier_on=Min("nominations__submission_date"),
            nominated=Count(
                "nominations",
                filter=~Q(nominations__status=Nomination.Status.WITHDRAWN),
                distinct=True,
            ),
            **pledges_selectors.progress_counts(),
        )
        .get()
    )
    return {**marks, **province_selectors.due_dates_of(bloc_year)}


def year_checklist(bloc_year: BlocYear) -> Checklist:
    marks = progress = _milestones(bloc_year)
    members = progress["members"]
    all_final = members > 0 and progress["final"] >= members
    applied_at, signed_at = marks["election_applied_at"], marks["report_signed_at"]
    dossier = []
    # A step where the province asks for it or the bloc nominates: shown from the first
    # nomination, not only once the dossier is sent (the count of steps then changed at the end).
    if marks["dossier_due"] or marks["dossier_on"] or marks["nominated"]:
        dossier = [
            Step(
                _("Dossier submitted to the province"),
                marks["dossier_on"] is not None,
                marks["dossier_on"],
                due=marks["dossier_due"],
            )
        ]
    return Checklist(
        steps=[
            Step(
                _("Pledge signed"),
                bool(marks["pledge_signed"]),
                marks["pledge_signed_on"],
                due=marks["pledge_due"],
            ),
            Step(
                _("Sheets submitted"),
                members > 0 and progress["submitted"] >= members,
                detail=f"{progress['submitted']}/{members}",
                due=marks["scoring_due"],
            ),
            Step(_("Review done"), all_final, detail=f"{progress['final']}/{members}"),
            Step(
                _("Meeting held"),
                marks["meeting_on"] is not None,
                marks["meeting_on"],
                due=marks["meeting_due"],
            ),
            Step(_("Election applied"), applied_at is not None, _day(applied_at)),
            Step(_("Report signed off"), signed_at is not None, _day(signed_at)),
            *dossier,
            Step(_("Year closed"), bloc_year.is_closed, _day(bloc_year.closed_at)),
        ]
    )


# --- What closing the year still needs ---------------------------------------------------------


def closing_problems(bloc_year: BlocYear) -> list[str]:
    """Every reason the year cannot close yet, in the words the leader reads."""
    problems = []
    if bloc_year.is_closed:
        return [_("The year is already closed.")]
    report = YearReport.objects.filter(bloc_year=bloc_year).first()
    if report is None or not report.is_signed_off:
        problems.append(_("The year-end report is not signed off."))
    progress = pledges_selectors.sheet_progress(bloc_year)
    if progress["members"] == 0:
        problems.append(_("The year has no members."))
    elif progress["final"] < progress["members"]:
        problems.append(
            _("Only %(final)s of %(members)s score sheets are final.")
            % {"final": progress["final"], "members": progress["members"]}
        )
    election = election_of_year(bloc_year)
    if election is None or election.applied_at is None:
        problems.append(_("Next year's head and deputy are not elected and applied."))
    return problems


def closing_warnings(bloc_year: BlocYear) -> list[str]:
    """What the leader should know before closing, though it does not stop the year: once
    closed, nothing of it can be added without the province reopening it."""
    signed = _milestones(bloc_year)["pledge_signed"]  # None: no pledge (an outer join)
    if signed is None:
        return [_("The year has no pledge: it cannot be entered once the year is closed.")]
    if not signed:
        return [_("The pledge is not recorded as signed: record its signing before closing.")]
    return []


def deleting_problems(bloc_year: BlocYear) -> list[str]:
    """Why this year cannot be deleted: only a year opened by mistake goes, one still being set
    up in which nothing of its own was entered (what it copied goes with it)."""
    if bloc_year.phase != BlocYear.Phase.SETUP:
        return [_("Only a year still being set up can be deleted.")]
    scored = Q(self_points__isnull=False) | Q(reviewed_points__isnull=False)
    entered = [
        (Pledge.objects.filter(bloc_year=bloc_year), pgettext("what a year holds", "the pledge")),
        (
            Score.objects.filter(scored, sheet__bloc_year=bloc_year),
            pgettext("what a year holds", "scores"),
        ),
        (
            Nomination.objects.filter(bloc_year=bloc_year),
            pgettext("what a year holds", "nominations"),
        ),
        (
            Meeting.objects.filter(bloc_year=bloc_year),
            pgettext("what a year holds", "the year-end meeting"),
        ),
        (
            Election.objects.filter(bloc_year=bloc_year),
            pgettext("what a year holds", "the election"),
        ),
        (
            YearReport.objects.filter(bloc_year=bloc_year),
            pgettext("what a year holds", "the year-end report"),
        ),
        (
            SignatureRecord.objects.filter(bloc_year=bloc_year),
            pgettext("what a year holds", "signatures"),
        ),
        (
            RegisterEntry.objects.filter(
                document_key__startswith=f"{bloc_year.bloc.slug}/{bloc_year.year}/"
            ),
            pgettext("what a year holds", "numbered documents"),
        ),
    ]
    found = [str(label) for queryset, label in entered if queryset.exists()]
    if found:
        return [
            _("This year already holds %(what)s: it cannot be deleted.")
            % {"what": ", ".join(found)}
        ]
    elected = Election.objects.filter(
        bloc_year__bloc=bloc_year.bloc,
        bloc_year__year=bloc_year.year - 1,
        applied_at__isnull=False,
    )
    if elected.exists():  # deleting it would lose whom the meeting elected
        return [
            _(
                "The head and deputy of this year were elected at the meeting of %(year)s: it "
                "cannot be deleted."
            )
            % {"year": bloc_year.year - 1}
        ]
    return []


# --- The register of numbers ---------------------------------------------------------------------


def register_of_year(bloc_year: BlocYear) -> list:
    """The head unit's registers of the calendar years the year's documents fall in."""
    if bloc_year.head_id is None:
        return []
    return list(
        register.entries(
            issuer_keys=[register.issuer_key(bloc_year.head)],
            years=[bloc_year.year, bloc_year.year + 1],
        )
    )
