"""Property-based: whatever Unicode the secretariat writes into the year-end report, the form
never answers 500; a refused form changes no report row; an accepted one stores the text as
every form cleans it (documents.text.clean_text: NFC, no invisible or control characters,
spaces collapsed) and the preview and the PDF still render it."""

import re
import unicodedata

import pytest
from django.utils.html import escape
from hypothesis import event, example, given, settings
from hypothesis import strategies as st

from documents.text import clean_text
from khoithidua import printing, services
from khoithidua.models import ReportSection, YearLogEntry, YearReport
from tests.fuzz.strategies import FUZZ, NASTY, TEXT
from tests.pdf import PdfInfo

ZWSP = "\u200b"
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
    st.sampled_from([("1", True), ("2", True), ("3", False), (" 1", False)]),
    NASTY.map(lambda v: (v, v in ("1", "2"))),  # a choice is matched exactly, never stripped
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


MULTILINE = ("recipients", "-text")  # the fields with a textarea keep their lines


def as_stored(name: str, value: str) -> str:
    return clean_text(value, multiline=name.endswith(MULTILINE))


def text_ok(name, value: str, *, limit: int | None = None, required: bool = False) -> bool:
    """Cleaned, then Django's CharField: at most `limit` characters, not blank if required."""
    value = as_stored(name, value)
    return (limit is None or len(value) <= limit) and bool(value or not required)


def verdict(checks: list[bool | None]) -> bool | None:
    """Refused if one field is; accepted if every field is known good; else unknown (None)."""
    if False in checks:
        return False
    return None if None in checks else True


def draw_form(data, report) -> tuple[dict, dict, bool | None]:
    """(posted data, what each text field must store, whether the form must be accepted)."""
    posted, checks = {}, []

    def text_field(name, strategy, **rules):
        posted[name] = data.draw(strategy, label=name)
        checks.append(text_ok(name, posted[name], **rules))

    def coded_field(name, strategy):
        posted[name], ok = data.draw(strategy, label=name)
        checks.append(ok)

    text_field("number", NASTY, limit=50)
    text_field("recipients", TEXTS)
    coded_field("issued_on", DATES)
    sections = list(report.sections.all())
    # A few parts get garbage; the others are posted as the page shows them.
    # Drawn by position among a fixed range: an accepted new part must not change the strategy.
    picked = data.draw(st.sets(st.integers(0, 19), max_size=3), label="parts")
    fuzzed = {section.pk for index, section in enumerate(sections) if index in picked}
    for section in sections:
        prefix = f"s{section.pk}-"
        if section.pk not in fuzzed:
            posted.update(
                {
                    prefix + "title": section.title,
                    prefix + "text": section.text,
                    prefix + "level": str(section.level),
                    prefix + "position": str(section.position),
                }
            )
        else:
            title = st.one_of(st.just(section.title), NASTY)
            text_field(prefix + "title", title, limit=255, required=True)
            text_field(prefix + "text", TEXTS)
            coded_field(prefix + "level", st.one_of(st.just((str(section.level), True)), LEVELS))
            position = st.one_of(st.just((str(section.position), True)), POSITIONS)
            coded_field(prefix + "position", position)
        if section.required:
            posted[prefix + "required"] = "on"
    text_field("new-title", st.one_of(st.just(""), NASTY), limit=255)
    posted.update({"new-level": "1", "new-position": "99"})
    stored = {name: as_stored(name, value) for name, value in posted.items()}
    return posted, stored, verdict(checks)


def printed(text: str) -> str:
    """A line as the report prints it: composed (NFC), escaped; without the zero-width spaces
    that let a long word wrap (and that `visible` takes out of the page too)."""
    return escape(unicodedata.normalize("NFC", text)).replace(ZWSP, "")


def shown_lines(text: str) -> list[str]:
    """The narrative's lines as the report prints them (outline.narrative_html)."""
    lines = []
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith(("- ", "+ ", "* ")) or line in ("-", "+", "*"):
            line = line[1:].strip()
        if line:
            lines.append(printed(line))
    return lines


def visible(response) -> str:
    return response.content.decode().replace(ZWSP, "")


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
    html = visible(page)
    for section in report.sections.all():
        assert printed(section.title) in html
        for line in shown_lines(section.text):
            assert line in html


def current_form(report) -> dict:
    """The edit form as the page fills it: what is stored now."""
    data = {"number": report.number, "issued_on": "", "recipients": report.recipients}
    for section in report.sections.all():
        prefix = f"s{section.pk}-"
        data.update(
            {
                prefix + "title": section.title,
                prefix + "level": section.level,
                prefix + "position": section.position,
                prefix + "text": section.text,
            }
        )
        if section.required:
            data[prefix + "required"] = "on"
    return data | {"new-title": "", "new-level": 1, "new-position": 99}


# Up to ~10 000 characters here: 100 000 characters make a PDF of 35 pages or more, seconds
# each, so those have their own test below.
PDF_TEXTS = st.one_of(NASTY, st.lists(TEXT, max_size=6).map("\n".join), st.just("y" * 10_000))


@settings(FUZZ, max_examples=10)
@given(text=PDF_TEXTS.filter(lambda t: "\x00" not in t))
@example(text="\u202eمرحبا e\u0301\u0301\u0301 \ufeff\u200f\n- \u0301\n\x01\x1f\x7f\u2028x")
@example(text="e\u0301" * 5_000)
def test_the_preview_and_the_pdf_render_any_accepted_text(
    secretary_client, bloc_year, report, text
):
    check_preview_and_pdf(secretary_client, bloc_year, report, text, title=text)


@pytest.mark.parametrize("text", [LONG[0], LONG[1]], ids=["one-word", "prose"])
def test_the_preview_and_the_pdf_render_a_100_000_character_text(
    secretary_client, bloc_year, report, text
):
    check_preview_and_pdf(secretary_client, bloc_year, report, text, title="Tình hình")


def check_preview_and_pdf(client, bloc_year, report, text, *, title):
    section = report.sections.get(data="members")
    prefix = f"s{section.pk}-"
    form = current_form(report) | {"recipients": text, prefix + "text": text}
    if clean_text(title) and len(clean_text(title)) <= 255:
        form[prefix + "title"] = title
    response = client.post(url(bloc_year, "edit/"), form)
    assert response.status_code == 302
    section.refresh_from_db()
    assert section.text == clean_text(text, multiline=True)

    preview = client.get(url(bloc_year, "preview/"))
    assert preview.status_code == 200
    html = visible(preview)
    assert printed(section.title) in html
    for line in shown_lines(section.text)[:50]:
        assert line in html
    pdf = client.get(url(bloc_year, "pdf/"))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert PdfInfo(pdf.content).page_count >= 1


def test_a_word_longer_than_a_line_wraps_instead_of_running_off_the_page(bloc_year, report):
    section = report.sections.get(data="members")
    section.text = "z" * 3000  # no Vietnamese word has a z
    section.save()

    info = PdfInfo(printing.render_report(bloc_year).content)

    runs = [
        len(run) for page in info.reader.pages for run in re.findall(r"z+", page.extract_text())
    ]
    assert sum(runs) == 3000
    assert max(runs) < 100  # one printed line holds about 70
