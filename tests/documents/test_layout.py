"""Header values built from a bloc year: the province belongs to the year, not to code."""

import datetime

import pytest

from documents import dates
from documents.layout import bloc_issuer_lines, header_context, number_line
from tests.factories import BlocFactory, OrganizationFactory, ProvinceFactory, year_with_members


def test_dates_take_a_leading_zero_below_ten_and_in_january_and_february_only():
    assert dates.vn_date_long(datetime.date(2023, 2, 5)) == "ngày 05 tháng 02 năm 2023"
    assert dates.vn_date_long(datetime.date(2023, 7, 9)) == "ngày 09 tháng 7 năm 2023"
    assert dates.vn_date_long(datetime.date(2022, 12, 20)) == "ngày 20 tháng 12 năm 2022"


def test_the_issuer_is_the_head_unit_of_the_years_province_then_the_bloc(db):
    bloc = BlocFactory(
        name="Khối Thi đua các tổ chức Hội đặc thù tỉnh Yên Bái",
        province=ProvinceFactory(name="Yên Bái"),
    )
    bloc_year = year_with_members(3, bloc=bloc, year=2026, province_name="Lào Cai")
    bloc_year.head = OrganizationFactory(bloc=bloc, name="Hội Chữ thập đỏ tỉnh")
    bloc_year.save()

    lines = bloc_issuer_lines(bloc_year)

    assert lines == ["HỘI CHỮ THẬP ĐỎ TỈNH LÀO CAI", "KHỐI THI ĐUA CÁC TỔ CHỨC HỘI ĐẶC THÙ"]
    assert not any("YÊN BÁI" in line for line in lines)


def test_a_number_not_yet_given_leaves_room_to_write_it_by_hand():
    assert number_line("05/BC-KTĐ") == "Số: 05/BC-KTĐ"
    assert number_line("", "BC-KTĐ").startswith("Số:")
    assert number_line("", "BC-KTĐ").endswith("/BC-KTĐ")


def test_the_header_context_puts_the_issuer_in_capitals_and_the_date_in_words():
    context = header_context(
        issuer_lines=["Hội Nhà báo tỉnh Lào Cai"],
        number="01/BB-KTĐ",
        place="Lào Cai",
        date=datetime.date(2026, 1, 3),
        doc_type="Biên bản",
    )

    assert context["doc_issuer_lines"] == ["HỘI NHÀ BÁO TỈNH LÀO CAI"]
    assert context["doc_place_date"] == "Lào Cai, ngày 03 tháng 01 năm 2026"
    assert context["doc_type"] == "BIÊN BẢN"


def test_the_blocs_full_name_takes_the_province_of_the_year(db):
    from documents.layout import bloc_name_for_year

    bloc = BlocFactory(
        name="Khối Thi đua các tổ chức Hội đặc thù tỉnh Yên Bái",
        province=ProvinceFactory(name="Yên Bái"),
    )
    old = year_with_members(2, bloc=bloc, year=2022)
    new = year_with_members(2, bloc=bloc, year=2026, province_name="Lào Cai")

    assert bloc_name_for_year(old) == "Khối Thi đua các tổ chức Hội đặc thù tỉnh Yên Bái"
    assert bloc_name_for_year(new) == "Khối Thi đua các tổ chức Hội đặc thù tỉnh Lào Cai"


def test_the_head_of_a_collective_signs_on_its_behalf():
    from documents.layout import signature

    sig = signature(
        on_behalf_of="Khối thi đua", position="Trưởng khối", signer_title="Chủ tịch", name="A"
    )

    assert (sig.prefix, sig.title, sig.name) == ("TM. KHỐI THI ĐUA", "TRƯỞNG KHỐI", "A")


def test_a_deputy_signs_kt_for_the_head_with_his_own_title_in_capitals():
    from documents.layout import principal_title, signature

    title = "Phó Chủ tịch Thường trực"
    sig = signature(
        on_behalf_of="Hội Chữ thập đỏ tỉnh",
        position=principal_title(title),
        signer_title=title,
        name="B",
    )

    assert sig.prefix == "TM. HỘI CHỮ THẬP ĐỎ TỈNH\nKT. CHỦ TỊCH"
    assert sig.title == "PHÓ CHỦ TỊCH THƯỜNG TRỰC"


def test_an_acting_head_signs_q():
    from documents.layout import signature

    sig = signature(
        on_behalf_of="Hội Luật gia tỉnh",
        position="Chủ tịch",
        signer_title="Quyền Chủ tịch",
        name="C",
    )

    assert sig.prefix == "TM. HỘI LUẬT GIA TỈNH\nQ. CHỦ TỊCH" and sig.title == ""


def test_the_header_names_the_province_when_the_head_unit_does_not(db):
    from documents.layout import bloc_header
    from tests.factories import year_with_members

    bloc_year = year_with_members(3)
    bloc_year.head.name = "Sở Tư pháp"
    bloc_year.province_name = "Lào Cai"
    bloc_year.superior_body = ""

    header = bloc_header(bloc_year)

    assert header["superior_lines"] == []
    assert header["issuer_lines"][0] == "SỞ TƯ PHÁP"
    assert header["issuer_lines"][-1].endswith("TỈNH LÀO CAI")


def test_a_header_line_too_long_for_its_column_breaks_before_the_place_name(db):
    """ "ỦY BAN NHÂN DÂN TỈNH QUẢNG / NGÃI" split a province's name; a typist breaks before
    "TỈNH", "HUYỆN" …, as the decree's samples do: "ỦY BAN NHÂN DÂN / TỈNH QUẢNG NGÃI"."""
    from documents.rendering import render_pdf
    from tests.documents.conftest import sample_context
    from tests.pdf import pdf_words

    context = sample_context()
    context.update(
        header_context(
            superior_lines=["Ủy ban nhân dân tỉnh Quảng Ngãi"],
            issuer_lines=["Ủy ban nhân dân huyện Sơn Hà", "Cụm thi đua các huyện miền núi"],
            place="Sơn Hà",
            date=datetime.date(2025, 12, 18),
            doc_type="Báo cáo",
        )
    )

    words = pdf_words(render_pdf("documents/sample.html", context, "sample.pdf").content)
    line_of = {}
    for word in words:  # the first of each word on page 1: the header
        if word.page == 1:
            line_of.setdefault(word.text, round(word.y0))

    assert line_of["TỈNH"] == line_of["QUẢNG"] == line_of["NGÃI"]
    assert line_of["HUYỆN"] == line_of["SƠN"] == line_of["HÀ"]


def test_the_word_copy_keeps_the_place_name_of_a_header_line_together():
    """Word wraps the header's column itself: the place is held by non-breaking spaces there."""
    import io

    import docx

    from documents.word import html_to_docx

    html = (
        '<html><body><div class="superior-line">ỦY BAN NHÂN DÂN '
        '<span class="nowrap">TỈNH QUẢNG NGÃI</span></div></body></html>'
    )

    text = docx.Document(io.BytesIO(html_to_docx(html))).paragraphs[-1].text

    assert text == "ỦY BAN NHÂN DÂN TỈNH\u00a0QUẢNG\u00a0NGÃI"


def test_the_word_copy_prints_the_number_line_at_13_points_as_the_pdf_does():
    """Decree 30: "Số: 05/BC-KTĐ" at 13 pt; the Word copy left it at the body's 14 pt."""
    import io

    import docx

    from documents.word import html_to_docx

    html = '<html><body><div class="doc-number">Số: 05/BC-KTĐ</div></body></html>'

    paragraph = docx.Document(io.BytesIO(html_to_docx(html))).paragraphs[-1]

    assert paragraph.text == "Số: 05/BC-KTĐ"
    assert {run.font.size.pt for run in paragraph.runs} == {13}


@pytest.mark.parametrize("typed", ["Q. Chủ tịch", "Q.Chủ tịch", "q. chủ tịch"])
def test_an_acting_head_typed_with_the_decrees_own_abbreviation_still_signs_q(typed):
    """Decree 30 writes "Q." itself: a signer typed "Q. Chủ tịch" signed the cụm's documents
    "TM. CỤM THI ĐUA / TRƯỞNG CỤM", as if the head signed."""
    from documents.layout import principal_title, signature

    for_the_bloc = signature(
        on_behalf_of="Cụm thi đua", position="Trưởng cụm", signer_title=typed, name="C"
    )
    for_itself = signature(
        on_behalf_of="Ủy ban nhân dân huyện Trà Bồng",
        position=principal_title(typed),
        signer_title=typed,
        name="C",
    )

    assert (for_the_bloc.prefix, for_the_bloc.title) == ("TM. CỤM THI ĐUA\nQ. TRƯỞNG CỤM", "")
    assert for_itself.prefix == "TM. ỦY BAN NHÂN DÂN HUYỆN TRÀ BỒNG\nQ. CHỦ TỊCH"
    assert for_itself.title == ""
