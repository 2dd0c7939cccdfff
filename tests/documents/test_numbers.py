"""One reading of a typed number for every form, htmx row and import (documents/numbers.py):
Vietnamese grouping and decimals, English where it cannot mean anything else, and a refusal
that says how to type the number for anything else."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from documents.numbers import parse_number
from documents.templatetags.vn import vn_number
from pledges.forms import DecimalTextField, parse_decimal


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("1.500", "1500"),  # Vietnamese thousands, never 1.5
        ("10,5", "10.5"),
        ("1.500,25", "1500.25"),
        ("1.234.567", "1234567"),
        ("1 500", "1500"),
        ("1,500.25", "1500.25"),  # English, unambiguous
        ("9.5", "9.5"),  # a dot with one or two decimals can only be a decimal point
        ("0.500", "0.5"),  # no grouping starts with 0
        ("−2", "-2"),
        ("-2,5", "-2.5"),
        (",5", "0.5"),
        (" 7 ", "7"),
        (12, "12"),
        (2.5, "2.5"),
        (0.1 + 0.2, "0.3"),  # a float cell is read as Excel shows it
    ],
)
def test_numbers_are_read_the_vietnamese_way_and_english_where_unambiguous(typed, value):
    assert parse_number(typed, places=2) == Decimal(value)


@pytest.mark.parametrize(
    "typed", ["٣", "３", "0_3", "1E-2", "1e999", "²", "a\x00b", "1.50.0", "1.5,25", "1,5,0", "--1"]
)
def test_anything_else_is_refused_with_how_to_type_it(typed):
    with pytest.raises(ValidationError) as refused:
        parse_number(typed)
    assert "ví dụ 10,5 hoặc 1.500" in " ".join(refused.value.messages)


def test_too_many_decimals_and_too_large_numbers_are_refused():
    with pytest.raises(ValidationError, match="tối đa 2 chữ số thập phân"):
        parse_number("9,125")
    with pytest.raises(ValidationError, match="Số quá lớn"):
        parse_number("9" * 400)


def test_the_forms_parser_is_the_same_parser():
    assert parse_decimal("1.500") == Decimal(1500)
    assert DecimalTextField().clean("1.500,5") == Decimal("1500.50")
    with pytest.raises(ValidationError):
        DecimalTextField().clean("３")


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False))
def test_what_the_app_prints_reads_back_as_the_same_number(number):
    assert parse_number(vn_number(number)) == number
