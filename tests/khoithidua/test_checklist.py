"""The checklist of the year's steps, on every year page, with dates."""

import datetime

from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from awards.models import Nomination
from members.access import bloc_access
from pledges.models import Pledge, ScoreSheet
from tests.factories import year_with_members
from tests.khoithidua.factories import closed_year, meeting_held
from tests.province.factories import nominations
from tests.utils import text

Status = Nomination.Status


def test_the_year_page_shows_the_steps_with_what_is_done_and_when(
    client_for, secretary, url, bloc_year
):
    Pledge.objects.create(
        bloc_year=bloc_year, is_signed=True, signed_on=datetime.date(2023, 2, 5), place="Yên Bái"
    )
    first = bloc_year.memberships.first().organization
    ScoreSheet.objects.create(bloc_year=bloc_year, organization=first, status="submitted")

    page = client_for(secretary).get(url())

    assert page.status_code == 200
    shown = text(page)
    assert 'id="checklist"' in page.content.decode()
    assert "05/02/2023" in shown  # the pledge's signing date
    assert "(1/5)" in shown  # one sheet of five submitted


def test_a_closed_year_ticks_every_step_and_says_it_is_read_only(
    client_for, observer, url, bloc_year
):
    Pledge.objects.create(
        bloc_year=bloc_year, is_signed=True, signed_on=datetime.date(2023, 2, 5), place="Yên Bái"
    )
    closed_year(bloc_year)

    page = client_for(observer).get(url()).content.decode()

    assert page.count("list-group-item-success") == 7
    assert timezone.localdate().strftime("%d/%m/%Y") in page


def render_checklist(bloc_year, user):
    template = Template("{% load year_end %}{% year_end bloc_year access %}")
    access = bloc_access(user, bloc_year.bloc)
    return template.render(Context({"bloc_year": bloc_year, "access": access}))


def year_at_its_end(size):
    bloc_year = year_with_members(size)
    meeting_held(bloc_year, applied=True)
    for membership in bloc_year.memberships.all():
        ScoreSheet.objects.create(
            bloc_year=bloc_year, organization=membership.organization, status="final"
        )
    return bloc_year


def test_the_checklist_costs_the_same_queries_for_11_and_40_members(
    django_assert_num_queries, admin_user
):
    counts = []
    for size in (11, 40):
        bloc_year = year_at_its_end(size)
        with CaptureQueriesContext(connection) as captured:
            render_checklist(bloc_year, admin_user)
        counts.append(len(captured))

    assert counts[0] == counts[1]
    assert counts[0] <= 2  # the milestones with the sheets' progress, and the deadlines
    another = year_at_its_end(40)
    with django_assert_num_queries(counts[0]):
        render_checklist(another, admin_user)


def test_the_dossier_step_shows_from_the_first_nomination_not_only_once_it_is_sent(
    client_for, secretary, url, bloc_year
):
    def steps() -> str:
        return text(client_for(secretary).get(url()))

    assert "Nộp hồ sơ lên tỉnh" not in steps()  # no deadline, nothing nominated
    [withdrawn] = nominations(bloc_year, "MERIT_CERTIFICATE", 1, status=Status.WITHDRAWN)
    assert "Nộp hồ sơ lên tỉnh" not in steps()

    withdrawn.delete()
    nominations(bloc_year, "MERIT_CERTIFICATE", 1, status=Status.PROPOSED)
    assert "Nộp hồ sơ lên tỉnh" in steps()
