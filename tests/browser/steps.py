"""Steps shared by the browser tests."""


def submit(page, target):
    """Click what submits a form (a selector or a locator) and wait until the page it leads to
    has loaded.

    A bare click returns once the click is dispatched, and wait_for_load_state() returns at once
    while the old page is still there: reading the page, or the database, before the answer
    arrives reads a blank document mid-navigation (a CI run failed so on PostgreSQL)."""
    with page.expect_navigation():
        (page.locator(target) if isinstance(target, str) else target).click()
