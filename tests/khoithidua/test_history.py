"""A past year entered afterwards (issue 9): opened before the demo's first year, its acts carry
the dates of record the secretariat gives, and no document prints the day of data entry."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from awards import services as awards_services
from awards.models import Candidate
from documents import registry
from khoithidua.management.commands.load_demo import DEMO_PARTS
from members import demo
from members.models import BlocYear
from members.services import bloc_year_set_leadership
from pledges.models import ScoreSheet
from pledges.selectors import criteria_of_year
from tests.awards.factories import hold_meeting
from tests.khoithidua.factories import written_report
from tests.pdf import PdfInfo
from tests.pledges.factories import pledge_with_targets, sheet_with_points

pytestmark = pytest.mark.django_db

MEETING = datetime.date(2022, 1, 12)
SIGNED = datetime.date(2022, 1, 14)
CLOSED = datetime.date(2022, 1, 20)


def _date_forms(day: datetime.date) -> list[str]:
    """The ways a document may print a date: the Decree 30 line, and the short forms."""
    return [
        f"ngày {day:%d} tháng {day.month if day.month > 2 else f'{day:%m}'} năm {day.year}",
        f"{day:%d/%m/%Y}",
        f"{day.day}/{day.month}/{day.year}",
    ]


@pytest.fixture
def demo_bloc(db):
    for part in DEMO_PARTS:
        part.load()
    return BlocYear.objects.get(bloc__slug=demo.SLUG, year=2022).bloc


@pytest.fixture
def users(demo_bloc):
    User = get_user_model()
    return {u.username: u for u in User.objects.filter(username__in=["thuky", "truongkhoi"])}


def _open_2021(client, bloc) -> BlocYear:
    source = bloc.years.get(year=2022)
    response = client.post(
        f"/b/{bloc.slug}/years/new/",
        {
            "year": "2021",
            "source": source.pk,
            "copy_criteria": "on",
            "copy_rules": "on",
            "copy_settings": "on",
            "entered_afterwards": "on",
            "superior_body": "Ủy ban nhân dân tỉnh Yên Bái",
            "province_name": "Yên Bái",
            "place_name": "Yên Bái",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return bloc.years.get(year=2021)


def _post_ok(client, url, data=None):
    response = client.post(url, data or {})
    assert response.status_code == 302, (url, response.status_code)
    return response


def test_a_past_year_is_opened_before_the_first_and_entered_afterwards(client, demo_bloc, users):
    client.force_login(users["thuky"])
    bloc_year = _open_2021(client, demo_bloc)

    assert bloc_year.entered_afterwards
    assert bloc_year.memberships.count() == 11
    assert bloc_year.criteria_sections.exists()
    signers = {m.organization_id: m.signer_name for m in bloc_year.memberships.all()}
    source = demo_bloc.years.get(year=2022)
    assert signers == {m.organization_id: m.signer_name for m in source.memberships.all()}
    page = client.get(f"/b/{demo_bloc.slug}/2021/").content.decode()
    assert "nhập bổ sung" in page


def test_no_document_of_a_year_entered_afterwards_prints_the_day_of_data_entry(
    client, demo_bloc, users
):
    secretary, leader = users["thuky"], users["truongkhoi"]
    client.force_login(secretary)
    bloc_year = _open_2021(client, demo_bloc)
    orgs = {m.organization.name: m.organization for m in bloc_year.memberships.all()}
    head, deputy = orgs["Hội Chữ thập đỏ tỉnh"], orgs["Hội Khuyến học tỉnh"]
    bloc_year_set_leadership(bloc_year=bloc_year, head=head, deputy=deputy)
    year_url = f"/b/{demo_bloc.slug}/2021/"

    # The pledge, signed on its signing date; the year moves through its phases by its actions.
    pledge_with_targets(bloc_year)
    _post_ok(client, year_url + "pledge/sign/")
    for phase in ("pledge", "scoring"):
        _post_ok(client, year_url + "phase/", {"phase": phase})
    criteria = list(criteria_of_year(bloc_year))
    for number, org in enumerate(orgs.values()):
        points = {c: c.max_points - (number % 3) if c.kind == "scored" else 0 for c in criteria}
        sheet = sheet_with_points(bloc_year, org, points)
        _post_ok(
            client,
            year_url + f"sheets/{sheet.pk}/submit/",
            {"version": sheet.version, "on": "2021-12-10"},
        )
    for phase in ("review", "meeting"):
        _post_ok(client, year_url + "phase/", {"phase": phase})
    for sheet in ScoreSheet.objects.filter(bloc_year=bloc_year):
        _post_ok(client, year_url + f"sheets/{sheet.pk}/finalize/", {"on": "2021-12-15"})

    # The meeting in January of the next year elects 2022's head and deputy.
    hold_meeting(bloc_year, held_on=MEETING)
    for post, name in (
        ("head", "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh"),
        ("deputy", head.name),
    ):
        candidate = awards_services.candidate_add(
            bloc_year=bloc_year, post=post, organization=orgs[name]
        )
        awards_services.candidate_record_tally(candidate=candidate, votes_for=11, user=secretary)
    _post_ok(client, year_url + "awards/election/apply/", {"on": MEETING.isoformat()})

    # The report, dated and signed off in January; then the year is closed.
    report = written_report(bloc_year, number="")  # numbered by the register at sign-off
    report.issued_on = SIGNED
    report.save()
    client.force_login(leader)
    _post_ok(client, year_url + "report/sign-off/", {"on": SIGNED.isoformat()})
    _post_ok(client, year_url + "close/", {"on": CLOSED.isoformat()})

    bloc_year.refresh_from_db()
    assert bloc_year.is_closed
    assert timezone.localtime(bloc_year.closed_at).date() == CLOSED
    assert bloc_year.year_report.signed_off_at.date() == SIGNED
    assert {timezone.localtime(s.finalized_at).date() for s in bloc_year.score_sheets.all()} == {
        datetime.date(2021, 12, 15)
    }
    assert Candidate.objects.filter(election__bloc_year=bloc_year).count() == 2

    today = timezone.localdate()
    entry_dates = _date_forms(today)
    kinds = [kind for kind in registry.kinds() if kind != "dossier"]
    assert {"report", "minutes", "pledge", "ranking", "scoring_table"} <= set(kinds)
    for kind in kinds:
        rendered = registry.render(kind, bloc_year)
        text = PdfInfo(rendered.content).text
        for form in entry_dates:
            assert form not in text, f"{kind} prints the day of data entry ({form})"
        if today.year > 2022:
            assert not re.search(rf"\b{today.year}\b", text), f"{kind} prints {today.year}"
    report_text = PdfInfo(registry.render("report", bloc_year).content).text
    assert "Yên Bái, ngày 14 tháng 01 năm 2022" in report_text
