"""The whole year as one Excel workbook, for people who keep their own copy: the year's facts,
its members, the criteria, the full score table, the ranking and the awards. The pledges sheets
are written by pledges' own writers, so the workbook and the single exports never differ."""

from io import BytesIO

from awards.selectors import nominations_of_year
from documents.dates import vn_date_short
from documents.spreadsheets import write_row
from members.models import BlocYear
from members.selectors import memberships_of_year
from pledges import excel as pledges_excel


def _bold_first_row(sheet) -> None:
    from openpyxl.styles import Font

    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"


def _write_facts(sheet, bloc_year: BlocYear) -> None:
    sheet.title = "Năm thi đua"
    rows = [
        (bloc_year.bloc.words.name, bloc_year.bloc.name),
        ("Năm", bloc_year.year),
        ("Tỉnh", bloc_year.province_name),
        ("Giai đoạn", str(bloc_year.get_phase_display())),
        (bloc_year.bloc.words.head, bloc_year.head.name if bloc_year.head else ""),
        (bloc_year.bloc.words.deputy, bloc_year.deputy.name if bloc_year.deputy else ""),
    ]
    for row in rows:
        write_row(sheet, row)
    sheet.column_dimensions["A"].width = 20
    sheet.column_dimensions["B"].width = 70


def _write_members(sheet, bloc_year: BlocYear) -> None:
    sheet.title = "Thành viên"
    write_row(sheet, ["STT", "Đơn vị", "Người đứng đầu", "Chức vụ", "Ghi chú"])
    for number, m in enumerate(memberships_of_year(bloc_year), start=1):
        note = m.block_reason if m.nomination_blocked else ""
        write_row(sheet, [number, m.organization.name, m.signer_name, m.signer_title, note])
    _bold_first_row(sheet)
    sheet.column_dimensions["B"].width = 50


def _write_awards(sheet, bloc_year: BlocYear) -> None:
    sheet.title = "Khen thưởng"
    write_row(
        sheet,
        ["Đơn vị", "Hình thức", "Trạng thái", "Tán thành", "Số người dự", "Tỷ lệ (%)",
         "Số quyết định", "Ngày quyết định", "Cơ quan quyết định"]
    )  # fmt: skip
    for n in nominations_of_year(bloc_year):
        write_row(
            sheet,
            [
                n.organization.name,
                n.award_type.name,
                str(n.get_status_display()),
                n.votes_for,
                n.voters,
                n.percent,
                n.decision_number,
                vn_date_short(n.decision_date),
                n.decision_issuer,
            ],
        )
    _bold_first_row(sheet)
    sheet.column_dimensions["A"].width = 45
    sheet.column_dimensions["B"].width = 45


def year_xlsx(bloc_year: BlocYear) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    _write_facts(workbook.active, bloc_year)
    for writer in (
        _write_members,
        pledges_excel.write_criteria,
        pledges_excel.write_table,
        pledges_excel.write_ranking,
        _write_awards,
    ):
        writer(workbook.create_sheet(), bloc_year)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
