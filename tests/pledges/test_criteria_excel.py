"""Criteria to and from .xlsx. A file with one bad row imports nothing; each bad row is named
with its number and the reason; a file that cannot be used at all is refused with a message."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from pledges.excel import CRITERIA_COLUMNS
from pledges.models import Criterion, Section

HEADER = list(CRITERIA_COLUMNS.values())


def _xlsx(rows, header=HEADER, merge=None) -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    if merge:
        sheet.merge_cells(merge)
    buffer = BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("tieu-chi.xlsx", buffer.getvalue())


GOOD = [
    ["I", "Công tác chung", "1", "Ban hành kế hoạch", "Chấm điểm", 10, "Trước 31/3"],
    ["I", "Công tác chung", "2", "Báo cáo đúng hạn", "chấm điểm", "5,5", ""],
    ["II", "Cộng, trừ", "3", "Mô hình mới", "Điểm thưởng", 2, ""],
    ["II", "Cộng, trừ", "4", "Vi phạm", "Điểm trừ", 2, ""],
]


def _import(client, url, upload):
    return client.post(url("criteria/import/"), {"file": upload})


def test_a_good_file_replaces_the_years_criteria(client_for, secretary, url, pledge_phase):
    Section.objects.create(bloc_year=pledge_phase, title="Cũ", position=1)
    response = _import(client_for(secretary), url, _xlsx(GOOD))
    assert response.status_code == 302
    sections = list(Section.objects.filter(bloc_year=pledge_phase).order_by("position"))
    assert [s.title for s in sections] == ["Công tác chung", "Cộng, trừ"]
    kinds = list(
        Criterion.objects.order_by("section__position", "position").values_list(
            "kind", "max_points"
        )
    )
    assert [(k, str(m)) for k, m in kinds] == [
        ("scored", "10.00"),
        ("scored", "5.50"),
        ("bonus", "2.00"),
        ("deduction", "2.00"),
    ]


def test_export_and_import_round_trip(client_for, secretary, url, pledge_phase, criteria):
    client = client_for(secretary)
    exported = client.get(url("criteria/export.xlsx")).content
    rows = list(load_workbook(BytesIO(exported)).active.iter_rows(values_only=True))
    assert rows[0] == tuple(HEADER) and len(rows) == len(criteria) + 1
    response = _import(client, url, SimpleUploadedFile("x.xlsx", exported))
    assert response.status_code == 302
    assert Criterion.objects.filter(section__bloc_year=pledge_phase).count() == len(criteria)


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        (["I", "Mục", "1", "Tiêu chí", "Chấm điểm", "mười", ""], "không phải là số"),
        (["I", "Mục", "1", "Tiêu chí", "Chấm điểm", "=5+5", ""], "không chấp nhận công thức"),
        (["I", "Mục", "1", "Tiêu chí", "Thưởng lớn", 5, ""], "loại “Thưởng lớn”"),
        (["I", "Mục", "1", "Tiêu chí", "Điểm trừ", -2, ""], "phải là số dương"),
        (["I", "", "1", "Tiêu chí", "Chấm điểm", 5, ""], "chưa có tên mục"),
        (["I", "Mục", "1", "Tiêu chí", "Chấm điểm", 2.125, ""], "tối đa 2 chữ số thập phân"),
    ],
)
def test_a_bad_row_is_named_with_its_number_and_nothing_is_imported(
    client_for, secretary, url, pledge_phase, row, reason
):
    response = _import(client_for(secretary), url, _xlsx([GOOD[0], row]))
    body = response.content.decode()
    assert response.status_code == 400
    assert "Chưa nhập dữ liệu nào" in body
    assert "<td>3</td>" in body and reason in body
    assert not Section.objects.exists()


def test_missing_columns_are_named(client_for, secretary, url, pledge_phase):
    upload = _xlsx([["Mục A", "Tiêu chí"]], header=["Tên mục", "Tiêu chí"])
    response = _import(client_for(secretary), url, upload)
    assert response.status_code == 400
    assert "Dòng đầu tiên thiếu các cột: “Loại”, “Điểm tối đa”" in response.content.decode()


def test_merged_cells_are_refused(client_for, secretary, url, pledge_phase):
    response = _import(client_for(secretary), url, _xlsx(GOOD, merge="B2:B3"))
    assert response.status_code == 400
    assert "ô gộp (B2:B3)" in response.content.decode()
    assert not Section.objects.exists()


def test_a_file_that_is_not_xlsx_is_refused(client_for, secretary, url, pledge_phase):
    upload = SimpleUploadedFile("tieu-chi.xlsx", b"not a workbook")
    response = _import(client_for(secretary), url, upload)
    assert response.status_code == 400
    assert "không phải bảng tính Excel" in response.content.decode()


def test_importing_into_frozen_criteria_is_refused(client_for, secretary, url, criteria):
    response = _import(client_for(secretary), url, _xlsx(GOOD))
    assert response.status_code == 403
    assert Criterion.objects.count() == len(criteria)


def test_a_decomposed_section_title_does_not_split_a_section(
    client_for, secretary, url, pledge_phase
):
    rows = [list(GOOD[0]), list(GOOD[1])]
    rows[1][1] = "Co\u0302ng ta\u0301c chung"  # NFD of "Công tác chung"
    response = _import(client_for(secretary), url, _xlsx(rows))
    assert response.status_code == 302
    assert Section.objects.filter(bloc_year=pledge_phase).count() == 1


def test_maximum_points_are_read_the_vietnamese_way(client_for, secretary, url, pledge_phase):
    rows = [list(GOOD[0]), list(GOOD[1])]
    rows[0][5], rows[1][5] = "1.500", "1.500,5"  # one thousand five hundred, never 1.5
    response = _import(client_for(secretary), url, _xlsx(rows))
    assert response.status_code == 302
    maxima = Criterion.objects.order_by("position").values_list("max_points", flat=True)
    assert [str(m) for m in maxima] == ["1500.00", "1500.50"]


def test_a_number_in_other_digits_is_refused_in_the_import(
    client_for, secretary, url, pledge_phase
):
    rows = [list(GOOD[0])]
    rows[0][5] = "١٠"  # Arabic-Indic 10
    response = _import(client_for(secretary), url, _xlsx(rows))
    assert response.status_code == 400
    assert "không phải là số" in response.content.decode()
    assert not Section.objects.exists()
