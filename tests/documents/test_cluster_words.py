"""A cụm is called a cụm. Every document of a cluster's year names it and its leaders with the
bloc's own word ("TM. CỤM THI ĐUA", "Trưởng cụm"), never "khối": a trial found "Khối thi đua"
printed on a cụm's documents. The year is the permission matrix's world, which has the data of
every document (pledge, scores, meeting, votes, election, report)."""

import io
import re
import zipfile

import pytest
from openpyxl import load_workbook

from documents import registry
from members.models import Bloc
from tests.factories import BlocFactory, year_with_members
from tests.pdf import PdfInfo
from tests.test_permission_matrix import world  # noqa: F401 - the matrix's world

KHOI = re.compile(r"\bkhối\b", re.IGNORECASE)


@pytest.fixture
def bloc_year(db):
    bloc = BlocFactory(kind=Bloc.Kind.CUM, name="Cụm thi đua các phường", short_name="Cụm 1")
    return year_with_members(5, bloc=bloc)


def _texts(kind: str, bloc_year) -> dict[str, str]:
    """Each printed file of this kind and its text (a dossier holds several)."""
    rendered = registry.render(kind, bloc_year)
    if kind != "dossier":
        return {rendered.filename: PdfInfo(rendered.content).text}
    texts = {}
    with zipfile.ZipFile(io.BytesIO(rendered.content)) as archive:
        for name in archive.namelist():
            content = archive.read(name)
            if name.endswith(".pdf"):
                texts[name] = PdfInfo(content).text
            elif name.endswith(".txt"):
                texts[name] = content.decode()
    return texts


def test_no_document_of_a_cum_calls_it_a_khoi(world, client):  # noqa: F811
    texts = {}
    for kind in registry.kinds():
        texts.update(_texts(kind, world.bloc_year))
    client.force_login(world.users["secretariat"])  # the year's workbook, as downloaded
    download = client.get(f"/b/{world.bloc.slug}/{world.bloc_year.year}/export.xlsx")
    book = load_workbook(io.BytesIO(download.content))
    texts["export.xlsx"] = " ".join(
        str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row
    )

    assert len(texts) >= 9  # 7 kinds, the dossier's files, the workbook
    assert {name: KHOI.findall(text) for name, text in texts.items() if KHOI.search(text)} == {}
    report = next(text for name, text in texts.items() if name.startswith("bao-cao-tong-ket"))
    assert "TM. CỤM THI ĐUA" in report and "TRƯỞNG CỤM" in report
    assert "là đơn vị Trưởng cụm" in report
    minutes = next(text for name, text in texts.items() if name.startswith("bien-ban"))
    assert "bầu Trưởng cụm, Phó Trưởng cụm năm" in minutes
    assert "Cụm thi đua" in texts["export.xlsx"]


def test_a_khoi_is_still_a_khoi(db):
    from pledges.printing import ranking_context

    context = ranking_context(year_with_members(3))  # a khối, the usual kind

    assert context["doc_signature"].prefix == "TM. KHỐI THI ĐUA"
    assert context["doc_recipients"] == ["Các đơn vị thành viên Khối;", "Lưu: VT Khối."]


def test_a_cums_documents_take_its_own_symbol_by_default(world):  # noqa: F811
    from awards.selectors import default_settings

    assert default_settings(world.bloc_year, source=None).document_symbol == "CTĐ"
