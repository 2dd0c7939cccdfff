"""The printed pledge, ranking and scoring table (Decree 30/2020 layout), also reachable through
documents.registry for the render_document command."""

import re

import pytest
from django.core.management import call_command

from documents import registry
from members import demo as members_demo
from members.models import BlocYear
from pledges import demo, selectors
from tests.pdf import PdfInfo


@pytest.fixture
def year_2022(db):
    members_demo.load()
    demo.load()
    return BlocYear.objects.get(bloc__slug=members_demo.SLUG, year=2022)


def test_the_document_kinds_are_registered():
    assert {"pledge", "ranking", "scoring_table"} <= set(registry.kinds())


def _number(value) -> str:
    text = f"{value:f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def test_the_ranking_pdf_of_2022_lists_all_members_in_rank_order_with_totals(year_2022, tmp_path):
    output = tmp_path / "xep-hang.pdf"
    call_command(
        "render_document",
        "ranking",
        "--bloc",
        members_demo.SLUG,
        "--year",
        "2022",
        "-o",
        str(output),
    )
    info = PdfInfo(output.read_bytes())
    assert info.all_a4()
    text = info.text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "BẢNG TỔNG HỢP" in text
    rows = selectors.year_ranking(year_2022)
    assert len(rows) == 11
    # Spaces removed: the PDF wraps long names ("da cam/ dioxin") where it likes.
    compact = re.sub(r"\s+", "", text)
    position = 0
    for row in rows:
        # "1 Hội Khuyến học tỉnh 97,5 3 0 100,5 …": rank, name … total, in order.
        name = re.sub(r"\s+", "", row.organization.name)
        pattern = rf"{row.rank}{re.escape(name)}[\d,]+[\d,]+[\d,]+{_number(row.total)}"
        match = re.compile(pattern).search(compact, position)
        assert match, f"{row.rank}. {row.organization.name} {row.total} not found in order"
        position = match.start() + 1
    assert "Dữ liệu minh họa" not in text  # demo notes live on pages, never in a document


def test_the_pledge_pdf_has_a_signature_block_for_every_member(year_2022):
    info = PdfInfo(registry.renderer_for("pledge")(year_2022).content)
    text = info.text
    assert "BẢN GIAO ƯỚC THI ĐUA" in text and "Yên Bái, ngày 25 tháng 02 năm 2022" in text
    for membership in year_2022.memberships.select_related("organization"):
        assert f"TM. {membership.organization.name.upper()}" in text


def test_the_scoring_table_pdf_is_landscape_with_every_criterion(year_2022):
    info = PdfInfo(registry.renderer_for("scoring_table")(year_2022).content)
    assert info.all_a4(landscape=True)
    assert "Phát triển hội viên mới" in info.text and "Xếp hạng" in info.text


def test_the_ranking_pdf_downloads_from_the_page(client_for, observer, url, bloc_year):
    response = client_for(observer).get(url("ranking/pdf/"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "Chưa có phiếu chấm điểm nào được chốt" in PdfInfo(response.content).text


def test_a_closed_year_reprints_the_stored_ranking(client_for, secretary, url, bloc_year):
    from pledges.models import ScoringSettings

    bloc_year.phase = BlocYear.Phase.CLOSED
    bloc_year.save()
    client = client_for(secretary)
    first = client.get(url("ranking/pdf/")).content
    # A later change of the year's settings does not alter the filed document.
    ScoringSettings.objects.create(bloc_year=bloc_year, tie_rule="shared")
    assert client.get(url("ranking/pdf/")).content == first


def test_the_pledge_and_the_tables_take_the_years_document_symbol(db):
    """The symbol after the type code is a setting of the year ("CTĐ3" for a province's third
    cluster): the minutes and the report read it; the pledge, ranking and scoring table printed
    the bloc's default "KTĐ", two symbols in one register."""
    from awards.models import AwardSettings
    from awards.services import year_setup_ensure
    from tests.factories import year_with_members

    bloc_year = year_with_members(3)
    year_setup_ensure(bloc_year=bloc_year)
    AwardSettings.objects.filter(bloc_year=bloc_year).update(document_symbol="CTĐ3")

    texts = {
        kind: PdfInfo(registry.render(kind, bloc_year).content).pages_text[0]
        for kind in ("pledge", "ranking", "scoring_table", "report")
    }

    assert "/GƯTĐ-CTĐ3" in texts["pledge"]
    assert "/BC-CTĐ3" in texts["ranking"] and "/BC-CTĐ3" in texts["scoring_table"]
    assert "/BC-CTĐ3" in texts["report"]  # as the report already did
