"""The province office sets each year's deadlines; every bloc's year page shows them on its
checklist, overdue in red."""

import datetime

from province.models import ProvinceYear
from province.selectors import due_dates_of
from tests.factories import ProvinceFactory
from tests.utils import text

DEADLINES = {
    "pledge_due": "2023-03-01",
    "scoring_due": "2023-11-30",
    "meeting_due": "2023-12-20",
    "dossier_due": "2023-12-10",
    "remind_days": "7",
    "gov_flag_share": "20",
    "gov_flag_base": "leading",
}


def test_the_office_sets_the_deadlines_of_a_year(client_for, province_office, province, bloc_year):
    data = {**DEADLINES, "dossier_due": "2023-12-25"}

    response = client_for(province_office).post(f"/p/{province.slug}/2023/deadlines/", data)

    assert response.status_code == 302
    saved = ProvinceYear.objects.get(province=province, year=2023)
    assert saved.scoring_due == datetime.date(2023, 11, 30)
    assert saved.dossier_due == datetime.date(2023, 12, 25)


def test_a_deadline_before_an_earlier_steps_is_refused_and_nothing_is_saved(
    client_for, province_office, province, bloc_year
):
    response = client_for(province_office).post(f"/p/{province.slug}/2023/deadlines/", DEADLINES)

    assert response.status_code == 200
    assert "sớm hơn hạn của một bước trước" in text(response)
    assert not ProvinceYear.objects.exists()


def test_every_blocs_year_page_shows_the_provinces_deadlines(
    client_for, member, province, bloc_year
):
    ProvinceYear.objects.create(
        province=province,
        year=2023,
        pledge_due=datetime.date(2023, 3, 1),
        dossier_due=datetime.date(2099, 12, 10),
    )

    page = client_for(member).get(f"/b/{bloc_year.bloc.slug}/2023/")

    shown = text(page)
    assert "quá hạn: hạn của tỉnh 01/03/2023" in shown  # the pledge is not signed
    assert "Nộp hồ sơ lên tỉnh hạn của tỉnh 10/12/2099" in shown
    assert "list-group-item-danger" in page.content.decode()


def test_a_merged_provinces_bloc_takes_the_deadlines_its_own_province_left_blank(
    province, bloc_year
):
    merged_into = ProvinceFactory(name="Lào Cai")
    province.merged_into = merged_into
    province.save()
    ProvinceYear.objects.create(province=province, year=2023, pledge_due=datetime.date(2023, 3, 1))
    ProvinceYear.objects.create(
        province=merged_into,
        year=2023,
        pledge_due=datetime.date(2023, 4, 1),
        meeting_due=datetime.date(2023, 12, 20),
    )

    due = due_dates_of(bloc_year)

    assert due["pledge_due"] == datetime.date(2023, 3, 1)  # its own province's
    assert due["meeting_due"] == datetime.date(2023, 12, 20)  # the merged-into province's
    assert due["dossier_due"] is None


def test_a_province_observer_may_not_set_deadlines(client_for, watcher, province, bloc_year):
    assert client_for(watcher).get(f"/p/{province.slug}/2023/deadlines/").status_code == 403
    response = client_for(watcher).post(f"/p/{province.slug}/2023/deadlines/", DEADLINES)
    assert response.status_code == 403
