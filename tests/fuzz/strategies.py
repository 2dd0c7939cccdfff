"""What the fuzz tests type: arbitrary text plus the values that broke parsers before, and the
hypothesis settings they share (a function-scoped database per test, so the examples of one test
see each other's writes: every property compares with a snapshot taken just before its post)."""

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

SPECIAL = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "Hội\u0301 Khuye\u0302\u0301n học",  # combining diacritics
    "e\u0301\u0301\u0301\u0301",
    "\u202eمرحبا",  # right-to-left override
    "\u200f\u200e\u2066x\u2069",  # bidi marks and isolates
    "\ufeff",
    "NaN",
    "nan",
    "sNaN",
    "-0",
    "-0.0",
    "−0",  # U+2212 minus
    "1e309",
    "-1e309",
    "1e-400",
    "Infinity",
    "-Infinity",
    "inf",
    "9" * 400,
    "1" + "0" * 30,
    "=SUM(A1)",
    "=1+1",
    "@cmd",
    "１２",  # full-width digits
    "٣",  # Arabic-Indic digit
    "\r\n\t",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
]

# Surrogates cannot travel in a UTF-8 request body; everything else may.
TEXT = st.text(alphabet=st.characters(exclude_categories=["Cs"]))
NASTY = st.one_of(TEXT, st.sampled_from(SPECIAL))

FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
