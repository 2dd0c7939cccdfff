"""The ranking's bar chart, drawn on the server as SVG: the same markup goes into the page and
into the PDF, no JavaScript and no network."""

from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

ROW = 26
LABEL_WIDTH = 250
BAR_AREA = 360
VALUE_WIDTH = 70
TOP = 8
FONT = "Liberation Sans, Arial, Helvetica, sans-serif"
COLOURS = {1: "#0d6efd", 2: "#3d8bfd", 3: "#6ea8fe"}
OTHER = "#9ec5fe"


def _number(value: Decimal) -> str:
    """Vietnamese style, as vn_number prints it: 95,5 rather than 95.50."""
    text = f"{value.quantize(Decimal('0.01')):f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def _short(text: str, limit: int = 38) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def ranking_chart(rows, *, title: str = "") -> SafeString:
    """Horizontal bars, one per ranked member, longest on top. `rows` are RankRow objects."""
    if not rows:
        return mark_safe("")
    top = max((r.total for r in rows), default=Decimal(0))
    scale = top if top > 0 else Decimal(1)
    height = TOP * 2 + ROW * len(rows)
    width = LABEL_WIDTH + BAR_AREA + VALUE_WIDTH
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="ranking-chart img-fluid" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'font-family="{FONT}" font-size="12" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>" if title else "",
    ]
    for index, row in enumerate(rows):
        y = TOP + index * ROW
        length = max(int(BAR_AREA * max(row.total, Decimal(0)) / scale), 1)
        name = row.organization.short_name or row.organization.name
        colour = COLOURS.get(row.rank, OTHER)
        parts.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y + ROW / 2 + 4}" text-anchor="end">'
            f"{row.rank}. {escape(_short(name))}</text>"
            f'<rect x="{LABEL_WIDTH}" y="{y + 4}" width="{length}" height="{ROW - 8}" '
            f'fill="{colour}"/>'
            f'<text x="{LABEL_WIDTH + length + 4}" y="{y + ROW / 2 + 4}">'
            f"{_number(row.total)}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text above is escaped
