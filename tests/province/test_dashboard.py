"""The province dashboard: every bloc's year with its steps, overdue steps against the
province's deadlines, filters and sorting, in the same number of queries for 2 or 12 blocs."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from pledges.models import Pledge, ScoreSheet
from province import selectors
from province.models import ProvinceYear
from tests.factories import BlocFactory, year_with_members
from tests.utils import table_text, text


def dashboard(client, province, query=""):
    return client.get(f"/p/{province.slug}/dashboard/{query}")


def test_the_office_sees_every_bloc_of_its_province_with_its_steps(
    client_for, province_office, bloc_year, second_year, province
):
    Pledge.objects.create(
        bloc_year=bloc_year, is_signed=True, signed_on=datetime.date(2023, 2, 5), place="Yên Bái"
    )

    page = dashboard(client_for(province_office), province)

    assert page.status_code == 200
    table = table_text(page, "blocs")
    assert bloc_year.bloc.name in table
    assert second_year.bloc.name in table
    assert "05/02/2023" in table  # the first bloc's pledge
    assert f'href="/b/{second_year.bloc.slug}/2023/"' in page.content.decode()


def test_a_step_past_the_provinces_deadline_is_overdue(
    client_for, province_office, bloc_year, second_year, province
):
    ProvinceYear.objects.create(province=province, year=2023, pledge_due=datetime.date(2023, 3, 1))
    Pledge.objects.create(
        bloc_year=bloc_year, is_signed=True, signed_on=datetime.date(2023, 2, 5), place="Yên Bái"
    )

    rows = {row.bloc.pk: row for row in selectors.dashboard_rows(province, 2023)}

    assert rows[bloc_year.bloc.pk].overdue == []
    assert [step.key for step in rows[second_year.bloc.pk].overdue] == ["pledge"]
    page = dashboard(client_for(province_office), province, "?show=overdue")
    assert second_year.bloc.name in table_text(page, "blocs")
    assert bloc_year.bloc.name not in table_text(page, "blocs")


def test_the_office_filters_by_name_and_sorts_by_progress(
    client_for, province_office, bloc_year, second_year, province
):
    for membership in second_year.memberships.all():
        ScoreSheet.objects.create(
            bloc_year=second_year, organization=membership.organization, status="submitted"
        )
    client = client_for(province_office)

    found = table_text(dashboard(client, province, "?q=so b"), "blocs")
    by_progress = table_text(dashboard(client, province, "?sort=-progress"), "blocs")

    assert second_year.bloc.name in found and bloc_year.bloc.name not in found
    assert by_progress.index(second_year.bloc.name) < by_progress.index(bloc_year.bloc.name)


def test_a_bloc_without_the_year_is_listed_as_not_opened(
    client_for, province_office, bloc_year, province
):
    BlocFactory(province=province, name="Khối mới lập")

    page = text(dashboard(client_for(province_office), province))

    assert "Khối mới lập" in page
    assert "Khối chưa mở năm thi đua này." in page


def test_a_province_observer_reads_the_dashboard_but_sees_no_action(
    client_for, watcher, bloc_year, province
):
    page = dashboard(client_for(watcher), province)

    assert page.status_code == 200
    assert "Lập hồ sơ của tỉnh" not in text(page)


def test_the_dashboard_costs_the_same_queries_for_2_and_12_blocs(
    client_for, province_office, bloc_year, second_year, province
):
    client = client_for(province_office)
    dashboard(client, province)
    with CaptureQueriesContext(connection) as few:
        assert dashboard(client, province).status_code == 200
    for _ in range(10):
        year_with_members(4, bloc=BlocFactory(province=province))
    with CaptureQueriesContext(connection) as many:
        page = dashboard(client, province)

    assert page.content.decode().count("data-bloc=") == 12
    assert len(many) == len(few)


def test_a_deadline_still_ahead_reads_as_a_deadline_in_vietnamese(
    client_for, province_office, bloc_year, province
):
    # "by" alone is also the word of the audit and signing records ("người thực hiện"): the
    # merged catalogues gave the dashboard "người thực hiện 05/12/2099" under each step.
    ProvinceYear.objects.create(
        province=province, year=2023, scoring_due=datetime.date(2099, 12, 5)
    )

    table = table_text(dashboard(client_for(province_office), province), "blocs")

    assert "hạn 05/12/2099" in table
    assert "người thực hiện" not in table


def test_the_search_finds_every_word_typed_wherever_it_stands(
    client_for, province_office, bloc_year, province
):
    # The trial on Hà Giang typed "dang doan" for "…Đảng, đoàn thể…": the comma between the
    # words hid the bloc from a search for the whole string.
    party = BlocFactory(province=province, name="Khối các cơ quan Đảng, đoàn thể")
    year_with_members(2, bloc=party)

    found = table_text(dashboard(client_for(province_office), province, "?q=dang doan"), "blocs")

    assert "Khối các cơ quan Đảng, đoàn thể" in found
    assert bloc_year.bloc.name not in found
