"""Nominations across blocs and the province-wide Government-flag cap (DOMAIN.md §3: at most
20 % of the collectives leading the province's blocs; the share and its base are per year)."""

from decimal import Decimal

from province.models import ProvinceYear
from tests.factories import BlocFactory, year_with_members
from tests.province.factories import nominations
from tests.utils import table_text, text


def blocs_with_heads(province, count):
    return [year_with_members(3, bloc=BlocFactory(province=province)) for _ in range(count)]


def page_of(client, province, year=2023):
    return client.get(f"/p/{province.slug}/{year}/nominations/")


def test_proposals_over_the_cap_are_warned_with_the_numbers(
    client_for, province_office, bloc_year, province
):
    years = [bloc_year, *blocs_with_heads(province, 9)]  # 10 blocs led: a cap of 2
    for year in years[:3]:
        nominations(year, "GOV_FLAG", 1)

    page = page_of(client_for(province_office), province)

    assert page.status_code == 200
    assert "Cờ thi đua của Chính phủ: 3 đề nghị, vượt 1 so với mức tối đa 2 (20 % của 10)." in text(
        page
    )
    assert 'class="alert alert-danger"' in page.content.decode()


def test_proposals_within_the_cap_are_confirmed_with_the_numbers(
    client_for, province_office, bloc_year, province
):
    years = [bloc_year, *blocs_with_heads(province, 9)]
    for year in years[:2]:
        nominations(year, "GOV_FLAG", 1)
    nominations(years[2], "GOV_FLAG", 1, status="not_passed")  # not put forward: not counted

    page = page_of(client_for(province_office), province)

    assert "Cờ thi đua của Chính phủ: 2 đề nghị, trong mức tối đa 2 (20 % của 10)." in text(page)
    assert "alert-danger" not in page.content.decode()


def test_the_share_and_its_base_are_the_years_settings(
    client_for, province_office, bloc_year, province
):
    years = [bloc_year, *blocs_with_heads(province, 4)]
    years[4].head = years[4].deputy = None
    years[4].save()
    for year in years[:2]:
        nominations(year, "GOV_FLAG", 1)
    ProvinceYear.objects.create(province=province, year=2023, gov_flag_share=Decimal("50"))

    led = text(page_of(client_for(province_office), province))  # 4 blocs have a head: cap 2
    ProvinceYear.objects.filter(province=province).update(gov_flag_base="blocs")
    all_blocs = text(
        page_of(client_for(province_office), province)
    )  # 5 blocs: still 2 (rounded down)

    assert "trong mức tối đa 2 (50 % của 4)" in led
    assert "trong mức tối đa 2 (50 % của 5)" in all_blocs


def test_the_table_lists_every_blocs_nominations_by_award(
    client_for, province_office, bloc_year, second_year, province
):
    nominations(bloc_year, "MERIT_CERTIFICATE", 2)
    nominations(second_year, "GOV_FLAG", 1)

    table = table_text(page_of(client_for(province_office), province), "nominations")

    assert table.index("Cờ thi đua của Chính phủ") < table.index("Bằng khen")
    assert second_year.bloc.short_name in table and bloc_year.bloc.short_name in table
