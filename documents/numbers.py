"""The one reading of a typed number, for every form, htmx row and spreadsheet import.

People here write numbers the Vietnamese way: "." groups thousands and "," marks decimals
("1.500" is one thousand five hundred, "10,5" ten and a half, "1.500,25" both). English input
is read where it cannot mean anything else ("9.5", "1,500.25").

The one ambiguous shape is a single "." followed by exactly three digits: "1.500" is 1500 in
Vietnamese and 1.5 in English. The Vietnamese reading wins (the users are Vietnamese offices and
their spreadsheets are formatted that way), and whoever means a decimal is told to use a comma.

Refused, with a message that says how to type the number: anything but ASCII digits, one sign,
"." "," and spaces ("٣", "３", "0_3", "1E-2", "1/2"); groups of thousands of the wrong size
("1.50.0"); more decimals than the field keeps; numbers too large for any field."""

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Larger than any point, figure or count the app keeps; also keeps Decimal arithmetic safe.
LIMIT = Decimal("1e12")

_SHAPE = re.compile(r"[+-]?[0-9][0-9., ]*|[+-]?[.,][0-9]+")
# Typed minus signs and spaces that are not ASCII but mean the same to a reader.
_SAME = str.maketrans({"\u2212": "-", "\u2013": "-", "\u00a0": " ", "\u202f": " ", "\u2009": " "})

HOW_TO_TYPE = _(
    "Type digits only, with a comma for decimals and dots (or nothing) between thousands, "
    "for example 10,5 or 1.500 or 1.500,25."
)


def _refuse(text: str, code: str = "invalid") -> ValidationError:
    return ValidationError(
        _("“%(value)s” is not a number. %(how)s"),
        params={"value": text[:40], "how": HOW_TO_TYPE},
        code=code,
    )


def _integer_part(digits: str, text: str) -> str:
    """ "1.500.000", "1,500,000" or "1 500 000" → "1500000"; a badly grouped number is refused."""
    if digits.isdigit():
        return digits
    if not re.fullmatch(r"[0-9]{1,3}(?:([., ])[0-9]{3})(?:\1[0-9]{3})*", digits):
        raise _refuse(text, "grouping")
    return re.sub(r"[., ]", "", digits)


def _split(raw: str, text: str) -> tuple[str, str]:
    """(integer part with its separators, decimals) of an unsigned number."""
    dots, commas = raw.count("."), raw.count(",")
    if dots and commas:
        # Both: the last one is the decimal mark, the other groups thousands.
        mark = "," if raw.rfind(",") > raw.rfind(".") else "."
        whole, _sep, decimals = raw.rpartition(mark)
        if mark in whole:
            raise _refuse(text, "grouping")
        return whole, decimals
    if commas == 1:
        whole, _sep, decimals = raw.partition(",")
        return whole, decimals
    if dots == 1:
        whole, _sep, decimals = raw.partition(".")
        # "1.500": thousands (the Vietnamese reading). "0.500", "1234.500", "9.5": a decimal,
        # since no Vietnamese grouping can have that shape.
        if len(decimals) == 3 and whole and whole != "0" and len(whole.replace(" ", "")) <= 3:
            return raw, ""
        return whole, decimals
    return raw, ""  # no mark, or several of one kind: grouping ("1.500.000", "1,500,000")


def parse_number(text, *, places: int | None = 2) -> Decimal:
    """A typed number → Decimal, or ValidationError saying how to type it.

    `places`: at most this many decimals (None: any). Numbers from a spreadsheet cell (int,
    float, Decimal) are taken as they are, floats rounded to what Excel shows."""
    if isinstance(text, bool):
        raise _refuse(str(text))
    if isinstance(text, int | Decimal | float):
        # A float cell holds 0.30000000000000004 where Excel shows 0.3: take what it shows.
        value = Decimal(format(text, ".15g")) if isinstance(text, float) else Decimal(text)
        if not value.is_finite():
            raise _refuse(str(text))
        return _checked(value, places, str(text))
    raw = str(text).translate(_SAME).strip()
    raw = " ".join(raw.split())
    if not raw.isascii() or not _SHAPE.fullmatch(raw):
        raise _refuse(str(text))
    sign = ""
    if raw[0] in "+-":
        sign, raw = ("-" if raw[0] == "-" else ""), raw[1:].lstrip()
    whole, decimals = _split(raw, str(text))
    if not decimals.isdigit() and decimals:
        raise _refuse(str(text))
    whole = _integer_part(whole, str(text)) if whole else "0"
    value = Decimal(f"{sign}{whole}.{decimals}" if decimals else f"{sign}{whole}")
    return _checked(value, places, str(text))


def _checked(value: Decimal, places: int | None, text: str) -> Decimal:
    # The size before any arithmetic: quantize() of 400 digits overflows the decimal context.
    if value.copy_abs() >= LIMIT:
        raise ValidationError(_("The number is too large."), code="max_digits")
    if places is None:
        return value + 0
    step = Decimal(1).scaleb(-places)
    if value != value.quantize(step):
        raise ValidationError(
            _("Use at most %(places)s decimal places (after the comma): “%(value)s”."),
            params={"places": places, "value": text[:40]},
            code="places",
        )
    return value.quantize(step) + 0  # no "-0.00"
