"""Steps shared by the browser tests."""


def submit(page, selector):
    """Click what submits a form and wait until the page it leads to has loaded.

    A bare click returns once the click is dispatched: reading the page, or the database, before
    the answer arrives reads a blank document mid-navigation (a CI run failed so on PostgreSQL)."""
    with page.expect_navigation():
        page.click(selector)
