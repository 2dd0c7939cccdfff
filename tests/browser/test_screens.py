"""Any screen: at 390 px no main page scrolls sideways (wide tables scroll in their own box, the
score sheet stacks with its labels). Print: printing the report page prints the report itself."""

from io import StringIO

import pytest
from auditlog.context import set_actor
from django.contrib.auth import get_user_model
from django.core.management import call_command

from members import demo
from tests.browser.steps import submit
from tests.browser.test_pledges import _criteria
from tests.pdf import PdfInfo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
PAGES = [
    "/",
    "/b/{slug}/2022/",
    "/b/{slug}/2022/members/",
    "/b/{slug}/orgs/",
    "/b/{slug}/2022/pledge/",
    "/b/{slug}/2022/criteria/",
    "/b/{slug}/2022/sheets/",
    "/b/{slug}/2022/sheets/{sheet}/",
    "/b/{slug}/2023/sheets/{draft}/",
    "/b/{slug}/2022/ranking/",
    "/b/{slug}/2022/table/",
    "/b/{slug}/2022/awards/",
    "/b/{slug}/2022/awards/rules/",
    "/b/{slug}/2022/awards/meeting/",
    "/b/{slug}/2022/awards/election/",
    "/b/{slug}/2022/awards/decisions/",
    "/b/{slug}/awards/",
    "/b/{slug}/2022/audit/",
    "/b/{slug}/2022/report/",
]


@pytest.fixture
def phone(browser):
    context = browser.new_context(locale="vi-VN", viewport=PHONE)
    page = context.new_page()
    yield page
    context.close()


def _sheets():
    """A sheet of 2022 (demo scores) and a draft of 2023, with the whole demo loaded."""
    from members.models import BlocYear
    from pledges.services import sheets_ensure

    call_command("load_demo", stdout=StringIO())  # the whole demo: scores, ranking, awards, report
    years = [BlocYear.objects.get(bloc__slug=demo.SLUG, year=y) for y in (2022, 2023)]
    if not years[1].criteria_sections.exists():
        _criteria(years[1])
    for year in years:
        sheets_ensure(bloc_year=year)
    # The sheets with the longest texts: the demo's notes, the member's own sheet.
    sheets = [year.score_sheets.order_by("-demo_note", "pk").first() for year in years]
    # The demo's audit trail starts empty: one change by the secretariat puts a row in its table.
    score = sheets[0].scores.order_by("pk").first()
    score.note += " Đã bổ sung minh chứng."
    with set_actor(get_user_model().objects.get(username="thuky")):
        score.save()
    return sheets


def _login(page, live_server, username):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", demo.PASSWORD)
    submit(page, "button:has-text('Đăng nhập')")


def test_no_main_page_scrolls_sideways_at_390_px(phone, live_server):
    sheet, draft = _sheets()
    _login(phone, live_server, "thuky")
    wide = {}
    for path in PAGES:
        url = live_server.url + path.format(slug=demo.SLUG, sheet=sheet.pk, draft=draft.pk)
        response = phone.goto(url)
        assert response.status == 200, url
        sizes = phone.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        if sizes[0] > sizes[1]:
            wide[path] = sizes
    assert not wide, f"pages wider than the screen (scrollWidth, clientWidth): {wide}"


def test_the_score_sheet_keeps_its_column_labels_on_a_phone(phone, live_server):
    _sheet, draft = _sheets()
    _login(phone, live_server, "thuky")
    phone.goto(f"{live_server.url}/b/{demo.SLUG}/2023/sheets/{draft.pk}/")
    cell = phone.locator(".sheet-grid td[data-label]").nth(2)
    label = cell.evaluate("td => getComputedStyle(td, '::before').content")
    assert label.strip('"') == "Điểm"


def test_printing_the_report_page_prints_the_whole_report(page, live_server):
    _sheets()
    _login(page, live_server, "thuky")
    page.goto(f"{live_server.url}/b/{demo.SLUG}/2022/report/")
    page.emulate_media(media="print")
    assert page.locator(".report-print").is_visible()
    assert not page.locator("iframe").is_visible()
    text = " ".join(PdfInfo(page.pdf(format="A4")).pages_text)
    assert "BÁO CÁO" in text
    assert "Nơi nhận" in text  # the end of the report, past the first page
    assert "Sửa báo cáo" not in text  # the page's own buttons are not printed


# Words of a table's cells cut over two lines ("Ph/ườ/ng"): the table squeezed instead of
# scrolling in its own box. A word's range then has client rects on more than one line.
BROKEN_WORDS = """() => {
  const out = new Set();
  document.querySelectorAll("main table :is(td, th)").forEach((cell) => {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.closest(".visually-hidden")) continue;
      for (const match of node.data.matchAll(/[^\\s\\/-]+/g)) {  // a line may break after / or -
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0)
          .map((r) => Math.round(r.top)));
        if (lines.size > 1) out.add(match[0]);
      }
    }
  });
  return [...out].slice(0, 5);
}"""


def test_no_word_of_a_table_is_cut_at_390_px(phone, live_server):
    sheet, draft = _sheets()
    _login(phone, live_server, "thuky")
    cut = {}
    for path in PAGES:
        phone.goto(live_server.url + path.format(slug=demo.SLUG, sheet=sheet.pk, draft=draft.pk))
        words = phone.evaluate(BROKEN_WORDS)
        if words:
            cut[path] = words
    assert not cut, f"words cut over two lines in a table: {cut}"


def test_printing_the_scoring_table_prints_every_members_column(page, live_server):
    """Its columns grow with the members: printed, the table fits the page's width (it used to be
    cut at the page's edge, the last members' columns lost)."""
    from members.models import BlocYear, Organization
    from tests.pdf import pdf_words

    _sheets()
    # Headers as a bloc without abbreviations has them: the organizations' full names.
    Organization.objects.filter(bloc__slug=demo.SLUG).update(abbreviation="", short_name="")
    members = BlocYear.objects.get(bloc__slug=demo.SLUG, year=2022).memberships.count()
    _login(page, live_server, "thuky")
    page.goto(f"{live_server.url}/b/{demo.SLUG}/2022/table/")
    page.emulate_media(media="print")
    words = pdf_words(page.pdf(format="A4"))
    rank = next(w for w in words if w.text == "Xếp")  # the last row: "Xếp hạng" and the ranks
    row = [w for w in words if w.page == rank.page and abs(w.y0 - rank.y0) < 2]
    ranks = [w for w in row if w.text.isdigit() and w.x1 <= w.page_width]
    assert len(ranks) == members, [(w.text, round(w.x1)) for w in row]
