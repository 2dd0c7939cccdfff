"""The secretariat, in a real browser: adds an organization to a year, sets head and deputy,
and sees them on the year page."""

import pytest

from members import demo
from tests.browser.steps import submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_secretariat_adds_a_member_and_sets_the_leadership(page, login, live_server):
    demo.load()
    login("thuky")
    assert page.url.endswith("/b/hoi-dac-thu-yen-bai/2023/")

    # A new organization, then into the year.
    page.goto(f"{live_server.url}/b/hoi-dac-thu-yen-bai/orgs/new/")
    page.fill("input[name=name]", "Hội Cựu giáo chức tỉnh")
    page.fill("input[name=abbreviation]", "CGC")
    submit(page, "button:has-text('Lưu')")
    page.goto(f"{live_server.url}/b/hoi-dac-thu-yen-bai/2023/members/")
    page.get_by_label("Hội Cựu giáo chức tỉnh").check()
    submit(page, "button:has-text('Thêm vào năm')")
    assert page.locator(".alert-success").inner_text() == "Đã thêm vào năm: Hội Cựu giáo chức tỉnh."

    # Head and deputy.
    page.goto(f"{live_server.url}/b/hoi-dac-thu-yen-bai/2023/leadership/")
    page.select_option("select[name=head]", label="Hội Cựu giáo chức tỉnh")
    page.select_option("select[name=deputy]", label="Hội Khuyến học tỉnh")
    submit(page, "button:has-text('Lưu')")

    assert page.url.endswith("/b/hoi-dac-thu-yen-bai/2023/")
    assert page.locator("#head").inner_text() == "Hội Cựu giáo chức tỉnh"
    assert page.locator("#deputy").inner_text() == "Hội Khuyến học tỉnh"
    assert page.locator("#members").get_by_text("Hội Cựu giáo chức tỉnh").count() == 1


def test_the_same_organization_for_both_posts_is_refused_in_the_browser(page, login, live_server):
    demo.load()
    login("thuky")
    page.goto(f"{live_server.url}/b/hoi-dac-thu-yen-bai/2023/leadership/")
    page.select_option("select[name=head]", label="Hội Khuyến học tỉnh")
    page.select_option("select[name=deputy]", label="Hội Khuyến học tỉnh")
    submit(page, "button:has-text('Lưu')")
    assert "phải là hai đơn vị khác nhau" in page.content()


def test_removing_a_member_asks_first_and_cancelling_keeps_it(page, login, live_server):
    demo.load()
    login("thuky")
    page.goto(f"{live_server.url}/b/hoi-dac-thu-yen-bai/2023/members/")
    row = page.locator("tr", has_text="Hội Đông y tỉnh")
    page.once("dialog", lambda dialog: dialog.dismiss())
    row.get_by_role("button", name="Xóa khỏi năm").click()
    assert page.locator("tr", has_text="Hội Đông y tỉnh").count() == 1

    page.once("dialog", lambda dialog: dialog.accept())
    submit(
        page,
        page.locator("tr", has_text="Hội Đông y tỉnh").get_by_role("button", name="Xóa khỏi năm"),
    )
    assert "Đã đưa Hội Đông y tỉnh ra khỏi năm" in page.locator(".alert-success").inner_text()


def test_the_secretariat_reorders_the_members_by_dragging_a_row(page, login, live_server):
    from members.models import BlocYear

    demo.load()
    year = BlocYear.objects.get(bloc__slug=demo.SLUG, year=2023)
    names = list(year.memberships.order_by("position").values_list("organization__name", flat=True))
    login("thuky")
    page.goto(f"{live_server.url}/b/{demo.SLUG}/2023/members/")
    rows = page.locator("tbody[data-sortable] tr")
    with page.expect_navigation():
        rows.nth(2).drag_to(rows.nth(0), target_position={"x": 20, "y": 2})
    assert page.locator(".alert-success").inner_text() == "Đã lưu thứ tự."
    order = list(year.memberships.order_by("position").values_list("organization__name", flat=True))
    assert order == [names[2], names[0], names[1], *names[3:]]
