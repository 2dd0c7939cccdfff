"""Property-based: whatever is typed into one row of a score sheet, with or without htmx and with
any version number, the answer is never a 500; a refused row changes no score, no history and
not the sheet's version; an accepted row stores exactly the number typed, within 0 … max."""

from decimal import Decimal

import pytest
from hypothesis import event, example, given
from hypothesis import strategies as st

from documents.text import clean_text
from pledges.forms import parse_decimal
from pledges.models import Score, ScoreChange, ScoreSheet, ScoringSettings
from tests.fuzz.strategies import FUZZ, NASTY
from tests.pledges.factories import criteria_table
from tests.pledges.helpers import row_version, sheet_of

CENT = Decimal("0.01")


def _as_typed(number: Decimal, comma: bool) -> str:
    text = f"{number:f}"
    return text.replace(".", ",") if comma else text


def _meaning(text: str, number: Decimal) -> Decimal:
    """documents.numbers: a dot before exactly three digits groups thousands ("1.500" is 1500)
    unless the part before it is 0."""
    whole, dot, decimals = text.lstrip("-").partition(".")
    if dot and len(decimals) == 3 and whole != "0":
        return Decimal(text.replace(".", ""))
    return number


# (what is typed, the number it means when the test knows it)
NUMBERS = st.builds(
    lambda number, comma: (_as_typed(number, comma), _meaning(_as_typed(number, comma), number)),
    st.integers(0, 3).flatmap(
        lambda places: st.decimals(-15, 15, places=places, allow_nan=False, allow_infinity=False)
    ),
    st.booleans(),
)
HUGE = st.integers(-(10**40), 10**40).map(lambda i: (str(i), Decimal(i)))
POINTS = st.one_of(NUMBERS, HUGE, NASTY.map(lambda text: (text, None)))
# None: the version the page showed (the current one); "omit": no version field at all.
VERSIONS = st.one_of(st.none(), st.just("omit"), st.integers(), NASTY)
KINDS = st.sampled_from(["scored", "bonus", "deduction"])


@pytest.fixture
def url(bloc_year):
    return lambda suffix: f"/b/{bloc_year.bloc.slug}/{bloc_year.year}/{suffix}"


@pytest.fixture
def criteria(bloc_year):
    return {c.kind: c for c in criteria_table(bloc_year, scored=2, bonus=1, deduction=1)}


@pytest.fixture
def sheet(bloc_year, member_org, criteria):
    return sheet_of(bloc_year, member_org)


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


def snapshot(sheet):
    return (
        list(Score.objects.filter(sheet=sheet).order_by("pk").values()),
        list(ScoreChange.objects.filter(score__sheet=sheet).order_by("pk").values()),
        list(ScoreSheet.objects.filter(pk=sheet.pk).values()),
    )


def acceptable(criterion, number: Decimal) -> bool:
    """What the rules allow: 2 decimals at most; 0 … max, or −max … 0 on a deduction row."""
    if number.copy_abs() >= 10**12 or number != number.quantize(CENT):
        return False
    if criterion.is_deduction:
        return -criterion.max_points <= number <= 0
    return 0 <= number <= criterion.max_points


def magnitude(criterion, text: str) -> Decimal | None:
    """The stored value of an accepted input: blank clears the score; a deduction is stored as
    the positive number of points taken off."""
    text = clean_text(text)  # as every form cleans it: control characters go
    if not text:
        return None
    number = parse_decimal(text)
    return -number if criterion.is_deduction else number


def post_row(client, url, sheet, criterion, points, note, version, htmx):
    prefix = f"c{criterion.pk}-"
    data = {prefix + "points": points, prefix + "note": note}
    if version != "omit":
        data[prefix + "version"] = row_version(sheet, criterion) if version is None else version
    headers = {"HX-Request": "true"} if htmx else {}
    return client.post(url(f"sheets/{sheet.pk}/rows/{criterion.pk}/"), data, headers=headers)


def check_row_save(client, url, sheet, criterion, typed, note, version, htmx):
    text, known = typed
    sheet.refresh_from_db()
    before, version_before = snapshot(sheet), sheet.version
    old = Score.objects.filter(sheet=sheet, criterion=criterion).first()

    response = post_row(client, url, sheet, criterion, text, note, version, htmx)

    assert response.status_code < 500
    sheet.refresh_from_db()
    accepted = response.status_code == 302 or (htmx and b"save-ok" in response.content)
    event("accepted" if accepted else "refused")
    if htmx:
        # htmx swaps only 2xx answers, so the row with its message comes back as 200 either way.
        assert response.status_code == 200
    else:
        assert response.status_code in ((302,) if accepted else (400, 409))  # 409: stale version
    if not accepted:
        assert snapshot(sheet) == before
        return
    expected = magnitude(criterion, text)
    cleaned_note = clean_text(note, multiline=True)  # as the form stores it
    if ((old.self_points, old.note) if old else (None, "")) == (expected, cleaned_note):
        # The row already held these values: nothing moves, not even the version.
        assert snapshot(sheet) == before and sheet.version == version_before
        return
    assert sheet.version == version_before + 1
    score = Score.objects.get(sheet=sheet, criterion=criterion)
    if known is not None:  # the number as the test wrote it, not as the app reads it back
        assert expected == (-known if criterion.is_deduction else known)
    assert score.self_points == expected
    if expected is not None:
        assert 0 <= score.self_points <= criterion.max_points
        assert score.self_points == score.self_points.quantize(CENT)
    assert score.note == cleaned_note
    changes = ScoreChange.objects.filter(score__sheet=sheet).count() - len(before[1])
    # A change is recorded when the points change: a new row saved blank (a note only) has none.
    old_points = old.self_points if old is not None else None
    assert changes == (0 if old_points == expected else 1)
    others = [row for row in before[0] if row["criterion_id"] != criterion.pk]
    assert [row for row in snapshot(sheet)[0] if row["criterion_id"] != criterion.pk] == others
    if known is not None:
        assert acceptable(criterion, known)


def check_oracle(client, url, sheet, criterion, typed, htmx):
    """A number the test understands, sent with the current version and a plain note: accepted
    exactly when the rules allow it."""
    text, known = typed
    response = post_row(client, url, sheet, criterion, text, "", None, htmx)
    assert response.status_code < 500
    accepted = response.status_code == 302 or (htmx and b"save-ok" in response.content)
    assert accepted == acceptable(criterion, known)


@FUZZ
@given(kind=KINDS, typed=POINTS, note=NASTY, version=VERSIONS, htmx=st.booleans())
@example(kind="scored", typed=("1e309", None), note="", version=None, htmx=False)
@example(kind="bonus", typed=("9" * 400, None), note="", version=None, htmx=True)
@example(kind="deduction", typed=("2", Decimal(2)), note="", version=None, htmx=False)
@example(kind="deduction", typed=("-0", Decimal("-0")), note="", version=None, htmx=True)
@example(kind="scored", typed=("-0", Decimal("-0")), note="", version=None, htmx=False)
@example(kind="scored", typed=("9,999", Decimal("9.999")), note="", version=None, htmx=False)
@example(kind="scored", typed=("5", Decimal(5)), note="\x00", version=None, htmx=False)
@example(kind="scored", typed=("5", Decimal(5)), note="0\r0", version=None, htmx=False)
@example(kind="scored", typed=("5", Decimal(5)), note="", version=2**70, htmx=True)
@example(kind="scored", typed=("5", Decimal(5)), note="", version=-1, htmx=False)
def test_a_row_is_saved_exactly_or_not_at_all(
    member_client, url, sheet, criteria, kind, typed, note, version, htmx
):
    check_row_save(member_client, url, sheet, criteria[kind], typed, note, version, htmx)


@FUZZ
@given(kind=KINDS, typed=st.one_of(NUMBERS, HUGE), htmx=st.booleans())
def test_a_number_is_accepted_exactly_when_the_rules_allow_it(
    member_client, url, sheet, criteria, kind, typed, htmx
):
    check_oracle(member_client, url, sheet, criteria[kind], typed, htmx)


@FUZZ
@given(
    kind=KINDS,
    text=st.sampled_from(["1e309", "-1e309", "9" * 400, "-" + "9" * 400, "1e999999999", "NaN"]),
    htmx=st.booleans(),
)
def test_huge_and_not_a_number_values_are_refused_with_a_message(
    member_client, url, sheet, criteria, kind, text, htmx
):
    sheet.refresh_from_db()
    before = snapshot(sheet)
    response = post_row(member_client, url, sheet, criteria[kind], text, "", None, htmx)
    assert response.status_code == (200 if htmx else 400)
    assert snapshot(sheet) == before
    body = response.content.decode()
    assert "quá lớn" in body or "không phải là số" in body


SETTINGS = {
    "review_mode": "head",
    "aggregate": "mean",
    "tie_rule": "shared",
    "member_edit_phase": "scoring",
    "cross_scoring_phase": "review",
    "max_bonus": "",
    "max_deduction": "",
}


@FUZZ
@given(minimum=st.one_of(NASTY, HUGE.map(lambda typed: typed[0])), label=NASTY)
@example(minimum="1e400", label="Xuất sắc")
@example(minimum="9" * 5000, label="Xuất sắc")
def test_the_classification_bands_are_saved_or_refused_never_a_500(
    client, secretary, bloc_year, minimum, label
):
    client.force_login(secretary)
    before = list(ScoringSettings.objects.values())
    response = client.post(
        f"/b/{bloc_year.bloc.slug}/{bloc_year.year}/scoring/settings/",
        SETTINGS | {"bands": f"{minimum} | {label}\n0 | Khác"},
    )
    assert response.status_code in (302, 400)
    if response.status_code == 400:
        assert list(ScoringSettings.objects.values()) == before
    else:
        bands = ScoringSettings.objects.get(bloc_year=bloc_year).classification_bands
        assert all(abs(band[0]) < 10**12 for band in bands)
