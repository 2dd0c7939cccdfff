"""The whole year as one .xlsx, for people who keep their own copy."""

import io
from io import StringIO

from django.core.management import call_command
from openpyxl import load_workbook


def test_the_year_workbook_has_every_part_of_the_demo_2022_year(client, db):
    call_command("load_demo", stdout=StringIO())
    client.post("/accounts/login/", {"username": "hoivien", "password": "khoithidua"})
    response = client.get("/b/hoi-dac-thu-yen-bai/2022/export.xlsx")
    assert response.status_code == 200
    assert 'filename="hoi-dac-thu-yen-bai-2022.xlsx"' in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [
        "Năm thi đua",
        "Thành viên",
        "Tiêu chí",
        "Bảng điểm 2022",
        "Xếp hạng 2022",
        "Khen thưởng",
    ]
    assert book["Năm thi đua"]["B5"].value == "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh"
    assert book["Thành viên"].max_row == 12  # a title row and 11 members
    ranking = book["Xếp hạng 2022"]
    assert [ranking.cell(row=r, column=2).value for r in (2, 3)] == [
        "Hội Khuyến học tỉnh",
        "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh",
    ]
    awards = [row[1] for row in book["Khen thưởng"].iter_rows(min_row=2, values_only=True)]
    assert awards.count("Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh") == 2
    assert "Cờ thi đua của Chính phủ" in awards
