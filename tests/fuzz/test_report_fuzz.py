"""Property-based: whatever Unicode the secretariat writes into the year-end report, the form
never answers 500; a refused form changes no report row; an accepted one stores the text as
typed (less the outer whitespace every form field strips) and the preview and the PDF still
render it."""

import re

import pytest
from django.utils.html import escape
from hypothesis import event, example, given, settings
from hypothesis import strategies as st

from khoithidua import printing, services
from khoithidua.models import ReportSection, YearLogEntry, YearReport
from tests.fuzz.strategies import FUZZ, NASTY, TEXT
from tests.pdf import PdfInfo

LONG = [
    "x" * 100_000,
    "Nội dung báo cáo. " * 5_600,  # 100 800 characters, words to break lines at
    ("- Ý thứ nhất;\n" * 8_000)[:100_000],
    "e\u0301" * 50_000,  # every letter with a combining accent
    "\u202e" + "مرحبا " * 16_000,
]
TEXTS = st.one_of(NASTY, st.sampled_from(LONG), st.lists(TEXT, max_size=6).map("\n".join))
# (posted value, whether the form should accept it): a field of the form's own grammar.
LEVELS = st.one_of(
    st.sampled_from([("1", True), ("2", True)]), NASTY.map(lambda v: (v, v.strip() in ("1", "2")))
)
POSITIONS = st.one_of(
    st.integers(0, 999).map(lambda n: (str(n), True)),
    st.integers().map(lambda n: (str(n), 0 <= n <= 999)),
    NASTY.map(lambda v: (v, None)),
)
DATES = st.one_of(
    st.dates().map(lambda d: (d.isoformat(), True)),
    st.just(("", True)),
    NASTY.map(lambda v: (v, None)),
)


@pytest.fixture
def secretary_client(client, secretary):
    client.force_login(secretary)
    return client


@pytest.fixture
def report(bloc_year):
    return services.report_get_or_create(bloc_year=bloc_year)


def url(bloc_year, suffix):
    return f"/b/{bloc_year.bloc.slug}/{bloc_year.year}/report/{suffix}"


def snapshot():
    rows = [
        list(model.objects.order_by("pk").values())
        for model in (YearReport, ReportSection, YearLogEntry)
    ]
    for row in rows[0]:
        row.pop("updated_at")
    return rows


def draw_form(data, report) -> tuple[dict, dict, bool | None]:
    """(posted data, what each text field should store, whether the form must be accepted —
    None when the test cannot tell)."""
    posted, stored, known = {}, {}, True
    texts = []

    def text_field(name, strategy, limit=None, required=False):
        value = data.draw(strategy, label=name)
        posted[name] = value
        stored[name] = value.strip()
        texts.append((value, limit, required))

    text_field("number", NASTY, limit=50)
    text_field("recipients", TEXTS)
    date, date_ok = data.draw(DATES, label="issued_on")
    posted["issued_on"] = date
    for section in report.sections.all():
        prefix = f"s{section.pk}-"
        title = st.one_of(st.just(section.title), NASTY)
        text_field(prefix + "title", title, limit=255, required=True)
        text_field(prefix + "text", TEXTS)
        level, level_ok = data.draw(st.one_of(st.just((str(section.level), True)), LEVELS))
        position, position_ok = data.draw(st.one_of(st.just((str(section.position), True)), POSITIONS))
        posted.update({prefix + "level": level, prefix + "position": position})
        if section.required:
            posted[prefix + "required"] = "on"
        known = known if (level_ok and position_ok) else (None if None in (level_ok, position_ok) else False)
    new_title = data.draw(st.one_of(st.just(""), NASTY), label="new-title")
    posted.update({"new-title": new_title, "new-level": "1", "new-position": "99"})
    texts.append((new_title, 255, False))
    if known is not None and date_ok is not None:
        known = known and date_ok and all(
            "\x00" not in value
            and (limit is None or len(value.strip()) <= limit)
            and (value.strip() or not required)
            for value, limit, required in texts
        )
    else:
        known = None if known is not False and date_ok is not False else False
    return posted, stored, known


def shown_lines(text: str) -> list[str]:
    """The narrative's lines as the report prints them (outline.narrative_html), escaped."""
    lines = []
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith(("- ", "+ ", "* ")) or line in ("-", "+", "*"):
            line = line[1:].strip()
        if line:
            lines.append(escape(line))
    return lines


def post_report(client, bloc_year, report, data):
    posted, stored, known = draw_form(data, report)
    before = snapshot()
    response = client.post(url(bloc_year, "edit/"), posted)
    assert response.status_code in (302, 400)
    accepted = response.status_code == 302
    event("accepted" if accepted else "refused")
    if known is not None:
        assert accepted == known
    if not accepted:
        assert snapshot() == before
        return None
    report.refresh_from_db()
    assert report.number == stored["number"]
    assert report.recipients == stored["recipients"]
    for section in report.sections.all():
        prefix = f"s{section.pk}-"
        if prefix + "title" in stored:
            assert section.title == stored[prefix + "title"]
            assert section.text == stored[prefix + "text"]
    return stored


@FUZZ
@given(data=st.data())
def test_the_report_form_stores_the_text_as_typed_or_changes_nothing(
    secretary_client, bloc_year, report, data
):
    stored = post_report(secretary_client, bloc_year, report, data)
    if stored is None:
        return
    page = secretary_client.get(url(bloc_year, "preview/"))
    assert page.status_code == 200
    html = page.content.decode()
    for section in report.sections.all():
        assert escape(section.title) in html
        for line in shown_lines(section.text):
            assert line in html


@settings(FUZZ, max_examples=10)
@given(text=st.one_of(TEXTS.filter(lambda t: "\x00" not in t), st.sampled_from(LONG)))
@example(text="\u202eمرحبا e\u0301\u0301\u0301 \ufeff\u200f\n- \u0301\n\x01\x1f\x7f\u2028x")
@example(text="x" * 100_000)
def test_the_preview_and_the_pdf_render_any_accepted_text(
    secretary_client, bloc_year, report, text
):
    section = report.sections.get(data="members")
    services.report_save(
        report=report,
        user=None,
        number="05/BC-KTĐ",
        issued_on=None,
        recipients=text,
        sections=[
            {
                "section": section,
                "title": text.strip()[:255] or section.title,
                "level": section.level,
                "position": section.position,
                "text": text,
                "required": section.required,
            }
        ],
    )
    preview = secretary_client.get(url(bloc_year, "preview/"))
    assert preview.status_code == 200
    for line in shown_lines(text)[:50]:
        assert line in preview.content.decode()
    pdf = secretary_client.get(url(bloc_year, "pdf/"))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert PdfInfo(pdf.content).page_count >= 1


def test_a_word_longer_than_a_line_wraps_instead_of_running_off_the_page(bloc_year, report):
    section = report.sections.get(data="members")
    section.text = "z" * 3000  # no Vietnamese word has a z
    section.save()

    info = PdfInfo(printing.render_report(bloc_year).content)

    runs = [len(run) for page in info.reader.pages for run in re.findall(r"z+", page.extract_text())]
    assert sum(runs) == 3000
    assert max(runs) < 100  # one printed line holds about 70
