"""The Decree 30/2020 layout every printed document extends, read back from the PDF."""

import datetime

import pytest
from django.template.loader import render_to_string

from tests.documents.conftest import sample_context


def test_the_header_has_the_issuing_body_the_number_and_the_national_motto(render_sample):
    first_page = render_sample().pages_text[0]

    assert "HỘI CHỮ THẬP ĐỎ TỈNH YÊN BÁI" in first_page
    assert "KHỐI THI ĐUA CÁC TỔ CHỨC HỘI ĐẶC THÙ" in first_page
    assert "Số: 05/BC-KTĐ" in first_page
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first_page
    assert "Độc lập - Tự do - Hạnh phúc" in first_page


def test_the_type_summary_signature_and_recipients_are_printed(render_sample):
    text = render_sample().text

    assert "BÁO CÁO Tổng kết công tác thi đua, khen thưởng năm 2022;" in text
    assert "Nơi nhận:" in text
    assert "- Ban Thi đua - Khen thưởng tỉnh;" in text
    assert "TM. KHỐI THI ĐUA TRƯỞNG KHỐI" in text
    assert "Hà Thị Ngoan" in text


def test_the_place_and_date_line_follows_the_zero_rule(render_sample):
    assert (
        "Yên Bái, ngày 05 tháng 02 năm 2023" in render_sample(date=datetime.date(2023, 2, 5)).text
    )
    july = render_sample(date=datetime.date(2023, 7, 15), place="Lào Cai").text
    assert "Lào Cai, ngày 15 tháng 7 năm 2023" in july
    assert "tháng 07" not in july


def test_pages_are_a4_portrait_with_every_font_embedded_liberation_serif(render_sample):
    info = render_sample(paragraphs=12)

    assert info.page_count >= 2
    assert info.all_a4()
    assert info.fonts_embedded()
    assert info.font_families() == {"LiberationSerif"}


def test_the_page_number_is_absent_on_page_one_and_present_from_page_two(render_sample):
    info = render_sample(paragraphs=14)
    pages = info.pages_text

    assert len(pages) >= 2
    assert not pages[0].startswith("1 ") and not pages[0].endswith(" 1")
    assert "2" in (pages[1][:3] + pages[1][-3:])


@pytest.mark.parametrize("size,landscape", [("A4", False), ("A4 landscape", True)])
def test_a_document_may_turn_its_pages_to_landscape(size, landscape):
    from django.template import Context, Engine

    engine = Engine.get_default()
    template = engine.from_string(
        '{% extends "documents/base_print.html" %}{% block page_size %}'
        + size
        + "{% endblock %}{% block body %}<p>Bảng tổng hợp</p>{% endblock %}"
    )
    from documents.rendering import html_to_pdf
    from tests.pdf import PdfInfo

    html = template.render(Context({**sample_context(), "for_print": True}))
    info = PdfInfo(html_to_pdf(html))

    assert info.all_a4(landscape=landscape)


def test_the_on_screen_preview_draws_the_same_document_on_a_sheet():
    html = render_to_string("documents/sample.html", {**sample_context(), "for_print": False})
    printed = render_to_string("documents/sample.html", {**sample_context(), "for_print": True})

    assert 'class="sheet' in html and 'class="sheet' not in printed
    for text in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 05/BC-KTĐ", "Hà Thị Ngoan"):
        assert text in html and text in printed
