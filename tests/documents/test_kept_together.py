"""What a printed page keeps together: two signatures side by side keep their names on one line,
however many authority lines stand above each (the head unit's "TM. / KT. / PHÓ CHỦ TỊCH" beside a
nominee's "TM. / CHỦ TỊCH"); a summary's "năm 2023" wraps as one."""

from io import StringIO

import pytest
from django.core.management import call_command

from awards.printing import render_achievement
from awards.selectors import nominees_with_reports
from documents import registry
from members.models import BlocYear
from tests.pdf import pdf_words


@pytest.fixture
def demo_2022(db):
    call_command("load_demo", stdout=StringIO())
    return BlocYear.objects.get(bloc__slug="hoi-dac-thu-yen-bai", year=2022)


def baselines(content: bytes, *names: str) -> set[tuple[int, float]]:
    """The page and baseline of each place where one of the names is written out whole."""
    words = pdf_words(content)
    found = set()
    for name in names:
        parts = name.split()
        for i in range(len(words) - len(parts) + 1):
            run = words[i : i + len(parts)]
            if [w.text for w in run] == parts and len({round(w.y1, 1) for w in run}) == 1:
                found.add((run[-1].page, round(run[-1].y1, 1)))
    return found


def test_the_achievement_reports_two_signers_names_line_up(demo_2022):
    nominee = next(
        n for n in nominees_with_reports(demo_2022) if n.organization.abbreviation == "CTĐ"
    )
    pdf = render_achievement(nominee).content

    # "... Bình Minh" confirms for the head unit under four lines, "... Thị Ngoan" signs under two.
    assert len(baselines(pdf, "Nguyễn Bình Minh", "Hà Thị Ngoan")) == 1


def test_the_pledges_signers_names_line_up_pair_by_pair(demo_2022):
    pdf = registry.render("pledge", demo_2022).content

    assert len(baselines(pdf, "Nguyễn Bình Minh", "Hà Thị Ngoan")) == 1


def test_a_summarys_year_never_stands_alone_on_its_last_line(demo_2022):
    words = pdf_words(registry.render("minutes", demo_2022).content)
    lines = {}
    for word in words:
        if word.page == 1:
            lines.setdefault(round(word.y1), []).append(word.text)

    # "… và bầu Trưởng khối, Phó Trưởng khối năm 2023": "năm 2023" wraps as one.
    assert ["2023"] not in lines.values()
    assert any(line[-2:] == ["năm", "2023"] for line in lines.values())
