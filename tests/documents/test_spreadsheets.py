"""Imports are bounded before parsing and exports never carry a live formula
(documents/spreadsheets.py)."""

import io
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from openpyxl import Workbook, load_workbook

from bench.imports import bomb_xlsx, organizations_xlsx
from documents.spreadsheets import write_row
from members.models import Organization
from tests.utils import text


@pytest.fixture
def import_file(client_for, secretary, bloc):
    client = client_for(secretary)

    def post(content: bytes):
        upload = SimpleUploadedFile("don-vi.xlsx", content)
        return client.post(f"/b/{bloc.slug}/orgs/import/", {"file": upload})

    return post


def test_a_decompression_bomb_is_refused_before_parsing_and_nothing_changes(import_file, bloc):
    bomb = bomb_xlsx(1_000_000)
    assert len(bomb) < 300_000  # a small upload that unpacks to ~80 MB
    before = Organization.objects.count()
    started = time.perf_counter()
    response = import_file(bomb)
    assert time.perf_counter() - started < 10  # not a timing test: a bound against parsing it
    assert response.status_code == 400
    assert "khi giải nén lớn hơn 10 MB" in text(response)
    assert Organization.objects.count() == before


@override_settings(IMPORT_MAX_ROWS=50)
def test_a_file_past_the_row_limit_is_refused_with_a_message(import_file):
    before = Organization.objects.count()
    response = import_file(organizations_xlsx(51))
    assert response.status_code == 400
    assert "Tệp có hơn 50 dòng" in text(response)
    assert Organization.objects.count() == before


@override_settings(IMPORT_MAX_ROWS=50)
def test_a_file_at_the_row_limit_is_imported(import_file, bloc):
    response = import_file(organizations_xlsx(50))
    assert response.status_code == 200
    assert bloc.organizations.filter(name__startswith="Hội thành viên thử").count() == 50


def test_an_import_names_the_row_or_the_organization_a_duplicate_repeats(import_file, bloc):
    existing = bloc.organizations.first().name
    book = Workbook()
    for row in (["Tên đơn vị"], [existing.upper()], ["Hội Luật gia"], ["Hội Luật\u200b gia"]):
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    page = text(import_file(buffer.getvalue()))
    assert f"trùng với đơn vị đã có “{existing}”" in page
    assert "trùng với dòng 3 (“Hội Luật gia”)" in page


def test_exported_text_that_looks_like_a_formula_is_written_as_text():
    book = Workbook()
    write_row(book.active, ['=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)", "\tx", "Hội", 5])
    buffer = io.BytesIO()
    book.save(buffer)
    cells = list(load_workbook(io.BytesIO(buffer.getvalue())).active.iter_rows())[0]
    assert [c.data_type for c in cells[:5]] == ["s"] * 5
    assert cells[0].value == '=HYPERLINK("http://x")'
    assert (cells[5].value, cells[6].value) == ("Hội", 5)


def test_an_organization_named_like_a_formula_exports_as_text(client_for, secretary, bloc_year):
    organization = bloc_year.memberships.first().organization
    organization.name = "=1+1"
    organization.save()
    response = client_for(secretary).get(f"/b/{bloc_year.bloc.slug}/{bloc_year.year}/export.xlsx")
    content = b"".join(response.streaming_content) if response.streaming else response.content
    book = load_workbook(io.BytesIO(content))
    formulas = [
        cell.coordinate
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "f"
    ]
    assert response.status_code == 200 and not formulas
