"""Score sheets to Excel and back: one member's sheet, every sheet of the year (one tab per
member), or the cross-scoring workbook of one scorer (one tab per member it scores).

Each tab is pre-filled with the criteria, their maxima and the points as they stand, and carries
a version stamp. A hidden sheet keeps, for every row, which sheet and criterion it is and the values
it was pre-filled with: on upload a tab whose stored values changed since then is stale and is
refused with what changed. An upload is all or nothing: every cell is checked (numbers as people
write them, the criterion's limits) and nothing is saved unless the whole workbook is valid."""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from documents.spreadsheets import check_archive, write_row
from members.models import BlocYear, Organization
from pledges import permissions, selectors, services
from pledges.excel import ImportFileError, _save
from pledges.forms import DecimalTextField, check_points, shown_points
from pledges.models import ScoreSheet

META = "khoithidua"
FORMAT = "khoithidua-scores-1"
HEADER_ROW = 5
COLUMNS = ["Số TT", "Tiêu chí", "Loại", "Điểm tối đa", "Điểm", "Ghi chú"]
POINTS_COLUMN, NOTE_COLUMN = 5, 6  # E, F
# Cross-scoring: the member's own points beside the scorer's, as the cross-scoring page shows them;
# to read only (never read back), past the note column a cross tab leaves empty.
OWN_COLUMN, OWN_TITLE = 7, "Đơn vị tự chấm"  # G
KIND_WORDS = {"scored": "Chấm điểm", "bonus": "Điểm thưởng", "deduction": "Điểm trừ"}
NOTE_MAX = 4000


@dataclass
class Tab:
    """One tab: a member's own points (scorer None) or one scorer's points for that member."""

    sheet: ScoreSheet
    scorer: Organization | None = None


def _values(sheet: ScoreSheet, scorer: Organization | None, grid=None) -> dict:
    """criterion id → (points as the form shows them, note) as stored now."""
    values = {}
    for _section, rows in grid or selectors.sheet_rows(sheet):
        for row in rows:
            score = row.score
            if scorer is None:
                points = score.self_points if score else None
                values[row.criterion.pk] = (shown_points(row.criterion, points), _note(score))
            else:
                mine = [c.points for c in score.cross_scores.all() if c.scorer_id == scorer.pk]
                values[row.criterion.pk] = (
                    shown_points(row.criterion, mine[0] if score and mine else None),
                    "",
                )
    return values


def _note(score) -> str:
    return score.note if score else ""


def _title(name: str, taken: set) -> str:
    base = re.sub(r"[\[\]:*?/\\]", " ", name).strip()[:28] or "Bang"
    title, n = base, 2
    while title.lower() in taken:
        title, n = f"{base[:25]} ({n})", n + 1
    taken.add(title.lower())
    return title


def _number(text: str):
    """A pre-filled number as a number (Excel sums it); the form's text when it is not one."""
    return Decimal(text.replace(",", ".")) if text else None


def workbook(bloc_year: BlocYear, tabs: list[Tab]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill, Protection

    book = Workbook()
    book.remove(book.active)
    meta = book.create_sheet(META)
    write_row(meta, [FORMAT, bloc_year.bloc.slug, bloc_year.year])
    taken = {META}
    for tab in tabs:
        org = tab.sheet.organization
        sheet = book.create_sheet(_title(org.abbreviation or org.short_name or org.name, taken))
        heading = "BẢNG TỰ CHẤM ĐIỂM" if tab.scorer is None else "BẢNG CHẤM CHÉO"
        write_row(sheet, [f"{heading} NĂM {bloc_year.year}"])
        write_row(sheet, [f"Đơn vị: {org.name}"])
        if tab.scorer is not None:
            write_row(sheet, [f"Đơn vị chấm: {tab.scorer.name}"])
        else:
            write_row(
                sheet, ["Điểm trừ ghi số âm (−2 là trừ 2 điểm). Chỉ sửa cột Điểm và Ghi chú."]
            )
        write_row(sheet, [f"Phiên bản: {tab.sheet.version}"])
        sheet["A1"].font = Font(bold=True, size=13)
        # Cross-scoring keeps points only: its tab has no note column to fill.
        columns = (POINTS_COLUMN, NOTE_COLUMN) if tab.scorer is None else (POINTS_COLUMN,)
        write_row(sheet, COLUMNS[: max(columns)])
        if tab.scorer is not None:
            sheet.cell(HEADER_ROW, OWN_COLUMN, OWN_TITLE)
        for cell in sheet[HEADER_ROW]:
            cell.font = Font(bold=True)
        write_row(
            meta,
            [
                "tab",
                sheet.title,
                tab.sheet.pk,
                tab.scorer.pk if tab.scorer else "",
                tab.sheet.version,
            ],
        )
        grid = selectors.sheet_rows(tab.sheet)
        values = _values(tab.sheet, tab.scorer, grid)
        own = _values(tab.sheet, None, grid) if tab.scorer is not None else {}
        for section, rows in grid:
            write_row(sheet, [section.code, section.title])
            sheet.cell(sheet.max_row, 2).font = Font(bold=True)
            for row in rows:
                c = row.criterion
                points, note = values[c.pk]
                maximum = -c.max_points if c.is_deduction else c.max_points
                write_row(sheet, [c.code, c.title, KIND_WORDS[c.kind], maximum, _number(points)])
                line = sheet.max_row
                if tab.scorer is None:
                    cell = sheet.cell(line, NOTE_COLUMN, note)
                    if note.startswith(("=", "+", "-", "@", "\t")):  # text, never a formula
                        cell.data_type, cell.quotePrefix = "s", True
                else:
                    sheet.cell(line, OWN_COLUMN, _number(own[c.pk][0]))
                for column in columns:
                    sheet.cell(line, column).fill = PatternFill("solid", fgColor="FFF8D6")
                    sheet.cell(line, column).protection = Protection(locked=False)
                write_row(meta, ["row", sheet.title, c.pk, line, points, note])
        sheet.column_dimensions["B"].width = 70
        if tab.scorer is None:
            sheet.column_dimensions["F"].width = 40
        else:
            sheet.column_dimensions["F"].width = 2
            sheet.column_dimensions["G"].width = 15
        for line in sheet.iter_rows(min_row=HEADER_ROW + 1, max_col=2):
            line[1].alignment = Alignment(wrap_text=True, vertical="top")
        sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    meta.sheet_state = "hidden"
    if len(book.sheetnames) > 1:
        book.active = 1
    return _save(book)


# --- Upload ----------------------------------------------------------------------------------


@dataclass
class CellError:
    tab: str
    row: int
    column: str
    message: str


@dataclass
class StaleTab:
    tab: str
    changes: list[tuple[str, str, str]]  # (criterion, value in the file's stamp, value now)


@dataclass
class ScoresImport:
    tabs: int = 0
    changed: int = 0
    errors: list[CellError] = field(default_factory=list)
    stale: list[StaleTab] = field(default_factory=list)

    @property
    def refused(self) -> bool:
        return bool(self.errors or self.stale)


@dataclass
class _ReadTab:
    title: str
    sheet: ScoreSheet
    scorer: Organization | None
    rows: list = field(default_factory=list)  # (criterion, line, original points, original note)
    values: dict = field(default_factory=dict)  # criterion id -> (Decimal | None, note)
    refusal: str | None = None  # why this user may not save this tab


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _read_meta(book, bloc_year: BlocYear) -> list[tuple]:
    if META not in book.sheetnames:
        raise ImportFileError(
            _("This workbook was not downloaded from this site: download the sheets first.")
        )
    lines = list(book[META].iter_rows(values_only=True))
    if not lines or lines[0][:3] != (FORMAT, bloc_year.bloc.slug, bloc_year.year):
        raise ImportFileError(_("This workbook belongs to another bloc or year."))
    # Padded: a trailing empty cell is not stored in the file.
    return [tuple(line) + (None,) * 6 for line in lines[1:]]


def _tabs(book, bloc_year: BlocYear, access) -> tuple[list[_ReadTab], list[CellError]]:
    sheets = {s.pk: s for s in bloc_year.score_sheets.select_related("organization")}
    orgs = {m.organization_id: m.organization for m in bloc_year.memberships.all()}
    criteria = {c.pk: c for c in selectors.criteria_of_year(bloc_year)}
    settings = selectors.scoring_settings(bloc_year)
    tabs, errors = {}, []
    for line in _read_meta(book, bloc_year):
        kind, title = line[0], line[1]
        if kind == "tab":
            sheet, scorer = sheets.get(line[2]), orgs.get(line[3]) if line[3] else None
            if sheet is None or title not in book.sheetnames or (line[3] and scorer is None):
                raise ImportFileError(
                    _("The workbook's tab “%(tab)s” is damaged.") % {"tab": title}
                )
            sheet.bloc_year = bloc_year
            reason = _refusal(access, bloc_year, sheet, scorer, settings)
            tabs[title] = _ReadTab(title, sheet, scorer, refusal=reason)
        elif kind == "row" and title in tabs and line[2] in criteria:
            tabs[title].rows.append((criteria[line[2]], line[3], _text(line[4]), _text(line[5])))
    return list(tabs.values()), errors


def _refusal(access, bloc_year, sheet, scorer, settings) -> str | None:
    """Why this user may not save this tab, or None."""
    try:
        if scorer is None:
            permissions.require_self_edit(access, bloc_year, sheet, settings)
        else:
            permissions.require_cross(access, bloc_year, sheet, settings)
            if permissions.cross_scorer_id(access, scorer.pk) != scorer.pk:
                raise PermissionDenied(_("You score only for your own organization."))
            if sheet.status not in services.HANDED_IN:
                raise PermissionDenied(_("Only a handed-in sheet can be scored."))
    except Http404:
        return _("You may not change this sheet.")
    except PermissionDenied as error:
        return str(error) or _("You may not change this sheet.")
    return None


def _check_cells(sheet, tab: _ReadTab, errors: list) -> None:
    field_ = DecimalTextField()
    for criterion, line, _points, _note in tab.rows:
        raw = sheet.cell(line, POINTS_COLUMN).value
        note = _text(sheet.cell(line, NOTE_COLUMN).value)
        if tab.scorer is not None and note:
            message = _("Cross-scoring keeps no notes: leave this column empty.")
            errors.append(CellError(tab.title, line, "F", message))
            continue
        try:
            value = check_points(criterion, field_.clean(_text(raw)))
        except forms.ValidationError as error:
            errors.append(CellError(tab.title, line, "E", " ".join(error.messages)))
            continue
        if len(note) > NOTE_MAX:
            errors.append(CellError(tab.title, line, "F", _("The note is too long.")))
            continue
        tab.values[criterion.pk] = (value, note)


def _as_left(sheet, tab: _ReadTab) -> bool:
    """Whether every cell of the tab still holds what it was pre-filled with."""
    field_ = DecimalTextField()
    for _criterion, line, points, note in tab.rows:
        try:
            value = field_.clean(_text(sheet.cell(line, POINTS_COLUMN).value))
        except forms.ValidationError:
            return False
        if value != _number(points):
            return False
        if _text(sheet.cell(line, NOTE_COLUMN).value) != note:
            return False
    return True


def _stale(tab: _ReadTab) -> StaleTab | None:
    now = _values(tab.sheet, tab.scorer)
    changes = [
        (str(criterion), points or "—", now[criterion.pk][0] or "—")
        for criterion, _line, points, note in tab.rows
        if criterion.pk in now and now[criterion.pk] != (points, note)
    ]
    return StaleTab(tab.title, changes) if changes else None


def _workbook(uploaded):
    """The whole workbook (its hidden sheet and every tab are needed), after the archive's
    unpacked size is checked against the import limit without decompressing anything."""
    from django.conf import settings
    from openpyxl import load_workbook

    check_archive(uploaded, max_unpacked=settings.IMPORT_MAX_UNPACKED_BYTES)
    try:
        return load_workbook(uploaded, data_only=False)
    except Exception as error:  # openpyxl raises many kinds for a file that is not .xlsx
        raise ImportFileError(_("This file is not an Excel workbook (.xlsx).")) from error


def read(uploaded, *, bloc_year: BlocYear, access) -> tuple[list[_ReadTab], ScoresImport]:
    book = _workbook(uploaded)
    tabs, errors = _tabs(book, bloc_year, access)
    # A tab this user may not save (a sheet handed in or final, another member's) is refused only
    # when it was changed: the year's workbook holds every sheet, and the others still go in.
    refused = [tab for tab in tabs if tab.refusal]
    tabs = [tab for tab in tabs if not tab.refusal]
    for tab in refused:
        if not _as_left(book[tab.title], tab):
            errors.append(CellError(tab.title, HEADER_ROW, "", tab.refusal))
    report = ScoresImport(tabs=len(tabs), errors=errors)
    for tab in tabs:
        _check_cells(book[tab.title], tab, report.errors)
    return tabs, report


@transaction.atomic
def scores_import(*, bloc_year: BlocYear, uploaded, access, user) -> ScoresImport:
    """Check every cell, then save every tab, or nothing. Raises ImportFileError when the file is
    not one of our workbooks."""
    tabs, report = read(uploaded, bloc_year=bloc_year, access=access)
    if report.errors:
        return report
    for tab in tabs:
        # Locked first, so nobody changes the sheet between this check and the save.
        ScoreSheet.objects.select_for_update().filter(pk=tab.sheet.pk).first()
        stale = _stale(tab)
        if stale:
            report.stale.append(stale)
    if report.stale:
        return report
    report.tabs = 0  # from here: the sheets this upload changed, not those it merely held
    try:
        for tab in tabs:
            changed = _save_tab(tab, user)
            report.changed += changed
            report.tabs += changed > 0
    except ValidationError as error:
        transaction.set_rollback(True)
        report.errors.append(CellError("", 0, "", " ".join(error.messages)))
    return report


def _save_tab(tab: _ReadTab, user) -> int:
    if tab.scorer is not None:
        points = {pk: value for pk, (value, _note) in tab.values.items()}
        return services.cross_scores_save(
            sheet=tab.sheet, scorer=tab.scorer, points=points, user=user
        )
    scores = {s.criterion_id: s for s in tab.sheet.scores.all()}
    rows = [
        services.SelfRow(
            criterion=criterion,
            points=tab.values[criterion.pk][0],
            note=tab.values[criterion.pk][1],
            version=services.row_version(scores.get(criterion.pk)),
        )
        for criterion, _line, _p, _n in tab.rows
    ]
    return services.sheet_self_save(sheet=tab.sheet, rows=rows, user=user)
