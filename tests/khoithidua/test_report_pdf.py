"""The year-end report as printed: Decree 30 layout, the year's place, the year's data."""

import datetime

from khoithidua import printing
from members.models import BlocYear
from members.selectors import signer_of
from pledges.models import ScoreSheet
from tests.factories import BlocFactory, OrganizationFactory, ProvinceFactory, year_with_members
from tests.khoithidua.factories import (
    first_award,
    meeting_held,
    signed_report,
    voted,
    written_report,
)
from tests.pdf import PdfInfo


def test_the_report_is_a_multipage_a4_pdf_with_embedded_liberation_serif(bloc_year, leader):
    signed_report(bloc_year, leader)

    info = PdfInfo(printing.render_report(bloc_year).content)

    assert info.page_count >= 2 and info.all_a4()
    assert info.fonts_embedded() and info.font_families() == {"LiberationSerif"}
    first = info.pages_text[0]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first
    assert "Số: 05/BC-KTĐ" in first
    assert "Yên Bái, ngày 20 tháng 12 năm 2023" in first
    assert "BÁO CÁO Tổng kết công tác thi đua, khen thưởng năm 2023;" in first
    assert "TM. KHỐI THI ĐUA TRƯỞNG KHỐI" in info.text
    assert signer_of(bloc_year, bloc_year.head).signer_name in info.pages_text[-1]
    assert "DỰ THẢO" not in info.text


def test_an_unsigned_report_is_marked_as_a_draft(bloc_year):
    written_report(bloc_year)

    assert "DỰ THẢO" in PdfInfo(printing.render_report(bloc_year).content).pages_text[0]


def test_a_2026_report_says_lao_cai_where_the_year_says_lao_cai(db):
    bloc = BlocFactory(
        name="Khối Thi đua các tổ chức Hội đặc thù tỉnh Yên Bái",
        province=ProvinceFactory(name="Yên Bái"),
    )
    bloc_year = year_with_members(
        4, bloc=bloc, year=2026, province_name="Lào Cai", place_name="Lào Cai"
    )
    bloc_year.head = OrganizationFactory(bloc=bloc, name="Hội Chữ thập đỏ tỉnh")
    bloc_year.save()
    written_report(bloc_year)

    text = PdfInfo(printing.render_report(bloc_year).content).text

    assert "HỘI CHỮ THẬP ĐỎ TỈNH LÀO CAI" in text
    assert "Lào Cai, ngày 20 tháng 12 năm 2026" in text
    assert "Yên Bái" not in text and "YÊN BÁI" not in text


def test_the_report_prints_the_ranking_the_nominations_and_next_years_leaders(bloc_year, leader):
    orgs = [m.organization for m in bloc_year.memberships.order_by("position")]
    for org in orgs:
        ScoreSheet.objects.create(bloc_year=bloc_year, organization=org, status="final")
    award = first_award()
    voted(bloc_year, orgs[3], award, present=5, votes_for=5, percent="100.00")
    meeting_held(bloc_year)
    signed_report(bloc_year, leader)

    text = PdfInfo(printing.render_report(bloc_year).content).text

    for org in orgs:
        assert org.name in text
    assert award.name in text and "5/5" in text and "100 %" in text
    assert f"{bloc_year.deputy.name} là đơn vị Trưởng khối năm 2024" in text
    assert f"{orgs[2].name} là đơn vị Phó Trưởng khối năm 2024" in text


def test_the_reports_tally_counts_against_the_same_base_as_the_minutes(bloc_year, leader):
    """A flag's share is of the bloc's members (DOMAIN.md §3): with 4 of 5 present and 4 for,
    the minutes print 4/5 (80 %); the report said 4/4 beside 80 %, a sum that does not add up."""
    orgs = [m.organization for m in bloc_year.memberships.order_by("position")]
    award = first_award()
    voted(bloc_year, orgs[3], award, present=4, votes_for=4, percent="80.00")
    meeting_held(bloc_year)
    signed_report(bloc_year, leader)

    text = PdfInfo(printing.render_report(bloc_year).content).text

    assert "4/5 80 %" in text
    assert "4/4" not in text


def test_without_an_election_the_report_names_next_years_leaders_from_that_year(bloc_year):
    written_report(bloc_year)
    orgs = [m.organization for m in bloc_year.memberships.order_by("position")]
    BlocYear.objects.create(
        bloc=bloc_year.bloc,
        year=2024,
        head=orgs[1],
        deputy=orgs[4],
        province_name="Yên Bái",
        place_name="Yên Bái",
    )

    text = PdfInfo(printing.render_report(bloc_year).content).text

    assert f"Đơn vị Trưởng khối năm 2024 là {orgs[1].name}" in text


def test_the_preview_and_the_pdf_come_from_the_same_template(client_for, observer, bloc_year):
    written_report(bloc_year)
    html = printing.report_preview_html(bloc_year)

    assert 'class="sheet' in html
    assert "Số: 05/BC-KTĐ" in html and "ngày 20 tháng 12 năm 2023" in html
    assert datetime.date(2023, 12, 20)  # the date the factory gives the report


def test_the_preview_may_be_framed_by_our_own_report_page_only(client_for, observer, bloc_year):
    written_report(bloc_year)
    client = client_for(observer)

    preview = client.get(f"/b/{bloc_year.bloc.slug}/{bloc_year.year}/report/preview/")
    page = client.get(f"/b/{bloc_year.bloc.slug}/{bloc_year.year}/report/")

    assert preview["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in preview["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in page["Content-Security-Policy"]
    assert "onsubmit=" not in page.content.decode()  # no inline script: the policy forbids it
