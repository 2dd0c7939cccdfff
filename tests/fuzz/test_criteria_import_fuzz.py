"""Property-based: whatever .xlsx (or not) the secretariat uploads as the criteria table, the
answer is never a 500; a refused import changes no section and no criterion; an accepted one
holds only rows the rules allow."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import event, example, given
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from documents.text import clean_text
from members.models import BlocYear
from pledges.excel import CRITERIA_COLUMNS, KIND_ALIASES
from pledges.forms import ImportForm
from pledges.models import Criterion, Section
from tests.fuzz.strategies import FUZZ, NASTY
from tests.pledges.factories import criteria_table

HEADER = list(CRITERIA_COLUMNS.values())
KIND_WORDS = ["Chấm điểm", "chấm điểm", " Điểm thưởng ", "Điểm trừ", "trừ", "bonus", "CỘNG"]

CELL = st.one_of(
    NASTY,
    st.integers(),
    st.integers(-(10**30), 10**30),
    st.floats(),  # nan and ±inf included
    st.booleans(),
    st.none(),
    st.sampled_from(
        [
            "=1+1",
            "=SUM(A1:A3)",
            "x" * 2000,
            "Mục " + "y" * 600,
            "5,5",
            "0.001",
            "1e400",
            "1e999999999",
            "-1",
            0,
            1e30,
            10**30,
            Decimal("2.50"),
            *KIND_WORDS,
        ]
    ),
)
MAX_POINTS = st.one_of(
    st.integers(1, 100),
    st.decimals(Decimal("0.01"), Decimal("99999.99"), places=2),
    st.sampled_from(["5,5", "10", " 7.25 "]),
)
# A row the rules allow: the test knows the file must then be accepted if every row is like it.
GOOD_ROW = st.tuples(
    st.sampled_from(["I", "II", "", None]),
    st.sampled_from(["Công tác chung", "Cộng, trừ", "Mục\u0301 ba \u202e"]),
    # A code is any short text but a formula ("=" alone is one, and formulas are refused).
    st.one_of(st.none(), st.text(max_size=5).filter(lambda t: not clean_text(t).startswith("="))),
    # A title is good when something is left once the app cleans it (control and zero-width
    # characters removed, spaces collapsed), and it is not a formula.
    st.text(min_size=1, max_size=30).filter(
        lambda t: clean_text(t) and not clean_text(t).startswith("=")
    ),
    st.sampled_from(KIND_WORDS),
    MAX_POINTS,
    st.one_of(st.none(), st.text(max_size=50).filter(lambda t: not clean_text(t).startswith("="))),
).map(lambda row: ("good", list(row)))
WILD_ROW = st.lists(CELL, max_size=9).map(lambda row: ("wild", row))
ROWS = st.lists(st.one_of(GOOD_ROW, WILD_ROW), max_size=5)


def writable(row) -> bool:
    """openpyxl refuses control characters in a cell (and would leave half the row written)."""
    return not any(isinstance(cell, str) and ILLEGAL_CHARACTERS_RE.search(cell) for cell in row)


def workbook_bytes(rows, header=HEADER) -> tuple[bytes, list]:
    """The .xlsx and the rows it holds: a row openpyxl cannot write is left out."""
    book = Workbook()
    book.active.append(header if writable(header) else [])
    written = [(tag, row) for tag, row in rows if writable(row)]
    for _tag, row in written:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue(), written


GOOD_FILE, _rows = workbook_bytes(
    [("good", ["I", "Công tác chung", "1", "Ban hành kế hoạch", "Chấm điểm", 10, ""])]
)


@pytest.fixture
def secretary_client(client, secretary):
    client.force_login(secretary)
    return client


@pytest.fixture
def pledge_year(bloc_year):
    """Criteria can be replaced until scoring starts: the year is at its pledge, with a table."""
    bloc_year.phase = BlocYear.Phase.PLEDGE
    bloc_year.save(update_fields=["phase"])
    criteria_table(bloc_year)
    return bloc_year


def snapshot():
    return (
        list(Section.objects.order_by("pk").values()),
        list(Criterion.objects.order_by("pk").values()),
    )


def upload(client, bloc_year, content: bytes, name="tieu-chi.xlsx"):
    url = f"/b/{bloc_year.bloc.slug}/{bloc_year.year}/criteria/import/"
    return client.post(url, {"file": SimpleUploadedFile(name, content)})


def check_all_or_nothing(response, before):
    assert response.status_code in (302, 400)
    event("accepted" if response.status_code == 302 else "refused")
    if response.status_code == 400:
        assert snapshot() == before
        return
    criteria = list(Criterion.objects.select_related("section"))
    assert criteria
    for criterion in criteria:
        assert 0 < criterion.max_points < 100000
        assert criterion.max_points == criterion.max_points.quantize(Decimal("0.01"))
        assert criterion.kind in KIND_ALIASES.values()
        assert criterion.title.strip() and len(criterion.title) <= 1000
        assert criterion.section.title.strip() and len(criterion.section.title) <= 500
        assert len(criterion.code) <= 20 and len(criterion.section.code) <= 20


def empty(row) -> bool:
    return all(cell in (None, "") for cell in row[: len(HEADER)])


@FUZZ
@given(rows=ROWS)
@example(rows=[("wild", ["I", "Mục", "1", "Tiêu chí", "Chấm điểm", 1e30, ""])])
@example(rows=[("wild", ["I", "Mục", "1", "Tiêu chí", "Chấm điểm", "1e400", ""])])
@example(rows=[("wild", ["I", "Mục", "1", "Tiêu chí", "Chấm điểm", "9" * 400, ""])])
@example(rows=[("wild", ["I", "Mục", "1", "Tiêu chí", "Chấm điểm", float("nan"), ""])])
@example(rows=[("wild", ["I", "Mục", "1", "=1+1", "Chấm điểm", 5, ""])])
@example(rows=[("wild", ["I", "Mục", "1", "x" * 100_000, "Chấm điểm", 5, "y" * 100_000])])
@example(rows=[("good", ["I", "Mục", "1", "Tiêu chí", "Điểm trừ", "2,5", None])])
def test_an_import_is_all_or_nothing(secretary_client, pledge_year, rows):
    content, written = workbook_bytes(rows)
    before = snapshot()
    response = upload(secretary_client, pledge_year, content)
    check_all_or_nothing(response, before)
    rows_kept = [(tag, row) for tag, row in written if not empty(row)]
    if rows_kept and all(tag == "good" for tag, _row in rows_kept):
        assert response.status_code == 302
        assert Criterion.objects.count() == len(rows_kept)


@FUZZ
@given(
    header=st.lists(st.one_of(st.sampled_from(HEADER), CELL), max_size=9),
    rows=st.lists(st.lists(CELL, max_size=9).map(lambda row: ("wild", row)), max_size=3),
)
def test_any_header_is_read_or_refused_with_a_reason(secretary_client, pledge_year, header, rows):
    content, _written = workbook_bytes(rows, header=header)
    before = snapshot()
    check_all_or_nothing(upload(secretary_client, pledge_year, content), before)


@FUZZ
@given(
    payload=st.one_of(
        st.binary(max_size=4096),
        st.binary(max_size=4096).map(lambda tail: b"PK\x03\x04" + tail),
    )
)
def test_random_bytes_are_refused_without_a_change(secretary_client, pledge_year, payload):
    before = snapshot()
    response = upload(secretary_client, pledge_year, payload)
    assert response.status_code == 400
    assert snapshot() == before


@FUZZ
@given(data=st.data())
def test_a_damaged_workbook_never_fails(secretary_client, pledge_year, data):
    content = bytearray(GOOD_FILE)
    for _ in range(data.draw(st.integers(1, 8), label="damages")):
        position = data.draw(st.integers(0, len(content) - 1), label="position")
        content[position] = data.draw(st.integers(0, 255), label="byte")
    content = bytes(content[: data.draw(st.integers(0, len(content)), label="length")])
    before = snapshot()
    check_all_or_nothing(upload(secretary_client, pledge_year, content), before)


@FUZZ
@given(extra=st.integers(1, 64 * 1024))
@example(extra=1)
def test_a_file_over_the_size_limit_is_refused_without_a_change(
    secretary_client, pledge_year, extra
):
    # A good workbook behind padding: zip readers skip leading bytes, so only the size refuses it.
    content = b"\0" * (ImportForm.MAX_SIZE + extra - len(GOOD_FILE)) + GOOD_FILE
    before = snapshot()
    response = upload(secretary_client, pledge_year, content)
    assert response.status_code == 400
    assert "lớn hơn 2 MB" in response.content.decode()
    assert snapshot() == before


def test_a_file_at_the_size_limit_is_read(secretary_client, pledge_year):
    content = b"\0" * (ImportForm.MAX_SIZE - len(GOOD_FILE)) + GOOD_FILE
    response = upload(secretary_client, pledge_year, content)
    assert response.status_code == 302
    assert list(Criterion.objects.values_list("title", flat=True)) == ["Ban hành kế hoạch"]
