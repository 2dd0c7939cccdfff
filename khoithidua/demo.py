"""The demo's 2022 year-end report of the seed bloc. Its narrative is written from the news of
the bloc's 2022 year-end meeting (shared/seed), in our own words; the figures it prints come
from the pledges and awards demos. Dated 20/12/2022 and signed for the bloc by the 2022 head
unit. The year is left open (phase "meeting") so the demo can still be worked on.

Idempotent: the report is found by its year, each part by its place in the outline."""

import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from khoithidua import outline, printing, services
from khoithidua.models import ReportSection, YearLogEntry, YearReport
from members.demo import SLUG
from members.models import BlocYear

REPORT_NUMBER = "05/BC-KTĐ"
REPORT_DATE = datetime.date(2022, 12, 20)
SIGNED_AT = datetime.datetime(2022, 12, 20, 16, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))

NARRATIVE_FILE = Path(__file__).parent / "demo_data" / "report_2022.txt"


def narrative_2022() -> dict[str, str]:
    """Part text by the data the part prints, or by its title for narrative-only parts."""
    parts, key = {}, None
    for line in NARRATIVE_FILE.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            continue
        if line.startswith("## "):
            key = line[3:].strip()
            parts[key] = []
        elif key is not None:
            parts[key].append(line)
    return {key: "\n".join(lines).strip() for key, lines in parts.items()}


def load() -> YearReport | None:
    bloc_year = (
        BlocYear.objects.select_related("bloc", "head", "deputy")
        .filter(bloc__slug=SLUG, year=2022)
        .first()
    )
    if bloc_year is None or bloc_year.is_closed:
        return None
    report, _created = YearReport.objects.update_or_create(
        bloc_year=bloc_year,
        defaults={
            "number": REPORT_NUMBER,
            "issued_on": REPORT_DATE,
            "recipients": outline.default_recipients(bloc_year.bloc),
        },
    )
    narrative = narrative_2022()
    for row in outline.default_sections(bloc_year.year):
        text = narrative.get(row["data"] or row["title"], "")
        ReportSection.objects.update_or_create(
            report=report, position=row["position"], defaults={**row, "text": text}
        )
    # Signed for the bloc by the 2022 head unit (Liên hiệp các Hội KH&KT tỉnh), as on the day.
    for name, value in services.signature_for(bloc_year, bloc_year.head).items():
        setattr(report, name, value)
    report.signed_off_at = SIGNED_AT
    report.save()
    entry, created = YearLogEntry.objects.get_or_create(
        bloc_year=bloc_year, action=YearLogEntry.Action.SIGNED_OFF
    )
    if created:  # the log keeps the day it happened, not the day the demo was loaded
        YearLogEntry.objects.filter(pk=entry.pk).update(at=SIGNED_AT)
    _register_2022(bloc_year, report)
    return report


def _register_2022(bloc_year: BlocYear, report: YearReport) -> None:
    """The head unit's register of 2022 holds the year's documents in the order they were
    issued (the demo records the acts directly, so it takes their numbers here)."""
    from awards.printing import minutes_number, submission_number
    from awards.selectors import meeting_of_year, nominations_of_year
    from pledges.printing import pledge_number
    from pledges.selectors import pledge_of_year

    pledge = pledge_of_year(bloc_year)
    if pledge is not None:
        pledge_number(pledge, issue=True)
    meeting = meeting_of_year(bloc_year)
    if meeting is not None:
        minutes_number(bloc_year, meeting, issue=True)
    printing.report_number(report, issue=True)
    submitted = next((n for n in nominations_of_year(bloc_year) if n.submission_number), None)
    if submitted is not None:
        submission_number(
            bloc_year, date=submitted.submission_date, typed=submitted.submission_number, issue=True
        )
