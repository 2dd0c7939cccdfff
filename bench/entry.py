"""The user actions (clicks, keys that submit, uploads) it takes to enter the demo year's 11 score
sheets through Excel, counted by a real headless chromium against the running bench server.

Typing into a box is not counted; every click, every submitting key and every file chosen is.
Filling the workbook happens in Excel (here openpyxl), outside the application."""

import shutil
import tempfile
from io import BytesIO
from pathlib import Path

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def prepare(slug: str, year: int):
    """The year has criteria and empty sheets (as at the start of scoring)."""
    from members.models import BlocYear
    from pledges import selectors, services
    from pledges.models import Score

    bloc_year = BlocYear.objects.get(bloc__slug=slug, year=year)
    if not selectors.criteria_of_year(bloc_year).exists():
        services.criteria_copy_previous(bloc_year=bloc_year)
    services.sheets_ensure(bloc_year=bloc_year)
    Score.objects.filter(sheet__bloc_year=bloc_year).update(self_points=None, note="")
    return bloc_year


def fill(content: bytes) -> bytes:
    """What the secretariat does in Excel: every member's points (the maximum, 0 for deductions)."""
    from openpyxl import load_workbook

    from pledges.sheets_excel import HEADER_ROW, POINTS_COLUMN

    book = load_workbook(BytesIO(content))
    for sheet in book.worksheets:
        if sheet.sheet_state != "visible":
            continue
        for row in sheet.iter_rows(min_row=HEADER_ROW + 1):
            maximum = row[3].value
            if isinstance(maximum, int | float):
                row[POINTS_COLUMN - 1].value = 0 if maximum < 0 else maximum
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


class Person:
    """A page driven only through counted actions (typing is free, as at a real keyboard)."""

    def __init__(self, page):
        self.page, self.actions = page, 0

    def click(self, selector: str, *, navigates: bool = True) -> None:
        self.actions += 1
        if navigates:
            with self.page.expect_navigation():
                self.page.click(selector)
        else:
            self.page.click(selector)

    def press_enter(self) -> None:
        self.actions += 1
        with self.page.expect_navigation():
            self.page.keyboard.press("Enter")

    def choose_file(self, selector: str, path: Path) -> None:
        self.actions += 1
        self.page.set_input_files(selector, str(path))


def count_actions(base_url: str, slug: str, year: int, username: str, password: str) -> dict:
    from playwright.sync_api import sync_playwright

    from pledges.models import Score

    bloc_year = prepare(slug, year)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_context(locale="vi-VN", accept_downloads=True).new_page()
        person = Person(page)
        page.goto(f"{base_url}/b/{slug}/{year}/sheets/")  # a bookmark: the login page first
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", password)
        person.press_enter()
        with page.expect_download() as download:
            person.click("#download-workbook", navigates=False)
        workbook = fill(Path(download.value.path()).read_bytes())
        person.click("#upload-link")
        path = Path(tempfile.mkdtemp()) / "bang-diem.xlsx"
        path.write_bytes(workbook)
        person.choose_file("input[type=file]", path)
        person.click("#upload-workbook")
        if not page.url.endswith(f"/{year}/sheets/"):
            raise RuntimeError(f"the upload was refused: {page.inner_text('main')[:2000]}")
        browser.close()
    criteria = bloc_year.criteria_sections.values_list("criteria", flat=True).count()
    filled = Score.objects.filter(sheet__bloc_year=bloc_year, self_points__isnull=False).count()
    sheets = bloc_year.score_sheets.count()
    return {
        "actions": person.actions,
        "sheets": sheets,
        "cells": filled,
        "expected": sheets * criteria,
    }
