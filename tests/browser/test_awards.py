"""The 2022 year-end meeting of the demo bloc in a real browser: the secretariat (thuky) proposes
the nominations from the ranking, records the meeting and the tallies, elects next year's head
and deputy and applies the election; the 2022 leader (truongkhoi, Hội Chữ thập đỏ tỉnh, deputy
head in 2022) approves. The 2023 year page then shows the elected head and deputy.

The data is the members and pledges demos only (not the awards demo), with the 2023 leadership
cleared first, so the election is what sets it."""

import pytest

from awards.models import Nomination
from members import demo as members_demo
from members.models import BlocYear
from pledges import demo as pledges_demo
from tests.browser.steps import submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SLUG = members_demo.SLUG
NOMINEES = [
    "Hội Khuyến học tỉnh",
    "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh",
    "Hội Chữ thập đỏ tỉnh",
    "Hội Liên hiệp Văn học Nghệ thuật tỉnh",
]
HEAD, DEPUTY = "Hội Chữ thập đỏ tỉnh", "Hội Liên hiệp Văn học Nghệ thuật tỉnh"


@pytest.fixture
def demo_without_2023_leaders(db):
    members_demo.load()
    pledges_demo.load()
    BlocYear.objects.filter(bloc__slug=SLUG, year=2023).update(head=None, deputy=None)


def record_tally(page, row, votes_for):
    row.get_by_role("link").last.click()
    page.fill("#tally-form input[name=votes_for]", str(votes_for))
    submit(page, "#tally-form button.btn-primary")


def test_the_secretariat_runs_the_2022_meeting_and_the_election_sets_2023_leaders(
    page, login, live_server, demo_without_2023_leaders
):
    awards = f"{live_server.url}/b/{SLUG}/2022/awards/"
    page.on("dialog", lambda dialog: dialog.accept())  # the confirmations before acting

    # Nominations from the ranking, in one action: best ranks to the highest awards.
    login("thuky")
    page.goto(awards)
    page.click("#propose-from-ranking")
    rows = page.locator("#nominations tbody tr")
    assert rows.count() == 4
    assert [rows.nth(i).get_attribute("data-organization") for i in range(4)] == NOMINEES
    assert "Xếp hạng" in rows.first.inner_text()

    # The meeting: every member ticked present by default, quorum shown.
    page.goto(awards + "meeting/edit/")
    page.fill("input[name=held_on]", "2022-12-20")
    page.fill("input[name=starts_at]", "08:00")
    page.fill("input[name=ends_at]", "11:30")
    page.fill("input[name=secretary]", "Nguyễn Thị Thư")
    submit(page, "#meeting-form button.btn-primary")
    assert "11/11 đơn vị có mặt: đủ số lượng" in page.locator("#quorum").inner_text()

    # The tallies: the application says whether each passes under the year's rule.
    for name in NOMINEES:
        page.goto(awards + "meeting/")
        record_tally(page, page.locator(f'#tallies tr[data-organization="{name}"]'), 11)
        assert "11/11 phiếu đồng ý (100 %): đạt." in page.locator(".alert-success").inner_text()

    # The election: the rotation proposal (this year's deputy for head) is pre-filled.
    page.goto(awards + "election/")
    assert (
        page.locator("#candidate-form select[name=organization] option:checked").inner_text()
        == HEAD
    )
    page.click("#add-candidate")
    page.select_option("#candidate-form select[name=post]", "deputy")
    page.select_option("#candidate-form select[name=organization]", label=DEPUTY)
    page.click("#add-candidate")
    for post in ("head", "deputy"):
        record_tally(page, page.locator(f"#post-{post} tbody tr").first, 11)
    assert "trúng cử" in page.locator("#post-head .result").inner_text()
    submit(page, "#apply-election")
    assert page.locator("#applied").count() == 1

    # The 2022 leader approves each voted nomination but its own organization's, which it is
    # told it may not; the secretariat approves that one, as the year allows.
    page.context.clear_cookies()
    login("truongkhoi")
    for name in NOMINEES:
        page.goto(awards)
        page.locator(f'#nominations tr[data-organization="{name}"] a').first.click()
        if name == HEAD:  # truongkhoi represents it
            assert page.locator("#approve").count() == 0
            assert "là đơn vị của chính bạn" in page.locator("#approval-refusal").inner_text()
            continue
        submit(page, "#approve")
        assert "Đã phê duyệt" in page.locator(".alert-success").inner_text()
    BlocYear.objects.filter(bloc__slug=SLUG, year=2022).update(
        approval_by=BlocYear.Finisher.LEADERS_OR_SECRETARIAT
    )
    page.context.clear_cookies()
    login("thuky")
    page.goto(awards)
    page.locator(f'#nominations tr[data-organization="{HEAD}"] a').first.click()
    submit(page, "#approve")
    assert "Đã phê duyệt" in page.locator(".alert-success").inner_text()
    assert set(Nomination.objects.values_list("status", flat=True)) == {"approved"}

    # Next year's page shows the elected leaders.
    page.goto(f"{live_server.url}/b/{SLUG}/2023/")
    assert page.locator("#head").inner_text().strip() == HEAD
    assert page.locator("#deputy").inner_text().strip() == DEPUTY
