"""Dates as Vietnamese administrative documents write them (Decree 30/2020/NĐ-CP, Appendix I):
days below 10 and the months January and February take a leading zero, months 3-12 never do."""

import datetime


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
