"""Template filters for Vietnamese dates and numbers, built into every template."""

import datetime
from decimal import Decimal

from django import template
from django.utils.html import format_html

from documents import dates
from documents.layout import split_place

register = template.Library()


def _as_date(value):
    if isinstance(value, datetime.datetime):
        from django.utils import timezone

        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


@register.filter
def vn_date(value):
    return dates.vn_date_long(_as_date(value))


@register.filter
def vn_short(value):
    return dates.vn_date_short(_as_date(value))


@register.filter
def vn_number(value, places=2):
    """Vietnamese number style: "." groups thousands, "," marks decimals; trailing zeros dropped."""
    if value is None or value == "":
        return ""
    number = Decimal(value).quantize(Decimal(1).scaleb(-int(places)))
    text = f"{number:,.{int(places)}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")


@register.filter
def person(user) -> str:
    """A person's name in Vietnamese order, family name first ("Hà Thị Ngoan"); the e-mail or
    the login name when the account has no name."""
    if not user:
        return ""
    name = " ".join(part for part in (user.last_name, user.first_name) if part)
    return name or getattr(user, "email", "") or user.get_username()


@register.filter
def header_line(line: str):
    """A header line whose closing place name stays on one line (documents.layout.split_place)."""
    before, place = split_place(line)
    if not place:
        return line
    return format_html('{}<span class="nowrap">{}</span>', before, place)
