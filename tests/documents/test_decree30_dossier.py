"""Documents a secretary files unchanged (issue 10): every glyph inside the Decree 30 text box,
nothing dated after the document's own date, one register of numbers, and a dossier whose
submission lists exactly what it holds, in PDF and Word."""

import datetime
import io
import re
import zipfile
from io import StringIO

import docx
import pytest
from django.core.management import call_command
from django.db.models import F

from awards.printing import render_achievement
from awards.selectors import nominees_with_reports
from documents import registry
from documents.models import RegisterEntry
from members.models import BlocYear
from pledges.models import Criterion, Score, ScoringSettings
from pledges.selectors import year_ranking
from tests.pdf import PdfInfo, words_outside_text_box

KINDS = ["pledge", "ranking", "scoring_table", "minutes", "submission", "report"]


@pytest.fixture
def demo_2022(db):
    call_command("load_demo", stdout=StringIO())
    return BlocYear.objects.select_related("bloc", "head").get(
        bloc__slug="hoi-dac-thu-yen-bai", year=2022
    )


def on_a_1000_point_scale(bloc_year: BlocYear) -> BlocYear:
    """The same year scored out of 1,000, in another province's year (Lào Cai after 2025)."""
    Criterion.objects.filter(section__bloc_year=bloc_year).update(max_points=F("max_points") * 10)
    scores = Score.objects.filter(sheet__bloc_year=bloc_year)
    scores.update(max_points=F("max_points") * 10)  # each score keeps its criterion's maximum
    for name in ("self_points", "reviewed_points", "final_points"):
        scores.filter(**{f"{name}__isnull": False}).update(**{name: F(name) * 10})
    ScoringSettings.objects.filter(bloc_year=bloc_year).update(
        max_bonus=F("max_bonus") * 10, max_deduction=F("max_deduction") * 10
    )
    bloc_year.province_name = bloc_year.place_name = "Lào Cai"
    bloc_year.superior_body = "Ủy ban nhân dân tỉnh Lào Cai"
    bloc_year.save()
    return bloc_year


def every_document(bloc_year):
    for kind in KINDS:
        yield kind, registry.render(kind, bloc_year)
    for nomination in nominees_with_reports(bloc_year):
        yield f"achievement {nomination.organization}", render_achievement(nomination)


@pytest.mark.parametrize("scale", [100, 1000])
def test_every_word_of_every_document_lies_inside_the_decree_30_text_box(demo_2022, scale):
    bloc_year = on_a_1000_point_scale(demo_2022) if scale == 1000 else demo_2022

    outside = {
        kind: words_outside_text_box(rendered.content)
        for kind, rendered in every_document(bloc_year)
    }

    assert {kind: words for kind, words in outside.items() if words} == {}
    assert len(outside) == len(KINDS) + 4  # four nominees, one achievement report each


def test_a_word_past_the_right_margin_is_caught(demo_2022):
    from documents.rendering import render_pdf
    from tests.documents.conftest import sample_context

    context = sample_context()
    context["paragraphs"] = ["x" * 200]  # one unbreakable word wider than the page

    rendered = render_pdf("documents/sample.html", context, "sample.pdf")

    assert any("right" in problem for problem in words_outside_text_box(rendered.content))


def test_on_a_1000_point_scale_the_bands_are_shares_of_the_scale(demo_2022):
    bloc_year = on_a_1000_point_scale(demo_2022)

    text = PdfInfo(registry.render("ranking", bloc_year).content).text
    grades = [row.classification for row in year_ranking(bloc_year)]

    assert "thang điểm 1.000" in text
    # 95 % of 1,000 = 950: the same five as on 100 points, not all eleven
    assert grades.count("Hoàn thành xuất sắc nhiệm vụ") == 5
    assert grades.count("Hoàn thành tốt nhiệm vụ") == 6
    assert "TỈNH LÀO CAI" in text  # the header names the year's province


DATE_LONG = re.compile(r"ngày (\d{1,2}) tháng (\d{1,2}) năm (\d{4})")
DATE_SHORT = re.compile(r"\b(\d{2})/(\d{2})/(\d{4})\b")


def dates_in(text: str) -> list[datetime.date]:
    found = [datetime.date(int(y), int(m), int(d)) for d, m, y in DATE_LONG.findall(text)]
    found += [datetime.date(int(y), int(m), int(d)) for d, m, y in DATE_SHORT.findall(text)]
    return found


@pytest.mark.parametrize(
    "kind, own_date",
    [
        ("pledge", datetime.date(2022, 2, 25)),
        ("minutes", datetime.date(2022, 12, 20)),
        ("report", datetime.date(2022, 12, 20)),
        ("submission", datetime.date(2022, 12, 26)),
    ],
)
def test_the_2022_documents_state_no_date_later_than_their_own(demo_2022, kind, own_date):
    text = PdfInfo(registry.render(kind, demo_2022).content).text

    found = dates_in(text)

    assert own_date in found  # the place and date line
    assert [d for d in found if d > own_date] == []


def test_a_legal_basis_issued_after_a_document_is_not_cited_by_it(demo_2022):
    """The year's legal bases are typed once, often at the year's end: the pledge of 25/02/2022
    cannot cite a text of 15/12/2022, the submission of 26/12/2022 can; neither cites one of
    2025."""
    demo_2022.legal_bases = (
        "Căn cứ Luật Thi đua, Khen thưởng ngày 26 tháng 11 năm 2003;\n"
        "Căn cứ Kế hoạch số 12/KH-UBND ngày 15/12/2022 của UBND tỉnh;\n"
        "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ;"
    )
    demo_2022.save()

    pledge = PdfInfo(registry.render("pledge", demo_2022).content).text
    submission = PdfInfo(registry.render("submission", demo_2022).content).text

    assert "Luật Thi đua, Khen thưởng ngày 26 tháng 11 năm 2003" in pledge
    assert "12/KH-UBND" not in pledge and "152/2025/NĐ-CP" not in pledge
    assert "12/KH-UBND" in submission and "152/2025/NĐ-CP" not in submission


def test_the_pledge_prints_targets_not_results(demo_2022):
    text = PdfInfo(registry.render("pledge", demo_2022).content).text

    assert "330 hội viên" in text and "376 hội viên" not in text
    assert "Kết quả" not in text


def test_the_report_leaves_2023_decisions_to_a_later_document(demo_2022):
    text = PdfInfo(registry.render("report", demo_2022).content).text

    assert "QĐ-TTg" not in text and "Được tặng" not in text
    assert "bỏ phiếu kín" in text and "biểu quyết lựa chọn" not in text  # as the minutes say


def test_the_dossier_holds_exactly_what_the_submission_lists_in_pdf_and_word(demo_2022):
    archive = zipfile.ZipFile(io.BytesIO(registry.render("dossier", demo_2022).content))
    names = archive.namelist()
    submission = next(n for n in names if n.startswith("01-") and n.endswith(".pdf"))
    text = PdfInfo(archive.read(submission)).text
    listed = re.search(r"Hồ sơ kèm theo: (.*?) Kính đề nghị", text).group(1)
    listed_items = [item.strip(" ;.") for item in listed.split("- ") if item.strip()]

    index = archive.read("00-danh-muc.txt").decode()
    titles = re.findall(r"^- \d\d-[^:]+\.pdf: (.*) \(SHA-256", index, flags=re.MULTILINE)

    assert titles[0] == "Tờ trình đề nghị khen thưởng"
    assert [re.sub(r"\s+", " ", t) for t in titles[1:]] == listed_items
    assert (
        sum("Báo cáo thành tích" in t for t in titles) == len(nominees_with_reports(demo_2022)) == 4
    )
    pdfs = sorted(n for n in names if n.endswith(".pdf"))
    assert sorted(n.removesuffix(".docx") + ".pdf" for n in names if n.endswith(".docx")) == pdfs
    assert "CHƯA CÓ" not in index
    # Files named in the secretary's words (the award's name, not its code "gov-flag").
    assert "05-bao-cao-thanh-tich-kh-co-thi-dua-cua-chinh-phu.pdf" in names
    for name in names:
        if name.endswith(".docx"):
            words = " ".join(
                p.text for p in docx.Document(io.BytesIO(archive.read(name))).paragraphs
            )
            assert words.strip(), name


def test_numbers_come_from_one_register_per_issuing_body_and_calendar_year(demo_2022):
    for kind in ("pledge", "minutes", "report", "submission"):
        registry.render(kind, demo_2022)

    entries = list(RegisterEntry.objects.filter(issuer_key=f"organization:{demo_2022.head_id}"))
    numbers = {(e.year, e.sequence) for e in entries}

    assert len(numbers) == len(entries) == 4
    assert [e.number for e in sorted(entries, key=lambda e: e.sequence)] == [
        "01/GƯTĐ-KTĐ",
        "04/BB-KTĐ",
        "05/BC-KTĐ",
        "06/TTr-KTĐ",
    ]


def test_a_number_already_taken_in_the_register_is_refused(demo_2022):
    from django.core.exceptions import ValidationError

    from documents.register import reserve

    registry.render("report", demo_2022)

    with pytest.raises(ValidationError):
        reserve(
            issuer=demo_2022.head,
            document_key="other/2022/report",
            issued_on=datetime.date(2022, 12, 21),
            type_code="TTr",
            suffix="KTĐ",
            title="Tờ trình",
            typed_number="05/TTr-KTĐ",
        )


@pytest.mark.parametrize(
    "typed, kept",
    [
        ("07/BC-KTĐ", False),  # a report's type code on a submission
        ("07/BB", False),
        ("07/TTr-UBND", True),  # the head unit's own symbol: its spelling is kept
        ("7/ttr-KTĐ", True),
    ],
)
def test_a_typed_number_must_carry_the_documents_own_type_code(db, typed, kept):
    """Decree 30's type codes say what a document is: a submission typed "07/BC-KTĐ" printed
    "Số: 07/BC-KTĐ" above "TỜ TRÌNH"."""
    from django.core.exceptions import ValidationError

    from documents.register import reserve
    from tests.factories import OrganizationFactory

    def submission():
        return reserve(
            issuer=OrganizationFactory(),
            document_key="bloc/2025/submission",
            issued_on=datetime.date(2025, 12, 22),
            type_code="TTr",
            suffix="KTĐ",
            title="Tờ trình",
            typed_number=typed,
        )

    if kept:
        assert submission().number == typed
    else:
        with pytest.raises(ValidationError, match="TTr"):
            submission()
        assert not RegisterEntry.objects.exists()


def test_a_meeting_in_january_takes_its_number_from_that_years_register(demo_2022):
    from documents.register import bloc_number

    number = bloc_number(
        demo_2022,
        "late-minutes",
        date=datetime.date(2023, 1, 12),
        type_code="BB",
        suffix="KTĐ",
        title="Biên bản",
        issue=True,
    )

    entry = RegisterEntry.objects.get(number=number)
    assert (entry.year, entry.sequence) == (2023, 1)


def word_text(content: bytes) -> list[str]:
    document = docx.Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]

    def cells(tables):
        for table in tables:
            for row in table.rows:
                seen = set()
                for cell in row.cells:  # a merged cell is listed once per column it spans
                    if id(cell._tc) not in seen:
                        seen.add(id(cell._tc))
                        parts.extend(p.text for p in cell.paragraphs)
                        cells(cell.tables)

    cells(document.tables)
    return re.findall(r"\w+", " ".join(parts))


@pytest.mark.parametrize("kind", ["report", "minutes", "submission", "pledge", "scoring_table"])
def test_the_word_copy_has_the_pdfs_words_page_and_fonts(demo_2022, kind):
    from collections import Counter

    rendered = registry.render(kind, demo_2022)
    info = PdfInfo(rendered.content)
    pdf_words = Counter(re.findall(r"\w+", info.text))
    for page in range(2, info.page_count + 1):
        pdf_words[str(page)] -= 1  # the page numbers of the top margin: a field in Word
    document = docx.Document(io.BytesIO(rendered.docx))
    # A table header the PDF repeats on its next page (Word repeats it too, as a header row).
    if kind in ("pledge", "scoring_table"):
        grid = next(t for t in document.tables if t.style.name == "Table Grid")
        pdf_words -= Counter(re.findall(r"\w+", " ".join(c.text for c in grid.rows[0].cells)))
    section = document.sections[0]

    assert +pdf_words == Counter(word_text(rendered.docx))
    assert (round(section.left_margin.mm), round(section.right_margin.mm)) == (30, 16)
    assert (round(section.top_margin.mm), round(section.bottom_margin.mm)) == (20, 20)
    landscape = kind == "scoring_table"
    assert (section.page_width > section.page_height) is landscape
    assert document.styles["Normal"].font.name == "Times New Roman"
    assert section.different_first_page_header_footer  # no number on page 1
    assert "PAGE" in section.header._element.xml


def test_the_dossier_tells_one_truth_about_the_voting_and_the_scoring(demo_2022):
    texts = {
        kind: PdfInfo(registry.render(kind, demo_2022).content).text
        for kind in ("minutes", "report", "ranking")
    }

    # The year's settings: a secret ballot, head review (no cross-scoring).
    assert "bỏ phiếu kín" in texts["minutes"] and "bỏ phiếu kín" in texts["report"]
    assert "biểu quyết lựa chọn" not in texts["report"]
    for kind in ("report", "ranking"):
        assert "thẩm định của đơn vị Trưởng khối" in texts[kind], kind
        assert "chấm chéo" not in texts[kind], kind
    # Ranks 10 and 11 have equal totals: the tie rule that decided them is stated in the report.
    assert "ưu tiên điểm chấm cao hơn" in texts["report"]
    # Only rank 1 leads the bloc: the table and the list of the minutes name it, no other.
    assert texts["minutes"].count("đơn vị dẫn đầu") == 2
    assert "dẫn đầu" not in texts["report"]
