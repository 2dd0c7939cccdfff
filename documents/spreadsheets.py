"""Excel files in and out, bounded and safe.

In: an uploaded .xlsx is a zip archive, and a 100 KB one can unpack to gigabytes (a
"decompression bomb"). Before openpyxl parses anything, the archive's declared sizes are added up
and refused past settings.IMPORT_MAX_UNPACKED_BYTES; the sheet is then read in streaming mode
(read-only), at most settings.IMPORT_MAX_ROWS rows and MAX_COLUMNS columns, so memory stays
bounded whatever the file claims.

Out: a text cell that begins with =, +, -, @ or a tab would be taken by a spreadsheet for a
formula (formula injection: "=HYPERLINK(...)" in an organization's name). write_row stores such
text as text."""

import zipfile
from collections.abc import Iterator
from xml.etree.ElementTree import iterparse

from django.conf import settings
from django.utils.translation import gettext as _

MAX_COLUMNS = 40  # our import formats have fewer than ten; a sheet wider than this is not one
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class SpreadsheetError(ValueError):
    """The file as a whole cannot be used: nothing is imported. The message says why."""


def _megabytes(size: int) -> str:
    return f"{size / 1048576:g}".replace(".", ",")


def check_archive(uploaded, *, max_unpacked: int | None = None) -> None:
    """Refuse a file that is not a zip archive, or that unpacks past the limit, reading only its
    directory (a few bytes per member): nothing is decompressed."""
    limit = max_unpacked or settings.IMPORT_MAX_UNPACKED_BYTES
    try:
        uploaded.seek(0)
        with zipfile.ZipFile(uploaded) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise SpreadsheetError(_("This file is not an Excel workbook (.xlsx).")) from error
    unpacked = sum(member.file_size for member in members)
    if unpacked > limit or len(members) > 10_000:
        raise SpreadsheetError(
            _(
                "This workbook unpacks to more than %(limit)s MB. Keep only the sheet to import, "
                "without pictures or empty formatted rows, and send it again."
            )
            % {"limit": _megabytes(limit)}
        )
    uploaded.seek(0)


def open_sheet(uploaded, *, max_unpacked: int | None = None):
    """The first worksheet, read-only (streaming), after the archive check."""
    from openpyxl import load_workbook

    check_archive(uploaded, max_unpacked=max_unpacked)
    try:
        workbook = load_workbook(uploaded, read_only=True, data_only=False)
        return workbook.worksheets[0]
    except Exception as error:  # openpyxl raises many kinds for a file that is not .xlsx
        raise SpreadsheetError(_("This file is not an Excel workbook (.xlsx).")) from error


def read_rows(sheet, *, max_rows: int | None = None) -> Iterator[tuple[int, tuple]]:
    """(row number, values) of every non-empty row, the header (row 1) first. Raises
    SpreadsheetError once the file has more rows than the limit, before reading them all."""
    limit = max_rows or settings.IMPORT_MAX_ROWS
    try:
        rows = sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True)
        for number, values in enumerate(rows, start=1):
            if number > limit + 1:
                raise SpreadsheetError(
                    _("The file has more than %(limit)s rows: split it and import each part.")
                    % {"limit": limit}
                )
            if any(value not in (None, "") for value in values):
                yield number, values
    except SpreadsheetError:
        raise
    except Exception as error:  # a damaged sheet inside a valid archive
        raise SpreadsheetError(_("This file is not an Excel workbook (.xlsx).")) from error


def merged_ranges(sheet) -> list[str]:
    """The merged cells of a read-only sheet, read by a streaming XML parse."""
    ranges = []
    with sheet._get_source() as source:
        for _event, element in iterparse(source):
            if element.tag.endswith("}mergeCell"):
                ranges.append(element.get("ref", ""))
            element.clear()
    return ranges


def write_row(sheet, values) -> None:
    """sheet.append, with text that a spreadsheet would run as a formula stored as text."""
    sheet.append(list(values))
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
            cell.data_type = "s"
            cell.quotePrefix = True
