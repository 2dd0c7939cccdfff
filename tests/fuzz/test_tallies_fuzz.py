"""Property-based: whatever numbers the secretariat types into a tally (a nomination's or an
election candidate's), the answer is never a 500; a refused tally changes no vote, nomination,
history or election; an accepted one never counts more ballots than members present."""

import pytest
from hypothesis import event, example, given
from hypothesis import strategies as st

from awards import services
from awards.models import Candidate, Election, Nomination, NominationEvent, Vote
from tests.awards.factories import (
    hold_meeting,
    members,
    nominate,
    ranking,  # noqa: F401 - the fixture
)
from tests.fuzz.strategies import FUZZ, NASTY

PRESENT = 4  # of the 5 members: a quorum of 2/3
# The counts of a secret ballot, the year's default (a show of hands counts abstentions instead
# of invalid ballots: the form then has votes_abstain where it has invalid).
FIELDS = ["votes_for", "votes_against", "invalid"]

# (what is posted, the number it is when the test knows it); None posted: the field is left out.
COUNT = st.one_of(
    st.integers(-3, PRESENT + 2).map(lambda n: (str(n), n)),
    st.integers().map(lambda n: (str(n), n)),
    st.just((str(10**30), 10**30)),
    # Past Python's 4300-digit limit for int(text), and spellings Django may or may not read.
    st.sampled_from(
        ["-" + "9" * 5000, "1" * 4301, "1.0", " 2 ", "+1", "2.5", "1e3", "0x1", "1_0"]
    ).map(lambda s: (s, None)),
    NASTY.map(lambda text: (text, None)),
    st.just((None, None)),
)
# Wild values in every field, or small counts around the number present (most of them valid).
COUNTS = st.one_of(
    st.fixed_dictionaries({name: COUNT for name in FIELDS}),
    st.fixed_dictionaries(
        {name: st.integers(0, PRESENT).map(lambda n: (str(n), n)) for name in FIELDS}
    ),
)


@pytest.fixture
def orgs(bloc_year, ranking):  # noqa: F811 - the fixture imported above
    ranking(bloc_year, members(bloc_year))
    hold_meeting(bloc_year, present=members(bloc_year)[:PRESENT])
    return members(bloc_year)


@pytest.fixture
def nomination(bloc_year, orgs):
    return nominate(bloc_year, orgs[2])


@pytest.fixture
def candidate(bloc_year, orgs):
    """A candidate for head, beside a rival who already has one vote for."""
    rival = services.candidate_add(bloc_year=bloc_year, post="head", organization=orgs[1])
    services.candidate_record_tally(candidate=rival, votes_for=1, user=None)
    return services.candidate_add(bloc_year=bloc_year, post="head", organization=orgs[0])


@pytest.fixture
def secretary_client(client, secretary):
    client.force_login(secretary)
    return client


def url(bloc_year, suffix):
    return f"/b/{bloc_year.bloc.slug}/{bloc_year.year}/awards/{suffix}"


def snapshot():
    values = [
        list(model.objects.order_by("pk").values())
        for model in (Vote, Nomination, NominationEvent, Election, Candidate)
    ]
    for row in values[0]:
        row.pop("recorded_at")  # auto_now: only an accepted tally writes the row
    return values


def posted(counts: dict) -> dict:
    return {name: text for name, (text, _n) in counts.items() if text is not None}


def allowed(counts: dict, limit: int = PRESENT) -> bool | None:
    """Whether the rules accept these numbers; None when the test cannot tell (text)."""
    numbers = {name: number for name, (_text, number) in counts.items()}
    if None in numbers.values():
        return None
    return (
        all(n >= 0 for n in numbers.values())
        and sum(numbers.values()) <= PRESENT
        and numbers["votes_for"] <= limit
    )


def check(response, counts, before, vote_of, limit=PRESENT):
    assert response.status_code in (200, 302, 400)
    accepted = response.status_code == 302
    event("accepted" if accepted else "refused")
    expected = allowed(counts, limit)
    if expected is not None:
        assert accepted == expected
    if not accepted:
        assert snapshot() == before
        return
    vote = vote_of()
    assert vote.votes_abstain == 0  # nobody abstains in secret
    numbers = {name: getattr(vote, name) for name in FIELDS}
    if expected is not None:
        assert numbers == {name: counts[name][1] for name in FIELDS}
    assert all(n >= 0 for n in numbers.values())
    assert sum(numbers.values()) <= vote.voters == PRESENT


@FUZZ
@given(counts=COUNTS)
@example(counts={name: ("0", 0) for name in FIELDS} | {"votes_for": ("4", 4)})
@example(counts={name: ("1", 1) for name in FIELDS} | {"votes_for": ("2", 2)})
@example(counts={name: ("0", 0) for name in FIELDS} | {"invalid": ("-1", -1)})
@example(counts={name: (str(10**30), 10**30) for name in FIELDS})
@example(counts={name: ("0", 0) for name in FIELDS} | {"votes_for": ("\x00", None)})
def test_a_nomination_tally_is_recorded_whole_or_not_at_all(
    secretary_client, bloc_year, nomination, counts
):
    before = snapshot()
    response = secretary_client.post(
        url(bloc_year, f"nominations/{nomination.pk}/tally/"), posted(counts)
    )
    check(response, counts, before, lambda: Vote.objects.get(nomination=nomination))
    if response.status_code == 302:
        nomination.refresh_from_db()
        assert nomination.status in (Nomination.Status.VOTED, Nomination.Status.NOT_PASSED)
        assert nomination.events.order_by("pk").last().action == NominationEvent.Action.TALLY


@FUZZ
@given(counts=COUNTS)
@example(counts={name: ("0", 0) for name in FIELDS} | {"votes_for": ("3", 3)})
@example(counts={name: ("0", 0) for name in FIELDS} | {"votes_for": ("4", 4)})
@example(counts={name: ("-1", -1) for name in FIELDS})
@example(counts={name: ("9" * 400, int("9" * 400)) for name in FIELDS})
def test_a_candidate_tally_is_recorded_whole_or_not_at_all(
    secretary_client, bloc_year, candidate, counts
):
    before = snapshot()
    response = secretary_client.post(
        url(bloc_year, f"election/candidates/{candidate.pk}/tally/"), posted(counts)
    )
    # The rival already has 1 vote for: together at most the members present.
    check(
        response,
        counts,
        before,
        lambda: Vote.objects.get(candidate=candidate, round=1),
        limit=PRESENT - 1,
    )
    if response.status_code == 302:
        rival_votes = Vote.objects.exclude(candidate=candidate).get().votes_for
        assert Vote.objects.get(candidate=candidate).votes_for + rival_votes <= PRESENT
