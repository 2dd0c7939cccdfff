import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from members.models import Organization
from tests.utils import text

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def workbook(*rows) -> SimpleUploadedFile:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("don-vi.xlsx", buffer.getvalue(), content_type=XLSX)


@pytest.fixture
def post(client, secretary, bloc):
    client.force_login(secretary)

    def post_file(upload):
        return client.post(f"/b/{bloc.slug}/orgs/import/", {"file": upload})

    return post_file


def test_valid_rows_are_created_and_bad_rows_reported_with_their_number(post, bloc):
    existing = bloc.organizations.first().name
    response = post(
        workbook(
            ["Tên đơn vị", "Viết tắt", "Người đứng đầu", "Email"],
            ["Hội Luật gia tỉnh", "LG", "Trần Văn B", "luatgia@example.vn"],
            [existing, "X", "", ""],
            ["", "Y", "Ai đó", ""],
            ["Hội Nhà báo tỉnh", "NB", "", "không-phải-email"],
            ["Hội Đông y tỉnh", "=A1", "", ""],
        )
    )
    assert response.status_code == 200
    page = text(response)
    assert "Đã thêm 1 đơn vị" in page
    assert "4 dòng bị từ chối" in page
    assert f"3 “{existing}” trùng với đơn vị đã có “{existing}”" in page
    assert "4 tên đơn vị để trống" in page
    assert "5 Email:" in page
    assert "6 không chấp nhận công thức (cột Viết tắt)" in page
    created = Organization.objects.get(bloc=bloc, name="Hội Luật gia tỉnh")
    assert (created.abbreviation, created.email) == ("LG", "luatgia@example.vn")
    assert not Organization.objects.filter(name="Hội Nhà báo tỉnh").exists()


def test_the_same_name_twice_in_one_file_is_created_once(post, bloc):
    post(workbook(["Tên đơn vị"], ["Hội Người mù tỉnh"], ["hội người mù tỉnh"]))
    assert Organization.objects.filter(bloc=bloc, name__iexact="Hội Người mù tỉnh").count() == 1


def test_a_file_that_is_not_excel_changes_nothing(post, bloc):
    before = Organization.objects.count()
    response = post(SimpleUploadedFile("don-vi.xlsx", b"not a workbook", content_type=XLSX))
    assert response.status_code == 400
    assert "không phải bảng tính Excel" in text(response)
    assert Organization.objects.count() == before


def test_a_file_without_the_name_column_changes_nothing(post, bloc):
    before = Organization.objects.count()
    response = post(workbook(["Tên", "Địa chỉ"], ["Hội A", "Yên Bái"]))
    assert response.status_code == 400
    assert "Dòng đầu tiên phải là tiêu đề cột" in text(response)
    assert Organization.objects.count() == before


def test_a_file_with_another_extension_is_refused(post):
    response = post(SimpleUploadedFile("don-vi.csv", b"a,b", content_type="text/csv"))
    assert response.status_code == 400
    assert "có đuôi .xlsx" in text(response)


def test_the_template_has_the_expected_columns(client, member, bloc):
    from openpyxl import load_workbook

    client.force_login(member)
    response = client.get(f"/b/{bloc.slug}/orgs/import/template.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[1]][:2] == ["Tên đơn vị", "Tên ngắn"]
