"""The scoring table's cells, written in Python as the admin writes its change list's cells
(django.contrib.admin.templatetags.admin_list.items_for_result): 30 criteria × 12 members are
360 cells, and the template language spent 4 ms of every table page on them."""

from django import template
from django.utils.safestring import mark_safe

from documents.templatetags.vn import vn_number

register = template.Library()


@register.simple_tag
def point_cells(cells) -> str:
    """One criterion's final points for each member, a dash where there are none."""
    return mark_safe(  # noqa: S308 - numbers and a dash only
        "".join(
            '<td class="num">—</td>' if cell is None else f'<td class="num">{vn_number(cell)}</td>'
            for cell in cells
        )
    )
