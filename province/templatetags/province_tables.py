"""The cells of the province's two big tables, written in Python as the admin writes its change
list's cells (django.contrib.admin.templatetags.admin_list.items_for_result): at 40 blocs the
dashboard has 280 step cells and the nominations table 120 rows, and the template language spent
7 ms and 9 ms of each page on them."""

from functools import cache
from html import escape

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from documents.dates import vn_date_short

register = template.Library()


@cache
def _words(language: str) -> tuple[str, str, str]:
    # "by" in context: bare, other catalogues translate it as the doer of an act.
    return escape(_("done")), escape(_("overdue")), escape(pgettext("deadline", "by"))


@register.simple_tag
def bloc_row(row) -> str:
    """A bloc's row of the dashboard, for a bloc that has the year: its name (a link to the
    year), its members, a cell per step, its nominations."""
    danger = ' class="table-danger"' if row.overdue else ""
    return mark_safe(  # noqa: S308 - every value is escaped
        f'<tr{danger} data-bloc="{escape(row.bloc.slug)}">'
        f'<td><a href="{escape(row.link)}">{escape(row.bloc.name)}</a></td>'
        f'<td class="text-end">{row.members}</td>{_step_cells(row.steps)}'
        f'<td class="text-end">{row.nominations}</td></tr>'
    )


def _step_cells(steps) -> str:
    """A row's cells: ✔ and the day it was done; a red badge and the deadline when overdue;
    otherwise a dash (or the scoring count) and the deadline, if the province set one."""
    done, overdue, by = _words(get_language())
    cells = []
    for step in steps:
        if step.done:
            inner = (
                f'<span aria-hidden="true">✔</span><span class="visually-hidden">{done}</span> '
                f"{escape(step.note)}"
            )
        elif step.overdue:
            inner = (
                f'<span class="badge text-bg-danger">{overdue}</span> '
                f'<span class="d-block">{escape(step.due_text)}</span>'
            )
        else:
            inner = f'<span class="text-muted">{escape(step.note)}</span>'
            if step.due:
                inner += f'<span class="d-block text-muted">{by} {escape(step.due_text)}</span>'
        cells.append(f'<td class="text-center small">{inner}</td>')
    return "".join(cells)


@register.simple_tag
def nomination_cells(nomination) -> str:
    """A nomination's row: bloc, organization, rank, status, submission, and the province's
    decision once recorded (until then the template writes that cell: it may hold a choice)."""
    submission = escape(nomination.submission_number)
    if nomination.submission_date:
        submission += f" · {vn_date_short(nomination.submission_date)}"
    rank = "" if nomination.rank is None else nomination.rank
    cells = (
        f'<td><a href="{escape(nomination.bloc_link)}">{escape(nomination.bloc_label)}</a>'
        f"</td><td>{escape(nomination.organization_name)}</td>"
        f'<td class="text-end">{rank}</td><td>{escape(nomination.status_label)}</td>'
        f'<td class="small">{submission}</td>'
    )
    if nomination.decision_number:
        cells += (
            f'<td class="small">{escape(nomination.decision_number)} · '
            f"{vn_date_short(nomination.decision_date)}</td>"
        )
    return mark_safe(cells)  # noqa: S308 - every value above is escaped
