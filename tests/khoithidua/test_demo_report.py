"""Must show (issue 5): the demo's 2022 report, rendered by the command, as a filed document.

Needs the pledges and awards demos (scores, ranking, nominations, election); it fails, never
skips, while they are missing."""

import io
import re

import pytest
from django.core.management import call_command

from awards.models import AwardType
from documents.templatetags.vn import vn_number
from members.demo import ORGANIZATIONS
from tests.pdf import PdfInfo

# DOMAIN.md §4: the nominations decided at the 2022 meeting (organization, award type code).
NOMINATIONS = [
    ("Hội Khuyến học tỉnh", "GOV_FLAG"),
    ("Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh", "PROVINCE_FLAG"),
    ("Hội Chữ thập đỏ tỉnh", "MERIT_CERTIFICATE"),
    ("Hội Liên hiệp Văn học Nghệ thuật tỉnh", "MERIT_CERTIFICATE"),
]


def squash(text: str) -> str:
    """Without any white space: a table cell may wrap anywhere ("da cam/ dioxin")."""
    return re.sub(r"\s+", "", text)


@pytest.fixture
def demo_report(db, tmp_path):
    call_command("load_demo", stdout=io.StringIO())
    out = tmp_path / "report.pdf"
    call_command(
        "render_document",
        "report",
        "--bloc",
        "hoi-dac-thu-yen-bai",
        "--year",
        "2022",
        "-o",
        str(out),
        stdout=io.StringIO(),
    )
    return PdfInfo(out.read_bytes())


def test_the_demo_report_is_a_multipage_a4_pdf_with_embedded_fonts_and_its_header(demo_report):
    assert demo_report.page_count >= 2 and demo_report.all_a4()
    assert demo_report.fonts_embedded()
    first = demo_report.pages_text[0]
    assert "LIÊN HIỆP CÁC HỘI KHOA HỌC VÀ KỸ THUẬT TỈNH YÊN BÁI" in first
    assert "KHỐI THI ĐUA CÁC TỔ CHỨC HỘI ĐẶC THÙ" in first
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc" in first
    assert "Yên Bái, ngày 20 tháng 12 năm 2022" in first
    assert "Số: 05/BC-KTĐ" in first
    assert "DỰ THẢO" not in demo_report.text
    assert "Nguyễn Bình Minh" in demo_report.pages_text[-1]


def ranking_lines(text: str) -> str:
    return text[text.index("Tổng điểm") :]


def test_the_demo_report_lists_all_11_members_with_their_scores_and_ranks(demo_report):
    from members.models import BlocYear
    from pledges.selectors import year_ranking

    ranking = year_ranking(BlocYear.objects.get(bloc__slug="hoi-dac-thu-yen-bai", year=2022))
    assert len(ranking) == len(ORGANIZATIONS) == 11
    table = squash(ranking_lines(demo_report.text))

    for row in ranking:
        printed = f"{row.rank}{row.organization.name}{vn_number(row.scored)}"
        assert squash(printed) in table, row.organization.name
        assert squash(f"{vn_number(row.total)}{row.classification}") in table, row.organization.name


def test_the_demo_report_has_the_four_nominations_with_their_awards(demo_report):
    text = squash(demo_report.text)
    for organization, code in NOMINATIONS:
        award = AwardType.objects.get(code=code).name
        assert squash(f"{organization} {award}") in text, (organization, award)


def test_the_demo_report_names_the_2023_head_and_deputy(demo_report):
    text = demo_report.text
    elected = (
        "Hội Chữ thập đỏ tỉnh là đơn vị Trưởng khối năm 2023, "
        "Hội Liên hiệp Văn học Nghệ thuật tỉnh là đơn vị Phó Trưởng khối năm 2023"
    )
    # Without a recorded election the report reads the leadership of the 2023 year itself.
    from_next_year = (
        "Đơn vị Trưởng khối năm 2023 là Hội Chữ thập đỏ tỉnh, "
        "đơn vị Phó Trưởng khối năm 2023 là Hội Liên hiệp Văn học Nghệ thuật tỉnh"
    )
    assert elected in text or from_next_year in text
