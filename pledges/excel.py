"""The criteria table, the ranking and the full scoring table as .xlsx, and the criteria import.

The column titles are the file's format (the secretariat keeps the file between years), so they
are fixed Vietnamese words, not translated. An import is all or nothing: a file with one bad row
changes nothing and the report names every bad row with its number and the reason."""

from dataclasses import dataclass, field
from decimal import Decimal
from io import BytesIO

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from documents.numbers import parse_number
from documents.spreadsheets import (
    SpreadsheetError,
    merged_ranges,
    open_sheet,
    read_rows,
    write_row,
)
from documents.text import clean_text
from members.models import BlocYear
from pledges import selectors, services
from pledges.models import Criterion, Section

CRITERIA_COLUMNS = {
    "section_code": "Mục",
    "section_title": "Tên mục",
    "code": "Số TT",
    "title": "Tiêu chí",
    "kind": "Loại",
    "max_points": "Điểm tối đa",
    "guidance": "Hướng dẫn chấm",
}
REQUIRED = ["section_title", "title", "kind", "max_points"]
KIND_WORDS = {
    Criterion.Kind.SCORED: "Chấm điểm",
    Criterion.Kind.BONUS: "Điểm thưởng",
    Criterion.Kind.DEDUCTION: "Điểm trừ",
}
KIND_ALIASES = {
    "chấm điểm": Criterion.Kind.SCORED,
    "chấm": Criterion.Kind.SCORED,
    "scored": Criterion.Kind.SCORED,
    "điểm thưởng": Criterion.Kind.BONUS,
    "thưởng": Criterion.Kind.BONUS,
    "điểm cộng": Criterion.Kind.BONUS,
    "cộng": Criterion.Kind.BONUS,
    "bonus": Criterion.Kind.BONUS,
    "điểm trừ": Criterion.Kind.DEDUCTION,
    "trừ": Criterion.Kind.DEDUCTION,
    "deduction": Criterion.Kind.DEDUCTION,
}


ImportFileError = SpreadsheetError  # the file as a whole cannot be used: nothing is imported


@dataclass
class CriteriaImport:
    sections: int = 0
    criteria: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)  # (row number, reason)


def _header(values: tuple) -> list[str | None]:
    titles = {title.lower(): key for key, title in CRITERIA_COLUMNS.items()}
    keys = [titles.get(str(cell).strip().lower()) if cell is not None else None for cell in values]
    missing = [CRITERIA_COLUMNS[key] for key in REQUIRED if key not in keys]
    if missing:
        raise ImportFileError(
            _("Columns missing from the first row: %(columns)s.")
            % {"columns": ", ".join(f"“{m}”" for m in missing)}
        )
    return keys


def _check_merged(sheet) -> None:
    merged = merged_ranges(sheet)
    if merged:
        raise ImportFileError(
            _(
                "The sheet has merged cells (%(ranges)s): unmerge them and repeat the value in "
                "each row."
            )
            % {"ranges": ", ".join(merged[:5])}
        )


def _text(value) -> str:
    return clean_text(str(value)) if value is not None else ""


def _row_reason(values: dict) -> str | None:
    for key, value in values.items():
        if isinstance(value, str) and value.startswith("="):
            return _("formulas are not accepted (%(column)s)") % {"column": CRITERIA_COLUMNS[key]}
    if not _text(values.get("section_title")):
        return _("the section title is empty")
    if not _text(values.get("title")):
        return _("the criterion is empty")
    kind = _text(values.get("kind")).lower()
    if kind not in KIND_ALIASES:
        return _("the kind “%(kind)s” is not one of: %(kinds)s") % {
            "kind": values.get("kind") or "",
            "kinds": ", ".join(KIND_WORDS.values()),
        }
    try:
        points = parse_number(values.get("max_points"), places=2)
    except ValidationError as error:
        return _("the maximum points: %(error)s") % {"error": " ".join(error.messages)}
    if points <= 0:
        return _("the maximum points must be positive (a deduction's maximum too)")
    if points >= Decimal("100000"):
        return _("the maximum points has more than 2 decimals or is too large")
    if len(_text(values.get("title"))) > 1000 or len(_text(values.get("section_title"))) > 500:
        return _("the text is too long")
    return None


def read_criteria(uploaded) -> tuple[list[tuple[int, dict]], list[tuple[int, str]]]:
    """(good rows, rejected rows). Raises ImportFileError for a file that cannot be used,
    including one past the limits of documents.spreadsheets."""
    sheet = open_sheet(uploaded)
    rows = read_rows(sheet)
    first = next(rows, None)
    keys = _header(first[1] if first else ())
    good, rejected = [], []
    for number, cells in rows:
        values = {key: value for key, value in zip(keys, cells, strict=False) if key}
        if all(value in (None, "") for value in values.values()):
            continue
        reason = _row_reason(values)
        if reason:
            rejected.append((number, reason))
            continue
        good.append(
            (
                number,
                {
                    "section_code": _text(values.get("section_code"))[:20],
                    "section_title": _text(values["section_title"]),
                    "code": _text(values.get("code"))[:20],
                    "title": _text(values["title"]),
                    "kind": KIND_ALIASES[_text(values["kind"]).lower()],
                    "max_points": parse_number(values["max_points"], places=2),
                    "guidance": clean_text(str(values.get("guidance") or ""), multiline=True),
                },
            )
        )
    _check_merged(sheet)
    if not good and not rejected:
        raise ImportFileError(_("The file has no criteria rows."))
    return good, rejected


@transaction.atomic
def criteria_import(*, bloc_year: BlocYear, uploaded) -> CriteriaImport:
    """Replace the year's criteria with the file's, only if every row is good."""
    services.require_criteria_editable(bloc_year)
    good, rejected = read_criteria(uploaded)
    report = CriteriaImport(rejected=rejected)
    if rejected:
        return report
    bloc_year.criteria_sections.all().delete()
    sections: dict[tuple[str, str], Section] = {}
    for _number, row in good:
        key = (row["section_code"], row["section_title"])
        if key not in sections:
            sections[key] = Section.objects.create(
                bloc_year=bloc_year, position=len(sections) + 1, code=key[0], title=key[1]
            )
        section = sections[key]
        Criterion.objects.create(
            section=section,
            position=section.criteria.count() + 1,
            code=row["code"],
            title=row["title"],
            kind=row["kind"],
            max_points=row["max_points"],
            guidance=row["guidance"],
        )
        report.criteria += 1
    report.sections = len(sections)
    return report


# --- Export ----------------------------------------------------------------------------------


def _bold_header(sheet, titles: list[str]) -> None:
    from openpyxl.styles import Font

    write_row(sheet, titles)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"


def _save(workbook) -> bytes:
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _new_sheet_workbook(writer, bloc_year: BlocYear) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    writer(workbook.active, bloc_year)
    return _save(workbook)


def write_criteria(sheet, bloc_year: BlocYear) -> None:
    sheet.title = "Tiêu chí"
    _bold_header(sheet, list(CRITERIA_COLUMNS.values()))
    for section in selectors.sections_with_criteria(bloc_year):
        for c in section.criteria.all():
            write_row(
                sheet,
                [
                    section.code,
                    section.title,
                    c.code,
                    c.title,
                    KIND_WORDS[c.kind],
                    c.max_points,
                    c.guidance,
                ],
            )
    for letter, width in zip("ABCDEFG", [6, 40, 8, 60, 14, 12, 50], strict=True):
        sheet.column_dimensions[letter].width = width


def criteria_xlsx(bloc_year: BlocYear) -> bytes:
    return _new_sheet_workbook(write_criteria, bloc_year)


RANKING_COLUMNS = [
    "Xếp hạng",
    "Đơn vị",
    "Điểm chấm",
    "Điểm thưởng",
    "Điểm trừ",
    "Tổng điểm",
    "Xếp loại",
    "Xếp hạng năm trước",
]


def write_ranking(sheet, bloc_year: BlocYear) -> None:
    sheet.title = f"Xếp hạng {bloc_year.year}"
    _bold_header(sheet, RANKING_COLUMNS)
    for row in selectors.year_ranking(bloc_year):
        write_row(
            sheet,
            [
                row.rank,
                row.organization.name,
                row.scored,
                row.bonus,
                row.deduction,
                row.total,
                row.classification,
                row.previous_rank,
            ],
        )
    for letter, width in zip("ABCDEFGH", [10, 45, 12, 12, 12, 12, 30, 12], strict=True):
        sheet.column_dimensions[letter].width = width


def ranking_xlsx(bloc_year: BlocYear) -> bytes:
    return _new_sheet_workbook(write_ranking, bloc_year)


def write_table(sheet, bloc_year: BlocYear) -> None:
    table = selectors.scoring_table(bloc_year)
    sheet.title = f"Bảng điểm {bloc_year.year}"
    names = [col.organization.name for col in table.columns]
    _bold_header(sheet, ["Số TT", "Tiêu chí", "Loại", "Điểm tối đa", *names])
    for section, rows in table.sections:
        write_row(sheet, [section.code, section.title])
        for row in rows:
            c = row.criterion
            write_row(sheet, [c.code, c.title, KIND_WORDS[c.kind], c.max_points, *row.cells])
    sheet.append([])
    for label, attribute in (
        ("Điểm chấm", "scored"),
        ("Điểm thưởng", "bonus"),
        ("Điểm trừ", "deduction"),
        ("Tổng điểm", "total"),
        ("Xếp hạng", "rank"),
    ):
        write_row(sheet, ["", label, "", "", *[getattr(col, attribute) for col in table.columns]])
    sheet.column_dimensions["B"].width = 60


def table_xlsx(bloc_year: BlocYear) -> bytes:
    return _new_sheet_workbook(write_table, bloc_year)
