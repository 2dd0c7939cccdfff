"""One workbook of every bloc's ranking and nominations for the year."""

import datetime
import io

from openpyxl import load_workbook

from pledges.selectors import year_ranking
from tests.khoithidua.factories import sheets_final
from tests.province.factories import nominations


def test_the_workbook_has_every_blocs_nominations_and_rankings(
    client_for, province_office, province, bloc_year, second_year
):
    nominations(bloc_year, "MERIT_CERTIFICATE", 1)
    nominations(second_year, "GOV_FLAG", 1)
    sheets_final(bloc_year)

    response = client_for(province_office).get(f"/p/{province.slug}/2023/export.xlsx")

    assert response["Content-Disposition"] == f'attachment; filename="{province.slug}-2023.xlsx"'
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Xếp hạng", "Đề nghị khen thưởng"]
    rows = list(workbook["Đề nghị khen thưởng"].iter_rows(min_row=2, values_only=True))
    assert {(row[0], row[1]) for row in rows} == {
        (bloc_year.bloc.name, "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"),
        (second_year.bloc.name, "Cờ thi đua của Chính phủ"),
    }
    ranked = [
        (bloc_year.bloc.name, row.rank, row.organization.name) for row in year_ranking(bloc_year)
    ]
    written = [row[:3] for row in workbook["Xếp hạng"].iter_rows(min_row=2, values_only=True)]
    assert len(ranked) == 5
    assert written == ranked


def test_the_workbooks_dates_are_dates_excel_can_sort(
    client_for, province_office, province, bloc_year
):
    nominations(bloc_year, "GOV_FLAG", 1)  # its submission dated 25/12/2023

    response = client_for(province_office).get(f"/p/{province.slug}/2023/export.xlsx")

    cell = load_workbook(io.BytesIO(response.content))["Đề nghị khen thưởng"]["G2"]
    assert cell.value == datetime.datetime(2023, 12, 25)
    assert cell.number_format == "DD/MM/YYYY"
