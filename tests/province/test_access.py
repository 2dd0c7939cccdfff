"""The province's pages for the province's own roles: its office acts, its observers read, the
office of another province gets 404 (tests/province/matrix.py covers the bloc's roles)."""

import pytest

from province.models import ProvinceJob

PAGES = ["dashboard/", "2023/nominations/", "2023/export.xlsx", "2023/deadlines/"]


@pytest.mark.parametrize("suffix", PAGES)
def test_the_office_reaches_every_page(client_for, province_office, province, bloc_year, suffix):
    assert client_for(province_office).get(f"/p/{province.slug}/{suffix}").status_code == 200


@pytest.mark.parametrize("suffix", PAGES)
def test_another_provinces_office_gets_404(client_for, other_province, province, bloc_year, suffix):
    assert client_for(other_province).get(f"/p/{province.slug}/{suffix}").status_code == 404


def test_an_observer_reads_but_may_not_start_the_dossier(client_for, watcher, province, bloc_year):
    client = client_for(watcher)

    assert client.get(f"/p/{province.slug}/2023/nominations/").status_code == 200
    assert client.post(f"/p/{province.slug}/2023/dossier/").status_code == 403
    assert not ProvinceJob.objects.exists()


def test_a_job_of_another_province_is_404(client_for, other_province, province, bloc_year):
    job = ProvinceJob.objects.create(province=province, year=2023, kind="dossier")

    assert client_for(other_province).get(f"/p/lai-chau/jobs/{job.pk}/").status_code == 404
