"""One workbook of every bloc's ranking and nominations for a year, for the province office's own
tables. Each bloc's ranking comes from pledges' own selector, so it never differs from the bloc's
ranking page."""

from io import BytesIO

from members.models import BlocYear, Province
from pledges.selectors import year_ranking
from province import selectors

DATE = "DD/MM/YYYY"  # real dates, so the office can sort and filter them in Excel


def _header(sheet, titles: list[str], widths: list[int]) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    sheet.append(titles)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"


def _rankings(sheet, years: list[BlocYear]) -> None:
    sheet.title = "Xếp hạng"
    _header(
        sheet,
        ["Khối thi đua", "Hạng", "Đơn vị", "Tổng điểm", "Điểm thưởng", "Điểm trừ", "Xếp loại"],
        [45, 8, 50, 12, 12, 12, 30],
    )
    for bloc_year in years:
        for row in year_ranking(bloc_year):
            sheet.append(
                [
                    bloc_year.bloc.name,
                    row.rank,
                    row.organization.name,
                    row.total,
                    row.bonus,
                    row.deduction,
                    str(row.classification),
                ]
            )


def _nominations(sheet, nominations) -> None:
    sheet.title = "Đề nghị khen thưởng"
    _header(
        sheet,
        [
            "Khối thi đua",
            "Hình thức",
            "Đơn vị",
            "Hạng",
            "Trạng thái",
            "Số tờ trình",
            "Ngày tờ trình",
            "Số quyết định",
            "Ngày quyết định",
        ],
        [45, 40, 50, 8, 25, 15, 14, 18, 14],
    )
    for n in nominations:
        sheet.append(
            [
                n.bloc_name,
                n.award_name,
                n.organization_name,
                n.rank,
                n.status_label,
                n.submission_number,
                n.submission_date,
                n.decision_number,
                n.decision_date,
            ]
        )
        for column in (7, 9):
            sheet.cell(sheet.max_row, column).number_format = DATE


def province_xlsx(province: Province, year: int) -> bytes:
    from openpyxl import Workbook

    years = list(
        BlocYear.objects.filter(bloc__in=selectors.blocs_of(province), year=year)
        .select_related("bloc")
        .order_by("bloc__name")
    )
    workbook = Workbook()
    _rankings(workbook.active, years)
    _nominations(workbook.create_sheet(), selectors.nominations_of(province, year))
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
