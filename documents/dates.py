"""Dates as Vietnamese administrative documents write them (Decree 30/2020/NĐ-CP, Appendix I):
days below 10 and the months January and February take a leading zero, months 3-12 never do."""

import datetime
import re


def vn_day(value: datetime.date) -> str:
    return f"{value.day:02d}"


def vn_month(value: datetime.date) -> str:
    return f"{value.month:02d}" if value.month <= 2 else str(value.month)


def vn_date_long(value: datetime.date | None) -> str:
    """ "ngày 05 tháng 02 năm 2023"."""
    if value is None:
        return ""
    return f"ngày {vn_day(value)} tháng {vn_month(value)} năm {value.year}"


def vn_date_short(value: datetime.date | None) -> str:
    """ "05/02/2023" for tables and lists."""
    if value is None:
        return ""
    return value.strftime("%d/%m/%Y")


def place_date_line(place: str, value: datetime.date | None) -> str:
    """ "Yên Bái, ngày 20 tháng 12 năm 2022"; without a date, dots to fill in by hand."""
    if value is None:
        return f"{place}, ngày     tháng     năm     "
    return f"{place}, {vn_date_long(value)}"


def known_on(document_date: datetime.date | None, fact_date: datetime.date | None) -> bool:
    """May a document dated `document_date` state a fact of `fact_date`? Only what was known on
    its date (DOMAIN.md §7): a report of 20/12/2022 cannot cite a decision of 2023. The one rule
    every document applies; a draft without a date yet states everything known so far, and a
    fact without a date is not yet a fact."""
    if fact_date is None:
        return False
    return document_date is None or fact_date <= document_date


_LONG_DATE = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)
_SHORT_DATE = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4})(?![\d/])")


def dates_in(text: str) -> list[datetime.date]:
    """The dates a line of text names, as documents write them: "ngày 14 tháng 6 năm 2025" or
    "14/6/2025" (a number such as "152/2025/NĐ-CP" is not a date)."""
    found = []
    for day, month, year in _LONG_DATE.findall(text) + _SHORT_DATE.findall(text):
        try:
            found.append(datetime.date(int(year), int(month), int(day)))
        except ValueError:
            continue
    return found


def lines_known_on(document_date: datetime.date | None, lines) -> list[str]:
    """The lines (legal bases: "Căn cứ …") a document dated `document_date` may cite: one
    naming a date after the document's own is a text issued later, left out."""
    return [line for line in lines if all(known_on(document_date, day) for day in dates_in(line))]
